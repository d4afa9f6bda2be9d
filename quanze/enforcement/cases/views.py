"""The case pages: the team's queue, opening a case (from an event too), the case with its
steps, evidence and log. Thin: forms validate, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.links import related_links
from quanze.core.views import add_errors, domain_errors, post_form
from quanze.dispatch.events.selectors import access_event
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases import selectors, services
from quanze.enforcement.cases.forms import (
    CaseOpenForm,
    CustodyForm,
    EvidenceForm,
    QueueForm,
    StepForm,
)
from quanze.enforcement.cases.links import can_open_from
from quanze.enforcement.cases.models import Case
from quanze.org.roles import is_department_clerk, is_township_clerk

PAGE_SIZE = 50


@login_required
def case_list(request):
    form = QueueForm(request.GET or None)
    form.fields["queue"].choices = list(selectors.QUEUES.items())
    filters = form.cleaned_data if form.is_valid() else {}
    queue = filters.get("queue") or "open"
    rows = selectors.case_queue(
        request.user,
        queue=queue,
        state=filters.get("state", ""),
        source=filters.get("source", ""),
        q=filters.get("q", ""),
        sort=filters.get("sort") or "due",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.queue_counts(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enforcement/case_list.html",
        {
            "page": page,
            "form": form,
            "queue": queue,
            "queues": [(k, label, counts[k]) for k, label in selectors.QUEUES.items()],
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_open": is_township_clerk(request.user) or is_department_clerk(request.user),
        },
    )


@login_required
@domain_errors
def case_open(request):
    if not (is_township_clerk(request.user) or is_department_clerk(request.user)):
        raise PermissionDenied("只有乡镇(街道)综合执法队伍或县直部门可以办理执法案件")
    event = None
    event_id = request.POST.get("event") or request.GET.get("event")
    if event_id:
        try:
            event = access_event(request.user, int(event_id))
        except ValueError:
            raise Http404("事件不存在") from None
        if not can_open_from(request.user, event):
            raise PermissionDenied("只能从本单位的事件立案")
    initial = {}
    if event is not None:
        initial = {
            "event": event.pk,
            "source": Case.Source.EVENT,
            "title": event.description[:200],
            "facts": event.description,
            "place": " ".join(x for x in (str(event.township), event.address) if x),
            "source_detail": event.number,
        }
    form = CaseOpenForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("event", None)
        try:
            case = services.case_open(by=request.user, event=event, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已登记案件{case.number}")
            return redirect("enforcement:case_detail", pk=case.pk)
    return render(request, "enforcement/case_form.html", {"form": form, "event": event})


def _step_forms(user, case):
    if not selectors.can_handle(user, case) and not selectors.can_act(user, case, "review"):
        return []
    facts = case.facts_for_machine()
    actions = [a for a in m.allowed(case.state, facts) if selectors.can_act(user, case, a)]
    actions.sort(key=lambda a: a == "drop")  # the form opened first is the next step, not 撤销
    return [(a, m.ACTIONS[a], StepForm(action=a, case=case, prefix=a)) for a in actions]


@login_required
@domain_errors
def case_detail(request, pk):
    case = selectors.access_case(request.user, pk)
    handles = selectors.can_handle(request.user, case)
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "steps": selectors.case_steps(case),
            "evidence": selectors.case_evidence(case),
            "step_forms": _step_forms(request.user, case),
            "annotate_form": StepForm(action="annotate", case=case, prefix="annotate"),
            "evidence_form": EvidenceForm(case=case) if handles and not case.is_final else None,
            "custody_form": CustodyForm() if handles and not case.is_final else None,
            "grounds": [m.REVIEW_GROUNDS[g] for g in case.review_grounds if g in m.REVIEW_GROUNDS],
            "related": related_links(request.user, case),
        },
    )


@login_required
@require_POST
@domain_errors
def case_step(request, pk, action):
    case = selectors.access_case(request.user, pk)
    if action not in m.ACTIONS:
        raise Http404("没有这个步骤")
    form = StepForm(request.POST, action=action, case=case, prefix=action)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(
                    request, f"{m.ACTIONS[action]}:{label + ':' if label else ''}{error}"
                )
        return redirect("enforcement:case_detail", pk=pk)
    data = dict(form.cleaned_data)
    try:
        version = int(request.POST.get("row_version", ""))
    except ValueError:
        version = None
    try:
        services.case_step(
            by=request.user,
            case=case,
            action=action,
            row_version=version,
            on=data.pop("on"),
            officers=data.pop("officers", ()),
            summary=data.pop("summary", ""),
            place=data.pop("place", ""),
            **data,
        )
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"{m.ACTIONS[action]}:{text}")
    else:
        messages.success(request, f"已{m.ACTIONS[action]}")
    return redirect("enforcement:case_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def evidence_add(request, pk):
    case = selectors.access_case(request.user, pk)
    call = lambda **data: services.evidence_add(by=request.user, case=case, **data)  # noqa: E731
    return post_form(
        request,
        EvidenceForm(request.POST, request.FILES, case=case),
        call,
        prefix="登记证据",
        done="已登记证据",
        to=reverse("enforcement:case_detail", args=[pk]),
    )


@login_required
@require_POST
@domain_errors
def custody_add(request, pk):
    evidence = selectors.access_evidence(request.user, pk)
    call = lambda **data: services.custody_add(by=request.user, evidence=evidence, **data)  # noqa: E731
    return post_form(
        request,
        CustodyForm(request.POST),
        call,
        prefix="证据保管",
        done="已登记保管环节",
        invalid="证据保管:请填写环节、时间和保管人",
        to=reverse("enforcement:case_detail", args=[evidence.case_id]),
    )


@login_required
@domain_errors
def evidence_file(request, pk):
    evidence = selectors.access_evidence(request.user, pk)
    stored = services.evidence_file(request.user, evidence)
    return FileResponse(stored.open("rb"), as_attachment=True, filename=evidence.file_name)
