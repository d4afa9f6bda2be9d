"""The import page of a catalog: upload, dry-run table or error table, confirm, progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.catalog.catalogs.selectors import access_catalog
from quanze.catalog.importing import recovery, selectors
from quanze.catalog.importing.forms import ImportForm
from quanze.catalog.importing.jobs import (
    import_job_recheck,
    import_job_start,
    import_recheck_allowed,
)
from quanze.catalog.importing.services import import_job_confirm
from quanze.core.errors import messages_of
from quanze.core.views import access_for_write, add_errors, domain_errors


@login_required
@domain_errors
def import_start(request, pk):
    catalog = access_for_write(access_catalog, request.user, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_start(
                by=request.user,
                catalog=catalog,
                uploaded_file=form.cleaned_data["file"],
                create_departments=form.cleaned_data["create_departments"],
                mode=form.cleaned_data["mode"],
                update_shared=form.cleaned_data["update_shared"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("catalog:import_detail", pk=job.pk)
    return render(request, "catalog/import_start.html", {"catalog": catalog, "form": form})


def _job_context(job) -> dict:
    summary = job.summary or {}
    totals = summary.get("totals") or {}

    def items(key):
        value = summary.get(key)
        return value if isinstance(value, list) else []

    def count(key):
        value = summary.get(key)
        return len(value) if isinstance(value, list) else (value or 0)

    percent = round(100 * job.done_rows / job.total_rows) if job.total_rows else 0
    return {
        "job": job,
        "catalog": job.catalog,
        "summary": summary,
        "lists": {key: items(key) for key in summary},
        "counts": {key: totals.get(key, count(key)) for key in summary},
        "percent": percent,
        "running": job.status in ("queued", "running"),
        "stale": recovery.import_stale_reason(job),
        "halted": recovery.import_halted(job),
        "nothing_imported": recovery.NOTHING_IMPORTED,
    }


@login_required
@domain_errors
def import_detail(request, pk):
    job = selectors.access_import(request.user, pk)
    context = _job_context(job) | {"may_recheck": import_recheck_allowed(request.user, job)}
    return render(request, "catalog/import_detail.html", context)


@login_required
@domain_errors
def import_progress(request, pk):
    """The htmx fragment the page polls while a background import runs."""
    job = selectors.access_import(request.user, pk)
    response = render(request, "catalog/_import_progress.html", _job_context(job))
    if job.status not in ("queued", "running") and request.htmx:
        # Reload the whole page once, to show the outcome.
        response.headers["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
@domain_errors
def import_confirm(request, pk):
    job = selectors.access_import(request.user, pk)
    try:
        import_job_confirm(by=request.user, job=job)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    return redirect("catalog:import_detail", pk=job.pk)


@login_required
@require_POST
@domain_errors
def import_fail(request, pk):
    """Mark a stale job failed (its uploader or the office), so the catalog can import again."""
    job = selectors.access_import(request.user, pk)
    try:
        recovery.import_mark_failed(by=request.user, job=job, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, "已将该导入任务标记为失败,可重新导入")
    return redirect("catalog:import_detail", pk=job.pk)


@login_required
@require_POST
@domain_errors
def import_recheck(request, pk):
    """The office re-checks a finished job's file with 同时修改其他目录中的事项 (导入待确认)."""
    job = selectors.access_import(request.user, pk)
    try:
        again = import_job_recheck(by=request.user, job=job)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
        return redirect("catalog:import_detail", pk=job.pk)
    return redirect("catalog:import_detail", pk=again.pk)
