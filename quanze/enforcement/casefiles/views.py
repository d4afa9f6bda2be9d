"""The case file pages: 生成案卷 (queues the job, or finds the fresh file), the job's page
and the fragment it polls, and the downloads, always from the stored file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.views import domain_errors
from quanze.enforcement.casefiles import selectors, services
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.recovery import case_file_stale_reason
from quanze.enforcement.cases.selectors import access_case


def stored(job: CaseFileJob) -> FileResponse:
    """The job's stored PDF as a download (never rendered here)."""
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("案卷文件已不存在,请重新生成") from None
    return FileResponse(
        handle, as_attachment=True, filename=f"{job.case.number}-案卷.pdf",
        content_type="application/pdf",
    )  # fmt: skip


def _context(job: CaseFileJob) -> dict:
    return {
        "job": job,
        "case": job.case,
        "running": job.active,
        "stale": case_file_stale_reason(job),
        **selectors.job_state(job),
    }


@login_required
@require_POST
@domain_errors
def case_file_generate(request, pk):
    job = services.case_file_start(by=request.user, case=access_case(request.user, pk))
    if job.status == CaseFileJob.Status.DONE:
        messages.info(request, "案卷已是最新,无需重新生成")
    else:
        messages.success(request, "已提交生成案卷,完成后将通知您")
    return redirect("enforcement:case_file_job", pk=job.pk)


@login_required
@domain_errors
def case_file_job(request, pk):
    job = selectors.access_job(request.user, pk)
    return render(request, "enforcement/casefiles/job_detail.html", _context(job))


@login_required
@domain_errors
def case_file_progress(request, pk):
    """The htmx fragment the page polls while the job is queued or running."""
    job = selectors.access_job(request.user, pk)
    response = render(request, "enforcement/casefiles/_job_progress.html", _context(job))
    if not job.active and request.htmx:
        response.headers["HX-Refresh"] = "true"  # reload once, to show the outcome
    return response


@login_required
@domain_errors
def case_file_job_download(request, pk):
    job = selectors.access_job(request.user, pk)
    if job.status != CaseFileJob.Status.DONE:
        raise Http404("该任务没有生成案卷文件")
    return stored(job)


@login_required
@domain_errors
def case_file(request, pk):
    """The case's file if a stored one is still the case's; otherwise to the page that
    generates it."""
    case = access_case(request.user, pk)
    job = selectors.fresh_file(case)
    if job is not None:
        return stored(job)
    messages.info(request, "案卷尚未生成或案件已有变化,请点击「生成案卷」")
    latest = selectors.latest_job(case)
    if latest is not None and latest.active:
        return redirect("enforcement:case_file_job", pk=latest.pk)
    return redirect(f"{case.get_absolute_url()}#case-file")
