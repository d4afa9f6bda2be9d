"""The exam pages (thin): sittings, registration, results import, certificates, rates."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.exams import selectors, services
from quanze.enforcement.exams.forms import (
    CandidateFilterForm,
    IssueForm,
    RegisterForm,
    ResultsForm,
    SittingForm,
)
from quanze.enforcement.exams.models import Sitting
from quanze.enforcement.exams.results import ResultsRejected
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.officers.selectors import officers_writable
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk


def may_register(user) -> bool:
    return is_reviewer(user) or is_township_clerk(user) or is_department_clerk(user)


@login_required
def exam_list(request):
    q = request.GET.get("q", "").strip()[:50]
    state = request.GET.get("state", "")
    sort = request.GET.get("sort", "-held_on")
    rows = selectors.sitting_list(request.user, q=q, state=state, sort=sort)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enforcement/exams/list.html",
        {
            "page": page,
            "q": q,
            "state": state,
            "sort": sort,
            "states": Sitting.State.choices,
            "query": query.urlencode(),
            "can_create": is_reviewer(request.user),
        },
    )


@login_required
@domain_errors
def exam_create(request):
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以组织执法资格考试")
    form = SittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sitting = services.sitting_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已创建{sitting.title}")
            return redirect("enforcement:exam_detail", pk=sitting.pk)
    return render(request, "enforcement/exams/form.html", {"form": form})


def _registrable(user, sitting):
    return (
        officers_writable(user)
        .filter(active=True)
        .exclude(post_type=Officer.PostType.AUXILIARY)
        .exclude(exam_entries__sitting=sitting)
        .select_related("township", "department")
    )


@login_required
@domain_errors
def exam_detail(request, pk):
    sitting = selectors.access_sitting(request.user, pk)
    filters = CandidateFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.candidate_list(
        request.user,
        sitting,
        q=data.get("q", ""),
        result=data.get("result", ""),
        sort=data.get("sort", ""),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    bureau = is_reviewer(request.user)
    registering = sitting.state == Sitting.State.REGISTERING
    register_form = None
    if registering:
        choices = _registrable(request.user, sitting)
        if choices.exists():
            register_form = RegisterForm(officers=choices)
    rates = selectors.pass_rates(sitting)
    chart = {
        "units": [[u.unit, u.sat, u.passed, round((u.rate or 0) * 100, 1)] for u in rates.units]
    }
    return render(
        request,
        "enforcement/exams/detail.html",
        {
            "sitting": sitting,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "rates": rates,
            "chart": chart,
            "register_form": register_form,
            "results_form": ResultsForm() if bureau else None,
            "issue_form": IssueForm() if bureau and rates.passed > rates.certified else None,
        },
    )


def _report(request, error: ValidationError, label: str) -> None:
    for text in messages_of(error):
        messages.error(request, f"{label}:{text}")


@login_required
@require_POST
@domain_errors
def exam_register(request, pk):
    sitting = selectors.access_sitting(request.user, pk)
    if not may_register(request.user):
        raise PermissionDenied("只有司法局或本单位经办人可以报名")
    form = RegisterForm(request.POST, officers=_registrable(request.user, sitting))
    if not form.is_valid():
        messages.error(request, "报名:请选择本单位的在岗执法人员")
        return redirect("enforcement:exam_detail", pk=pk)
    try:
        done = services.candidates_register(
            by=request.user, sitting=sitting, officers_=list(form.cleaned_data["officers"])
        )
    except ValidationError as error:
        _report(request, error, "报名")
    else:
        messages.success(request, f"已报名{len(done)}人")
    return redirect("enforcement:exam_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def exam_results(request, pk):
    sitting = selectors.access_sitting(request.user, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以导入考试成绩")
    form = ResultsForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(e) for es in form.errors.values() for e in es]
        messages.error(request, f"导入成绩:{';'.join(errors) or '请选择成绩表文件'}")
        return redirect("enforcement:exam_detail", pk=pk)
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower()[:8])
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        warnings: list[str] = []
        try:
            count = services.results_import(
                by=request.user, sitting=sitting, path=path, file_name=name, warnings=warnings
            )
        except ResultsRejected as rejected:
            return render(
                request,
                "enforcement/exams/rejected.html",
                {"sitting": sitting, "problems": rejected.problems[:200], "file_name": name},
                status=200,
            )
        except ValidationError as error:
            _report(request, error, "导入成绩")
            return redirect("enforcement:exam_detail", pk=pk)
    for text in warnings:
        messages.warning(request, text)
    messages.success(request, f"已导入{count}名考生的成绩")
    return redirect("enforcement:exam_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def exam_issue(request, pk):
    sitting = selectors.access_sitting(request.user, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以核发执法证")
    form = IssueForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"核发执法证:{label}:{error}")
        return redirect("enforcement:exam_detail", pk=pk)
    try:
        issued = services.certificates_issue(by=request.user, sitting=sitting, **form.cleaned_data)
    except ValidationError as error:
        _report(request, error, "核发执法证")
    else:
        messages.success(request, f"已为{len(issued)}名合格考生核发执法证")
    return redirect("enforcement:exam_detail", pk=pk)
