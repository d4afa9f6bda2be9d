"""The exercise rate (行权率) of delegated items, and fine revenue with its return.

Definition (written on every report, `DEFINITION`):
- an item is **held** by a township in the period when it is an entry of a version of one
  of the township's lists (目录类别 乡镇权责清单) that is in force on at least one day of
  the period: a published version is in force from its effective date until the next
  published version of the same list takes effect (`cases/powers.py` reads the same
  versions for one day). An item held only part of the period counts as held;
- it is **exercised** when the township has, in the period, at least one case under it
  (opened in the period and not ended as 不予立案) or a recorded exercise (`Exercise`:
  inspections, licences);
- the rate of a township = exercised items / held items; of a county (a province) =
  exercised (township, item) pairs / held pairs of its townships; of an item = townships
  that exercised it / townships that held it.

Set-based: the township rows are one statement (`_pairs_sql`: a LEAD() window gives each
list version its end, the versions in force in the period give the held pairs, EXISTS
probes find the exercise, grouped by township), the fines one aggregate over cases;
counties and the total add up the township rows. Nothing loops over items.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.delegation.models import Decision
from quanze.enforcement.cases.models import Case
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.statistics.rules import share_of
from quanze.enforcement.statistics.selectors import Scope
from quanze.org.models import Division

DEFINITION = (
    "行权率 = 统计期内有行权记录的事项数 ÷ 统计期内承接的事项数。"
    "承接:事项列在本乡镇(街道)乡镇权责清单在统计期内任一日施行的版本中(期中才列入或被移出的,按承接计);"
    "行权:统计期内以该事项登记案件(不予立案的除外)或登记了检查、许可等行权记录。"
    "县(市、区)和更大范围的行权率按“乡镇×事项”合计;单个事项的行权率 = 行权乡镇数 ÷ 承接乡镇数。"
)
CENT = Decimal("0.01")
LISTED = 1000  # townships named in the fines filter; more: their counties


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def versions_in_period(scope: Scope, *, start: date, end: date) -> list[dict]:
    """The scope's township-list versions in force on at least one day of
    [start, end]: a published version is in force from its effective date until the next
    published version of the same list takes effect (a later number on the same day
    replaces it at once). One small query (a few versions per township) that also brings
    the townships' names; the aggregate then filters on these ids, which the planner
    estimates exactly, and groups by the township id alone."""
    same_day_later = Q(effective_date=OuterRef("effective_date")) & Q(number__gt=OuterRef("number"))
    next_version = (
        CatalogVersion.objects.filter(catalog_id=OuterRef("catalog_id"), published_at__isnull=False)
        .filter(Q(effective_date__gt=OuterRef("effective_date")) | same_day_later)
        .order_by("effective_date")
        .values("effective_date")[:1]
    )
    townships = (
        Q(catalog__owner_id=scope.township_id)
        if scope.township_id is not None
        else Q(catalog__owner__in=scope.townships())
    )
    return list(
        CatalogVersion.objects.filter(
            townships,
            catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
            published_at__isnull=False,
            effective_date__lte=end,
        )
        .annotate(until=Subquery(next_version))
        .filter(Q(until__isnull=True) | (Q(until__gt=start) & Q(until__gt=F("effective_date"))))
        .values(
            "pk",
            tid=F("catalog__owner_id"),
            name=F("catalog__owner__name"),
            code=F("catalog__owner__code"),
            cid=F("catalog__owner__parent_id"),
            county=F("catalog__owner__parent__name"),
        )
    )


def held_entries(scope: Scope, *, start: date, end: date, versions=None):
    """The entries that make an item held in [start, end] (see the module docstring)."""
    if versions is None:
        versions = versions_in_period(scope, start=start, end=end)
    entries = CatalogEntry.objects.filter(version_id__in=[v["pk"] for v in versions])
    if scope.department_id is not None:
        entries = entries.filter(power__department_id=scope.department_id)
    return entries


def counted_cases(*, start: date, end: date):
    """Cases that count as exercise: opened in the period, not ended as 不予立案."""
    return Case.objects.filter(opened_on__gte=start, opened_on__lte=end).exclude(
        filed_on__isnull=True, closed_on__isnull=False
    )


def with_exercise(entries, *, start: date, end: date):
    """Annotate each entry with `exercised`: a case or a recorded exercise in the period."""
    township = OuterRef("version__catalog__owner_id")
    power = OuterRef("power_id")
    return entries.annotate(
        by_case=Exists(
            counted_cases(start=start, end=end).filter(township_id=township, power_id=power)
        ),
        by_record=Exists(
            Exercise.objects.filter(
                township_id=township, power_id=power, on__gte=start, on__lte=end
            )
        ),
    )


EXERCISED = Q(by_case=True) | Q(by_record=True)


@dataclass
class Rate:
    """One row of the report: a township, a county or the whole scope."""

    id: int | None
    name: str
    held: int = 0
    exercised: int = 0
    county_id: int | None = None
    county: str = ""
    fines_decided: Decimal = Decimal("0.00")
    fines_paid: Decimal = Decimal("0.00")
    returned: Decimal = Decimal("0.00")

    @property
    def rate(self) -> float | None:
        return share_of(self.exercised, self.held)

    @property
    def never(self) -> int:
        return self.held - self.exercised

    @property
    def return_share(self) -> float | None:
        """The returned part of the paid fines (the decisions' 罚没款返还比例, e.g. 80 %)."""
        return float(self.returned / self.fines_paid) if self.fines_paid else None

    def add(self, other: "Rate") -> None:
        self.held += other.held
        self.exercised += other.exercised
        self.fines_decided += other.fines_decided
        self.fines_paid += other.fines_paid
        self.returned += other.returned


@dataclass
class ExerciseReport:
    scope: str
    start: date
    end: date
    definition: str = DEFINITION
    townships: list[Rate] = field(default_factory=list)
    counties: list[Rate] = field(default_factory=list)
    total: Rate = field(default_factory=lambda: Rate(None, "合计"))


def _pairs_sql(scope: Scope, *, start: date, end: date) -> tuple[str, list]:
    """One statement's CTEs: `held` (township, item) pairs held in [start, end] and `pairs`,
    the same with `exercised` 1 or 0. Each version's validity comes from a LEAD() window
    over its list's published versions (in force from its effective date until the next
    one's; a later number on the same day replaces it at once, so its interval is empty);
    the exercise from two EXISTS probes (indexes `case_township_power`,
    `exercise_township_power`). Portable: window functions run on SQLite ≥ 3.25 too."""
    quote = connection.ops.quote_name
    towns, towns_params = scope.townships().query.sql_with_params()
    department, department_params = "", []
    if scope.department_id is not None:
        department = f"JOIN {Power._meta.db_table} p ON p.id = e.power_id AND p.department_id = %s"
        department_params = [scope.department_id]
    sql = f"""
    WITH versions AS (
        SELECT v.id, c.owner_id AS township_id, v.effective_date AS starts,
               LEAD(v.effective_date) OVER (
                   PARTITION BY v.catalog_id ORDER BY v.effective_date, v.number
               ) AS until
        FROM {CatalogVersion._meta.db_table} v
        JOIN {Catalog._meta.db_table} c ON c.id = v.catalog_id
        WHERE c.kind = %s AND v.published_at IS NOT NULL AND v.effective_date <= %s
          AND c.owner_id IN ({towns})
    ),
    held AS (
        SELECT DISTINCT versions.township_id, e.power_id
        FROM versions
        JOIN {CatalogEntry._meta.db_table} e ON e.version_id = versions.id
        {department}
        WHERE versions.until IS NULL
           OR (versions.until > %s AND versions.until > versions.starts)
    ),
    pairs AS (
        SELECT held.township_id, held.power_id,
               CASE WHEN EXISTS (
                   SELECT 1 FROM {Case._meta.db_table} k
                   WHERE k.township_id = held.township_id AND k.power_id = held.power_id
                     AND k.opened_on >= %s AND k.opened_on <= %s
                     AND NOT (k.filed_on IS NULL AND k.closed_on IS NOT NULL)
               ) OR EXISTS (
                   SELECT 1 FROM {Exercise._meta.db_table} x
                   WHERE x.township_id = held.township_id AND x.power_id = held.power_id
                     AND x.{quote("on")} >= %s AND x.{quote("on")} <= %s
               ) THEN 1 ELSE 0 END AS exercised
        FROM held
    )"""
    params = [Catalog.Kind.TOWNSHIP_LIST.value, end, *towns_params, *department_params, start]
    return sql, [*params, start, end, start, end]


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def township_rates(scope: Scope, *, start: date, end: date) -> list[Rate]:
    """One aggregate statement: held and exercised items per township (see `_pairs_sql`)."""
    pairs, params = _pairs_sql(scope, start=start, end=end)
    division = Division._meta.db_table
    rows = _fetch(
        f"""{pairs}
        SELECT r.township_id, t.name, t.parent_id, county.name, r.held, r.exercised
        FROM (
            SELECT township_id, COUNT(*) AS held, SUM(exercised) AS exercised
            FROM pairs GROUP BY township_id
        ) r
        JOIN {division} t ON t.id = r.township_id
        LEFT JOIN {division} county ON county.id = t.parent_id
        ORDER BY t.code, t.id""",
        params,
    )
    return [
        Rate(tid, name, held, int(exercised), county_id=cid, county=county or "")
        for tid, name, cid, county, held, exercised in rows
    ]


def return_share():
    """The share (%) of the decision under which a case was handled: the latest published
    decision in force on the case's date naming its power for its township (as
    `cases/powers.decision_for` finds it); none for a township's own listed items."""
    return Subquery(
        Decision.objects.filter(
            status=Decision.Status.PUBLISHED,
            townships=OuterRef("township_id"),
            effective_date__lte=OuterRef("opened_on"),
            items__item__power=OuterRef("power_id"),
        )
        .order_by("-effective_date", "-pk")
        .values("fine_return_share")[:1]
    )


def township_fines(scope: Scope, *, start: date, end: date, rows=None) -> dict[int, dict]:
    """One aggregate query: fines decided and paid in the period per township, and the
    part returned to the township (paid × the decision's return share). `rows`: the
    report's township rows, when known: their ids (up to `LISTED` of them; else their
    counties' ids) filter the cases as a list (see `Scope.cases`): with a subquery
    PostgreSQL scanned every case, and SQLite plans the township list best."""
    units = {}
    if rows is not None and len(rows) <= LISTED:
        units = {"townships": [r.id for r in rows]}
    elif rows is not None:
        units = {"counties": sorted({r.county_id for r in rows if r.county_id is not None})}
    money = DecimalField(max_digits=16, decimal_places=4)
    decided = Q(decided_on__gte=start, decided_on__lte=end)
    paid = Q(paid_on__gte=start, paid_on__lte=end)
    rows = (
        Case.objects.filter(scope.cases(**units), township__isnull=False)
        .filter(decided | paid)
        .values("township_id")
        .annotate(
            decided=Sum("fine_amount", filter=decided),
            paid=Sum("paid_amount", filter=paid),
            returned=Sum(
                ExpressionWrapper(F("paid_amount") * return_share() / 100, output_field=money),
                filter=paid,
            ),
        )
    )
    return {r["township_id"]: r for r in rows}


def exercise_report(scope: Scope, *, start: date, end: date) -> ExerciseReport:
    """The report: township rows (held, exercised, rate, fines, returned), counties, total."""
    report = ExerciseReport(scope.label, start, end)
    townships = township_rates(scope, start=start, end=end)
    fines = township_fines(scope, start=start, end=end, rows=townships)
    counties: dict[int, Rate] = {}
    for row in townships:
        money = fines.get(row.id) or {}
        row.fines_decided = _money(money.get("decided"))
        row.fines_paid = _money(money.get("paid"))
        row.returned = _money(money.get("returned"))
        county = counties.setdefault(row.county_id, Rate(row.county_id, row.county))
        county.add(row)
        report.total.add(row)
    report.townships = townships
    report.counties = list(counties.values())
    return report


@dataclass
class ItemRate:
    power_id: int
    code: str
    name: str
    held: int
    exercised: int

    @property
    def rate(self) -> float | None:
        return share_of(self.exercised, self.held)


ITEM_SORTS = {"rate": "行权率从低到高", "code": "事项编码", "-held": "承接乡镇数从多到少"}


def item_rates(scope: Scope, *, start: date, end: date, sort: str = "rate"):
    """Per delegated item: townships that held it and that exercised it (one statement)."""
    pairs, params = _pairs_sql(scope, start=start, end=end)
    rows = _fetch(
        f"""{pairs}
        SELECT r.power_id, p.code, p.name, r.held, r.exercised
        FROM (
            SELECT power_id, COUNT(*) AS held, SUM(exercised) AS exercised
            FROM pairs GROUP BY power_id
        ) r
        JOIN {Power._meta.db_table} p ON p.id = r.power_id""",
        params,
    )
    ordered = sorted(
        (
            ItemRate(pid, code, name, held, int(exercised))
            for pid, code, name, held, exercised in rows
        ),
        key=lambda r: (r.rate if r.rate is not None else 2.0, r.code),
    )
    if sort == "code":
        ordered.sort(key=lambda r: r.code)
    elif sort == "-held":
        ordered.sort(key=lambda r: (-r.held, r.code))
    return ordered


def never_exercised(scope: Scope, *, start: date, end: date, q: str = ""):
    """The (township, item) pairs held in the period and never exercised: a queryset of
    dicts for paging (township, code, name)."""
    rows = with_exercise(held_entries(scope, start=start, end=end), start=start, end=end).filter(
        by_case=False, by_record=False
    )
    if q:
        rows = rows.filter(Q(power__name__icontains=q) | Q(power__code__icontains=q))
    return (
        rows.values(
            township_id=F("version__catalog__owner_id"),
            township=F("version__catalog__owner__name"),
            township_code=F("version__catalog__owner__code"),
            power_ref=F("power_id"),
            code=F("power__code"),
            name=F("power__name"),
        )
        .distinct()
        .order_by("township_code", "code")
    )
