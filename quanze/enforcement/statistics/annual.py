"""The annual enforcement statistics (行政执法统计年报) of a scope and a year.

- acts by type (许可, 处罚, 强制, 征收, 征用, 检查, 其他): cases opened in the year under a
  power of that type, plus recorded exercises (`Exercise.count`) of the type;
- penalty decisions by kind: each decision (给予行政处罚, decided in the year) once, under
  its heaviest kind (`rules.heaviest`), with the fines it imposed; one aggregate query
  grouped by the decision's list of kinds (a handful of distinct lists), folded here;
- amounts: fines decided, paid (with late surcharges) in the year;
- per power: every power held in the year or with a case in it, with zero rows for the
  powers that had none.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from quanze.catalog.models import Power
from quanze.enforcement.cases.models import Case
from quanze.enforcement.statistics.exercise import held_entries
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.statistics.rules import ACT_TYPES, CATEGORIES, OTHER_ACT, act_type, heaviest
from quanze.enforcement.statistics.selectors import Scope, year_bounds

CENT = Decimal("0.01")


@dataclass
class KindRow:
    category: str
    decisions: int = 0
    fines: Decimal = Decimal("0.00")


@dataclass
class AnnualReport:
    scope: str
    year: int
    acts: list[tuple[str, int, int]] = field(default_factory=list)  # type, cases, records
    penalties: list[KindRow] = field(default_factory=list)
    decisions: int = 0
    no_penalty: int = 0
    fines_decided: Decimal = Decimal("0.00")
    fines_paid: Decimal = Decimal("0.00")
    surcharges: Decimal = Decimal("0.00")
    cases_opened: int = 0


def penalty_rows(scope: Scope, *, start: date, end: date) -> list[KindRow]:
    """Decisions per heaviest kind (every category, zero rows included)."""
    rows = {c: KindRow(c) for c in CATEGORIES}
    grouped = (
        Case.objects.filter(
            scope.cases(),
            outcome=Case.Outcome.PENALTY,
            decided_on__gte=start,
            decided_on__lte=end,
        )
        .values("penalty_kinds")
        .annotate(n=Count("id"), fines=Sum("fine_amount"))
        .order_by()
    )
    for group in grouped:
        category = heaviest(group["penalty_kinds"] or []) or "其他"
        row = rows[category]
        row.decisions += group["n"]
        row.fines += Decimal(str(group["fines"] or 0)).quantize(CENT)
    return list(rows.values())


def act_rows(scope: Scope, *, start: date, end: date) -> list[tuple[str, int, int]]:
    cases = (
        Case.objects.filter(scope.cases(), opened_on__gte=start, opened_on__lte=end)
        .values(type_name=F("power__power_type__name"))
        .annotate(n=Count("id"))
        .order_by()
    )
    records = (
        Exercise.objects.filter(scope.exercises(), on__gte=start, on__lte=end)
        .values(type_name=F("power__power_type__name"))
        .annotate(n=Sum("count"))
        .order_by()
    )
    labels = [label for label, _ in ACT_TYPES] + [OTHER_ACT]
    counts = {label: [0, 0] for label in labels}
    for row in cases:
        counts[act_type(row["type_name"])][0] += row["n"]
    for row in records:
        counts[act_type(row["type_name"])][1] += row["n"] or 0
    return [(label, *counts[label]) for label in labels]


def annual_report(scope: Scope, *, year: int) -> AnnualReport:
    start, end = year_bounds(year)
    report = AnnualReport(scope.label, year)
    report.acts = act_rows(scope, start=start, end=end)
    report.penalties = penalty_rows(scope, start=start, end=end)
    totals = Case.objects.filter(scope.cases()).aggregate(
        opened=Count("id", filter=Q(opened_on__gte=start, opened_on__lte=end)),
        decisions=Count("id", filter=Q(decided_on__gte=start, decided_on__lte=end)),
        no_penalty=Count(
            "id",
            filter=Q(decided_on__gte=start, decided_on__lte=end, outcome=Case.Outcome.NO_PENALTY),
        ),
        decided=Sum("fine_amount", filter=Q(decided_on__gte=start, decided_on__lte=end)),
        paid=Sum("paid_amount", filter=Q(paid_on__gte=start, paid_on__lte=end)),
        surcharge=Sum("surcharge", filter=Q(paid_on__gte=start, paid_on__lte=end)),
    )
    report.cases_opened = totals["opened"]
    report.decisions = totals["decisions"]
    report.no_penalty = totals["no_penalty"]
    report.fines_decided = Decimal(str(totals["decided"] or 0)).quantize(CENT)
    report.fines_paid = Decimal(str(totals["paid"] or 0)).quantize(CENT)
    report.surcharges = Decimal(str(totals["surcharge"] or 0)).quantize(CENT)
    return report


def power_rows(scope: Scope, *, year: int):
    """Every power held in the year by the scope's townships or with a case of the scope
    in it, with its counts (zero where nothing happened): a queryset for paging/export."""
    start, end = year_bounds(year)
    in_year = Q(enforcement_cases__opened_on__gte=start, enforcement_cases__opened_on__lte=end)
    scoped = Q(enforcement_cases__in=Case.objects.filter(scope.cases()).values("pk"))
    decided = Q(
        enforcement_cases__decided_on__gte=start,
        enforcement_cases__decided_on__lte=end,
        enforcement_cases__outcome=Case.Outcome.PENALTY,
    )
    held = held_entries(scope, start=start, end=end).values("power_id")
    with_cases = Case.objects.filter(
        scope.cases(), opened_on__gte=start, opened_on__lte=end
    ).values("power_id")
    return (
        Power.objects.filter(Q(pk__in=held) | Q(pk__in=with_cases))
        .annotate(
            cases=Count("enforcement_cases", filter=in_year & scoped),
            penalties=Count("enforcement_cases", filter=decided & scoped),
            fines=Sum("enforcement_cases__fine_amount", filter=decided & scoped),
        )
        .select_related("power_type")
        .order_by("code")
    )
