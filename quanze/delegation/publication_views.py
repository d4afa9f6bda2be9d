"""The page of a decision's publication job, and the fragment it polls while it runs."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quanze.core.views import domain_errors
from quanze.delegation import decision_access as acc
from quanze.delegation.eventlog import events_for


def _context(job) -> dict:
    return {"job": job, "decision": job.decision, "running": job.active}


@login_required
@domain_errors
def publication_detail(request, pk):
    job = acc.access_publication(request.user, pk)
    context = _context(job) | {"events": events_for(job)}
    return render(request, "delegation/publication_detail.html", context)


@login_required
@domain_errors
def publication_progress(request, pk):
    """The htmx fragment the page polls while the job is queued or running."""
    job = acc.access_publication(request.user, pk)
    response = render(request, "delegation/_publication_progress.html", _context(job))
    if not job.active and request.htmx:
        response.headers["HX-Refresh"] = "true"  # reload once, to show the outcome
    return response
