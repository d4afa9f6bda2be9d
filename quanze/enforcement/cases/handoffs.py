"""Hand-offs of a case between the team and the county's justice bureau, each with a notice
(kind `legal_review`): a case that comes to need a legal review (法制审核, art. 58) is the
bureau's to review; a review recorded hands the case back to the team that handles it."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from quanze.core.notices import Kind, notify, unit_users
from quanze.enforcement.cases.models import Case


def bureau_users(case: Case):
    User = get_user_model()
    return User.objects.filter(
        role=User.Role.JUSTICE_REVIEWER, county_id=case.county_id, is_active=True
    )


def team_users(case: Case):
    if case.township_id is not None:
        return unit_users(townships=[case.township_id])
    return unit_users(departments=[case.department_id])


def handoff_notices(case: Case, *, action: str, awaited_review: bool) -> int:
    """Tell whoever the case now waits on; how many users. `awaited_review`: whether the
    case was already waiting for a legal review before this step."""
    link = reverse("enforcement:case_detail", args=[case.pk])
    if case.review_required and not case.reviewed and not awaited_review:
        title = f"待法制审核:{case.number}"
        body = f"{case.acting_name}办理的「{case.title}」须经法制审核后才能作出决定。"
        return len(notify(bureau_users(case), kind=Kind.LEGAL_REVIEW, title=title, body=body,
                          link=link))  # fmt: skip
    if action == "review":
        title = f"法制审核已完成:{case.number}"
        body = f"「{case.title}」已经法制审核,可以继续办理。"
        return len(notify(team_users(case), kind=Kind.LEGAL_REVIEW, title=title, body=body,
                          link=link))  # fmt: skip
    return 0
