"""Writes of the case-file review: scoring sheets, rounds (sampling), scoring a file,
finishing a round (the reviewed units are notified). Validated, authorised, recorded,
atomic; a refusal writes nothing."""

import secrets
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars
from quanze.core.history import model_state, record_change
from quanze.core.notices import Kind, Message, notify_each, unit_users
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case
from quanze.enforcement.review import rules
from quanze.enforcement.review.checks import detect_files
from quanze.enforcement.review.models import (
    Finding,
    ReviewedFile,
    ReviewRound,
    ScoreSheet,
    SheetItem,
)
from quanze.enforcement.review.selectors import unit_results
from quanze.org.roles import is_reviewer

BUREAU_ONLY = "只有司法局可以组织案卷评查"
DEFAULT_NAME = "行政执法案卷评查标准"


def _bureau(by) -> None:
    if not is_reviewer(by):
        raise Forbidden(BUREAU_ONLY)


# ---- sheets ------------------------------------------------------------------------------


def _points(value, row: int) -> Decimal:
    try:
        points = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"items": f"第{row}行:扣分「{value}」不是数字"}) from None
    return points


@transaction.atomic
@refuses_control_chars(name="名称", items="评查项目")
def sheet_create(
    *, by, name: str, items: list[dict], form_points: int = 20, content_points: int = 80
) -> ScoreSheet:
    """A scoring sheet from rows {kind, part, points, text, check}; errors name the row."""
    _bureau(by)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "名称:必填"})
    if ScoreSheet.objects.filter(county_id=by.county_id, name=name).exists():
        raise ValidationError({"name": f"名称:已有评查标准「{name}」"})
    if form_points < 0 or content_points < 0 or form_points + content_points != 100:
        raise ValidationError({"form_points": "形式分:形式分与内容分合计应为100分"})
    totals = {"form": form_points, "content": content_points}
    rows = []
    for number, item in enumerate(items, start=1):
        kind = item.get("kind")
        part = item.get("part") or ""
        text = (item.get("text") or "").strip()
        check = item.get("check") or ""
        if kind not in SheetItem.Kind.values:
            raise ValidationError({"items": f"第{number}行:类别应为否决项或扣分项"})
        if not text:
            raise ValidationError({"items": f"第{number}行:评查内容必填"})
        if check and check not in rules.CHECKS:
            raise ValidationError({"items": f"第{number}行:没有自动检查「{check}」"})
        points = Decimal("0")
        if kind == SheetItem.Kind.DEDUCTION:
            if part not in totals:
                raise ValidationError({"items": f"第{number}行:扣分项应属于形式或内容"})
            points = _points(item.get("points"), number)
            if points <= 0 or points > totals[part]:
                raise ValidationError(
                    {"items": f"第{number}行:扣分应大于0且不超过该部分的{totals[part]}分"}
                )
        else:
            part = ""
        rows.append((kind, part, points, text, check))
    if not rows:
        raise ValidationError({"items": "评查项目:至少一项"})
    sheet = ScoreSheet.objects.create(
        county_id=by.county_id,
        name=name,
        form_points=form_points,
        content_points=content_points,
        created_by=by,
    )
    SheetItem.objects.bulk_create(
        SheetItem(sheet=sheet, position=i, kind=k, part=p, points=pts, text=t, auto_check=c)
        for i, (k, p, pts, t, c) in enumerate(rows, start=1)
    )
    record_change(
        sheet,
        action="create",
        actor=by,
        after={"name": name, "items": [f"{k}|{p}|{pts}|{t}|{c}" for k, p, pts, t, c in rows]},
    )
    return sheet


def sheet_default(*, by) -> ScoreSheet:
    """The county's default sheet (rules.DEFAULT_SHEET), created on first use."""
    found = ScoreSheet.objects.filter(county_id=by.county_id, name=DEFAULT_NAME).first()
    if found is not None:
        return found
    items = [
        {"kind": k, "part": p, "points": pts, "text": t, "check": c}
        for k, p, pts, t, c in rules.DEFAULT_SHEET
    ]
    return sheet_create(by=by, name=DEFAULT_NAME, items=items)


# ---- rounds ------------------------------------------------------------------------------


def _unit(case: Case) -> tuple[str, str]:
    if case.township_id:
        return f"t{case.township_id}", case.township.name
    return f"d{case.department_id}", case.department.name


def candidates(county, *, start: date, end: date):
    """The county's decided cases closed in the period (the files a round samples from)."""
    return Case.objects.filter(
        county=county,
        state__in=list(m.FINAL),
        decided_on__isnull=False,
        closed_on__gte=start,
        closed_on__lte=end,
    ).select_related("township", "department")


def _auto_findings(file: ReviewedFile, detected, items_by_check) -> list[Finding]:
    findings = []
    for check in dict.fromkeys(d.check for d in detected):
        item = items_by_check.get(check)
        if item is None:
            continue
        details = "；".join(d.detail for d in detected if d.check == check)
        findings.append(
            Finding(file=file, item=item, points=item.points, note=details[:300], detected=True)
        )
    return findings


@transaction.atomic
@refuses_control_chars(title="名称")
def round_create(
    *,
    by,
    title: str,
    period_start: date,
    period_end: date,
    per_unit: int,
    seed: int | None = None,
    sheet: ScoreSheet | None = None,
) -> ReviewRound:
    """Open a round: draw the sample per unit (the rule and seed are recorded), run the
    automatic checks on each file and pre-fill their findings."""
    _bureau(by)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "名称:必填"})
    if period_start is None or period_end is None or period_end < period_start:
        raise ValidationError({"period_end": "结案日期至:不能早于结案日期自"})
    if per_unit is None or per_unit < 1:
        raise ValidationError({"per_unit": "每单位抽取件数:至少1件"})
    if sheet is None:
        sheet = sheet_default(by=by)
    elif sheet.county_id != by.county_id:
        raise ValidationError({"sheet": "评查标准:须为本县(市、区)的评查标准"})
    if seed is None:
        seed = secrets.randbelow(10**9)
    county = by.county
    pool = list(candidates(county, start=period_start, end=period_end))
    by_unit, names, cases = {}, {}, {}
    for case in pool:
        key, name = _unit(case)
        by_unit.setdefault(key, []).append(case.pk)
        names[key] = name
        cases[case.pk] = case
    if not pool:
        raise ValidationError(
            {"period_end": f"结案日期至:{period_start}至{period_end}没有已结案的案件可供抽查"}
        )
    drawn = rules.sample(by_unit, per_unit=per_unit, seed=seed)
    review = ReviewRound.objects.create(
        county=county,
        title=title,
        period_start=period_start,
        period_end=period_end,
        per_unit=per_unit,
        seed=seed,
        rule=rules.rule_text(start=period_start, end=period_end, per_unit=per_unit, seed=seed),
        sheet=sheet,
        created_by=by,
    )
    chosen = [cases[pk] for key in drawn for pk in drawn[key]]
    detected = detect_files(chosen)
    files = ReviewedFile.objects.bulk_create(
        ReviewedFile(
            round=review,
            case=case,
            township_id=case.township_id,
            department_id=case.department_id,
            unit_name=names[_unit(case)[0]],
            detected=[d.as_dict() for d in detected.get(case.pk, [])],
        )
        for case in chosen
    )
    items_by_check = {i.auto_check: i for i in sheet.items.exclude(auto_check="")}
    Finding.objects.bulk_create(
        finding
        for file in files
        for finding in _auto_findings(file, detected.get(file.case_id, []), items_by_check)
    )
    record_change(
        review,
        action="create",
        actor=by,
        after=model_state(
            review, ["title", "period_start", "period_end", "per_unit", "seed", "rule"]
        )
        | {"sample": {names[k]: len(v) for k, v in drawn.items()}},
    )
    return review


@transaction.atomic
@refuses_control_chars(findings="评查结果", notes="备注")
def file_score(*, by, file: ReviewedFile, findings: list[dict], notes: str = "") -> ReviewedFile:
    """Score a file: `findings` is the full list {item, points, note} (vetoes carry no
    points); the score and grade follow the sheet (rules.score)."""
    _bureau(by)
    file = ReviewedFile.objects.select_for_update().select_related("round__sheet").get(pk=file.pk)
    if file.round.state != ReviewRound.State.OPEN:
        raise ValidationError({"file": "评查案卷:本轮评查已完成,不能再修改"})
    sheet = file.round.sheet
    items = {i.pk: i for i in sheet.items.all()}
    detected_checks = {d["check"] for d in file.detected}
    rows, seen = [], set()
    for number, given in enumerate(findings, start=1):
        item = given.get("item")
        item = items.get(getattr(item, "pk", item))
        if item is None:
            raise ValidationError({"findings": f"第{number}项:不是本轮评查标准中的项目"})
        if item.pk in seen:
            raise ValidationError({"findings": f"第{number}项:「{item.text}」重复"})
        seen.add(item.pk)
        points = Decimal("0")
        if item.kind == SheetItem.Kind.DEDUCTION:
            points = _points(given.get("points") or item.points, number)
            if points <= 0 or points > item.points:
                raise ValidationError(
                    {"findings": f"第{number}项:「{item.text}」扣分应大于0且不超过{item.points}分"}
                )
        note = (given.get("note") or "").strip()[:300]
        rows.append(
            Finding(
                file=file,
                item=item,
                points=points,
                note=note,
                detected=bool(item.auto_check and item.auto_check in detected_checks),
            )
        )
    before = {
        "score": str(file.score) if file.score is not None else None,
        "grade": file.grade,
        "findings": sorted(f"{f.item_id}:{f.points}" for f in file.findings.all()),
        "notes": file.notes,
    }
    vetoed = any(r.item.kind == SheetItem.Kind.VETO for r in rows)
    total, grade = rules.score(
        form_points=sheet.form_points,
        content_points=sheet.content_points,
        deductions=[
            (r.item.part, r.points) for r in rows if r.item.kind == SheetItem.Kind.DEDUCTION
        ],
        vetoed=vetoed,
    )
    file.findings.all().delete()
    Finding.objects.bulk_create(rows)
    file.score, file.grade, file.vetoed = total, grade, vetoed
    file.notes = (notes or "").strip()
    file.scored_by, file.scored_at = by, timezone.now()
    file.save()
    after = {
        "score": str(total),
        "grade": grade,
        "findings": sorted(f"{r.item_id}:{r.points}" for r in rows),
        "notes": file.notes,
    }
    record_change(file, action="score", actor=by, before=before, after=after)
    return file


@transaction.atomic
def round_finish(*, by, review: ReviewRound) -> ReviewRound:
    """Close the round once every file is scored, and notify each reviewed unit."""
    _bureau(by)
    review = ReviewRound.objects.select_for_update().get(pk=review.pk)
    if review.county_id != by.county_id:
        raise Forbidden(BUREAU_ONLY)
    if review.state == ReviewRound.State.FINISHED:
        raise ValidationError({"round": "评查轮次:已完成"})
    left = review.files.filter(scored_at__isnull=True).count()
    if left:
        raise ValidationError({"round": f"评查轮次:还有{left}件案卷没有评分"})
    review.state = ReviewRound.State.FINISHED
    review.finished_at = timezone.now()
    review.save(update_fields=["state", "finished_at"])
    results = {r["unit_name"]: r for r in unit_results(by, review)}
    units = review.files.values_list("township_id", "department_id", "unit_name").distinct()
    link = reverse("enforcement:review_round", args=[review.pk])
    messages = []
    for township_id, department_id, name in units:
        r = results[name]
        users = unit_users(
            townships=[township_id] if township_id else [],
            departments=[department_id] if department_id else [],
        )
        body = (
            f"抽查{r['files']}件,平均{r['average']:.1f}分,合格{r['passed']}件,"
            f"触及否决项{r['vetoes']}件。"
        )
        messages += [Message(u, f"案卷评查结果:{review.title}", body, link) for u in users]
    notify_each(messages, kind=Kind.CASE_REVIEW)
    record_change(
        review,
        action="finish",
        actor=by,
        before={"state": ReviewRound.State.OPEN},
        after={"state": ReviewRound.State.FINISHED, "notified": len(messages)},
    )
    return review
