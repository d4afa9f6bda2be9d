"""Writes of guidance and guiding cases: the county's justice bureau only; every write
validated, recorded (ChangeRecord before/after) and atomic."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.enforcement.cases import machine
from quanze.enforcement.guidance import selectors
from quanze.enforcement.guidance.models import ExpertReview, Guidance, GuidingCase

FORBIDDEN = "只有本县(市、区)司法局可以编写执法指引和指导案例"
GUIDANCE_FIELDS = ["legal_basis", "procedure", "evidence", "notes", "status"]
CASE_FIELDS = ["title", "field", "facts", "decision", "points", "status", "number", "source_case"]


def _require_bureau(by, county_id) -> None:
    if not selectors.can_write(by, county_id):
        raise Forbidden(FORBIDDEN)


def _text(value) -> str:
    return (value or "").strip()


@transaction.atomic
def guidance_save(
    *,
    by,
    power,
    legal_basis: str = "",
    procedure: str = "",
    evidence: str = "",
    notes: str = "",
    publish: bool = False,
) -> Guidance:
    """Write (or rewrite) the guidance for a power of the bureau's county."""
    county_id = getattr(by, "county_id", None)
    _require_bureau(by, county_id)
    if power.owner_id != county_id:
        raise ValidationError({"power": "执法事项:不是本县的事项"})
    guidance = Guidance.objects.select_for_update().filter(county_id=county_id, power=power).first()
    created = guidance is None
    if created:
        guidance = Guidance(county_id=county_id, power=power)
    before = {} if created else model_state(guidance, GUIDANCE_FIELDS)
    guidance.legal_basis = _text(legal_basis)
    guidance.procedure = _text(procedure)
    guidance.evidence = _text(evidence)
    guidance.notes = _text(notes)
    if not (guidance.legal_basis or guidance.procedure or guidance.evidence):
        raise ValidationError({"legal_basis": "法律依据:法律依据、程序要求、证据要求至少填写一项"})
    if publish and guidance.status != Guidance.Status.PUBLISHED:
        guidance.status = Guidance.Status.PUBLISHED
        guidance.published_at = timezone.now()
    guidance.updated_by = by
    validate_model(guidance)
    guidance.save()
    old, new = diff_states(before, model_state(guidance, GUIDANCE_FIELDS))
    record_change(
        guidance,
        action="create" if created else "update",
        actor=by,
        before=old,
        after=new,
    )
    return guidance


def _powers(county_id, powers) -> list:
    powers = list(powers or [])
    if not powers:
        raise ValidationError({"powers": "指导的执法事项:至少选择一项"})
    foreign = [p.name for p in powers if p.owner_id != county_id]
    if foreign:
        raise ValidationError({"powers": f"指导的执法事项:「{'、'.join(foreign)}」不是本县的事项"})
    return powers


@transaction.atomic
def guiding_case_create(
    *,
    by,
    title: str,
    facts: str,
    powers,
    decision: str = "",
    points: str = "",
    field=None,
    source_case=None,
) -> GuidingCase:
    """Collect a case: entered by hand or taken from a closed case of the county."""
    county_id = getattr(by, "county_id", None)
    _require_bureau(by, county_id)
    if source_case is not None:
        if source_case.county_id != county_id:
            raise ValidationError({"source_case": "来源案件:不是本县的案件"})
        if source_case.state not in machine.FINAL:
            raise ValidationError({"source_case": "来源案件:只能收集已结案或已归档的案件"})
    powers = _powers(county_id, powers)
    if not _text(title):
        raise ValidationError({"title": "标题:必填"})
    if not _text(facts):
        raise ValidationError({"facts": "基本案情:必填"})
    guiding = GuidingCase(
        county_id=county_id,
        title=_text(title),
        facts=_text(facts),
        decision=_text(decision),
        points=_text(points),
        field=field,
        source_case=source_case,
        collected_by=by,
    )
    validate_model(guiding)
    guiding.save()
    guiding.powers.set(powers)
    record_change(
        guiding,
        action="create",
        actor=by,
        after={**model_state(guiding, CASE_FIELDS), "powers": [p.name for p in powers]},
    )
    return guiding


@transaction.atomic
def review_add(
    *, by, guiding_case: GuidingCase, reviewer: str, opinion: str, recommend: bool
) -> ExpertReview:
    """Record one expert's opinion on a collected case."""
    guiding = GuidingCase.objects.select_for_update().get(pk=guiding_case.pk)
    _require_bureau(by, guiding.county_id)
    if guiding.status != GuidingCase.Status.COLLECTED:
        raise ValidationError(
            {"guiding_case": f"指导案例:已{guiding.get_status_display()},不再评审"}
        )
    if not _text(reviewer):
        raise ValidationError({"reviewer": "评审专家:必填"})
    if not _text(opinion):
        raise ValidationError({"opinion": "评审意见:必填"})
    review = ExpertReview(
        guiding_case=guiding,
        reviewer=_text(reviewer),
        opinion=_text(opinion),
        recommend=bool(recommend),
        recorded_by=by,
    )
    validate_model(review)
    review.save()
    record_change(
        guiding,
        action="review",
        actor=by,
        after={"reviewer": review.reviewer, "opinion": review.opinion, "recommend": recommend},
    )
    return review


DECISIONS = {"choose": "评审入选", "reject": "未入选", "publish": "发布"}


@transaction.atomic
def guiding_case_decide(*, by, guiding_case: GuidingCase, decision: str) -> GuidingCase:
    """Choose (after at least one expert review), reject, or publish a chosen case (it is
    numbered 指导案例第N号 in the county's order of publication)."""
    guiding = GuidingCase.objects.select_for_update().get(pk=guiding_case.pk)
    _require_bureau(by, guiding.county_id)
    S = GuidingCase.Status
    before = model_state(guiding, CASE_FIELDS)
    if decision == "choose":
        if guiding.status != S.COLLECTED:
            raise ValidationError({"decision": f"决定:已{guiding.get_status_display()},不能入选"})
        if not guiding.reviews.exists():
            raise ValidationError({"decision": "决定:须先记录专家评审意见"})
        guiding.status = S.CHOSEN
    elif decision == "reject":
        if guiding.status not in (S.COLLECTED, S.CHOSEN):
            raise ValidationError({"decision": f"决定:已{guiding.get_status_display()}"})
        guiding.status = S.REJECTED
    elif decision == "publish":
        if guiding.status != S.CHOSEN:
            raise ValidationError({"decision": "决定:只有评审入选的案例才能发布"})
        count = GuidingCase.objects.filter(county_id=guiding.county_id, status=S.PUBLISHED).count()
        guiding.status = S.PUBLISHED
        guiding.number = f"指导案例第{count + 1}号"
        guiding.published_at = timezone.now()
    else:
        raise ValidationError({"decision": f"决定:应为 {'、'.join(DECISIONS.values())} 之一"})
    guiding.save()
    old, new = diff_states(before, model_state(guiding, CASE_FIELDS))
    record_change(guiding, action=decision, actor=by, before=old, after=new)
    return guiding
