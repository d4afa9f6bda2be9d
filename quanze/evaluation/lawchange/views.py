"""The law-change pages (thin): the register, an act with its articles, recording a
change, a change's impact (sort, filter, page, .xlsx), and search by act and article."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.core.listing import listing
from quanze.core.views import add_errors, domain_errors, post_form
from quanze.evaluation.adjustment.forms import OpenFromForm
from quanze.evaluation.adjustment.selectors import projects_from
from quanze.evaluation.lawchange import selectors, services
from quanze.evaluation.lawchange.exporting import impact_xlsx
from quanze.evaluation.lawchange.forms import ActForm, ArticlesForm, ChangeForm, SearchForm
from quanze.evaluation.lawchange.sources import text_of_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_bureau(request) -> None:
    if not selectors.can_record(request.user):
        raise PermissionDenied(services.FORBIDDEN)


def _require_reader(request) -> None:
    if not selectors.can_read_impacts(request.user):
        raise PermissionDenied("无权查看法规变更的影响")


def _text(form) -> str:
    upload = form.cleaned_data.get("file")
    if upload:
        return text_of_upload(upload.name, upload.read())
    return form.cleaned_data.get("text", "")


@login_required
def act_list(request):
    q = request.GET.get("q", "").strip()
    rows = selectors.act_list(request.user, q=q, rank=request.GET.get("rank", ""))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/lawchange/act_list.html", {
        "page": page, "q": q, "can_record": selectors.can_record(request.user),
        "changes": selectors.change_list(request.user)[:20],
    })  # fmt: skip


@login_required
def act_create(request):
    _require_bureau(request)
    form = ActForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            data["text"] = _text(form)
            data.pop("file")
            act = services.act_create(by=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已登记{act}")
            return redirect("evaluation:lawchange_act", act.pk)
    return render(request, "evaluation/lawchange/form.html",
                  {"form": form, "title": "登记法律法规", "multipart": True})  # fmt: skip


@login_required
@domain_errors
def act_detail(request, pk):
    act = selectors.access_act(request.user, pk)
    version = selectors.current_version(act)
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.act_articles(version, q=q), 100).get_page(request.GET.get("page"))
    return render(request, "evaluation/lawchange/act_detail.html", {
        "act": act, "version": version, "versions": act.versions.all(), "page": page, "q": q,
        "changes": selectors.change_list(request.user, act=act),
        "can_record": selectors.can_record(request.user),
    })  # fmt: skip


@login_required
@domain_errors
def articles_import(request, pk):
    act = selectors.access_act(request.user, pk)
    _require_bureau(request)
    form = ArticlesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.articles_import(by=request.user, act=act, text=_text(form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已导入 {count} 条")
            return redirect("evaluation:lawchange_act", act.pk)
    return render(request, "evaluation/lawchange/form.html",
                  {"form": form, "title": f"导入{act}条文", "multipart": True})  # fmt: skip


@login_required
@domain_errors
def change_create(request, pk):
    act = selectors.access_act(request.user, pk)
    _require_bureau(request)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_record_save(by=request.user, act=act, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"已记录,影响 {change.rows_found} 个条目,已通知 {change.units_notified} 个单位",
            )
            return redirect("evaluation:lawchange_detail", change.pk)
    return render(request, "evaluation/lawchange/form.html",
                  {"form": form, "title": f"记录{act}的立改废释"})  # fmt: skip


def _impact_listing(request, rows):
    kind = request.GET.get("kind", "")
    shown = [r for r in rows if r["kind"] == kind] if kind else rows
    return listing(request.GET, shown, columns=selectors.COLUMNS, default_sort="kind_label")


def _impact_context(request, rows) -> dict:
    """The impact table: its listing, a link per kind (with its count) and the columns."""
    found = _impact_listing(request, rows)
    kind = request.GET.get("kind", "")
    kinds = [(label, n, found.url(kind=key, page=None), key == kind)
             for key, label, n in selectors.kind_counts(rows)]  # fmt: skip
    return {"listing": found, "kinds": kinds, "all_kinds_url": found.url(kind=None, page=None),
            "kind": kind, "columns": list(zip(selectors.COLUMNS, selectors.HEADERS, strict=True))}  # fmt: skip


@login_required
@domain_errors
def change_detail(request, pk):
    change = selectors.access_change(request.user, pk)
    _require_reader(request)
    rows = selectors.change_impact(request.user, change)
    return render(request, "evaluation/lawchange/impact.html", {
        "change": change, "scope": selectors.change_scope(change),
        **_impact_context(request, rows),
        **_adjustment_context(request, change),
    })  # fmt: skip


def _adjustment_context(request, change) -> dict:
    """For an office: the specs the change asks of its county, and its project from it."""
    if not selectors.can_open_adjustment(request.user):
        return {"specs": [], "adjustments": []}
    return {
        "specs": selectors.change_specs(change, request.user),
        "adjustments": projects_from(services.change_origin(change), request.user.county_id),
    }


@require_POST
@login_required
@domain_errors
def change_adjustment_open(request, pk):
    """发起动态调整: the office opens its county's adjustment project from the change (the
    service refuses anyone else: Forbidden, a 403)."""
    change = selectors.access_change(request.user, pk)
    return post_form(
        request,
        OpenFromForm(request.POST),
        lambda title: services.adjustment_open(by=request.user, change=change, title=title),
        prefix="发起动态调整",
        done=lambda project: (
            f"已发起动态调整项目「{project.title}」,共{project.changes.count()}项调整"
        ),
        to=reverse("evaluation:lawchange_detail", args=[change.pk]),
    )


@login_required
@domain_errors
def change_export(request, pk):
    change = selectors.access_change(request.user, pk)
    _require_reader(request)
    rows = selectors.change_impact(request.user, change, kind=request.GET.get("kind", ""))
    found = _impact_listing(request, rows)
    data = impact_xlsx(f"{change} 影响清单", found.page.paginator.object_list)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="law-change-{change.pk}.xlsx"'
    return response


@login_required
@domain_errors
def search(request):
    _require_reader(request)
    form = SearchForm(request.GET or None)
    rows, act = [], None
    if form.is_valid() and form.cleaned_data.get("act"):
        act = selectors.access_act(request.user, form.cleaned_data["act"])
        rows = selectors.article_search(request.user, act, tuple(form.cleaned_data["articles"]),
                                        year=form.cleaned_data.get("year"))  # fmt: skip
    return render(request, "evaluation/lawchange/search.html", {
        "form": form, "act": act, "acts": selectors.act_list(request.user)[:500],
        **_impact_context(request, rows),
    })  # fmt: skip
