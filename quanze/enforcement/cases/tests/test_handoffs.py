"""The legal review hand-offs: the bureau is told when a case comes to need one, the team
when it is done; nobody is told twice for the same wait."""

from datetime import date

from quanze.core.models import Notice
from quanze.enforcement.cases.tests.test_steps import go


def told(kind="legal_review"):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", "title"))


def test_the_bureau_is_told_of_a_review_to_make_and_the_team_of_its_result(ew):
    case = ew.case_a
    go(ew, "file", date(2025, 3, 4))
    go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="检查")
    assert told() == []
    go(ew, "conclude", date(2025, 3, 6), summary="终结", review_grounds=["complex"])
    assert told() == [("reviewer", f"待法制审核:{case.number}")]
    notice = Notice.objects.get(kind="legal_review")
    assert notice.link == f"/enforcement/cases/{case.pk}/"
    go(ew, "review", date(2025, 3, 7), reviewer=ew.chen, summary="同意", by=ew.cast.reviewer)
    assert told() == [
        ("reviewer", f"待法制审核:{case.number}"),
        (ew.cast.town_a_clerk.username, f"法制审核已完成:{case.number}"),
    ]


def test_a_case_without_article_58_grounds_hands_nothing_to_the_bureau(ew):
    go(ew, "file", date(2025, 3, 4))
    go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="检查")
    go(ew, "conclude", date(2025, 3, 6), summary="终结")
    assert told() == []
