"""The squad pages (thin): list, station a squad, its page with what each role may do."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.core.views import add_errors, domain_errors, post_form
from quanze.enforcement.squads import selectors, services
from quanze.enforcement.squads.forms import (
    AnswerForm,
    AppraisalForm,
    AttendanceForm,
    ConsentForm,
    EquipmentForm,
    FilterForm,
    LeaveForm,
    MemberForm,
    SquadForm,
)
from quanze.enforcement.squads.models import HeadConsent
from quanze.org.models import Department, Division
from quanze.org.roles import is_department_clerk, is_township_clerk

PAGE_SIZE = 50


@login_required
def squad_list(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.squad_list(
        request.user,
        q=data.get("q") or "",
        township=data.get("township"),
        department=data.get("department"),
        sort=data.get("sort") or "township",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    visible = selectors.squads_visible(request.user)
    return render(
        request,
        "enforcement/squads/squad_list.html",
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "townships": Division.objects.filter(pk__in=visible.values("township_id")),
            "departments": Department.objects.filter(pk__in=visible.values("department_id")),
            "can_create": is_department_clerk(request.user),
            "township_equipment": selectors.township_equipment(request.user)[:50],
            "equipment_form": EquipmentForm() if is_township_clerk(request.user) else None,
        },
    )


@login_required
@domain_errors
def squad_create(request):
    if not is_department_clerk(request.user):
        raise PermissionDenied(services.DEPARTMENT_ONLY)
    form = SquadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            squad = services.squad_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已设立{squad.name}")
            return redirect("enforcement:squad_detail", pk=squad.pk)
    return render(request, "enforcement/squads/squad_form.html", {"form": form})


@login_required
@domain_errors
def squad_detail(request, pk):
    squad = selectors.access_squad(request.user, pk)
    user = request.user
    department = is_department_clerk(user) and user.department_id == squad.department_id
    township = is_township_clerk(user) and user.township_id == squad.township_id
    consents = squad.consents.select_related("candidate", "requested_by", "answered_by")
    pending = next((c for c in consents if c.state == HeadConsent.State.PENDING), None)
    equipment = list(squad.equipment.all())
    return render(
        request,
        "enforcement/squads/squad_detail.html",
        {
            "squad": squad,
            "members": squad.members.select_related("officer").order_by("left_on", "officer__name"),
            "equipment": equipment,
            "equipment_totals": selectors.equipment_totals(equipment),
            "attendance": squad.attendance.select_related("officer")[:60],
            "appraisals": squad.appraisals.all(),
            "consents": consents,
            "pending": pending,
            "department": department,
            "township": township,
            "member_form": MemberForm(squad=squad) if department else None,
            "leave_form": LeaveForm() if department else None,
            "equipment_form": EquipmentForm() if department else None,
            "consent_form": ConsentForm(squad=squad) if department and not pending else None,
            "attendance_form": AttendanceForm(squad=squad) if township else None,
            "appraisal_form": AppraisalForm() if township else None,
            "answer_form": AnswerForm() if township and pending else None,
        },
    )


def _post(request, squad, form, prefix: str, call, done: str):
    to = reverse("enforcement:squad_detail", args=[squad.pk])
    return post_form(request, form, call, prefix=prefix, done=done, to=to)


@login_required
@require_POST
@domain_errors
def member_add(request, pk):
    squad = selectors.access_squad(request.user, pk)
    services.require_department(request.user, squad)
    form = MemberForm(request.POST, squad=squad)
    call = lambda **data: services.member_add(by=request.user, squad=squad, **data)  # noqa: E731
    return _post(request, squad, form, "派驻队员", call, "已派驻队员")


@login_required
@require_POST
@domain_errors
def member_leave(request, pk):
    member = selectors.access_member(request.user, pk)
    services.require_department(request.user, member.squad)
    form = LeaveForm(request.POST)
    call = lambda **data: services.member_leave(by=request.user, member=member, **data)  # noqa: E731
    return _post(request, member.squad, form, "撤回队员", call, "已撤回队员")


@login_required
@require_POST
@domain_errors
def equipment_add(request, pk):
    squad = selectors.access_squad(request.user, pk)
    services.require_department(request.user, squad)
    form = EquipmentForm(request.POST)
    call = lambda **data: services.equipment_add(by=request.user, squad=squad, **data)  # noqa: E731
    return _post(request, squad, form, "登记装备", call, "已登记装备")


@login_required
@require_POST
@domain_errors
def township_equipment_add(request):
    if not is_township_clerk(request.user):
        raise PermissionDenied("只有乡镇(街道)可以登记本乡镇执法队伍的装备")
    call = lambda **data: services.equipment_add(by=request.user, **data)  # noqa: E731
    return post_form(
        request,
        EquipmentForm(request.POST),
        call,
        prefix="登记装备",
        done="已登记装备",
        to="enforcement:squad_list",
    )


@login_required
@require_POST
@domain_errors
def attendance_record(request, pk):
    squad = selectors.access_squad(request.user, pk)
    services.require_township(request.user, squad)
    form = AttendanceForm(request.POST, squad=squad)
    call = lambda **data: services.attendance_record(by=request.user, squad=squad, **data)  # noqa: E731
    return _post(request, squad, form, "考勤", call, "已登记考勤")


@login_required
@require_POST
@domain_errors
def appraisal_record(request, pk):
    squad = selectors.access_squad(request.user, pk)
    services.require_township(request.user, squad)
    form = AppraisalForm(request.POST)
    call = lambda **data: services.appraisal_record(by=request.user, squad=squad, **data)  # noqa: E731
    return _post(request, squad, form, "考评", call, "已登记考评,已通知派出部门")


@login_required
@require_POST
@domain_errors
def consent_request(request, pk):
    squad = selectors.access_squad(request.user, pk)
    services.require_department(request.user, squad)
    form = ConsentForm(request.POST, squad=squad)
    call = lambda **data: services.consent_request(by=request.user, squad=squad, **data)  # noqa: E731
    return _post(request, squad, form, "征求意见", call, "已向乡镇(街道)征求意见")


@login_required
@require_POST
@domain_errors
def consent_answer(request, pk):
    consent = selectors.access_consent(request.user, pk)
    services.require_township(request.user, consent.squad)
    form = AnswerForm(request.POST)
    call = lambda **data: services.consent_answer(by=request.user, consent=consent, **data)  # noqa: E731
    return _post(request, consent.squad, form, "答复", call, "已答复,已通知派出部门")
