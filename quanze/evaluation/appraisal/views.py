"""The appraisal pages (thin): rounds, criteria, sheets to fill, results and their export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.listing import listing
from quanze.core.views import add_errors, domain_errors
from quanze.evaluation.appraisal import charts, selectors, services, xlsx
from quanze.evaluation.appraisal.forms import STATUS_FILTER, CriterionForm, RoundForm
from quanze.org.roles import is_office

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def round_list(request):
    status = request.GET.get("status", "")
    rows = [
        r for r in selectors.round_rows(request.user) if not status or r["status_code"] == status
    ]
    page = listing(
        request.GET,
        rows,
        columns=["name", "period_end", "status", "township_weight", "progress"],
        default_sort="-period_end",
    )
    return render(
        request,
        "evaluation/appraisal/round_list.html",
        {
            "listing": page,
            "statuses": STATUS_FILTER,
            "status": status,
            "can_create": is_office(request.user),
        },
    )


@login_required
@domain_errors
def round_create(request):
    services.require_office(request.user)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已创建{round.name},请核对指标后开始评分")
            return redirect(round)
    return render(request, "evaluation/appraisal/round_form.html", {"form": form})


@login_required
@domain_errors
def round_edit(request, pk):
    round = selectors.access_round(request.user, pk)
    services.require_office(request.user, round)
    form = RoundForm(request.POST or None, instance=round)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(by=request.user, round=round, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect(round)
    return render(request, "evaluation/appraisal/round_form.html", {"form": form, "round": round})


@login_required
@domain_errors
def round_detail(request, pk):
    round = selectors.access_round(request.user, pk)
    office = is_office(request.user) and round.county_id == request.user.county_id
    return render(
        request,
        "evaluation/appraisal/round_detail.html",
        {
            "round": round,
            "criteria": selectors.criteria_rows(round),
            "office": office,
            "criterion_form": CriterionForm() if office else None,
            "listing": listing(
                request.GET,
                selectors.sheet_rows(request.user, round=round),
                columns=["scorer", "target", "direction", "state", "submitted_at"],
                default_sort="state",
            ),
        },
    )


def post_and_back(request, round, action, done: str):
    try:
        action()
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect(round)


@login_required
@require_POST
@domain_errors
def criterion_add(request, pk):
    round = selectors.access_round(request.user, pk)
    services.require_office(request.user, round)
    form = CriterionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(round)
    return post_and_back(
        request,
        round,
        lambda: services.criterion_add(by=request.user, round=round, **form.cleaned_data),
        "已添加指标",
    )


@login_required
@require_POST
@domain_errors
def criterion_remove(request, pk):
    criterion = selectors.access_criterion(request.user, pk)
    return post_and_back(
        request,
        criterion.round,
        lambda: services.criterion_remove(by=request.user, criterion=criterion),
        f"已删除指标“{criterion.name}”",
    )


@login_required
@require_POST
@domain_errors
def round_open(request, pk):
    round = selectors.access_round(request.user, pk)
    return post_and_back(
        request,
        round,
        lambda: services.round_open(by=request.user, round=round),
        "已开始评分,已通知各乡镇(街道)和部门",
    )


@login_required
@require_POST
@domain_errors
def round_close(request, pk):
    round = selectors.access_round(request.user, pk)
    return post_and_back(
        request,
        round,
        lambda: services.round_close(by=request.user, round=round),
        "已结束评分,结果已通知各单位",
    )


@login_required
def sheet_list(request):
    page = listing(
        request.GET,
        selectors.sheet_rows(request.user),
        columns=["round", "scorer", "target", "state", "round_state", "submitted_at"],
        default_sort="state",
    )
    return render(request, "evaluation/appraisal/sheet_list.html", {"listing": page})


@login_required
@domain_errors
def sheet_detail(request, pk):
    sheet = selectors.access_sheet(request.user, pk)
    rows = selectors.sheet_form_rows(sheet, request.POST if request.method == "POST" else None)
    errors = []
    if request.method == "POST":
        try:
            services.sheet_submit(
                by=request.user,
                sheet=sheet,
                scores={
                    r["criterion"].pk: {"score": r["score"], "comment": r["comment"]} for r in rows
                },
            )
        except ValidationError as error:
            errors = messages_of(error)
        else:
            messages.success(request, f"已提交{sheet}")
            return redirect("evaluation:appraisal_sheets")
    return render(
        request,
        "evaluation/appraisal/sheet_detail.html",
        {
            "sheet": sheet,
            "rows": rows,
            "errors": errors,
            "can_fill": selectors.can_fill(request.user, sheet),
        },
    )


@login_required
@domain_errors
def results(request, pk):
    round = selectors.access_round(request.user, pk)
    found = selectors.round_results(request.user, round)
    return render(
        request,
        "evaluation/appraisal/results.html",
        {
            "round": round,
            "results": found,
            "chart": charts.ranking(found),
            "county_wide": selectors.is_county_wide(request.user),
        },
    )


@login_required
@domain_errors
def unit_result(request, pk, kind, unit_id):
    round = selectors.access_round(request.user, pk)
    found = selectors.unit_result(request.user, round, kind, unit_id)
    return render(
        request,
        "evaluation/appraisal/unit_result.html",
        {"round": round, **found, "chart": charts.breakdown(found["result"])},
    )


@login_required
@domain_errors
def export(request, pk):
    round = selectors.access_round(request.user, pk)
    response = HttpResponse(xlsx.export(request.user, round), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="appraisal-{round.pk}.xlsx"'
    return response
