"""The staffing pages (thin): the report with charts and its export, the quotas with the
office's forms and the import, and 编随事走 for a delegation decision."""

import tempfile
from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from quanze.core.views import domain_errors, post_form
from quanze.delegation.decisions.selectors import access_decision
from quanze.enforcement.staffing import export, selectors, services
from quanze.enforcement.staffing.follow import decision_posts
from quanze.enforcement.staffing.forms import (
    ImportForm,
    QuotaFilterForm,
    QuotaForm,
    ReportForm,
    SinkingForm,
)
from quanze.enforcement.staffing.importing import QuotasRejected, quotas_import
from quanze.enforcement.staffing.models import PostKind
from quanze.enforcement.staffing.report import sort_townships
from quanze.org.roles import is_county_wide, is_office

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request):
    if not selectors.can_read_report(request.user):
        raise PermissionDenied("执法力量与编制报表只对编办、司法局、乡镇(街道)和县直部门开放")
    form = ReportForm(request.GET or None)
    values = form.values()
    report = selectors.report_for(
        request.user, on=values["on"], year=values["year"], minimum=values["minimum"]
    )
    return form, values, report


@login_required
@domain_errors
def staffing_report(request):
    form, values, report = _report(request)
    rows = sort_townships(report.townships, values["sort"])
    if values["q"]:
        rows = [r for r in rows if values["q"] in r.name]
    if values["only"] == "overloaded":
        rows = [r for r in rows if r.overloaded]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    chart = {
        "townships": [[t.name, t.certified, t.items, t.cases, t.minimum] for t in report.townships],
        "posts": [[t.name, t.filled, t.vacant, t.sunk_in] for t in report.townships]
        + [[d.name, d.filled, d.vacant, 0] for d in report.departments if d.approved],
        "share": [report.in_townships, report.officers - report.in_townships],
    }
    return render(
        request,
        "enforcement/staffing/report.html",
        {
            "form": form,
            "values": values,
            "report": report,
            "page": page,
            "posts": report.posts(),
            "query": query.urlencode(),
            "chart": chart,
            "county_wide": is_county_wide(request.user),
        },
    )


@login_required
@domain_errors
def staffing_export(request):
    _form, values, report = _report(request)
    response = HttpResponse(export.xlsx(report), content_type=XLSX)
    name = f"执法力量与编制{values['on']:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@domain_errors
def quota_list(request):
    if not selectors.can_read_report(request.user):
        raise PermissionDenied("编制只对编办、司法局、乡镇(街道)和县直部门开放")
    filters = QuotaFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    unit = data.get("unit") or ""
    rows = selectors.quota_list(
        request.user, unit=unit, kind=data.get("kind") or "", sort=data.get("sort") or "unit"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    office = is_office(request.user)
    return render(
        request,
        "enforcement/staffing/quotas.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "units": selectors.unit_choices(request.user),
            "kinds": PostKind.choices,
            "sinkings": selectors.sinking_list(request.user, unit=unit)[:200],
            "changes": selectors.recent_changes(request.user),
            "quota_form": QuotaForm(user=request.user) if office else None,
            "sinking_form": SinkingForm(user=request.user) if office else None,
            "import_form": ImportForm() if office else None,
        },
    )


def _require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied(services.OFFICE_ONLY)


@login_required
@require_POST
@domain_errors
def quota_save(request):
    _require_office(request.user)
    return post_form(
        request,
        QuotaForm(request.POST, user=request.user),
        lambda **data: services.quota_set(by=request.user, **data),
        prefix="核定编制",
        done=lambda quota: f"已保存{quota}:核定{quota.approved},实有{quota.filled}",
        to="enforcement:staffing_quotas",
    )


@login_required
@require_POST
@domain_errors
def sinking_create(request):
    _require_office(request.user)
    return post_form(
        request,
        SinkingForm(request.POST, user=request.user),
        lambda **data: services.sinking_create(by=request.user, **data),
        prefix="下沉编制",
        done=lambda sinking: f"已登记下沉编制:{sinking}",
        to="enforcement:staffing_quotas",
    )


@login_required
@domain_errors
def quota_import(request):
    _require_office(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, result = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                result = quotas_import(
                    by=request.user, path=path, file_name=upload.name,
                    on=form.cleaned_data.get("on"), dry_run=form.cleaned_data.get("dry_run"),
                )  # fmt: skip
            except QuotasRejected as rejected:
                problems = rejected.problems
        if result is not None and not form.cleaned_data.get("dry_run"):
            messages.success(request, f"已导入{result.rows}行,变更{result.changed}项编制")
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("enforcement:staffing_quotas")
    return render(
        request,
        "enforcement/staffing/import.html",
        {"form": form, "problems": problems, "result": result},
    )


@login_required
@domain_errors
def decision_follow(request, pk):
    decision = access_decision(request.user, pk)
    form = ReportForm(request.GET or None)
    values = form.values()
    townships = [request.user.township_id] if request.user.township_id else None
    departments, report = decision_posts(
        decision, on=values["on"], township_ids=townships, minimum=values["minimum"]
    )
    return render(
        request,
        "enforcement/staffing/decision.html",
        {
            "decision": decision,
            "departments": departments,
            "report": report,
            "values": values,
            "today": timezone.localdate(),
        },
    )
