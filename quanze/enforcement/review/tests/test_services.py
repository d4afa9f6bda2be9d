"""Automatic checks on case records, rounds, scoring, finishing with notices."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.enforcement.cases.models import CaseStep
from quanze.enforcement.cases.tests.test_steps import go, to_decided
from quanze.enforcement.review import services
from quanze.enforcement.review.checks import detect_files
from quanze.enforcement.review.models import ReviewedFile, SheetItem

PERIOD = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}


def closed(ew):
    to_decided(ew)
    go(ew, "serve", date(2025, 3, 20))
    go(ew, "pay", date(2025, 4, 7), paid_amount="2000")
    return go(ew, "close", date(2025, 4, 8), summary="执行完毕")


def checks_of(case):
    return {d.check for d in detect_files([case])[case.pk]}


def test_a_regular_file_shows_only_what_is_missing(ew):
    case = closed(ew)
    assert checks_of(case) == {"evidence"}  # no evidence item was recorded


def test_vetoes_detected_from_the_record(ew):
    case = closed(ew)
    step = CaseStep.objects.get(case=case, action="investigate")
    step.officers.set([ew.zhao])  # one officer, certificate expired at the end of 2024
    step.data = {"certificates": {"赵亮": "37012400003"}}
    step.save()
    case.acting_name = "锦水街道"  # an entrusted power must act in 县城管局's name
    case.review_required = True
    case.save()
    CaseStep.objects.filter(case=case, action="notify").delete()
    found = detect_files([case])[case.pk]
    assert {d.check for d in found} == {
        "officers",
        "certificates",
        "subject",
        "legal_review",
        "notice",
        "evidence",
    }
    text = " ".join(d.detail for d in found)
    assert "少于两人" in text and "不在有效期内" in text and "平阴县城市管理局" in text


def test_a_round_samples_checks_scores_and_notifies(ew):
    closed(ew)
    bureau = ew.cast.reviewer
    with pytest.raises(Forbidden):
        services.round_create(by=ew.cast.office, title="x", per_unit=1, **PERIOD)
    review = services.round_create(by=bureau, title="2025年度评查", per_unit=2, seed=42, **PERIOD)
    assert "随机种子42" in review.rule
    file = review.files.get()
    assert file.unit_name == "锦水街道"
    auto = file.findings.get()
    assert auto.detected and auto.item.auto_check == "evidence"
    # scoring: keep the detected finding, add a form deduction and a manual veto
    form_item = review.sheet.items.get(text="文书字号、日期、签名等填写不规范")
    file = services.file_score(
        by=bureau,
        file=file,
        findings=[{"item": auto.item_id, "points": 10}, {"item": form_item.pk, "points": 2}],
        notes="证据不足",
    )
    assert (file.score, file.grade, file.vetoed) == (88, "良好", False)
    with pytest.raises(ValidationError) as error:
        services.file_score(by=bureau, file=file, findings=[{"item": form_item.pk, "points": 9}])
    assert "不超过5.0分" in str(error.value)
    veto = review.sheet.items.get(kind=SheetItem.Kind.VETO, text="适用法律依据错误")
    file = services.file_score(by=bureau, file=file, findings=[{"item": veto.pk}])
    assert (file.score, file.grade, file.vetoed) == (0, "不合格", True)
    services.round_finish(by=bureau, review=review)
    notice = Notice.objects.get(kind="case_review")
    assert notice.recipient == ew.cast.town_a_clerk and "触及否决项1件" in notice.body
    assert ChangeRecord.objects.filter(action="score").count() == 2
    assert ChangeRecord.objects.filter(action="finish").exists()
    with pytest.raises(ValidationError):
        services.file_score(by=bureau, file=file, findings=[])


def test_the_same_seed_draws_the_same_files(ew):
    closed(ew)
    one = services.round_create(by=ew.cast.reviewer, title="一", per_unit=1, seed=7, **PERIOD)
    two = services.round_create(by=ew.cast.reviewer, title="二", per_unit=1, seed=7, **PERIOD)
    assert list(one.files.values_list("case_id", flat=True)) == list(
        two.files.values_list("case_id", flat=True)
    )
    assert ReviewedFile.objects.count() == 2


def test_finish_refuses_unscored_files_and_an_empty_period(ew):
    closed(ew)
    review = services.round_create(by=ew.cast.reviewer, title="一", per_unit=1, **PERIOD)
    with pytest.raises(ValidationError) as error:
        services.round_finish(by=ew.cast.reviewer, review=review)
    assert "还有1件案卷没有评分" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.round_create(
            by=ew.cast.reviewer,
            title="空",
            per_unit=1,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )
    assert "没有已结案的案件" in str(error.value)


def test_a_sheet_names_the_bad_row(ew):
    with pytest.raises(ValidationError) as error:
        services.sheet_create(
            by=ew.cast.reviewer,
            name="新标准",
            items=[
                {"kind": "veto", "text": "主体不合法", "check": "subject"},
                {"kind": "deduction", "part": "form", "points": 30, "text": "文书"},
            ],
        )
    assert "第2行" in str(error.value) and "20分" in str(error.value)
