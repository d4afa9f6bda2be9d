"""Writes of case work: open a case under a held power, take its lifecycle steps, record
evidence and its custody. Each is validated, authorised, recorded (a CaseStep in the
case's log and a ChangeRecord with before/after) and atomic; a refusal writes nothing."""

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, NotFound, refuses_control_chars, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.enforcement.benchmarks.services import check_step as benchmark_check
from quanze.enforcement.cases import deadlines, rules
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.handoffs import handoff_notices
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.cases.powers import holding_for
from quanze.enforcement.cases.selectors import can_act, can_handle
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.officers.selectors import certificate_check
from quanze.org.roles import is_department_clerk, is_township_clerk

# The fields a ChangeRecord of a case compares (everything a step may change).
RECORDED = [
    "state",
    "state_since",
    "filed_on",
    "review_grounds",
    "review_required",
    "reviewed",
    "reviewer",
    "notified_on",
    "reply_due",
    "hearing_offered",
    "hearing_held",
    "proposed_penalty",
    "outcome",
    "penalty_kinds",
    "fine_amount",
    "decision_text",
    "decided_on",
    "served_on",
    "payment_due",
    "paid_on",
    "paid_amount",
    "surcharge",
    "enforcement_applied_on",
    "closed_on",
    "archived_on",
    "due_on",
    "due_label",
    "due_basis",
    "due_estimated",
]
OPENED = [
    "number",
    "township",
    "department",
    "power",
    "mode",
    "acting_department",
    "acting_name",
    "source",
    "source_detail",
    "event",
    "procedure",
    "state",
    "opened_on",
    "title",
    "facts",
    "place",
    "party_kind",
    "party_name",
    "party_id_number",
    "party_phone",
    "party_address",
]
MIN_OFFICERS = 2
# ChangeRecord.action holds 16 characters: the one longer step name is recorded shorter.
RECORDED_AS = {"apply_enforcement": "apply_enforce"}


# ---- numbering ---------------------------------------------------------------------------


def case_number(acting_name: str, year: int, sequence: int) -> str:
    """The case number by rule: 执法主体〔年〕序号 (the document issue builds its 字号 on it)."""
    return f"{acting_name}〔{year}〕{sequence}号"


def _next_sequence(acting_name: str, year: int) -> int:
    top = Case.objects.filter(acting_name=acting_name, year=year).aggregate(n=Max("sequence"))["n"]
    return (top or 0) + 1


# ---- opening -----------------------------------------------------------------------------


def _team(by):
    if is_township_clerk(by):
        return by.township, None
    if is_department_clerk(by):
        return None, by.department
    raise Forbidden("只有乡镇(街道)综合执法队伍或县直部门可以办理执法案件")


def _check_event(by, event, township, department) -> None:
    if event is None:
        raise ValidationError({"event": "来源事件:案源为吹哨报到事件时须选择事件"})
    if township is not None and event.township_id != township.pk:
        raise ValidationError({"event": "来源事件:只能从本乡镇(街道)的事件立案"})
    if department is not None and event.primary_department_id != department.pk:
        raise ValidationError({"event": "来源事件:只能从派发给本部门的事件立案"})


def _set_due(case: Case, on: date) -> None:
    limit, due = deadlines.due_for(case.state, entered=on, filed=case.filed_on)
    case.due_on = due.on if due else None
    case.due_estimated = bool(due and due.estimated)
    case.due_label = limit.label if limit else ""
    case.due_basis = limit.basis if limit else ""


def _log(case, *, action, from_state, by, on, officers=(), place="", summary="", data=None):
    row = CaseStep.objects.create(
        case=case,
        action=action,
        from_state=from_state,
        to_state=case.state,
        at=timezone.now(),
        on=on,
        actor=by if by is not None and by.is_authenticated else None,
        place=place,
        summary=summary,
        data=data or {},
    )
    if officers:
        row.officers.set(officers)
    return row


@transaction.atomic
def case_open(
    *,
    by,
    power,
    opened_on: date,
    source: str,
    title: str,
    party_kind: str,
    party_name: str,
    party_id_number: str = "",
    party_phone: str = "",
    party_address: str = "",
    facts: str = "",
    place: str = "",
    source_detail: str = "",
    event=None,
    procedure: str = m.GENERAL,
) -> Case:
    """Register a case (案源登记) under a power the team holds on `opened_on`."""
    township, department = _team(by)
    if source == Case.Source.EVENT:
        _check_event(by, event, township, department)
    elif event is not None:
        raise ValidationError({"event": "来源事件:只有案源为吹哨报到事件时才关联事件"})
    if opened_on is None:
        raise ValidationError({"opened_on": "案发(受理)日期:必填"})
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": "案发(受理)日期:不能晚于今天"})
    holding = holding_for(township=township, department=department, power=power, on=opened_on)
    sequence = _next_sequence(holding.acting_name, opened_on.year)
    case = Case(
        number=case_number(holding.acting_name, opened_on.year, sequence),
        year=opened_on.year,
        sequence=sequence,
        county_id=township.parent_id if township else department.division_id,
        township=township,
        department=department,
        power=power,
        field=power.field,
        mode=holding.mode,
        acting_department=holding.acting_department,
        acting_name=holding.acting_name,
        basis=holding.basis,
        source=source,
        source_detail=source_detail.strip(),
        event=event,
        procedure=procedure,
        state=m.REGISTERED,
        state_since=opened_on,
        opened_on=opened_on,
        title=title.strip(),
        facts=facts.strip(),
        place=place.strip(),
        party_kind=party_kind,
        party_name=party_name.strip(),
        party_id_number=party_id_number.strip(),
        party_phone=party_phone.strip(),
        party_address=party_address.strip(),
        created_by=by,
    )
    _set_due(case, opened_on)
    validate_model(case, exclude=["number"])
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise Conflict("同一执法主体同时登记了另一件案件,请重新提交") from None
    _log(
        case,
        action="open",
        from_state="",
        by=by,
        on=opened_on,
        summary=case.title,
        data={"basis": case.basis, "mode": case.get_mode_display()},
    )
    record_change(case, action="create", actor=by, after=model_state(case, OPENED))
    return case


# ---- lifecycle steps ---------------------------------------------------------------------


def _certified(officers, *, case: Case, on: date) -> dict[str, str]:
    """At least two officers, each with a certificate valid on `on` covering the case's
    field; returns officer name -> certificate number for the record."""
    officers = list(dict.fromkeys(officers))
    if len(officers) < MIN_OFFICERS:
        raise ValidationError(
            {
                "officers": f"执法人员:调查取证等执法步骤须有至少{MIN_OFFICERS}名持证执法人员(《行政处罚法》第四十二条)"
            }
        )
    shown = {}
    for officer in officers:
        if officer.county_id != case.county_id:
            raise ValidationError(
                {"officers": f"执法人员:「{officer.name}」不是本县(市、区)的执法人员"}
            )
        try:
            certificate = certificate_check(officer, on=on, field=case.field)
        except ValidationError as error:
            raise ValidationError({"officers": f"执法人员:{error.messages[0]}"}) from None
        shown[officer.name] = certificate.number
    return shown


def _require_text(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"{label}:必填"})
    return value


def _date_checks(case: Case, on: date) -> None:
    if on is None:
        raise ValidationError({"on": "办理日期:必填"})
    if on > timezone.localdate():
        raise ValidationError({"on": "办理日期:不能晚于今天"})
    if on < case.state_since:
        raise ValidationError(
            {"on": f"办理日期:不能早于上一步骤的日期{case.state_since:%Y年%m月%d日}"}
        )


def _amount(value, field: str, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except ArithmeticError:
        raise ValidationError({field: f"{label}:不是有效的金额"}) from None
    if amount < 0:
        raise ValidationError({field: f"{label}:不能为负数"})
    return amount


def _kinds(value) -> list[str]:
    kinds = [k for k in (value or []) if k]
    error = rules.kinds_error(kinds)
    if error:
        raise ValidationError({"penalty_kinds": error})
    return kinds


@transaction.atomic
@refuses_control_chars(summary="内容", place="地点", others="内容")
def case_step(
    *,
    by,
    case: Case,
    action: str,
    on: date,
    officers=(),
    summary: str = "",
    place: str = "",
    row_version: int | None = None,
    **given,
) -> Case:
    """Take one lifecycle step (see machine.ACTIONS) on `on`; `given` holds the step's own
    fields (see docs/enforcement.md, "Steps")."""
    case = Case.objects.select_for_update(of=("self",)).select_related("field").get(pk=case.pk)
    if not can_act(by, case, action):
        raise Forbidden("只有办案单位可以办理本案;司法局可以记录法制审核")
    if row_version is not None and row_version != case.row_version:
        raise Conflict("案件已被他人更新,请刷新后重试")
    if action == "annotate":
        return _annotate(by, case, summary, on)
    _date_checks(case, on)
    before = model_state(case, RECORDED)
    awaited_review = case.review_required and not case.reviewed
    from_state = case.state
    facts = case.facts_for_machine()
    shown = {}
    data = {}
    officers = list(officers)
    place = (place or "").strip()
    summary = (summary or "").strip()
    machine_given = {}

    if action in m.INVESTIGATIVE:
        # The lifecycle decides first whether the step may come now at all.
        m.step(case.state, action, facts, penalised=True, fine_due=True)
        shown = _certified(officers, case=case, on=on)
        data["certificates"] = shown
    if action == "conclude":
        grounds = [g for g in given.get("review_grounds") or [] if g]
        machine_given["review_grounds"] = grounds
    if action in ("decide", "decide_on_spot"):
        outcome = given.get("outcome") or Case.Outcome.PENALTY
        if action == "decide_on_spot":
            outcome = Case.Outcome.PENALTY
        if outcome not in (Case.Outcome.PENALTY, Case.Outcome.NO_PENALTY):
            raise ValidationError({"outcome": "决定结果:应为给予或不予行政处罚"})
        kinds = _kinds(given.get("penalty_kinds")) if outcome == Case.Outcome.PENALTY else []
        fine = _amount(given.get("fine_amount"), "fine_amount", "罚款金额")
        if outcome == Case.Outcome.PENALTY and not kinds:
            raise ValidationError({"penalty_kinds": "处罚种类:给予行政处罚须写明处罚种类"})
        if "fine" in kinds and not fine:
            raise ValidationError({"fine_amount": "罚款金额:处以罚款须写明金额"})
        if "fine" not in kinds:
            fine = None
        machine_given = {"penalised": outcome == Case.Outcome.PENALTY, "fine_due": bool(fine)}

    try:
        if action == "decide_on_spot":
            m.simple_procedure_check(party_kind=case.party_kind, penalty_kinds=kinds, fine=fine)
        state, facts = m.step(case.state, action, facts, **machine_given)
    except m.StepRefused as refused:
        raise ValidationError({"action": str(refused)}) from None

    if action == "file":
        case.filed_on = on
    elif action == "drop":
        data["reason"] = _require_text(summary, "summary", "不予立案或撤销立案理由")
        case.closed_on = on
    elif action == "investigate":
        _require_text(summary, "summary", "调查取证内容")
    elif action == "conclude":
        case.review_grounds = machine_given["review_grounds"]
        _require_text(summary, "summary", "调查终结报告")
    elif action == "review":
        reviewer = given.get("reviewer")
        if not isinstance(reviewer, Officer) or reviewer.county_id != case.county_id:
            raise ValidationError({"reviewer": "法制审核人员:须选择本县(市、区)的法制审核人员"})
        if not reviewer.legal_qualification:
            raise ValidationError(
                {
                    "reviewer": f"法制审核人员:「{reviewer.name}」没有法律职业资格,不能从事法制审核(《行政处罚法》第五十八条)"
                }
            )
        case.reviewer = reviewer
        data["reviewer"] = reviewer.name
        data["legal_qualification"] = reviewer.legal_qualification
        data["grounds"] = [
            m.REVIEW_GROUNDS[g] for g in case.review_grounds if g in m.REVIEW_GROUNDS
        ]
        _require_text(summary, "summary", "法制审核意见")
        if case.hearing_held and m.HEARD_GROUND not in case.review_grounds:
            case.review_grounds = [*case.review_grounds, m.HEARD_GROUND]
    elif action == "notify":
        kinds = _kinds(given.get("penalty_kinds"))
        fine = _amount(given.get("fine_amount"), "fine_amount", "拟罚款金额")
        case.proposed_penalty = _require_text(summary, "summary", "拟处罚内容及事实、理由、依据")
        case.notified_on = on
        case.reply_due = deadlines.REPLY.due(on).on
        case.hearing_offered = rules.hearing_offered(
            party_kind=case.party_kind, kinds=kinds, fine=fine
        )
        data |= {
            "penalty_kinds": kinds,
            "fine_amount": str(fine or ""),
            "hearing_offered": case.hearing_offered,
            "reply_due": case.reply_due.isoformat(),
        }
        checked, facts = benchmark_check(
            case=case, action=action, on=on, by=by, facts=facts, given=given,
            penalised=True, kinds=kinds, fine=fine,
        )  # fmt: skip
        data |= checked
    elif action == "request_hearing":
        if case.reply_due and on > case.reply_due:
            raise ValidationError(
                {
                    "on": f"办理日期:当事人应在告知后五个工作日内(至{case.reply_due:%Y年%m月%d日})要求听证(《行政处罚法》第六十四条)"
                }
            )
    elif action == "hold_hearing":
        _require_text(summary, "summary", "听证笔录摘要")
        case.hearing_held = True
    elif action in ("decide", "decide_on_spot"):
        waived = bool(given.get("waived"))
        if (
            action == "decide"
            and case.reply_due
            and on <= case.reply_due
            and not waived
            and not case.hearing_held
        ):
            raise ValidationError(
                {
                    "on": f"办理日期:当事人陈述申辩、要求听证的期限至{case.reply_due:%Y年%m月%d日}届满,"
                    "期满前作出决定须有当事人放弃的书面记录"
                }
            )
        case.outcome = (
            Case.Outcome.PENALTY if machine_given["penalised"] else Case.Outcome.NO_PENALTY
        )
        case.penalty_kinds = kinds
        case.fine_amount = fine
        case.decision_text = _require_text(summary, "summary", "决定内容")
        case.decided_on = on
        data |= {"penalty_kinds": kinds, "fine_amount": str(fine or ""), "waived": waived}
        checked, facts = benchmark_check(
            case=case, action=action, on=on, by=by, facts=facts, given=given,
            penalised=machine_given["penalised"], kinds=kinds, fine=fine,
        )  # fmt: skip
        data |= checked
        if action == "decide_on_spot":
            case.served_on = on
            case.filed_on = case.filed_on or on
            if fine:
                case.payment_due = deadlines.add_calendar_days(on, 15).on
    elif action == "serve":
        case.served_on = on
        data["method"] = (given.get("method") or "直接送达").strip()
        if case.fine_amount:
            case.payment_due = deadlines.LIMITS[m.SERVED].due(on).on
    elif action == "pay":
        paid = _amount(given.get("paid_amount"), "paid_amount", "实缴金额")
        late = (on - case.payment_due).days if case.payment_due else 0
        surcharge = m.late_surcharge(case.fine_amount, late)
        owed = case.fine_amount + surcharge
        if paid != owed:
            raise ValidationError(
                {
                    "paid_amount": f"实缴金额:应为罚款{case.fine_amount}元"
                    + (
                        f"加处罚款{surcharge}元(逾期{late}日,每日百分之三,《行政处罚法》第七十二条),共{owed}元"
                        if surcharge
                        else ""
                    )
                }
            )
        case.paid_on, case.paid_amount, case.surcharge = on, paid, surcharge
    elif action == "apply_enforcement":
        if case.paid_on or not case.payment_due or on <= case.payment_due:
            raise ValidationError(
                {
                    "on": "办理日期:当事人缴款期限届满仍未履行的,才能申请强制执行(《行政处罚法》第七十二条)"
                }
            )
        case.enforcement_applied_on = on
        data["court"] = (given.get("court") or "").strip()
    elif action == "execute":
        _require_text(summary, "summary", "执行情况")
    elif action == "close":
        _require_text(summary, "summary", "结案报告")
        case.closed_on = on
    elif action == "archive":
        case.archived_on = on

    case.review_required = facts.review_required
    case.reviewed = facts.reviewed
    if state != case.state or action in ("conclude",):
        case.state_since = on
    if state != case.state:
        case.escalated_state = ""
    case.state = state
    _set_due(case, case.state_since)
    old, new = diff_states(before, model_state(case, RECORDED))
    case.row_version += 1
    case.save()
    step_row = _log(
        case,
        action=action,
        from_state=from_state,
        by=by,
        on=on,
        officers=officers if shown else (),
        place=place,
        summary=summary,
        data=data,
    )
    record_change(
        case,
        action=RECORDED_AS.get(action, action),
        actor=by,
        before=old,
        after=new,
        reason=f"{m.ACTIONS[action]}(办案记录{step_row.pk})",
    )
    handoff_notices(case, action=action, awaited_review=awaited_review)
    return case


def _annotate(by, case: Case, text: str, on: date) -> Case:
    text = _require_text(text, "summary", "备注")
    _log(
        case,
        action="annotate",
        from_state=case.state,
        by=by,
        on=on or timezone.localdate(),
        summary=text,
    )
    record_change(case, action="annotate", actor=by, after={"note": text})
    return case


# ---- evidence ----------------------------------------------------------------------------


def _refuse_final(case: Case) -> None:
    if case.is_final:
        raise ValidationError({"case": f"案件已{case.get_state_display()},不能更改,只能备注"})


def _digest(upload) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        sha.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return sha.hexdigest(), size


@transaction.atomic
def evidence_add(
    *,
    by,
    case: Case,
    kind: str,
    description: str,
    collected_by: Officer,
    collected_at: datetime,
    place: str,
    file=None,
) -> Evidence:
    """Record one evidence item with its file (SHA-256 kept) and the first custody entry."""
    case = Case.objects.select_for_update(of=("self",)).select_related("field").get(pk=case.pk)
    if not can_handle(by, case):
        raise Forbidden("只有办案单位可以登记证据")
    _refuse_final(case)
    if case.state == m.REGISTERED and case.procedure == m.GENERAL:
        raise ValidationError({"case": "案件尚未立案,不能登记证据"})
    if collected_at is None:
        raise ValidationError({"collected_at": "收集时间:必填"})
    if collected_at > timezone.now():
        raise ValidationError({"collected_at": "收集时间:不能晚于现在"})
    if collected_by is None or collected_by.county_id != case.county_id:
        raise ValidationError({"collected_by": "收集人:须为本县(市、区)的执法人员"})
    try:
        certificate_check(
            collected_by, on=timezone.localtime(collected_at).date(), field=case.field
        )
    except ValidationError as error:
        raise ValidationError({"collected_by": f"收集人:{error.messages[0]}"}) from None
    media = kind == Evidence.Kind.AUDIO_VIDEO
    sha, size, name = "", 0, ""
    if file is not None:
        sha, size = _digest(file)
        error = rules.size_error(size=size, media=media)
        if error:
            raise ValidationError({"file": error})
        name = file.name[:200]
    elif media:
        raise ValidationError({"file": "录音录像文件:视听资料须上传文件"})
    evidence = Evidence(
        case=case,
        kind=kind,
        description=(description or "").strip(),
        collected_by=collected_by,
        collected_at=collected_at,
        place=(place or "").strip(),
        file_name=name,
        size=size,
        sha256=sha,
        recorded_by=by,
    )
    validate_model(evidence, exclude=["file"])
    if file is not None:
        evidence.file.save(name, file, save=False)
    evidence.save()
    Custody.objects.create(
        evidence=evidence,
        action=Custody.Action.COLLECTED,
        at=collected_at,
        holder=collected_by.name,
        note=evidence.place,
        by=by,
    )
    record_change(
        evidence,
        action="create",
        actor=by,
        after=model_state(
            evidence,
            [
                "kind",
                "description",
                "collected_by",
                "collected_at",
                "place",
                "file_name",
                "size",
                "sha256",
            ],
        ),
    )
    _log(
        case,
        action="annotate",
        from_state=case.state,
        by=by,
        on=timezone.localdate(),
        summary=f"登记证据:{evidence.get_kind_display()} {evidence.description}",
        data={"evidence": evidence.pk, "sha256": sha},
    )
    return evidence


@transaction.atomic
def custody_add(
    *, by, evidence: Evidence, action: str, at: datetime, holder: str, note: str = ""
) -> Custody:
    """Append to an evidence item's chain of custody, in time order."""
    case = Case.objects.select_for_update().get(pk=evidence.case_id)
    if not can_handle(by, case):
        raise Forbidden("只有办案单位可以登记证据保管")
    _refuse_final(case)
    last = evidence.custody.order_by("-at", "-id").first()
    if last and last.action == Custody.Action.DESTROYED:
        raise ValidationError({"action": "环节:证据已销毁,不能再登记保管环节"})
    if at is None or (last and at < last.at):
        raise ValidationError(
            {
                "at": f"时间:不能早于上一环节({timezone.localtime(last.at):%Y-%m-%d %H:%M})"
                if last
                else "时间:必填"
            }
        )
    entry = Custody(
        evidence=evidence,
        action=action,
        at=at,
        holder=(holder or "").strip(),
        note=(note or "").strip(),
        by=by,
    )
    validate_model(entry)
    entry.save()
    record_change(
        evidence,
        action="custody",
        actor=by,
        after={"action": entry.get_action_display(), "holder": entry.holder, "at": at.isoformat()},
    )
    return entry


def evidence_file(user, evidence: Evidence):
    """The stored file of an evidence item (its access checked by the caller's choke point)."""
    if not evidence.file:
        raise NotFound("证据文件")
    return evidence.file
