"""Pressing 发布 on a decision (queues the job), the page of a publication job, the
fragment it polls while it runs, and marking a stale job failed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, messages_of
from quanze.core.views import access_for_write, domain_errors
from quanze.delegation.decisions.selectors import access_decision
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.publication import selectors, services
from quanze.delegation.publication.recovery import (
    NOTHING_PUBLISHED,
    publication_mark_failed,
    publication_stale_reason,
)
from quanze.delegation.web import flash_errors


def _context(job) -> dict:
    return {
        "job": job,
        "decision": job.decision,
        "running": job.active,
        "stale": publication_stale_reason(job),
        "nothing_published": NOTHING_PUBLISHED,
    }


@login_required
@domain_errors
def publication_detail(request, pk):
    job = selectors.access_publication(request.user, pk)
    context = _context(job) | {"events": events_for(job)}
    return render(request, "delegation/publication_detail.html", context)


@login_required
@domain_errors
def publication_progress(request, pk):
    """The htmx fragment the page polls while the job is queued or running."""
    job = selectors.access_publication(request.user, pk)
    response = render(request, "delegation/_publication_progress.html", _context(job))
    if not job.active and request.htmx:
        response.headers["HX-Refresh"] = "true"  # reload once, to show the outcome
    return response


@login_required
@require_POST
@domain_errors
def publication_fail(request, pk):
    """Mark a stale job failed (the office), so the decision can be published again."""
    job = selectors.access_publication(request.user, pk)
    try:
        publication_mark_failed(by=request.user, job=job, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, "已将该发布任务标记为失败,可重新发布")
    return redirect("delegation:publication_detail", pk=job.pk)


@login_required
@require_POST
@domain_errors
def decision_publish(request, pk):
    """Queue the publication and show its job; the task worker publishes."""
    decision = access_for_write(access_decision, request.user, pk)
    try:
        job = services.publication_start(by=request.user, decision=decision)
    except (ValidationError, Conflict) as error:
        flash_errors(request, error)
        return redirect("delegation:decision_detail", pk=pk)
    messages.success(request, f"已提交发布任务,共{job.total_townships}个乡镇(街道)")
    return redirect("delegation:publication_detail", pk=job.pk)
