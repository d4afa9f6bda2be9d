"""Lifecycle steps through the service: order, officers, evidence, closed cases, records."""

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.enforcement.cases import services
from quanze.enforcement.cases.models import Case, Evidence
from quanze.enforcement.cases.sweep import cases_sweep

TZ = ZoneInfo("Asia/Shanghai")


def go(ew, action, on, **more):
    ew.case_a = services.case_step(
        by=more.pop("by", ew.cast.town_a_clerk), case=ew.case_a, action=action, on=on, **more
    )
    return ew.case_a


def to_decided(ew):
    go(ew, "file", date(2025, 3, 4), summary="同意立案")
    go(
        ew,
        "investigate",
        date(2025, 3, 5),
        officers=[ew.wang, ew.li],
        summary="现场检查",
        place="人民路12号",
    )
    go(ew, "conclude", date(2025, 3, 10), summary="事实清楚")
    go(
        ew,
        "notify",
        date(2025, 3, 11),
        penalty_kinds=["fine"],
        fine_amount="2000",
        summary="拟罚款2000元",
    )
    return go(
        ew,
        "decide",
        date(2025, 3, 19),
        outcome="penalty",
        penalty_kinds=["fine"],
        fine_amount="2000",
        summary="罚款2000元",
    )


def test_the_general_procedure_from_filing_to_archive(ew):
    case = to_decided(ew)
    assert case.state == "decided" and case.fine_amount == Decimal("2000.00")
    # 2025-03-11 notice: five working days end 2025-03-18 (art. 64, 85)
    assert case.reply_due == date(2025, 3, 18)
    case = go(ew, "serve", date(2025, 3, 20))
    assert case.payment_due == date(2025, 4, 7)  # 15 days end Sat 04-05 -> Mon 04-07 (清明 04-04)
    case = go(ew, "pay", date(2025, 4, 7), paid_amount="2000")
    case = go(ew, "close", date(2025, 4, 8), summary="执行完毕")
    case = go(ew, "archive", date(2025, 4, 9))
    assert case.state == "archived"
    actions = list(case.steps.values_list("action", flat=True))
    assert actions == [
        "open",
        "file",
        "investigate",
        "conclude",
        "notify",
        "decide",
        "serve",
        "pay",
        "close",
        "archive",
    ]
    step = case.steps.get(action="investigate")
    assert step.data["certificates"] == {"王强": "37012400001", "李明": "37012400002"}
    assert (
        ChangeRecord.objects.filter(object_id=case.pk, action="decide").get().after["state"]
        == "decided"
    )


def test_a_step_out_of_order_is_refused_and_nothing_changes(ew):
    with pytest.raises(ValidationError) as refused:
        go(
            ew,
            "decide",
            date(2025, 3, 4),
            outcome="penalty",
            penalty_kinds=["warning"],
            summary="警告",
        )
    assert "案件当前状态为「案源登记」,不能作出决定" in refused.value.message_dict["action"][0]
    ew.case_a.refresh_from_db()
    assert ew.case_a.state == "registered" and ew.case_a.steps.count() == 1


def test_investigation_needs_two_certified_officers(ew):
    go(ew, "file", date(2025, 3, 4))
    with pytest.raises(ValidationError) as one:
        go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang], summary="检查")
    assert "至少2名持证执法人员" in one.value.message_dict["officers"][0]
    with pytest.raises(ValidationError) as expired:
        go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.zhao], summary="检查")
    assert "赵亮" in expired.value.message_dict["officers"][0]
    assert "不在有效期内" in expired.value.message_dict["officers"][0]
    assert ew.case_a.steps.count() == 2


def test_a_certificate_must_cover_the_field(ew):
    from quanze.testing import factories as f

    for cert in ew.li.certificates.all():
        cert.fields.set([f.field("生态环境")])
    go(ew, "file", date(2025, 3, 4))
    with pytest.raises(ValidationError) as refused:
        go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="检查")
    assert "不含「城市管理」执法领域" in refused.value.message_dict["officers"][0]


def test_decision_before_the_reply_period_ends_needs_a_waiver(ew):
    go(ew, "file", date(2025, 3, 4))
    go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="检查")
    go(ew, "conclude", date(2025, 3, 6), summary="终结")
    go(ew, "notify", date(2025, 3, 7), penalty_kinds=["warning"], summary="拟警告")
    with pytest.raises(ValidationError) as refused:
        go(
            ew,
            "decide",
            date(2025, 3, 10),
            outcome="penalty",
            penalty_kinds=["warning"],
            summary="警告",
        )
    assert "2025年03月14日" in refused.value.message_dict["on"][0]
    case = go(
        ew,
        "decide",
        date(2025, 3, 10),
        outcome="penalty",
        penalty_kinds=["warning"],
        summary="警告",
        waived=True,
    )
    assert case.state == "decided"


def test_legal_review_by_a_qualified_reviewer_when_article_58_applies(ew):
    go(ew, "file", date(2025, 3, 4))
    go(ew, "investigate", date(2025, 3, 5), officers=[ew.wang, ew.li], summary="检查")
    go(ew, "conclude", date(2025, 3, 6), summary="终结", review_grounds=["complex"])
    with pytest.raises(ValidationError) as skipped:
        go(
            ew,
            "notify",
            date(2025, 3, 7),
            penalty_kinds=["fine"],
            fine_amount="500",
            summary="拟罚",
        )
    assert "须先经法制审核" in skipped.value.message_dict["action"][0]
    with pytest.raises(ValidationError) as unqualified:
        go(ew, "review", date(2025, 3, 7), reviewer=ew.wang, summary="同意", by=ew.cast.reviewer)
    assert "没有法律职业资格" in unqualified.value.message_dict["reviewer"][0]
    case = go(ew, "review", date(2025, 3, 7), reviewer=ew.chen, summary="同意", by=ew.cast.reviewer)
    assert case.state == "reviewed" and case.reviewer == ew.chen


def test_late_payment_adds_three_percent_a_day_capped_at_the_fine(ew):
    to_decided(ew)
    go(ew, "serve", date(2025, 3, 20))
    with pytest.raises(ValidationError) as refused:
        go(ew, "pay", date(2025, 4, 9), paid_amount="2000")
    assert "加处罚款120.00元" in refused.value.message_dict["paid_amount"][0]
    case = go(ew, "pay", date(2025, 4, 9), paid_amount="2120")
    assert case.surcharge == Decimal("120.00")


def test_simple_procedure_limits_of_article_51(ew):
    case = services.case_open(
        by=ew.cast.town_a_clerk,
        power=ew.urban_power,
        opened_on=date(2025, 3, 3),
        source="inspection",
        title="乱扔垃圾",
        party_kind="individual",
        party_name="王五",
        procedure="simple",
    )
    with pytest.raises(ValidationError) as refused:
        services.case_step(
            by=ew.cast.town_a_clerk,
            case=case,
            action="decide_on_spot",
            on=date(2025, 3, 3),
            officers=[ew.wang, ew.li],
            penalty_kinds=["fine"],
            fine_amount="300",
            summary="罚款",
        )
    assert "不得超过200元" in refused.value.message_dict["action"][0]
    case = services.case_step(
        by=ew.cast.town_a_clerk,
        case=case,
        action="decide_on_spot",
        on=date(2025, 3, 3),
        officers=[ew.wang, ew.li],
        penalty_kinds=["fine"],
        fine_amount="200",
        summary="罚款200元",
    )
    assert case.state == "served" and case.payment_due == date(2025, 3, 18)


def test_evidence_keeps_its_hash_and_custody_and_respects_size_limits(ew, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ENFORCEMENT_MEDIA_MAX_BYTES = 10
    go(ew, "file", date(2025, 3, 4))
    at = datetime(2025, 3, 5, 9, 30, tzinfo=TZ)
    with pytest.raises(ValidationError) as big:
        services.evidence_add(
            by=ew.cast.town_a_clerk,
            case=ew.case_a,
            kind="audio_video",
            description="执法记录仪视频",
            collected_by=ew.wang,
            collected_at=at,
            place="现场",
            file=SimpleUploadedFile("a.mp4", b"x" * 11),
        )
    assert big.value.message_dict["file"][0].startswith("录音录像文件:大小")
    item = services.evidence_add(
        by=ew.cast.town_a_clerk,
        case=ew.case_a,
        kind="document",
        description="营业执照复印件",
        collected_by=ew.wang,
        collected_at=at,
        place="现场",
        file=SimpleUploadedFile("a.pdf", b"%PDF-1"),
    )
    assert item.sha256 == hashlib.sha256(b"%PDF-1").hexdigest()
    services.custody_add(
        by=ew.cast.town_a_clerk,
        evidence=item,
        action="stored",
        at=at + timedelta(hours=2),
        holder="证据室",
    )
    with pytest.raises(ValidationError):
        services.custody_add(
            by=ew.cast.town_a_clerk,
            evidence=item,
            action="retrieved",
            at=at - timedelta(hours=1),
            holder="王强",
        )
    assert list(item.custody.values_list("action", flat=True)) == ["collected", "stored"]
    assert Evidence.objects.count() == 1


def test_a_closed_case_cannot_change_only_be_annotated(ew):
    go(ew, "drop", date(2025, 3, 4), summary="不属于违法行为")
    assert ew.case_a.state == "closed"
    with pytest.raises(ValidationError) as refused:
        go(ew, "file", date(2025, 3, 5))
    assert "已结案,只能备注或归档" in refused.value.message_dict["action"][0]
    with pytest.raises(ValidationError):
        services.evidence_add(
            by=ew.cast.town_a_clerk,
            case=ew.case_a,
            kind="document",
            description="补充",
            collected_by=ew.wang,
            collected_at=datetime(2025, 3, 5, 9, tzinfo=TZ),
            place="现场",
        )
    case = go(ew, "annotate", date(2025, 3, 6), summary="当事人已自行拆除", by=ew.cast.reviewer)
    assert case.steps.filter(action="annotate").count() == 1


def test_only_the_team_takes_steps(ew):
    for user in (ew.cast.dept_clerk, ew.cast.reviewer):
        with pytest.raises(Forbidden):
            go(ew, "file", date(2025, 3, 4), by=user)


def test_the_sweep_escalates_overdue_cases_once_with_notices(ew):
    # registered 2025-03-03: 15 working days to file, due 2025-03-24
    assert ew.case_a.due_on == date(2025, 3, 24)
    assert cases_sweep(today=date(2025, 3, 24)) == 0
    assert cases_sweep(today=date(2025, 3, 25)) == 1
    assert cases_sweep(today=date(2025, 3, 26)) == 0
    case = Case.objects.get(pk=ew.case_a.pk)
    assert case.escalated_state == "registered" and case.steps.filter(action="escalate").exists()
    notified = set(
        Notice.objects.filter(kind="case_overdue").values_list("recipient__username", flat=True)
    )
    assert notified == {"town_a", "reviewer"}
