"""The publication job's access choke point: the office and the justice bureau of its county
(missing and forbidden give the same NotFound)."""

from quanze.delegation.permissions import get_visible
from quanze.delegation.publication.models import PublicationJob
from quanze.org.roles import is_county_wide


def access_publication(user, job_id) -> PublicationJob:
    """A decision's publication job: the office and the justice bureau of its county."""
    qs = PublicationJob.objects.select_related("decision__batch__project", "created_by")
    if is_county_wide(user):
        qs = qs.filter(decision__batch__project__county_id=user.county_id)
    else:
        qs = qs.none()
    return get_visible(qs, job_id, "发布任务")
