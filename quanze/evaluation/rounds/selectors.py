"""Reads of evaluation rounds and the access choke points: who sees a round, the report
(per item, per township), the forms a unit must fill, accepted proposals as ChangeSpecs."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, Sum

from quanze.catalog.models import Power
from quanze.core.errors import NotFound
from quanze.dispatch.measures.selectors import percent
from quanze.duties.corrections.selectors import version_current
from quanze.enforcement.statistics.exercise import held_entries
from quanze.enforcement.statistics.selectors import Scope
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.rounds.models import (
    Indicator,
    Opinion,
    Proposal,
    Round,
    SelfAssessment,
)
from quanze.org.models import Division
from quanze.org.roles import (
    code_prefix,
    is_county_wide,
    is_department_clerk,
    is_office,
    is_township_clerk,
)

S = Round.Status


def rounds_visible(user):
    """The office and the justice bureau: their county's rounds; a township clerk: the
    rounds open past draft whose scope includes the township; a department clerk: those of
    the department's county past draft."""
    if not user.is_authenticated:
        return Round.objects.none()
    if is_county_wide(user):
        return Round.objects.filter(county_id=user.county_id)
    past_draft = Round.objects.exclude(status=S.DRAFT)
    if is_township_clerk(user):
        return (
            past_draft.filter(county_id=user.township.parent_id)
            .filter(Q(townships__isnull=True) | Q(townships=user.township_id))
            .distinct()
        )
    if is_department_clerk(user):
        return past_draft.filter(county_id=user.department.division_id)
    return Round.objects.none()


def access_round(user, pk: int, *, for_write: bool = False) -> Round:
    """The round if the user sees it (for_write: runs it: the county's office); else NotFound."""
    rounds = rounds_visible(user)
    if for_write:
        rounds = rounds.filter(county_id=user.county_id) if is_office(user) else rounds.none()
    found = rounds.filter(pk=pk).select_related("county").first()
    if found is None:
        raise NotFound("评估轮次不存在或无权查看")
    return found


def round_list(user, *, q: str = "", status: str = "") -> list[dict]:
    rows = rounds_visible(user).annotate(
        n_proposals=Count("proposals", distinct=True),
    )
    if q:
        rows = rows.filter(title__icontains=q)
    if status:
        rows = rows.filter(status=status)
    labels = dict(S.choices)
    return [
        {
            "id": r["pk"],
            "title": r["title"],
            "start": r["start"].isoformat(),
            "end": r["end"].isoformat(),
            "status": labels[r["status"]],
            "proposals": r["n_proposals"],
        }
        for r in rows.values("pk", "title", "start", "end", "status", "n_proposals")
    ]


def round_townships(round_: Round):
    """The townships in the round's scope (chosen, or every township of the county)."""
    chosen = round_.townships.all()
    if chosen.exists():
        return chosen.order_by("code")
    return Division.objects.filter(
        code__startswith=code_prefix(round_.county), level=Division.Level.TOWNSHIP
    ).order_by("code")


def matter_primaries(county: Division, matter_ids) -> dict[int, int]:
    """matter id -> its primary department on the county's territorial list in force (the
    version an adjustment's transfer starts from); a matter not on it is absent."""
    version = version_current(county)
    if version is None or not matter_ids:
        return {}
    return dict(
        version.items.filter(matter_id__in=set(matter_ids)).values_list(
            "matter_id", "primary_department_id"
        )
    )


def township_held(round_: Round, township_id: int) -> list[Power]:
    """The items the township holds in the round's period (and in its item scope)."""
    entries = held_entries(
        Scope(label="", township_id=township_id), start=round_.start, end=round_.end
    )
    powers = Power.objects.filter(pk__in=entries.values("power_id"))
    chosen = round_.powers.values_list("pk", flat=True)
    if chosen:
        powers = powers.filter(pk__in=list(chosen))
    return list(powers.order_by("code"))


def department_items(round_: Round, department_id: int) -> list[Power]:
    """The department's items that some township of the round holds in the period."""
    scope = Scope(label="", prefix=code_prefix(round_.county), department_id=department_id)
    entries = held_entries(scope, start=round_.start, end=round_.end)
    powers = Power.objects.filter(pk__in=entries.values("power_id"))
    chosen = round_.powers.values_list("pk", flat=True)
    if chosen:
        powers = powers.filter(pk__in=list(chosen))
    return list(powers.order_by("code"))


def indicators_visible(user, round_: Round):
    """The round's indicator rows the user reads: county-wide roles all; a township its
    own; a department its own items'."""
    rows = Indicator.objects.filter(round=round_)
    if is_county_wide(user):
        return rows
    if is_township_clerk(user):
        return rows.filter(township_id=user.township_id)
    if is_department_clerk(user):
        return rows.filter(power__department_id=user.department_id)
    return rows.none()


@dataclass
class ItemRow:
    power_id: int
    code: str
    name: str
    department: str
    held: int
    exercised: int
    cases: int
    dispatched: int
    in_time: int
    resolved: int
    rated: int
    satisfied: int
    sent_back: int
    disputes: int
    disputes_lost: int
    corrected: int
    declined: int
    certified: int
    asked_return: int
    close_hours: float | None
    capacity: float | None
    opinion: float | None
    public: float | None
    score: float | None

    @property
    def exercise_rate(self):
        return percent(self.exercised, self.held)

    @property
    def response_rate(self):
        return percent(self.in_time, self.dispatched)

    @property
    def resolution_rate(self):
        return percent(self.resolved, self.dispatched)

    @property
    def satisfaction_rate(self):
        return percent(self.satisfied, self.rated)

    def as_dict(self) -> dict:
        return {
            **self.__dict__,
            "exercise_rate": self.exercise_rate,
            "response_rate": self.response_rate,
            "resolution_rate": self.resolution_rate,
            "satisfaction_rate": self.satisfaction_rate,
        }


def _one(value):
    return round(float(value), 1) if value is not None else None


def item_rows(user, round_: Round) -> list[ItemRow]:
    """Per item: the pairs' indicators added up (one grouped query)."""

    def yes(name):
        return Count("id", filter=Q(**{name: True}))

    rows = (
        indicators_visible(user, round_)
        .values("power_id")
        .annotate(
            code=F("power__code"),
            name=F("power__name"),
            department=F("power__department__name"),
            held_n=Count("id"),
            exercised_n=yes("exercised"),
            cases_n=Sum("cases"),
            dispatched_n=Sum("dispatched"),
            in_time_n=Sum("in_time"),
            resolved_n=Sum("resolved"),
            rated_n=Sum("rated"),
            satisfied_n=Sum("satisfied"),
            sent_back_n=Sum("sent_back"),
            disputes_n=Sum("disputes"),
            disputes_lost_n=Sum("disputes_lost"),
            corrected_n=Sum("corrected"),
            declined_n=yes("declined"),
            certified_n=Sum("certified"),
            asked_return_n=yes("asked_return"),
            close_hours_avg=Avg("close_hours"),
            capacity_avg=Avg("capacity"),
            opinion_avg=Avg("opinion"),
            public_avg=Avg("public"),
            score_avg=Avg("score"),
        )
        .order_by("code")
    )
    return [
        ItemRow(
            power_id=r["power_id"],
            code=r["code"],
            name=r["name"],
            department=r["department"] or "",
            held=r["held_n"],
            exercised=r["exercised_n"],
            cases=r["cases_n"] or 0,
            dispatched=r["dispatched_n"] or 0,
            in_time=r["in_time_n"] or 0,
            resolved=r["resolved_n"] or 0,
            rated=r["rated_n"] or 0,
            satisfied=r["satisfied_n"] or 0,
            sent_back=r["sent_back_n"] or 0,
            disputes=r["disputes_n"] or 0,
            disputes_lost=r["disputes_lost_n"] or 0,
            corrected=r["corrected_n"] or 0,
            declined=r["declined_n"],
            certified=r["certified_n"] or 0,
            asked_return=r["asked_return_n"],
            close_hours=_one(r["close_hours_avg"]),
            capacity=_one(r["capacity_avg"]),
            opinion=_one(r["opinion_avg"]),
            public=_one(r["public_avg"]),
            score=_one(r["score_avg"]),
        )
        for r in rows
    ]


def proposals_visible(user, round_: Round):
    rows = Proposal.objects.filter(round=round_).select_related(
        "power", "township", "unit", "matter", "decided_by"
    )
    if is_county_wide(user):
        return rows
    if is_township_clerk(user):
        return rows.filter(Q(township_id=user.township_id) | Q(township__isnull=True))
    if is_department_clerk(user):
        return rows.filter(Q(power__department_id=user.department_id) | Q(unit=user.department_id))
    return rows.none()


def skipped_visible(user, round_: Round) -> list[str]:
    """The lines of what the rules did not propose (with why), for the county-wide roles:
    they name every requesting township."""
    return list(round_.skipped or ()) if is_county_wide(user) else []


def access_proposal(user, pk: int, *, for_write: bool = False) -> Proposal:
    found = Proposal.objects.filter(pk=pk).select_related("round").first()
    if found is None:
        raise NotFound("评估建议不存在或无权查看")
    round_ = access_round(user, found.round_id, for_write=for_write)
    if not proposals_visible(user, round_).filter(pk=pk).exists():
        raise NotFound("评估建议不存在或无权查看")
    return found


def accepted_change_specs(round_: Round) -> list[ChangeSpec]:
    """The round's accepted proposals (keep excluded: nothing to change) as the changes an
    adjustment project makes (`evaluation/adjustment/specs.py`)."""
    rows = (
        Proposal.objects.filter(round=round_, status=Proposal.Status.ACCEPTED)
        .exclude(kind=ChangeKind.KEEP)
        .order_by("id")
    )
    return [
        ChangeSpec(
            kind=ChangeKind(p.kind),
            power_id=p.power_id,
            reason=p.reason,
            facts=p.facts,
            township_id=p.township_id,
            unit_id=p.unit_id,
            matter_id=p.matter_id,
            source=f"evaluation.proposal:{p.pk}",
        )
        for p in rows
    ]


def forms_to_fill(user) -> list[dict]:
    """The rounds collecting inputs where the user's unit has items without its form yet:
    [{round, title, missing}] (a township: its held items without self-assessment; a
    department: its items without opinion)."""
    if not (is_township_clerk(user) or is_department_clerk(user)):
        return []
    out = []
    for round_ in rounds_visible(user).filter(status=S.COLLECTING)[:20]:
        if is_township_clerk(user):
            items = {p.pk for p in township_held(round_, user.township_id)}
            done = set(
                SelfAssessment.objects.filter(
                    round=round_, township_id=user.township_id
                ).values_list("power_id", flat=True)
            )
        else:
            items = {p.pk for p in department_items(round_, user.department_id)}
            done = set(
                Opinion.objects.filter(round=round_, department_id=user.department_id).values_list(
                    "power_id", flat=True
                )
            )
        missing = len(items - done)
        if missing:
            out.append({"round": round_, "missing": missing})
    return out
