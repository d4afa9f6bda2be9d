"""The review pages: rounds, a round's files and results per unit, scoring a file,
finishing a round, the sheets; export of the results. Thin: forms validate, services decide."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.review import rules, selectors, services
from quanze.enforcement.review.forms import RoundForm, SheetForm
from quanze.enforcement.review.models import ReviewRound
from quanze.enforcement.review.report import result_tables
from quanze.enforcement.statistics import export
from quanze.org.roles import is_reviewer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def round_list(request):
    rounds = selectors.rounds_visible(request.user).select_related("sheet")
    return render(
        request,
        "enforcement/review_list.html",
        {"rounds": rounds, "can_create": is_reviewer(request.user)},
    )


@login_required
@domain_errors
def round_create(request):
    if not is_reviewer(request.user):
        raise PermissionDenied(services.BUREAU_ONLY)
    form = RoundForm(request.POST or None, sheets=selectors.sheets_visible(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            review = services.round_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已抽取{review.files.count()}件案卷")
            return redirect("enforcement:review_round", pk=review.pk)
    return render(request, "enforcement/review_form.html", {"form": form})


@login_required
@domain_errors
def round_detail(request, pk):
    review = selectors.access_round(request.user, pk)
    return render(
        request,
        "enforcement/review_round.html",
        {
            "review": review,
            "files": selectors.round_files(request.user, review),
            "results": selectors.unit_results(request.user, review),
            "can_score": is_reviewer(request.user) and review.state == ReviewRound.State.OPEN,
        },
    )


@login_required
@domain_errors
def file_detail(request, pk):
    file = selectors.access_file(request.user, pk)
    can_score = is_reviewer(request.user) and file.round.state == ReviewRound.State.OPEN
    found = {f.item_id: f for f in file.findings.all()}
    items = [(item, found.get(item.pk)) for item in file.round.sheet.items.all()]
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied("只有司法局可以在评查期间评分")
        findings = []
        for item, _ in items:
            if request.POST.get(f"item-{item.pk}"):
                findings.append(
                    {
                        "item": item.pk,
                        "points": request.POST.get(f"points-{item.pk}") or item.points,
                        "note": request.POST.get(f"note-{item.pk}", ""),
                    }
                )
        try:
            services.file_score(
                by=request.user, file=file, findings=findings, notes=request.POST.get("notes", "")
            )
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, f"评分:{text}")
        else:
            messages.success(request, "已评分")
            return redirect("enforcement:review_round", pk=file.round_id)
    return render(
        request,
        "enforcement/review_file.html",
        {"file": file, "items": items, "can_score": can_score, "checks": rules.CHECKS},
    )


@login_required
@require_POST
@domain_errors
def round_finish(request, pk):
    review = selectors.access_round(request.user, pk)
    try:
        services.round_finish(by=request.user, review=review)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, "评查已完成,已通知被评查单位")
    return redirect("enforcement:review_round", pk=pk)


@login_required
@domain_errors
def round_export(request, pk, fmt):
    review = selectors.access_round(request.user, pk)
    tables = result_tables(
        review,
        selectors.unit_results(request.user, review),
        selectors.round_files(request.user, review),
    )
    if fmt == "xlsx":
        content, kind, name = export.xlsx(tables), XLSX, f"{review.title}.xlsx"
    elif fmt == "csv":
        title, header, rows = tables[1]
        content, kind, name = export.csv_bytes(header, rows), "text/csv", f"{review.title}.csv"
    else:
        raise Http404("没有这种导出格式")
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@domain_errors
def sheet_list(request):
    if not is_reviewer(request.user):
        raise PermissionDenied(services.BUREAU_ONLY)
    form = SheetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存评查标准")
            return redirect("enforcement:review_sheets")
    return render(
        request,
        "enforcement/review_sheets.html",
        {"sheets": selectors.sheets_visible(request.user), "form": form, "checks": rules.CHECKS},
    )
