"""Writes of the stationed squads: validated, authorised, recorded, atomic.

The department that stations a squad keeps it (members, equipment, the request to appoint
its head); the township it is stationed in records attendance, appraises it and answers
the consent request (002: 派驻机构负责人任免同意权). Hand-offs send notices both ways.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.notices import Kind, notify, unit_users
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.squads import rules
from quanze.enforcement.squads.models import (
    Appraisal,
    Attendance,
    Equipment,
    HeadConsent,
    Squad,
    SquadMember,
)
from quanze.org.models import Division
from quanze.org.roles import is_department_clerk, is_township_clerk

SQUAD_FIELDS = ["name", "department", "township", "established_on", "management", "head", "active"]
DEPARTMENT_ONLY = "只有派出部门可以管理本部门的派驻中队"
LABELS = {
    "days_due": "应出勤天数",
    "days_present": "实出勤天数",
    "note": "考勤说明",
    "score": "考评得分",
    "grade": "考评等次",
    "comment": "考评评语",
}
TOWNSHIP_ONLY = "只有派驻乡镇(街道)可以考勤、考评和答复征求意见"


def require_department(by, squad: Squad) -> None:
    if not (is_department_clerk(by) and by.department_id == squad.department_id):
        raise Forbidden(DEPARTMENT_ONLY)


def require_township(by, squad: Squad) -> None:
    if not (is_township_clerk(by) and by.township_id == squad.township_id):
        raise Forbidden(TOWNSHIP_ONLY)


def _link(squad: Squad) -> str:
    return squad.get_absolute_url()


@transaction.atomic
def squad_create(*, by, township: Division, established_on: date, name: str = "") -> Squad:
    """The clerk's department stations a squad in a township of its county."""
    if not is_department_clerk(by):
        raise Forbidden(DEPARTMENT_ONLY)
    department = by.department
    if township is None or township.level != Division.Level.TOWNSHIP:
        raise ValidationError({"township": "派驻乡镇(街道):请选择一个乡镇(街道)"})
    if township.parent_id != department.division_id:
        raise ValidationError({"township": "派驻乡镇(街道):应为本县(市、区)的乡镇(街道)"})
    label = department.short_name or department.name
    squad = Squad(
        county_id=department.division_id,
        department=department,
        township=township,
        name=(name or "").strip() or f"{label}派驻{township.name}中队",
        established_on=established_on,
    )
    validate_model(squad)
    squad.save()
    record_change(squad, action="create", actor=by, after=model_state(squad, SQUAD_FIELDS))
    notify(
        unit_users(townships=[township]),
        kind=Kind.STAFFING,
        title=f"{department}在本乡镇(街道)设立{squad.name}",
        body="派驻中队实行双重管理,以乡镇(街道)管理为主:日常考勤、考评由乡镇(街道)负责。",
        link=_link(squad),
    )
    return squad


@transaction.atomic
def member_add(*, by, squad: Squad, officer: Officer, joined_on: date) -> SquadMember:
    require_department(by, squad)
    if officer.department_id != squad.department_id:
        raise ValidationError({"officer": "执法人员:应为派出部门的执法人员"})
    if not officer.active:
        raise ValidationError({"officer": f"执法人员:{officer.name}不在岗"})
    if joined_on < squad.established_on:
        raise ValidationError({"joined_on": "派驻日期:不能早于中队设立日期"})
    current = SquadMember.objects.filter(officer=officer, left_on__isnull=True).first()
    if current is not None:
        raise ValidationError({"officer": f"执法人员:{officer.name}已在{current.squad}"})
    member = SquadMember(squad=squad, officer=officer, joined_on=joined_on)
    validate_model(member)
    member.save()
    record_change(
        squad,
        action="member_add",
        actor=by,
        after={"officer": officer.name, "joined_on": joined_on.isoformat()},
    )
    return member


@transaction.atomic
def member_leave(*, by, member: SquadMember, left_on: date) -> SquadMember:
    member = SquadMember.objects.select_for_update().select_related("squad").get(pk=member.pk)
    require_department(by, member.squad)
    if member.left_on is not None:
        raise ValidationError({"left_on": "撤回日期:该队员已撤回"})
    if left_on < member.joined_on:
        raise ValidationError({"left_on": "撤回日期:不能早于派驻日期"})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    squad = member.squad
    changes = {"officer": member.officer.name, "left_on": left_on.isoformat()}
    if squad.head_id == member.officer_id:
        squad.head = None
        squad.save(update_fields=["head"])
        changes["head"] = None
    record_change(squad, action="member_leave", actor=by, after=changes)
    return member


@transaction.atomic
def equipment_add(
    *,
    by,
    kind: str,
    name: str,
    quantity: int = 1,
    squad: Squad | None = None,
    identifier: str = "",
    acquired_on: date | None = None,
) -> Equipment:
    """A department equips its squad; a township its own team."""
    if squad is not None:
        require_department(by, squad)
        unit = {"squad": squad, "county_id": squad.county_id}
    elif is_township_clerk(by):
        unit = {"township_id": by.township_id, "county_id": by.county_id}
    else:
        raise Forbidden("派出部门为本部门的派驻中队、乡镇(街道)为本乡镇执法队伍登记装备")
    item = Equipment(
        kind=kind,
        name=(name or "").strip(),
        quantity=quantity,
        identifier=(identifier or "").strip(),
        acquired_on=acquired_on,
        **unit,
    )
    validate_model(item)
    item.save()
    after = model_state(item, ["kind", "name", "quantity", "identifier", "acquired_on"])
    if squad is not None:
        record_change(squad, action="equipment", actor=by, after=after)
    else:
        record_change(item, action="create", actor=by, after=after)
    return item


def _member_in(squad: Squad, officer: Officer, month: date) -> bool:
    """Was the officer in the squad on some day of the month?"""
    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return (
        squad.members.filter(officer=officer, joined_on__lt=month_end)
        .exclude(left_on__lt=month)
        .exists()
    )


@transaction.atomic
def attendance_record(
    *, by, squad: Squad, officer: Officer, month: date, days_due: int, days_present: int, note=""
) -> Attendance:
    """The township records (or corrects) a member's attendance of a month."""
    require_township(by, squad)
    month = month.replace(day=1)
    if not _member_in(squad, officer, month):
        raise ValidationError({"officer": f"执法人员:{officer.name}该月不在本中队"})
    row = (
        Attendance.objects.select_for_update(of=("self",))
        .filter(squad=squad, officer=officer, month=month)
        .first()
    )
    fields = ["days_due", "days_present", "note"]
    before = model_state(row, fields) if row else {}
    if row is None:
        row = Attendance(squad=squad, officer=officer, month=month, recorded_by=by)
    row.days_due, row.days_present, row.note = days_due, days_present, (note or "").strip()
    row.recorded_by = by
    validate_model(row)
    old, new = diff_states(before, model_state(row, fields))
    if not new:
        return row
    row.save()
    label = f"{officer.name}{month.year}年{month.month}月"
    record_change(
        squad,
        action="attendance",
        actor=by,
        before={f"{label}{LABELS[k]}": v for k, v in old.items()},
        after={f"{label}{LABELS[k]}": v for k, v in new.items()},
    )
    return row


def _score(value) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": f"得分:「{value}」不是数字"}) from None


@transaction.atomic
def appraisal_record(*, by, squad: Squad, year: int, score, comment: str = "") -> Appraisal:
    """The township appraises the squad for a year; the department is told the result."""
    require_township(by, squad)
    score = _score(score)
    if year < squad.established_on.year or year > timezone.localdate().year:
        raise ValidationError({"year": f"年度:应在{squad.established_on.year}年至今年之间"})
    row = Appraisal.objects.select_for_update(of=("self",)).filter(squad=squad, year=year).first()
    fields = ["score", "grade", "comment"]
    before = model_state(row, fields) if row else {}
    if row is None:
        row = Appraisal(squad=squad, year=year, appraised_by=by)
    row.score, row.grade, row.comment = score, rules.grade(score), (comment or "").strip()
    row.appraised_by = by
    validate_model(row)
    old, new = diff_states(before, model_state(row, fields))
    if not new:
        return row
    row.save()
    record_change(
        squad,
        action="appraisal",
        actor=by,
        before={f"{year}年度{LABELS[k]}": v for k, v in old.items()},
        after={f"{year}年度{LABELS[k]}": v for k, v in new.items()},
    )
    notify(
        unit_users(departments=[squad.department_id]),
        kind=Kind.STAFFING,
        title=f"{squad.township}对{squad.name}{year}年度考评:{row.grade}({row.score}分)",
        body=row.comment,
        link=_link(squad),
    )
    return row


@transaction.atomic
def consent_request(*, by, squad: Squad, candidate: Officer, reason: str) -> HeadConsent:
    """The department asks the township's consent to appoint `candidate` head of the squad."""
    squad = Squad.objects.select_for_update().get(pk=squad.pk)
    require_department(by, squad)
    if candidate.department_id != squad.department_id or not candidate.active:
        raise ValidationError({"candidate": "拟任中队长:应为派出部门在岗的执法人员"})
    if candidate.post_type == Officer.PostType.AUXILIARY:
        raise ValidationError(
            {"candidate": f"拟任中队长:{candidate.name}为编外辅助人员,不能独立执法,不能任中队长"}
        )
    if squad.head_id == candidate.pk:
        raise ValidationError({"candidate": f"拟任中队长:{candidate.name}已是中队长"})
    if HeadConsent.objects.filter(squad=squad, state=HeadConsent.State.PENDING).exists():
        raise ValidationError({"squad": "派驻中队:已有一件待答复的征求意见,请等乡镇(街道)答复"})
    consent = HeadConsent(
        squad=squad, candidate=candidate, reason=(reason or "").strip(), requested_by=by
    )
    validate_model(consent)
    consent.save()
    record_change(
        consent, action="request", actor=by, after=model_state(consent, ["candidate", "reason"])
    )
    notify(
        unit_users(townships=[squad.township_id]),
        kind=Kind.SQUAD_CONSENT,
        title=f"{squad.department}拟任{candidate.name}为{squad.name}中队长,征求本乡镇(街道)意见",
        body=consent.reason,
        link=_link(squad),
    )
    return consent


@transaction.atomic
def consent_answer(*, by, consent: HeadConsent, agree: bool, answer: str = "") -> HeadConsent:
    """The township agrees (the candidate becomes head) or refuses, giving its reason."""
    consent = HeadConsent.objects.select_for_update().select_related("squad").get(pk=consent.pk)
    squad = consent.squad
    require_township(by, squad)
    if consent.state != HeadConsent.State.PENDING:
        raise ValidationError({"state": f"状态:该征求意见已答复({consent.get_state_display()})"})
    answer = (answer or "").strip()
    if not agree and not answer:
        raise ValidationError({"answer": "答复意见:不同意时须写明理由"})
    consent.state = HeadConsent.State.AGREED if agree else HeadConsent.State.REFUSED
    consent.answer, consent.answered_by, consent.answered_at = answer, by, timezone.now()
    validate_model(consent)
    consent.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    record_change(
        consent,
        action="answer",
        actor=by,
        before={"state": HeadConsent.State.PENDING},
        after={"state": consent.state, "answer": answer},
    )
    if agree:
        squad = Squad.objects.select_for_update().get(pk=squad.pk)
        before = {"head": str(squad.head) if squad.head_id else None}
        squad.head = consent.candidate
        squad.save(update_fields=["head"])
        record_change(
            squad,
            action="head",
            actor=by,
            before=before,
            after={"head": consent.candidate.name},
            reason=f"乡镇(街道)同意:{answer}" if answer else "乡镇(街道)同意",
        )
    verdict = "同意" if agree else "不同意"
    notify(
        unit_users(departments=[squad.department_id]),
        kind=Kind.SQUAD_CONSENT,
        title=f"{squad.township}{verdict}{consent.candidate.name}任{squad.name}中队长",
        body=answer,
        link=_link(squad),
    )
    return consent
