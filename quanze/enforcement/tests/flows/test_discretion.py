"""A case's 告知 and 决定 against the discretion benchmark in force on their dates: the
proposal recorded with the version and rows, a departure refused without a reason, a
departure sent to legal review, and the version that applied kept provable."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quanze.core.models import ChangeRecord
from quanze.enforcement.benchmarks import rules
from quanze.enforcement.benchmarks import services as benchmarks
from quanze.enforcement.benchmarks.models import Application
from quanze.enforcement.benchmarks.tests import sheets
from quanze.enforcement.cases import services
from quanze.enforcement.cases.forms import StepForm
from quanze.enforcement.cases.models import Case
from quanze.enforcement.cases.rules import PENALTY_KINDS


def test_benchmark_kind_codes_are_the_case_penalty_kinds():
    assert set(rules.KIND_ORDER) <= set(PENALTY_KINDS)
    assert set(rules.KIND_LABELS) == set(rules.KIND_ORDER)
    assert {code for _, code in rules.KIND_WORDS} <= set(rules.KIND_ORDER)


@pytest.fixture
def bench(ew, tmp_path):
    """Version 1 (一般: 7%–9% of the construction cost) from 2025-01-01, version 2
    (一般: 8%–9%) from 2025-06-01."""
    bureau = ew.cast.reviewer
    benchmark = benchmarks.benchmark_create(by=bureau, name="平阴县城市管理行政处罚裁量基准")
    first = benchmark.versions.get()
    path = sheets.write(tmp_path / "v1.xlsx", sheets.rows())
    benchmarks.version_import(by=bureau, version=first, path=path, file_name="v1.xlsx")
    benchmarks.version_publish(by=bureau, version=first, effective_date=date(2025, 1, 1))
    second = benchmarks.version_draft(by=bureau, benchmark=benchmark)
    body = sheets.rows(general_build="处建设工程造价百分之八以上百分之九以下的罚款")
    path = sheets.write(tmp_path / "v2.xlsx", body)
    benchmarks.version_import(by=bureau, version=second, path=path, file_name="v2.xlsx")
    benchmarks.version_publish(by=bureau, version=second, effective_date=date(2025, 6, 1))
    ew.v1, ew.v2 = first, second
    return ew


def go(ew, action, on, **more):
    ew.case_a = services.case_step(
        by=more.pop("by", ew.cast.town_a_clerk), case=ew.case_a, action=action, on=on, **more
    )
    return ew.case_a


def to_concluded(ew):
    go(ew, "file", date(2025, 3, 4), summary="同意立案")
    go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="现场检查")
    return go(ew, "conclude", date(2025, 3, 6), summary="事实清楚")


def notify(ew, fine, **more):
    return go(
        ew,
        "notify",
        date(2025, 3, 7),
        penalty_kinds=["fine"],
        fine_amount=fine,
        summary=f"拟罚款{fine}元",
        base_amount="100000",
        **more,
    )


def decide(ew, fine, on=date(2025, 3, 10), **more):
    return go(
        ew,
        "decide",
        on,
        outcome="penalty",
        penalty_kinds=["fine"],
        fine_amount=fine,
        waived=True,
        summary=f"罚款{fine}元",
        base_amount="100000",
        **more,
    )


def test_a_decision_in_range_keeps_the_version_in_force_on_its_date(bench):
    to_concluded(bench)
    notify(bench, "8000")
    case = decide(bench, "8000")
    assert case.state == "decided" and not case.review_required
    application = Application.objects.filter(case=case, action="decide").get()
    # decided 2025-03-10: version 1 applies, though version 2 was published before
    assert application.version == bench.v1
    assert application.tier == "general"
    assert (application.low, application.high) == (Decimal("7000.00"), Decimal("9000.00"))
    [row] = application.rows.all()
    assert row.item.version == bench.v1 and row.tier == "general"
    step = case.steps.get(action="decide")
    assert step.data["benchmark"]["version"] == bench.v1.pk
    assert step.data["benchmark"]["rows"] == [row.pk]
    assert step.data["deviations"] == []
    assert ChangeRecord.objects.filter(object_id=case.pk, action="benchmark").count() == 2
    # the later version changes nothing of what applied
    assert Application.objects.get(pk=application.pk).version == bench.v1


def test_the_same_fine_departs_from_the_later_version(bench):
    to_concluded(bench)
    with pytest.raises(ValidationError) as refused:
        go(
            bench,
            "notify",
            date(2025, 6, 2),
            penalty_kinds=["fine"],
            fine_amount="7500",
            summary="拟罚款",
            base_amount="100000",
        )
    assert "deviation_reason" in refused.value.message_dict
    assert "8000元至9000元" in refused.value.message_dict["deviation_reason"][0]


def test_a_departure_without_a_reason_is_refused_and_nothing_is_written(bench):
    case = to_concluded(bench)
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as refused:
        notify(bench, "20000")
    [message] = refused.value.message_dict["deviation_reason"]
    assert message.startswith("偏离裁量基准理由:")
    assert "罚款20000元超出裁量基准「一般」阶次的幅度(7000元至9000元)" in message
    assert Case.objects.get(pk=case.pk).state == "investigated"
    assert not Application.objects.exists()
    assert ChangeRecord.objects.count() == records


def test_a_departure_with_a_reason_goes_to_legal_review_before_the_decision(bench):
    to_concluded(bench)
    case = notify(bench, "10000", deviation_reason="违法建设位于历史文化街区,影响恶劣")
    assert case.state == "notified" and case.review_required and not case.reviewed
    assert benchmarks.DEVIATION_GROUND in case.review_grounds
    with pytest.raises(ValidationError, match="法制审核"):
        decide(bench, "10000", deviation_reason="同上")
    case = go(
        bench,
        "review",
        date(2025, 3, 8),
        by=bench.cast.reviewer,
        reviewer=bench.chen,
        summary="偏离裁量基准理由充分,同意",
    )
    assert case.state == "reviewed" and case.reviewed
    with pytest.raises(ValidationError, match="偏离裁量基准理由"):
        decide(bench, "10000")  # the decision departs too: its own reason is required
    case = decide(bench, "10000", deviation_reason="违法建设位于历史文化街区,影响恶劣")
    assert case.state == "decided"
    application = Application.objects.get(case=case, action="decide")
    assert application.outside and application.reason.startswith("违法建设")


def test_conditions_found_choose_the_tier(bench):
    to_concluded(bench)
    case = notify(bench, "6000", circumstances=["在限期内完成改正"])
    application = Application.objects.get(case=case)
    assert application.tier == "lighter"
    assert (application.low, application.high) == (Decimal("5000.00"), Decimal("7000.00"))
    assert application.conditions == ["在限期内完成改正"]


def test_bad_discretion_input_names_the_field(bench):
    to_concluded(bench)
    with pytest.raises(ValidationError) as refused:
        notify(bench, "8000", circumstances=["与本案无关的情形"])
    assert "裁量情形:「与本案无关的情形」" in refused.value.message_dict["circumstances"][0]
    with pytest.raises(ValidationError) as refused:
        go(
            bench,
            "notify",
            date(2025, 3, 7),
            penalty_kinds=["fine"],
            fine_amount="8000",
            summary="拟罚款",
        )
    assert "须填写建设工程造价金额" in refused.value.message_dict["base_amount"][0]


def test_a_power_without_a_benchmark_is_recorded_as_such(ew):
    to_concluded(ew)
    case = notify(ew, "8000")
    application = Application.objects.get(case=case)
    assert application.version is None
    assert "没有施行的裁量基准" in application.explanation[0]


def test_the_step_form_offers_the_conditions_in_force(bench):
    form = StepForm(action="notify", case=bench.case_a)
    choices = [c for c, _ in form.fields["circumstances"].choices]
    assert "拒不停止建设" in choices and "在限期内完成改正" in choices
    assert "deviation_reason" in form.fields and "base_amount" in form.fields
    assert "circumstances" not in StepForm(action="file", case=bench.case_a).fields


def test_without_a_benchmark_the_step_form_asks_nothing_more(ew):
    form = StepForm(action="decide", case=ew.case_a)
    assert not {"circumstances", "base_amount", "deviation_reason"} & set(form.fields)
