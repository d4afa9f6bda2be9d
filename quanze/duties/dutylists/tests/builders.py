"""Township duty lists built through the services, for the tests of this process and others."""

from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.services import Assessment


def list_with_items(cast):
    """锦水街道's duty list with three raw items in the township's own words."""
    duty_list = dutylists.duty_list_for(by=cast.office, township=cast.town_a)
    items = dutylists.raw_items_add(
        by=cast.town_a_clerk,
        duty_list=duty_list,
        texts=["做党建相关工作", "协助城管搞违建巡查", "替自然资源局查处占用耕地"],
    )
    return duty_list, items


def assessments(cast, items):
    """The three items judged: one basic, one cooperating, one returned duty."""
    party, patrol, land = items
    return [
        Assessment(item=party, basis_sufficient=True, needed_locally=True, can_carry_out=True, name="统筹推进基层党组织建设", duty_class="basic"),
        Assessment(item=patrol, basis_sufficient=True, needed_locally=True, can_carry_out=False, name="配合做好违法建设查处工作", duty_class="cooperating", lead_department=cast.urban),
        Assessment(item=land, basis_sufficient=False, needed_locally=True, can_carry_out=False, name="非法占用耕地的行政处罚", duty_class="returned", return_reason="依据不充分", receiving_department=cast.land, takeover="由县自然资源局直接履行"),
    ]  # fmt: skip


def six_rounds(cast, draft):
    """Three rounds up and three down, with one opinion given and answered."""
    for number in range(1, 7):
        rnd = dutyrounds.duty_round_open(
            by=cast.office, version=draft, departments=[cast.land] if number % 2 else []
        )
        if number == 1:
            entry = draft.entries.get(duty_class="returned")
            opinion = dutyrounds.opinion_give(by=cast.other_dept_clerk, round=rnd, entry=entry, agrees=False, proposed_class="cooperating", text="建议乡镇继续巡查")  # fmt: skip
        dutyrounds.duty_round_close(by=cast.office, round=rnd)
        if number == 1:
            dutyrounds.opinion_dispose(by=cast.office, opinion=opinion, disposition="not_adopted", reason="乡镇无执法权")  # fmt: skip
