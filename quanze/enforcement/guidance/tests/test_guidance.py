"""Guidance per power and guiding cases: written by the county's justice bureau,
collected (by hand or from a closed case), reviewed by experts, chosen, published."""

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.enforcement.guidance import selectors, services
from quanze.enforcement.guidance.links import case_links


@pytest.fixture
def bureau(ew):
    return ew.cast.reviewer


def test_guidance_is_written_by_the_bureau_and_read_once_published(ew, bureau):
    cast = ew.cast
    power = ew.urban_power
    draft = services.guidance_save(
        by=bureau,
        power=power,
        legal_basis="《中华人民共和国城乡规划法》第四十条、第六十四条",
        procedure="立案后七日内现场勘验;责令停止建设;限期改正",
        evidence="现场勘验笔录、照片、规划许可查询结果、工程造价证明",
    )
    assert selectors.guidance_for(cast.town_a_clerk, power) is None
    assert selectors.guidance_for(bureau, power) == draft
    published = services.guidance_save(
        by=bureau, power=power, legal_basis=draft.legal_basis, procedure="同上", publish=True
    )
    assert published.pk == draft.pk and published.status == "published"
    assert selectors.guidance_for(cast.town_a_clerk, power) == published
    assert selectors.guidance_for(cast.outsider, power) is None
    update = history_for(draft).filter(action="update").get()
    assert update.before["procedure"].startswith("立案后") and update.after["procedure"] == "同上"
    for user in (cast.town_a_clerk, cast.dept_clerk, cast.office):
        with pytest.raises(Forbidden, match="司法局"):
            services.guidance_save(by=user, power=power, legal_basis="x")
    with pytest.raises(ValidationError, match="至少填写一项"):
        services.guidance_save(by=bureau, power=power)
    with pytest.raises(ValidationError, match="不是本县的事项"):
        services.guidance_save(by=bureau, power=ew.foreign_power, legal_basis="x")


def test_a_guiding_case_is_collected_reviewed_chosen_and_published(ew, bureau):
    cast = ew.cast
    collected = services.guiding_case_create(
        by=bureau,
        title="某餐饮店占道经营案",
        facts="当事人在人民路12号店外占道摆放桌椅……",
        decision="责令改正,罚款2000元",
        points="首次占道、及时改正且危害轻微的,适用首违不罚",
        powers=[ew.urban_power],
    )
    with pytest.raises(ValidationError, match="须先记录专家评审意见"):
        services.guiding_case_decide(by=bureau, guiding_case=collected, decision="choose")
    with pytest.raises(ValidationError, match="只有评审入选"):
        services.guiding_case_decide(by=bureau, guiding_case=collected, decision="publish")
    services.review_add(
        by=bureau,
        guiding_case=collected,
        reviewer="张教授",
        opinion="事实清楚,具有指导意义",
        recommend=True,
    )
    assert selectors.guiding_cases_for_power(cast.town_a_clerk, ew.urban_power.pk).count() == 0
    services.guiding_case_decide(by=bureau, guiding_case=collected, decision="choose")
    with pytest.raises(ValidationError, match="不再评审"):
        services.review_add(
            by=bureau, guiding_case=collected, reviewer="李", opinion="x", recommend=False
        )
    published = services.guiding_case_decide(by=bureau, guiding_case=collected, decision="publish")
    assert published.number == "指导案例第1号" and published.published_at
    assert list(selectors.published_guiding_cases()) == [published]
    assert list(selectors.guiding_cases_for_power(cast.town_a_clerk, ew.urban_power.pk)) == [
        published
    ]
    assert list(selectors.guiding_cases_visible(cast.outsider)) == []
    actions = list(history_for(collected).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "review", "choose", "publish"]
    # shown on the page of a case under that power
    labels = [link.label for link in case_links(cast.town_a_clerk, ew.case_a)]
    assert "指导案例第1号 某餐饮店占道经营案" in labels


def test_collecting_from_a_case_needs_a_closed_case_of_the_county(ew, bureau):
    with pytest.raises(ValidationError) as refused:
        services.guiding_case_create(
            by=bureau, title="x", facts="y", powers=[ew.urban_power], source_case=ew.case_a
        )
    assert refused.value.message_dict["source_case"] == ["来源案件:只能收集已结案或已归档的案件"]
    with pytest.raises(ValidationError, match="至少选择一项"):
        services.guiding_case_create(by=bureau, title="x", facts="y", powers=[])
    with pytest.raises(ValidationError, match="不是本县的事项"):
        services.guiding_case_create(by=bureau, title="x", facts="y", powers=[ew.foreign_power])
    with pytest.raises(Forbidden):
        services.guiding_case_create(
            by=ew.cast.town_a_clerk, title="x", facts="y", powers=[ew.urban_power]
        )
    ew.case_a.state = "closed"
    ew.case_a.save(update_fields=["state"])
    taken = services.guiding_case_create(
        by=bureau, title="x", facts="y", powers=[ew.urban_power], source_case=ew.case_a
    )
    assert taken.source_case == ew.case_a
