"""Who may see and change decisions, agreements, agreement templates and claims.

- the establishment office reads and writes those of its county;
- the justice bureau reads those of its county;
- a township clerk reads the decisions and agreements naming its township, and
  reads and writes its township's claims in the windows it is invited to;
- department clerks, other counties and the public see none of them.
Missing and forbidden objects give the same NotFound.
"""

from django.db.models import Q, QuerySet

from quanze.core.errors import NotFound
from quanze.delegation.models import (
    Agreement,
    AgreementTemplate,
    ClaimWindow,
    Decision,
    PublicationJob,
)
from quanze.org.roles import is_county_wide, is_office, is_township_clerk


def _get(qs, pk, what: str):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(what) from None


def decisions_readable(user) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("batch__project__county")
    if is_county_wide(user):
        return qs.filter(batch__project__county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def decisions_writable(user) -> QuerySet[Decision]:
    if is_office(user):
        return Decision.objects.filter(batch__project__county_id=user.county_id)
    return Decision.objects.none()


def access_decision(user, decision_id, *, for_write: bool = False) -> Decision:
    qs = decisions_readable(user)
    if for_write:
        qs = qs.filter(pk__in=decisions_writable(user).values("pk"))
    return _get(qs, decision_id, "常务会决定")


def access_publication(user, job_id) -> PublicationJob:
    """A decision's publication job: the office and the justice bureau of its county."""
    qs = PublicationJob.objects.select_related("decision__batch__project", "created_by")
    if is_county_wide(user):
        qs = qs.filter(decision__batch__project__county_id=user.county_id)
    else:
        qs = qs.none()
    return _get(qs, job_id, "发布任务")


def access_agreement(user, agreement_id) -> Agreement:
    qs = Agreement.objects.select_related("decision__batch__project", "township")
    if is_county_wide(user):
        qs = qs.filter(decision__batch__project__county_id=user.county_id)
    elif is_township_clerk(user):
        qs = qs.filter(township_id=user.township_id)
    else:
        qs = qs.none()
    return _get(qs, agreement_id, "委托协议")


def templates_readable(user) -> QuerySet[AgreementTemplate]:
    if is_county_wide(user):
        return AgreementTemplate.objects.filter(county_id=user.county_id)
    return AgreementTemplate.objects.none()


def access_template(user, template_id, *, for_write: bool = False) -> AgreementTemplate:
    qs = templates_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, template_id, "协议模板")


def windows_readable(user) -> QuerySet[ClaimWindow]:
    qs = ClaimWindow.objects.select_related("county", "catalog_version__catalog")
    if is_county_wide(user):
        return qs.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def access_window(user, window_id, *, for_write: bool = False) -> ClaimWindow:
    qs = windows_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, window_id, "认领")


def can_claim_for(user, window: ClaimWindow, township_id) -> bool:
    """Only the township's own clerk edits and submits its claims."""
    return is_township_clerk(user) and user.township_id == int(township_id)


def access_township_claims(user, window_id, township_id, *, for_write: bool = False):
    """The window and township whose claims the user reads (or, for_write, edits)."""
    window = access_window(user, window_id)
    township = _get(window.townships.all(), township_id, "乡镇(街道)认领")
    own = is_township_clerk(user) and user.township_id == township.pk
    if not (is_county_wide(user) or own):
        raise NotFound("乡镇(街道)认领")
    if for_write and not own:
        from quanze.core.errors import Forbidden

        raise Forbidden("只有本乡镇(街道)经办人可以填写和提交认领")
    return window, township


def township_filter(user) -> Q:
    """Which townships' rows a reader of a window sees."""
    if is_county_wide(user):
        return Q()
    if is_township_clerk(user):
        return Q(township_id=user.township_id)
    return Q(pk__in=[])
