"""Pages of admission (准入): departments file and revise, the office decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.duties.admission import selectors, services
from quanze.duties.admission.forms import AdmissionForm, DecisionForm
from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.eventlog import events_for
from quanze.duties.rules import office_of, require_office
from quanze.org.roles import is_department_clerk


@login_required
def admission_list(request):
    requests = selectors.admissions_visible(request.user).order_by("-created_at")
    return render(
        request,
        "duties/admission_list.html",
        {"requests": requests, "can_file": is_department_clerk(request.user)},
    )


def _values(form):
    data = dict(form.cleaned_data)
    townships = list(data.pop("townships") or [])
    return data, townships


@login_required
@domain_errors
def admission_create(request):
    if not is_department_clerk(request.user):
        raise Forbidden("只有县直部门经办人可以提出准入申请")
    form = AdmissionForm(request.POST or None, county_id=request.user.county_id)
    if request.method == "POST" and form.is_valid():
        data, townships = _values(form)
        try:
            created = services.admission_create(
                by=request.user, department=request.user.department, townships=townships, **data
            )
            return redirect("duties:admission_detail", created.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {
            "form": form,
            "title": "提出准入申请",
            "note": "向乡镇(街道)新增职责须说明理由、依据,以及随事转移的人员、经费和装备(权随事转、人随事转、钱随事转)。",
        },
    )


@login_required
@domain_errors
def admission_detail(request, pk):
    obj = selectors.access_admission(request.user, pk)
    can_edit = (
        obj.state in services.EDITABLE
        and is_department_clerk(request.user)
        and request.user.department_id == obj.department_id
    )
    can_decide = obj.state == AdmissionRequest.State.SUBMITTED and office_of(
        request.user, obj.county_id
    )
    return render(request, "duties/admission_detail.html", {
        "obj": obj, "events": events_for(obj), "can_edit": can_edit, "can_decide": can_decide,
        "decision_form": DecisionForm(initial={"row_version": obj.row_version}),
    })  # fmt: skip


@login_required
@domain_errors
def admission_edit(request, pk):
    obj = access_for_write(selectors.access_admission, request.user, pk)
    initial = {"field_name": obj.field.name if obj.field_id else ""}
    form = AdmissionForm(
        request.POST or None,
        instance=AdmissionRequest.objects.get(pk=obj.pk),
        county_id=obj.county_id,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data, townships = _values(form)
        try:
            services.admission_update(
                by=request.user,
                request=obj,
                row_version=request.POST.get("row_version", obj.row_version),
                townships=townships,
                **data,
            )
            return redirect("duties:admission_detail", obj.pk)
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {"form": form, "title": f"修改{obj}", "row_version": obj.row_version},
    )


@login_required
@domain_errors
@require_POST
def admission_submit(request, pk):
    obj = access_for_write(selectors.access_admission, request.user, pk)
    try:
        services.admission_submit(by=request.user, request=obj)
        messages.success(request, "已提交编办审核")
    except ValidationError as error:
        messages.error(request, ";".join(messages_of(error)))
    return redirect("duties:admission_detail", obj.pk)


@login_required
@domain_errors
@require_POST
def admission_decide(request, pk):
    obj = selectors.access_admission(request.user, pk)
    require_office(request.user, obj.county_id, services.OFFICE_ONLY)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写审核决定")
        return redirect("duties:admission_detail", obj.pk)
    data = form.cleaned_data
    opinions = {k: data[k] for k in ("legality_opinion", "reasonableness_opinion", "row_version")}
    try:
        if data["action"] == "admit":
            services.admission_admit(
                by=request.user,
                request=obj,
                effective_date=data["effective_date"],
                document_number=data["document_number"],
                **opinions,
            )
        elif data["action"] == "changes":
            services.admission_request_changes(
                by=request.user, request=obj, reason=data["reason"], **opinions
            )
        else:
            services.admission_refuse(
                by=request.user, request=obj, reason=data["reason"], **opinions
            )
        messages.success(request, "审核决定已记录")
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, ";".join(messages_of(error)))
    return redirect("duties:admission_detail", obj.pk)
