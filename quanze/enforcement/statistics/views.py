"""The statistics pages: exercise rate with fines and their return, the annual report,
recording an exercise; exports as .xlsx and CSV. Thin: forms validate, selectors compute."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from quanze.core.views import domain_errors, post_form
from quanze.enforcement.statistics import export, selectors, services
from quanze.enforcement.statistics.annual import annual_report, power_rows
from quanze.enforcement.statistics.exercise import (
    ITEM_SORTS,
    exercise_report,
    item_rates,
    never_exercised,
)
from quanze.enforcement.statistics.forms import AnnualForm, ExerciseForm, PeriodForm
from quanze.org.roles import is_township_clerk

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request):
    if not selectors.can_read_statistics(request.user):
        raise PermissionDenied("执法统计只对司法局、编办、乡镇(街道)和县直部门开放")
    townships = selectors.townships_choices(request.user)
    form = PeriodForm(request.GET or None, townships=townships)
    if not form.is_valid():
        form_default = PeriodForm({}, townships=townships)
        form_default.is_valid()
        data = form_default.cleaned_data
    else:
        data = form.cleaned_data
    scope = selectors.statistics_scope(request.user, township_id=data.get("township"))
    return form, data, scope


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@domain_errors
def exercise_page(request):
    form, data, scope = _period(request)
    start, end = data["start"], data["end"]
    report = exercise_report(scope, start=start, end=end)
    items = item_rates(scope, start=start, end=end, sort=data.get("sort") or "rate")
    never = Paginator(
        never_exercised(scope, start=start, end=end, q=data.get("q") or ""), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    chart = {
        "townships": [
            [t.name, round((t.rate or 0) * 100, 1), t.exercised, t.never] for t in report.townships
        ],
        "fines": [[t.name, float(t.fines_paid), float(t.returned)] for t in report.townships],
    }
    exercise_form = ExerciseForm() if is_township_clerk(request.user) else None
    return render(
        request,
        "enforcement/stats_exercise.html",
        {
            "form": form,
            "report": report,
            "items": items,
            "never": never,
            "query": query.urlencode(),
            "chart": chart,
            "sorts": ITEM_SORTS,
            "exercise_form": exercise_form,
            "recorded": selectors.exercises_recorded(scope, start=start, end=end)[:20],
        },
    )


@login_required
@domain_errors
def exercise_export(request, fmt):
    form, data, scope = _period(request)
    start, end = data["start"], data["end"]
    report = exercise_report(scope, start=start, end=end)
    if fmt == "csv":
        table = export.exercise_tables(report, [], [])[0]
        return _download(export.csv_bytes(table[1], table[2]), "行权率.csv", "text/csv")
    if fmt != "xlsx":
        raise Http404("没有这种导出格式")
    items = item_rates(scope, start=start, end=end)
    never = never_exercised(scope, start=start, end=end)
    content = export.xlsx(export.exercise_tables(report, items, never))
    return _download(content, "行权率.xlsx", XLSX)


@login_required
@require_POST
@domain_errors
def exercise_add(request):
    if not is_township_clerk(request.user):
        raise PermissionDenied("只有乡镇(街道)可以登记本乡镇的行权记录")
    return post_form(
        request,
        ExerciseForm(request.POST),
        lambda **data: services.exercise_record(by=request.user, **data),
        prefix="登记行权记录",
        done="已登记行权记录",
        to="enforcement:stats_exercise",
    )


def _annual(request):
    if not selectors.can_read_statistics(request.user):
        raise PermissionDenied("执法统计只对司法局、编办、乡镇(街道)和县直部门开放")
    townships = selectors.townships_choices(request.user)
    form = AnnualForm(request.GET or None, townships=townships)
    if not form.is_valid():
        form = AnnualForm({}, townships=townships)
        form.is_valid()
    data = form.cleaned_data
    scope = selectors.statistics_scope(request.user, township_id=data.get("township"))
    return form, data, scope


@login_required
@domain_errors
def annual_page(request):
    form, data, scope = _annual(request)
    report = annual_report(scope, year=data["year"])
    powers = Paginator(power_rows(scope, year=data["year"]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    chart = {
        "penalties": [[r.category, r.decisions] for r in report.penalties if r.decisions],
        "acts": [[label, cases + records] for label, cases, records in report.acts],
    }
    return render(
        request,
        "enforcement/stats_annual.html",
        {
            "form": form,
            "report": report,
            "powers": powers,
            "query": query.urlencode(),
            "chart": chart,
        },
    )


@login_required
@domain_errors
def annual_export(request):
    form, data, scope = _annual(request)
    report = annual_report(scope, year=data["year"])
    content = export.xlsx(export.annual_tables(report, power_rows(scope, year=data["year"])))
    return _download(content, f"行政执法统计年报{data['year']}.xlsx", XLSX)
