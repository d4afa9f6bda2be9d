"""Publishing a penalty decision (行政处罚决定公示), personal data masked by rule."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.core.history import record_change
from quanze.enforcement.cases import deadlines
from quanze.enforcement.cases.models import Case
from quanze.enforcement.cases.rules import PENALTY_KINDS
from quanze.enforcement.cases.selectors import can_handle
from quanze.enforcement.disclosure.masking import mask_name, mask_text
from quanze.enforcement.disclosure.models import PenaltyNotice


def notice_body(case: Case) -> dict:
    """The published content of a decided case, masked."""
    individual = case.party_kind == Case.PartyKind.INDIVIDUAL
    names = (case.party_name,) if individual else ()
    return {
        "number": case.number,
        "acting_name": case.acting_name,
        "mode": case.get_mode_display(),
        "party": mask_name(case.party_name, individual=individual),
        "party_kind": case.get_party_kind_display(),
        "title": mask_text(case.title, names=names),
        "facts": mask_text(case.facts, names=names),
        "power": str(case.power),
        "basis": case.power.legal_basis,
        "penalty": "、".join(PENALTY_KINDS.get(k, k) for k in case.penalty_kinds),
        "fine_amount": str(case.fine_amount or ""),
        "decision": mask_text(case.decision_text, names=names),
        "decided_on": case.decided_on.isoformat(),
    }


@transaction.atomic
def notice_publish(*, by, case: Case) -> PenaltyNotice:
    """Publish the case's penalty decision; refused unless decided with a penalty."""
    case = Case.objects.select_for_update().select_related("power").get(pk=case.pk)
    if not can_handle(by, case):
        raise Forbidden("只有办案单位可以公示本案决定")
    if case.outcome != Case.Outcome.PENALTY or case.decided_on is None:
        raise ValidationError({"case": "案件:尚未作出行政处罚决定,不能公示"})
    notice = PenaltyNotice.objects.filter(case=case).first()
    if notice is not None and notice.published_at:
        raise ValidationError({"case": "案件:该决定已公示"})
    body = notice_body(case)
    notice = notice or PenaltyNotice(case=case, county_id=case.county_id)
    notice.title = f"{case.acting_name}行政处罚决定({case.number})"[:200]
    notice.body = body
    notice.decided_on = case.decided_on
    notice.publish_due = deadlines.PUBLICATION.due(case.decided_on).on
    notice.published_at = timezone.now()
    notice.published_by = by
    notice.save()
    late = timezone.localdate() > notice.publish_due
    record_change(notice, action="publish", actor=by, after=body | {"late": late})
    return notice
