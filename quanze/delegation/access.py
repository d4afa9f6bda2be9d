"""Who may see and change projects, assessments, consultation rounds and batches.

- the establishment office reads and writes everything of its county's projects;
- the justice bureau reads them and writes legality reviews;
- a department clerk reads the projects of its county and answers, in the rounds
  it is asked in, for its own department's items only;
- a township clerk reads the projects covering its township and answers, in the
  rounds it is asked in, for its own township only;
- other counties and the public see nothing. Missing and forbidden objects give
  the same NotFound; visible but not allowed gives Forbidden.
"""

from django.db.models import QuerySet

from quanze.core.errors import Forbidden, NotFound
from quanze.delegation.models import (
    Batch,
    BatchItem,
    ConsultationRound,
    DelegationProject,
    ItemAssessment,
    RoundRecipient,
)
from quanze.org.roles import (
    is_county_wide,
    is_department_clerk,
    is_office,
    is_reviewer,
    is_township_clerk,
)


def _get(qs, pk, what: str):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(what) from None


def projects_readable(user) -> QuerySet[DelegationProject]:
    qs = DelegationProject.objects.select_related("county", "catalog_version__catalog", "owner")
    if is_county_wide(user):
        return qs.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return qs.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def access_project(user, project_id, *, for_write: bool = False) -> DelegationProject:
    qs = projects_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, project_id, "赋权项目")


def require_county_wide(user, what: str = "评估和审核材料") -> None:
    """Deliberations (scores, progress of every recipient, reviews) are internal."""
    if not is_county_wide(user):
        raise Forbidden(f"只有编办和司法局可以查看{what}")


def access_internal_project(user, project_id) -> DelegationProject:
    project = access_project(user, project_id)
    require_county_wide(user)
    return project


def access_assessment(user, item_id, *, for_write: bool = False) -> ItemAssessment:
    qs = ItemAssessment.objects.select_related("project", "power__department", "power__field")
    qs = qs.filter(project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, item_id, "评估事项")


def rounds_readable(user) -> QuerySet[ConsultationRound]:
    qs = ConsultationRound.objects.select_related("project")
    if is_county_wide(user):
        return qs.filter(project__county_id=user.county_id)
    if is_department_clerk(user):
        return qs.filter(recipients__department_id=user.department_id)
    if is_township_clerk(user):
        return qs.filter(recipients__township_id=user.township_id)
    return qs.none()


def access_round(user, round_id, *, for_write: bool = False) -> ConsultationRound:
    qs = rounds_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, round_id, "征求意见轮次")


def own_recipient(user, round_: ConsultationRound) -> RoundRecipient:
    """The recipient a clerk answers for in this round (Forbidden for everyone else)."""
    qs = round_.recipients.select_related("department", "township")
    if is_department_clerk(user):
        recipient = qs.filter(department_id=user.department_id).first()
    elif is_township_clerk(user):
        recipient = qs.filter(township_id=user.township_id).first()
    else:
        recipient = None
    if recipient is None:
        raise Forbidden("只有被征求意见的部门、乡镇(街道)经办人可以填写反馈")
    return recipient


def access_recipient(user, recipient_id) -> RoundRecipient:
    """A recipient's answer sheet, read by the office and the justice bureau."""
    qs = RoundRecipient.objects.select_related("round__project", "department", "township")
    qs = qs.filter(round__project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    return _get(qs, recipient_id, "征求对象")


def batches_readable(user) -> QuerySet[Batch]:
    qs = Batch.objects.select_related("project")
    if is_county_wide(user):
        return qs.filter(project__county_id=user.county_id)
    return qs.none()


def access_batch(user, batch_id, *, for_write: bool = False) -> Batch:
    qs = batches_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return _get(qs, batch_id, "赋权批次")


def access_batch_item(user, batch_item_id, *, for_review: bool = False) -> BatchItem:
    qs = BatchItem.objects.select_related(
        "batch__project", "item__power__department", "item__power__power_type"
    )
    qs = qs.filter(batch__project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    if for_review and not is_reviewer(user):
        qs = qs.none()
    return _get(qs, batch_item_id, "批次事项")
