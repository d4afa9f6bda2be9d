"""The indicators of a round, measured from recorded facts with set-based queries.

A fixed number of statements per round, whatever its size (no query per township or per
item): the held pairs and their exercise come from the enforcement statistics
(`enforcement/statistics/exercise.py`: the same definition of held and exercised as the
exercise-rate report), the cases one grouped count, the dispatch measures one grouped
aggregate over lead assignments per (township, matter) mapped to items through the
territorial list's 关联职权, the disputes one grouped count, the declined claims one query,
the certified officers one grouped count per (township, field), and the collected inputs
one query each. `measure(round)` returns the pairs in memory; `services.round_compute`
writes them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from quanze.catalog.models import Power
from quanze.delegation.claims.models import Claim
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.measures.selectors import percent
from quanze.duties.territorial.models import ResponsibilityItem
from quanze.duties.versioning import Status as ListStatus
from quanze.enforcement.officers.models import Certificate
from quanze.enforcement.statistics.exercise import (
    counted_cases,
    held_entries,
    versions_in_period,
    with_exercise,
)
from quanze.enforcement.statistics.selectors import Scope
from quanze.evaluation.rounds.models import Opinion, PublicRating, Round, SelfAssessment
from quanze.org.models import Division
from quanze.org.roles import code_prefix

LEADS = [Assignment.Role.PRIMARY, Assignment.Role.FALLBACK]
DISPATCH = ("dispatched", "in_time", "resolved", "rated", "satisfied", "sent_back")


@dataclass
class Pair:
    """The measured facts of one item in one township."""

    township_id: int
    power_id: int
    exercised: bool = False
    cases: int = 0
    dispatched: int = 0
    in_time: int = 0
    resolved: int = 0
    rated: int = 0
    satisfied: int = 0
    sent_back: int = 0
    handle_seconds: int = 0
    handled: int = 0
    disputes: int = 0
    disputes_lost: int = 0
    corrected: int = 0
    declined: bool = False
    certified: int = 0
    capacity: float | None = None
    asked_return: bool = False
    opinion: float | None = None
    public: float | None = None

    @property
    def close_hours(self) -> float | None:
        return round(self.handle_seconds / self.handled / 3600, 2) if self.handled else None


@dataclass
class Measured:
    pairs: dict[tuple[int, int], Pair]
    townships: dict[int, str]
    powers: dict[int, dict]
    # (power, matter) -> [rated, satisfied, name]
    matters: dict[tuple[int, int], list] = field(default_factory=dict)
    add_requests: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    opinions: dict[int, str] = field(default_factory=dict)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the local time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def capacity_of(staff: int, equipment: int, difficulty: int) -> float:
    """承接能力 on 0-100: equipment, reversed difficulty and staff (5 or more: full), 5 each."""
    return round((equipment + (6 - difficulty) + min(staff, 5)) / 15 * 100, 1)


def round_scope(round_: Round) -> Scope:
    return Scope(label=round_.title, prefix=code_prefix(round_.county))


def _counties(prefix: str):
    return Division.objects.filter(code__startswith=prefix, level=Division.Level.COUNTY).values(
        "pk"
    )


def held_pairs(round_: Round, *, townships=None, powers=None):
    """The scope's held (township, item) pairs with their recorded exercise (a case is
    added by `_add_cases`), and the townships' names: the enforcement statistics'
    definition, two queries."""
    start, end = round_.start, round_.end
    scope = round_scope(round_)
    versions = versions_in_period(scope, start=start, end=end)
    if townships:
        versions = [v for v in versions if v["tid"] in townships]
    entries = held_entries(scope, start=start, end=end, versions=versions)
    if powers:
        entries = entries.filter(power_id__in=powers)
    # Only the recorded-exercise probe is selected: the cases' probe (`by_case`) is
    # answered by the grouped count of the same `counted_cases` (`_add_cases`), one scan
    # of the cases instead of one probe per pair.
    rows = (
        with_exercise(entries, start=start, end=end)
        .order_by()
        .values_list("version__catalog__owner_id", "power_id", "by_record")
    )
    pairs: dict[tuple[int, int], Pair] = {}
    for township_id, power_id, by_record in rows.iterator(chunk_size=20000):
        pair = pairs.get((township_id, power_id))
        if pair is None:
            pair = pairs[(township_id, power_id)] = Pair(township_id, power_id)
        pair.exercised = pair.exercised or bool(by_record)
    return pairs, {v["tid"]: v["name"] for v in versions}


def _add_cases(m: Measured, round_: Round, scope: Scope) -> None:
    rows = (
        counted_cases(start=round_.start, end=round_.end)
        .filter(scope.cases(), township__isnull=False)
        .values_list("township_id", "power_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for township_id, power_id, n in rows:
        pair = m.pairs.get((township_id, power_id))
        if pair is not None:
            pair.cases = n
            pair.exercised = pair.exercised or n > 0


def matter_powers(round_: Round) -> dict[int, set[int]]:
    """matter → the items (关联职权) of its rows in the scope's territorial lists published
    on or before the period's end (a matter whose row changed counts under every version)."""
    through = ResponsibilityItem.powers.through
    rows = (
        through.objects.filter(
            responsibilityitem__version__responsibility_list__county__in=_counties(
                code_prefix(round_.county)
            ),
            responsibilityitem__version__status__in=[ListStatus.PUBLISHED, ListStatus.SUPERSEDED],
            responsibilityitem__version__effective_date__lte=round_.end,
        )
        .values_list("responsibilityitem__matter_id", "power_id")
        .distinct()
    )
    out: dict[int, set[int]] = defaultdict(set)
    for matter_id, power_id in rows:
        out[matter_id].add(power_id)
    return out


def _add_dispatch(m: Measured, round_: Round) -> None:
    start, end = period_bounds(round_.start, round_.end)
    tied = matter_powers(round_)
    if not tied:
        return
    counties = _counties(code_prefix(round_.county))
    rows = (
        Assignment.objects.filter(
            role__in=LEADS,
            assigned_at__gte=start,
            assigned_at__lt=end,
            event__county__in=counties,
            event__township__isnull=False,
            event__matter__isnull=False,
        )
        .values_list("event__township_id", "event__matter_id", "event__matter__name")
        .annotate(
            dispatched=Count("id"),
            in_time=Count("id", filter=Q(accepted_in_time=True)),
            resolved=Count("id", filter=Q(handled_at__isnull=False) & ~Q(event__satisfied=False)),
            rated=Count("id", filter=Q(event__satisfied__isnull=False)),
            satisfied=Count("id", filter=Q(event__satisfied=True)),
            sent_back=Count("id", filter=Q(sent_back=True)),
            seconds=Sum("handle_seconds"),
            timed=Count("handle_seconds"),
        )
        .order_by()
    )
    for township_id, matter_id, name, *values in rows:
        counts = dict(zip((*DISPATCH, "handle_seconds", "handled"), values, strict=True))
        for power_id in tied.get(matter_id, ()):
            pair = m.pairs.get((township_id, power_id))
            if pair is None:
                continue
            for key, value in counts.items():
                setattr(pair, key, getattr(pair, key) + (value or 0))
            matter = m.matters.setdefault((power_id, matter_id), [0, 0, name])
            matter[0] += counts["rated"]
            matter[1] += counts["satisfied"]
    disputes = (
        Dispute.objects.filter(
            raised_at__gte=start,
            raised_at__lt=end,
            event__county__in=counties,
            event__township__isnull=False,
            event__matter__isnull=False,
        )
        .values_list("event__township_id", "event__matter_id")
        .annotate(
            n=Count("id"),
            lost=Count("id", filter=Q(department_lost=True)),
            corrected=Count("id", filter=Q(list_corrected=True)),
        )
        .order_by()
    )
    for township_id, matter_id, n, lost, corrected in disputes:
        for power_id in tied.get(matter_id, ()):
            pair = m.pairs.get((township_id, power_id))
            if pair is not None:
                pair.disputes += n
                pair.disputes_lost += lost
                pair.corrected += corrected


def _add_claims(m: Measured, round_: Round) -> None:
    rows = (
        Claim.objects.filter(
            claimed=False,
            status__in=[Claim.Status.SUBMITTED, Claim.Status.ACCEPTED],
            window__county__in=_counties(code_prefix(round_.county)),
        )
        .values_list("township_id", "entry__power_id")
        .distinct()
    )
    for township_id, power_id in rows:
        pair = m.pairs.get((township_id, power_id))
        if pair is not None:
            pair.declined = True


def _add_certified(m: Measured, round_: Round) -> None:
    rows = (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            valid_from__lte=round_.end,
            valid_to__gte=round_.end,
            officer__active=True,
            officer__township__isnull=False,
            officer__county__in=_counties(code_prefix(round_.county)),
        )
        .values_list("officer__township_id", "fields")
        .annotate(n=Count("officer_id", distinct=True))
        .order_by()
    )
    by_field = {(township_id, field_id): n for township_id, field_id, n in rows}
    if not by_field:
        return
    for (township_id, power_id), pair in m.pairs.items():
        pair.certified = by_field.get((township_id, m.powers[power_id]["field_id"]), 0)


def _add_inputs(m: Measured, round_: Round) -> None:
    assessments = SelfAssessment.objects.filter(round=round_).values_list(
        "township_id",
        "township__name",
        "power_id",
        "staff",
        "equipment",
        "difficulty",
        "ask_return",
        "ask_add",
    )
    for (
        township_id,
        name,
        power_id,
        staff,
        equipment,
        difficulty,
        ask_return,
        ask_add,
    ) in assessments:
        pair = m.pairs.get((township_id, power_id))
        if pair is not None:
            pair.capacity = capacity_of(staff, equipment, difficulty)
            pair.asked_return = ask_return
        elif ask_add:
            m.add_requests.setdefault(power_id, []).append((township_id, name))
    opinions = Opinion.objects.filter(round=round_).values_list("power_id", "rating", "suggestion")
    labels = dict(Opinion.Suggestion.choices)
    ratings: dict[int, float] = {}
    for power_id, rating, suggestion in opinions:
        ratings[power_id] = rating * 20.0
        if suggestion != Opinion.Suggestion.KEEP:
            m.opinions[power_id] = labels[suggestion]
    public = PublicRating.objects.filter(round=round_).values_list(
        "township_id", "power_id", "score"
    )
    for township_id, power_id, score in public:
        pair = m.pairs.get((township_id, power_id))
        if pair is not None:
            pair.public = float(score)
    for (_t, power_id), pair in m.pairs.items():
        pair.opinion = ratings.get(power_id)


def measure(round_: Round) -> Measured:
    """Every indicator of every (township, item) pair of the round (see module docstring)."""
    townships = set(round_.townships.values_list("pk", flat=True))
    powers = set(round_.powers.values_list("pk", flat=True))
    pairs, names = held_pairs(round_, townships=townships, powers=powers)
    power_ids = {p for _t, p in pairs}
    requested = SelfAssessment.objects.filter(round=round_, ask_add=True).values_list(
        "power_id", flat=True
    )
    info = Power.objects.filter(Q(pk__in=power_ids) | Q(pk__in=requested)).values(
        "pk", "code", "name", "field_id", "department_id", "owner_id"
    )
    m = Measured(pairs=pairs, townships=names, powers={row["pk"]: row for row in info})
    _add_cases(m, round_, round_scope(round_))
    _add_dispatch(m, round_)
    _add_claims(m, round_)
    _add_certified(m, round_)
    _add_inputs(m, round_)
    return m


def scored_values(pair: Pair) -> dict[str, float | None]:
    """The weighted indicators of a pair on 0-100 (None: no data, left out of the score)."""
    return {
        "exercise": 100.0 if pair.exercised else 0.0,
        "satisfaction": percent(pair.satisfied, pair.rated),
        "response": percent(pair.in_time, pair.dispatched),
        "resolution": percent(pair.resolved, pair.dispatched),
        "certified": min(pair.certified, 2) * 50.0,
        "capacity": pair.capacity,
        "opinion": pair.opinion,
        "public": pair.public,
    }


def score(pair: Pair, weights: dict[str, int]) -> float | None:
    """The weighted mean of the pair's scored indicators that have data."""
    total = weight = 0.0
    for key, value in scored_values(pair).items():
        if value is not None and weights.get(key):
            total += value * weights[key]
            weight += weights[key]
    return round(total / weight, 1) if weight else None
