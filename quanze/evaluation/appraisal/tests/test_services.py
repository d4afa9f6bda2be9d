"""The round's life: who may run it, what opening and closing do, filling sheets, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.evaluation.appraisal import services
from quanze.evaluation.appraisal.models import AppraisalRound, Direction, Score, Sheet
from quanze.evaluation.appraisal.tests.builders import fill, make_round, open_round, sheet_of

pytestmark = pytest.mark.django_db


def test_only_the_county_office_creates_a_round(cast):
    for user in (cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        with pytest.raises(Forbidden):
            make_round(cast, name="x") if user is None else services.round_create(
                by=user, name="x", period_start="2025-01-01", period_end="2025-12-31"
            )
    round = make_round(cast)
    assert round.county == cast.county and round.status == AppraisalRound.Status.DRAFT
    assert round.criteria.filter(direction=Direction.TOWNSHIP_SCORES, power="command").exists()
    assert [r.action for r in history_for(round)] == ["create"]


def test_the_outsider_office_cannot_touch_our_round(cast):
    round = make_round(cast)
    with pytest.raises(Forbidden):
        services.round_open(by=cast.outsider, round=round)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"township_weight": Decimal(40)}, "乡镇评价权重:应在50%到100%之间"),
        ({"threshold": Decimal(120)}, "匿名分数线:应在0到100之间"),
        ({"name": ""}, "名称:"),
    ],
)
def test_bad_settings_are_refused_in_chinese_naming_the_field(cast, fields, message):
    with pytest.raises(ValidationError) as error:
        make_round(cast, **fields)
    assert any(m.startswith(message) for m in error.value.messages)
    assert not AppraisalRound.objects.exists()


def test_a_period_ending_before_it_starts_is_refused(cast):
    with pytest.raises(ValidationError, match="考评期止:不能早于考评期起"):
        make_round(cast, period_end="2024-01-01")


def test_settings_change_only_in_draft_and_every_change_is_recorded(cast):
    round = make_round(cast)
    services.round_update(by=cast.office, round=round, township_weight=Decimal(70))
    record = history_for(round)[0]
    assert record.before == {"township_weight": "60.00"} and record.after["township_weight"] == "70"
    services.criterion_add(
        by=cast.office, round=round, direction="t2d", name="信息共享", weight=Decimal(5)
    )
    services.round_open(by=cast.office, round=round)
    with pytest.raises(ValidationError, match="不能再修改"):
        services.round_update(by=cast.office, round=round, anonymous=False)
    actions = [r.after for r in history_for(round)]
    assert {"status": "评分中"} in actions and {
        "criterion_added": "信息共享",
        "weight": "5",
    } in actions


def test_a_fact_criterion_must_belong_to_its_direction(cast):
    round = make_round(cast)
    with pytest.raises(ValidationError, match="数据指标:该评价方向没有这项数据指标"):
        services.criterion_add(
            by=cast.office, round=round, direction="d2t", name="x", weight=5, fact="send_backs"
        )


def test_opening_gives_each_pair_a_sheet_and_tells_every_unit(cast):
    round = open_round(cast)
    # 2 townships × 2 departments, both ways
    assert Sheet.objects.filter(round=round).count() == 8
    told = set(Notice.objects.filter(kind="appraisal_opened").values_list("recipient", flat=True))
    assert told == {
        cast.dept_clerk.pk,
        cast.other_dept_clerk.pk,
        cast.town_a_clerk.pk,
        cast.town_b_clerk.pk,
    }


def test_a_round_without_criteria_on_one_side_cannot_open(cast):
    round = make_round(cast)
    for criterion in round.criteria.filter(direction="d2t"):
        services.criterion_remove(by=cast.office, criterion=criterion)
    with pytest.raises(ValidationError, match="部门评乡镇”至少要有一项指标"):
        services.round_open(by=cast.office, round=round)


def test_a_township_fills_only_its_own_sheet(cast):
    round = open_round(cast)
    own = sheet_of(round, township=cast.town_a, department=cast.urban)
    fill(round, cast.town_a_clerk, own, 88)
    assert Score.objects.filter(sheet=own).count() == 4  # the four form criteria
    for user in (cast.town_b_clerk, cast.dept_clerk, cast.office):
        with pytest.raises(Forbidden, match="只能以本单位身份填写"):
            fill(round, user, own, 10)
    department_sheet = sheet_of(round, township=cast.town_a, department=cast.urban, direction="d2t")
    with pytest.raises(Forbidden):
        fill(round, cast.town_a_clerk, department_sheet, 10)
    fill(round, cast.dept_clerk, department_sheet, 75)


def test_one_bad_score_saves_nothing_and_names_the_criterion(cast):
    round = open_round(cast)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban)
    names = list(round.criteria.filter(direction="t2d", fact="").values_list("name", flat=True))
    scores = dict.fromkeys(names, 80) | {names[1]: 101}
    with pytest.raises(ValidationError) as error:
        fill(round, cast.town_a_clerk, sheet, scores)
    assert error.value.messages == [f"「{names[1]}」得分:应在0到100之间"]
    assert not Score.objects.exists()
    assert Sheet.objects.get(pk=sheet.pk).submitted_at is None


def test_resubmitting_records_the_changed_scores(cast):
    round = open_round(cast)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban)
    fill(round, cast.town_a_clerk, sheet, 80)
    fill(round, cast.town_a_clerk, sheet, 70)
    latest = history_for(sheet)[0]
    assert set(latest.before.values()) == {"80.0"} and set(latest.after.values()) == {"70.0"}


def test_closing_stops_scoring_and_sends_results_to_every_unit(cast):
    round = open_round(cast)
    services.round_close(by=cast.office, round=round)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban)
    with pytest.raises(ValidationError, match="不在评分中"):
        fill(round, cast.town_a_clerk, sheet, 80)
    assert Notice.objects.filter(kind="appraisal_closed").count() == 4
    with pytest.raises(ValidationError, match="只有评分中的互评可以结束"):
        services.round_close(by=cast.office, round=round)
