"""Pages for catalogs and versions: validate with a form, call one selector or service,
render. Powers' pages live in `powers.views`, imports' in `importing.views`."""

from html import escape
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from quanze.catalog.catalogs import exporting, selectors, services
from quanze.catalog.catalogs.forms import CatalogForm, DiffForm, PublishForm
from quanze.catalog.catalogs.layout import COLUMNS, SET_KIND_LABELS
from quanze.core.errors import NotFound
from quanze.core.listing import listing
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.org.roles import is_office

CELL_CLASSES = {
    "code": "code",
    "legal_basis": "pre long",
    "duties": "pre long",
    "duties_basis": "pre long",
    "accountability": "pre long",
}


def catalog_list(request):
    return render(
        request,
        "catalog/catalog_list.html",
        {"catalogs": selectors.catalog_list(request.user), "can_create": is_office(request.user)},
    )


@login_required
@domain_errors
def catalog_create(request):
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以新建目录")
    form = CatalogForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            catalog = services.catalog_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已新建目录「{catalog.name}」")
            return redirect("catalog:catalog_detail", pk=catalog.pk)
    return render(request, "catalog/catalog_form.html", {"form": form})


@domain_errors
def catalog_detail(request, pk):
    catalog = selectors.catalog_with_versions(request.user, pk)
    writable = selectors.catalogs_writable(request.user).filter(pk=catalog.pk).exists()
    versions = selectors.versions_readable(request.user).filter(catalog=catalog)
    return render(
        request,
        "catalog/catalog_detail.html",
        {
            "catalog": catalog,
            "can_write": writable,
            "has_draft": any(v.status == "draft" for v in catalog.version_list),
            "diff_form": DiffForm(versions=versions, initial=_latest_two(catalog.version_list)),
        },
    )


def _latest_two(versions) -> dict:
    """Compare the newest version with the one before it, unless the user picks others."""
    return {"old": versions[1], "new": versions[0]} if len(versions) > 1 else {}


@login_required
@require_POST
@domain_errors
def version_draft(request, pk):
    catalog = access_for_write(selectors.access_catalog, request.user, pk)
    draft = services.version_draft(by=request.user, catalog=catalog)
    return redirect("catalog:version_detail", pk=draft.pk)


@domain_errors
def version_detail(request, pk):
    version = selectors.access_version(request.user, pk)
    columns = [(key, header) for key, header in COLUMNS if key != "set_kind"]
    found = listing(
        request.GET,
        selectors.version_rows(version),
        columns=[key for key, _ in COLUMNS],
        default_sort="position",
    )
    rows = [_row_html(row, columns) for row in found.page]
    return render(
        request,
        "catalog/version_detail.html",
        {
            "version": version,
            "rows": rows,
            "listing": found,
            "columns": columns,
            "previous": selectors.previous_version(version),
            "can_publish": version.status == "draft"
            and selectors.can_publish(request.user, version.catalog),
            "publish_form": PublishForm(),
        },
    )


def _row_html(row: dict, columns) -> str:
    """One table row, escaped here: a template loop (or format_html) over 350 rows ×
    15 cells costs more than all the page's queries (see docs/performance.md)."""
    cells = []
    for key, _ in columns:
        value = row.get(key)
        css = f' class="{CELL_CLASSES[key]}"' if key in CELL_CLASSES else ""
        cells.append(f"<td{css}>{escape('' if value is None else str(value))}</td>")
    set_kind = escape(SET_KIND_LABELS.get(row.get("set_kind"), ""))
    return mark_safe(f"<tr>{''.join(cells)}<td>{set_kind}</td></tr>")  # every value escaped above


@login_required
@domain_errors
def version_publish(request, pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    if not selectors.can_publish(request.user, version.catalog):
        raise PermissionDenied("只有编办可以发布目录版本")
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_publish(by=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{version}已发布")
            return redirect("catalog:version_detail", pk=version.pk)
    return render(request, "catalog/version_publish.html", {"version": version, "form": form})


@domain_errors
def version_diff(request, pk):
    """Any two versions of one catalog; a version the user may not read is not found."""
    catalog = selectors.access_catalog(request.user, pk)
    versions = selectors.versions_readable(request.user).filter(catalog=catalog)
    old = new = diff = None
    if request.GET.get("old") and request.GET.get("new"):
        old = _version_of(request.user, catalog, request.GET["old"])
        new = _version_of(request.user, catalog, request.GET["new"])
        diff = selectors.version_diff(old, new)
        # The page names set kinds in Chinese (基本盘); the API keeps their codes.
        diff.changed = [
            (row, [_shown_change(*c) for c in changes]) for row, changes in diff.changed
        ]
    form = DiffForm(initial={"old": old, "new": new}, versions=versions)
    return render(
        request,
        "catalog/version_diff.html",
        {
            "catalog": catalog,
            "form": form,
            "diff": diff,
            "old": old,
            "new": new,
            "headers": dict(COLUMNS),
        },
    )


def _shown_change(key, old, new):
    if key == "set_kind":
        return key, SET_KIND_LABELS.get(old, old), SET_KIND_LABELS.get(new, new)
    return key, old, new


def _version_of(user, catalog, version_id):
    version = selectors.access_version(user, version_id)
    if version.catalog_id != catalog.pk:
        raise NotFound("目录版本")
    return version


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@domain_errors
def version_export(request, pk, fmt):
    version = selectors.access_version(request.user, pk)
    if fmt not in EXPORT_TYPES:
        return HttpResponse("不支持的导出格式", status=404)
    response = HttpResponse(content_type=EXPORT_TYPES[fmt])
    getattr(exporting, f"export_{fmt}")(version, response)
    filename = f"{version.catalog.name}_第{version.number}版.{fmt}"
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
