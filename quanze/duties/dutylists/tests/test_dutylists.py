import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from quanze.core.errors import Conflict, Forbidden
from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.models import DutyEntry, RawItem
from quanze.duties.dutylists.selectors import is_on_list
from quanze.duties.dutylists.tests.builders import assessments as _assessments
from quanze.duties.dutylists.tests.builders import list_with_items as _list_with_items
from quanze.duties.dutylists.tests.builders import six_rounds as _six_rounds
from quanze.duties.eventlog import events_for


def test_it_classes_drafts_consults_three_up_three_down_and_publishes(cast):
    duty_list, items = _list_with_items(cast)
    dutylists.raw_items_assess(
        by=cast.town_a_clerk, duty_list=duty_list, assessments=_assessments(cast, items)
    )
    draft = dutylists.duty_draft_build(by=cast.town_a_clerk, duty_list=duty_list)
    assert list(draft.entries.values_list("duty_class", flat=True)) == [
        "basic",
        "cooperating",
        "returned",
    ]
    with pytest.raises(ValidationError, match="3上3下"):
        dutylists.duty_version_publish(
            by=cast.office, version=draft, effective_date=date(2025, 9, 1)
        )
    _six_rounds(cast, draft)
    version = dutylists.duty_version_publish(
        by=cast.office, version=draft, effective_date=date(2025, 9, 1)
    )
    assert version.status == "published"
    assert [e.to_state for e in events_for(version)] == ["draft", "published"]
    on = date(2025, 9, 1)
    assert is_on_list(township=cast.town_a, matter_or_duty="统筹推进基层党组织建设", on=on)
    assert not is_on_list(township=cast.town_a, matter_or_duty="非法占用耕地的行政处罚", on=on)
    assert not is_on_list(township=cast.town_b, matter_or_duty="统筹推进基层党组织建设", on=on)


def test_it_refuses_inconsistent_judgements_naming_the_item_and_changes_nothing(cast):
    duty_list, items = _list_with_items(cast)
    bad = _assessments(cast, items)
    bad[0].can_carry_out = False
    bad[2].takeover = ""
    with pytest.raises(ValidationError) as error:
        dutylists.raw_items_assess(by=cast.town_a_clerk, duty_list=duty_list, assessments=bad)
    assert error.value.messages == [
        "第1项「做党建相关工作」:列为基本权责须依据充分、基层需要且能有效实施",
        "第3项「替自然资源局查处占用耕地」:收回上级事项须写明承接方式",
    ]
    assert not RawItem.objects.exclude(duty_class="").exists()
    with pytest.raises(ValidationError, match="尚有3项原始事项未分类"):
        dutylists.duty_draft_build(by=cast.town_a_clerk, duty_list=duty_list)


def test_it_refuses_stale_edits_other_townships_and_closed_rounds(cast):
    duty_list, items = _list_with_items(cast)
    good = _assessments(cast, items)
    dutylists.raw_items_assess(by=cast.town_a_clerk, duty_list=duty_list, assessments=good)
    stale = _assessments(cast, items)
    stale[0].row_version = 1
    with pytest.raises(Conflict):
        dutylists.raw_items_assess(by=cast.town_a_clerk, duty_list=duty_list, assessments=stale)
    with pytest.raises(Forbidden):
        dutylists.raw_items_add(by=cast.town_b_clerk, duty_list=duty_list, texts=["x"])
    draft = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    rnd = dutyrounds.duty_round_open(by=cast.office, version=draft, departments=[cast.land])
    with pytest.raises(Forbidden):
        dutyrounds.opinion_give(by=cast.dept_clerk, round=rnd, text="城管局未被征求")
    with pytest.raises(ValidationError, match="关闭本轮后"):
        dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    dutyrounds.duty_round_close(by=cast.office, round=rnd)
    with pytest.raises(ValidationError, match="已关闭"):
        dutyrounds.opinion_give(by=cast.other_dept_clerk, round=rnd, text="迟到的意见")
    with pytest.raises(ValidationError, match="已关闭"):
        dutyrounds.duty_round_close(by=cast.office, round=rnd)
    assert DutyEntry.objects.count() == 3


def test_the_second_of_two_edits_of_an_opinion_is_refused(cast):
    duty_list, items = _list_with_items(cast)
    dutylists.raw_items_assess(
        by=cast.office, duty_list=duty_list, assessments=_assessments(cast, items)
    )
    draft = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    rnd = dutyrounds.duty_round_open(by=cast.office, version=draft, departments=[cast.land])
    opinion = dutyrounds.opinion_give(by=cast.other_dept_clerk, round=rnd, text="初稿意见")
    dutyrounds.opinion_update(
        by=cast.other_dept_clerk, opinion=opinion, row_version=1, text="第一人修改"
    )
    with pytest.raises(Conflict):
        dutyrounds.opinion_update(
            by=cast.other_dept_clerk, opinion=opinion, row_version=1, text="第二人修改"
        )
    opinion.refresh_from_db()
    assert opinion.text == "第一人修改"
    dutyrounds.duty_round_close(by=cast.office, round=rnd)
    with pytest.raises(ValidationError, match="不采纳时须说明理由"):
        dutyrounds.opinion_dispose(by=cast.office, opinion=opinion, disposition="not_adopted")
    dutyrounds.opinion_dispose(
        by=cast.office, opinion=opinion, disposition="adopted", row_version=2
    )
    with pytest.raises(Conflict):
        dutyrounds.opinion_dispose(
            by=cast.town_a_clerk, opinion=opinion, disposition="partly", reason="x", row_version=2
        )


def test_a_new_version_shows_what_moved_between_classes(cast, client):
    duty_list, items = _list_with_items(cast)
    dutylists.raw_items_assess(
        by=cast.office, duty_list=duty_list, assessments=_assessments(cast, items)
    )
    first = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    _six_rounds(cast, first)
    dutylists.duty_version_publish(by=cast.office, version=first, effective_date=date(2025, 9, 1))
    moved = _assessments(cast, items)[1]
    moved.duty_class, moved.can_carry_out, moved.row_version = "basic", True, 2
    dutylists.raw_items_assess(by=cast.office, duty_list=duty_list, assessments=[moved])
    second = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    assert dutylists.duty_version_diff(old=first, new=second)["moved"] == [
        ("配合做好违法建设查处工作", "配合权责", "基本权责")
    ]
    client.force_login(cast.town_a_clerk)
    page = client.get(f"/duties/township-versions/{second.pk}/diff/").content.decode()
    assert "配合做好违法建设查处工作:配合权责 → 基本权责" in page
    workbook = load_workbook(
        io.BytesIO(client.get(f"/duties/township-versions/{first.pk}/export.xlsx").content)
    )
    assert workbook.sheetnames == ["基本权责", "配合权责", "收回上级事项", "新增赋权事项"]
    returned = list(workbook["收回上级事项"].iter_rows(min_row=3, values_only=True))
    assert returned == [
        (
            1,
            "非法占用耕地的行政处罚",
            "收回上级事项",
            None,
            None,
            "依据不充分",
            "平阴县自然资源局",
            "由县自然资源局直接履行",
        )
    ]
