"""The automatic checks of a case file: what the case record itself shows.

Detected from the record (each a key of `rules.CHECKS`):
- subject: the power is re-checked against the township's lists and decisions in force
  on the case's date (`cases/powers.holding_for`); a power not held, or an acting body
  other than the one the delegation mode gives, is an unlawful subject;
- officers: an investigative step (调查取证, 听证, 当场处罚) with fewer than two officers;
- certificates: an officer of such a step without a certificate number in the step's
  record, or a recorded certificate not valid on the step's date;
- legal_review: a decision in a case that needed a legal review (art. 58) without one,
  or by a reviewer without a legal qualification;
- notice: a general-procedure penalty decided without a 告知 step;
- evidence: a penalty decision with no evidence item;
- time_limit: a general-procedure decision more than 90 days after filing (art. 60);
- service: a decision not served.
Not detectable (the reviewer reads the file): a wrong legal basis, facts and their
qualification, discretion, the documents' form.

`detect_files(cases)` reads the steps, officers, evidence counts and certificates of many
cases in a few queries (not per case), then checks each in memory.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch

from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep
from quanze.enforcement.cases.powers import holding_for
from quanze.enforcement.officers.models import Certificate

DECISION_DAYS = 90


@dataclass(frozen=True)
class Detected:
    check: str
    detail: str

    def as_dict(self) -> dict:
        return {"check": self.check, "detail": self.detail}


def _subject(case: Case) -> list[Detected]:
    try:
        holding = holding_for(
            township=case.township, department=case.department, power=case.power, on=case.opened_on
        )
    except ValidationError as error:
        return [Detected("subject", error.messages[0])]
    if holding.acting_name != case.acting_name:
        return [
            Detected(
                "subject",
                f"执法主体:案件以「{case.acting_name}」名义办理,按{case.opened_on:%Y年%m月%d日}施行的清单和决定应为「{holding.acting_name}」",
            )
        ]
    return []


def _steps(case: Case, certificates: dict[str, Certificate]) -> list[Detected]:
    found = []
    for step in case.steps.all():
        if step.action not in m.INVESTIGATIVE:
            continue
        label = f"{step.on:%Y年%m月%d日}{m.ACTIONS[step.action]}"
        officers = list(step.officers.all())
        if len(officers) < 2:
            found.append(Detected("officers", f"{label}:执法人员{len(officers)}人,少于两人"))
        shown = (step.data or {}).get("certificates") or {}
        for officer in officers:
            number = shown.get(officer.name)
            certificate = certificates.get(number) if number else None
            if certificate is None:
                found.append(Detected("certificates", f"{label}:「{officer.name}」没有记录执法证"))
            elif not (certificate.valid_from <= step.on <= certificate.valid_to):
                found.append(
                    Detected(
                        "certificates",
                        f"{label}:「{officer.name}」的执法证{number}当日不在有效期内",
                    )
                )
    return found


def _decision(case: Case) -> list[Detected]:
    found = []
    if case.decided_on is None:
        return found
    if case.review_required and not (case.reviewed and case.reviewer_id):
        found.append(
            Detected("legal_review", "法制审核:属于《行政处罚法》第五十八条情形,未经法制审核")
        )
    elif case.reviewer_id and not case.reviewer.legal_qualification:
        found.append(
            Detected("legal_review", f"法制审核:审核人员「{case.reviewer.name}」没有法律职业资格")
        )
    actions = {s.action for s in case.steps.all()}
    penalised = case.outcome == Case.Outcome.PENALTY
    if penalised and case.procedure == m.GENERAL and "notify" not in actions:
        found.append(Detected("notice", "告知:作出处罚决定前没有告知步骤"))
    if penalised and not case.evidence_count:
        found.append(Detected("evidence", "证据:给予处罚的案件没有登记证据"))
    if (
        case.procedure == m.GENERAL
        and case.filed_on
        and case.decided_on > case.filed_on + timedelta(days=DECISION_DAYS)
    ):
        days = (case.decided_on - case.filed_on).days
        found.append(Detected("time_limit", f"办案期限:立案后第{days}日作出决定,超过九十日"))
    if case.served_on is None:
        found.append(Detected("service", "送达:决定没有送达记录"))
    return found


def detect_files(cases) -> dict[int, list[Detected]]:
    """case id -> what the automatic checks found (empty when nothing)."""
    rows = list(
        Case.objects.filter(pk__in=[c.pk for c in cases])
        .select_related("township", "department", "power", "reviewer")
        .annotate(evidence_count=Count("evidence"))
        .prefetch_related(Prefetch("steps", queryset=CaseStep.objects.prefetch_related("officers")))
    )
    numbers = {
        number
        for case in rows
        for step in case.steps.all()
        for number in ((step.data or {}).get("certificates") or {}).values()
    }
    certificates = {c.number: c for c in Certificate.objects.filter(number__in=numbers)}
    return {case.pk: _subject(case) + _steps(case, certificates) + _decision(case) for case in rows}
