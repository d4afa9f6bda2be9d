"""The benchmark pages (thin): the county's benchmarks, a version's table with import,
publish and export, the discretion calculator, and the public pages."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from quanze.catalog.importing.problems import ImportRejected
from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.benchmarks import rules, selectors, services, xlsx
from quanze.enforcement.benchmarks.forms import (
    BenchmarkForm,
    ImportForm,
    ItemFilterForm,
    ListForm,
    ProposalForm,
    PublishForm,
)

PAGE_SIZE = 50


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def benchmark_list(request):
    form = ListForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.benchmark_list(
        request.user, q=filters.get("q", ""), sort=filters.get("sort") or "name"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/benchmarks/benchmark_list.html",
        {
            "page": page,
            "form": form,
            "query": _query(request),
            "can_write": selectors.can_write(request.user, request.user.county_id),
        },
    )


@login_required
@domain_errors
def benchmark_create(request):
    if not selectors.can_write(request.user, request.user.county_id):
        raise PermissionDenied(services.FORBIDDEN)
    form = BenchmarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            benchmark = services.benchmark_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已创建裁量基准{benchmark.name}")
            return redirect("enforcement:benchmark_detail", pk=benchmark.pk)
    return render(request, "enforcement/benchmarks/benchmark_form.html", {"form": form})


@login_required
@domain_errors
def benchmark_detail(request, pk):
    benchmark = selectors.access_benchmark(request.user, pk)
    return render(
        request,
        "enforcement/benchmarks/benchmark_detail.html",
        {
            "benchmark": benchmark,
            "versions": selectors.versions_of(request.user, benchmark),
            "can_write": selectors.can_write(request.user, benchmark.county_id),
        },
    )


@login_required
@require_POST
@domain_errors
def version_draft(request, pk):
    benchmark = selectors.access_benchmark(request.user, pk)
    try:
        draft = services.version_draft(by=request.user, benchmark=benchmark)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
        return redirect("enforcement:benchmark_detail", pk=pk)
    messages.success(request, f"已建立第{draft.number}版草稿")
    return redirect("enforcement:benchmark_version", pk=draft.pk)


def _table(request, version):
    form = ItemFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.version_items(version, q=filters.get("q", ""), tier=filters.get("tier", ""))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.item_rows(list(page))
    return form, page, [(item, rows.get(item.pk, [])) for item in page]


@login_required
@domain_errors
def version_detail(request, pk):
    version = selectors.access_version(request.user, pk)
    form, page, items = _table(request, version)
    writes = selectors.can_write(request.user, version.benchmark.county_id) and version.is_draft
    return render(
        request,
        "enforcement/benchmarks/version_detail.html",
        {
            "version": version,
            "form": form,
            "page": page,
            "items": items,
            "query": _query(request),
            "import_form": ImportForm() if writes else None,
            "publish_form": PublishForm() if writes else None,
            "tiers": rules.TIERS,
        },
    )


@login_required
@require_POST
@domain_errors
def version_import(request, pk):
    version = selectors.access_version(request.user, pk)
    if not selectors.can_write(request.user, version.benchmark.county_id):
        raise PermissionDenied(services.FORBIDDEN)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():  # no file, or an empty one (0 bytes)
            for text in errors:
                messages.error(request, f"导入:{text}")
        return redirect("enforcement:benchmark_version", pk=pk)
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        warnings: list[str] = []
        try:
            services.version_import(
                by=request.user,
                version=version,
                path=path,
                file_name=upload.name,
                warnings=warnings,
            )
        except ImportRejected as rejected:
            for text in rejected.messages[:50]:
                messages.error(request, f"导入:{text}")
            return redirect("enforcement:benchmark_version", pk=pk)
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, f"导入:{text}")
            return redirect("enforcement:benchmark_version", pk=pk)
    messages.success(request, f"已导入{upload.name}")
    for text in warnings:
        messages.warning(request, f"导入:{text}")
    return redirect("enforcement:benchmark_version", pk=pk)


@login_required
@require_POST
@domain_errors
def version_publish(request, pk):
    version = selectors.access_version(request.user, pk)
    if not selectors.can_write(request.user, version.benchmark.county_id):
        raise PermissionDenied(services.FORBIDDEN)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "发布:请填写施行日期")
        return redirect("enforcement:benchmark_version", pk=pk)
    try:
        services.version_publish(by=request.user, version=version, **form.cleaned_data)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"发布:{text}")
    else:
        messages.success(request, f"已发布第{version.number}版")
    return redirect("enforcement:benchmark_version", pk=pk)


def _xlsx_response(version) -> HttpResponse:
    response = HttpResponse(xlsx.export_xlsx(version), content_type=xlsx.CONTENT_TYPE)
    name = f"{version.benchmark.name}第{version.number}版.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@domain_errors
def version_export(request, pk):
    return _xlsx_response(selectors.access_version(request.user, pk))


@login_required
@domain_errors
def proposal(request):
    form = ProposalForm(request.GET or None, user=request.user)
    found = None
    if form.is_valid():
        data = form.cleaned_data
        found = selectors.proposal_for(
            county_id=request.user.county_id,
            power_id=data["power"].pk,
            on=data.get("on") or timezone.localdate(),
            conditions=data["conditions"],
            base_amount=data.get("base_amount"),
        )
    return render(request, "enforcement/benchmarks/proposal.html", {"form": form, "found": found})


# ---- public ------------------------------------------------------------------------------


def public_list(request):
    q = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "-effective")
    page = Paginator(selectors.public_versions(q=q, sort=sort), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/benchmarks/public_list.html",
        {"page": page, "q": q, "sort": sort, "query": _query(request)},
    )


@domain_errors
def public_version(request, pk):
    version = selectors.access_public_version(pk)
    form, page, items = _table(request, version)
    return render(
        request,
        "enforcement/benchmarks/public_version.html",
        {"version": version, "form": form, "page": page, "items": items, "query": _query(request)},
    )


@domain_errors
def public_export(request, pk):
    return _xlsx_response(selectors.access_public_version(pk))
