"""The staffing report (执法力量与编制): per township, the certified officers against the
delegated items it holds and its cases; per department, its officers and posts; the share of
enforcement staff working in townships; posts approved, filled, vacant and sunk.

Definitions (printed on the report, `DEFINITION`):
- **certified officer** on a day: an officer in post (在岗) with a certificate valid that day
  (有效, within its dates);
- an officer **works in a township** when he belongs to its team or serves that day in a
  squad stationed in it (派驻中队); department officers not stationed work in the county;
- **items held**: the distinct items of the township's lists (乡镇权责清单) in force that day
  (the statistics' definition, `statistics/exercise.held_entries`);
- **cases**: cases of the township opened in the year.
A fixed number of queries, each one aggregate (nothing loops over officers or items).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from quanze.enforcement.cases.models import Case
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.squads.models import Equipment, SquadMember
from quanze.enforcement.staffing import rules
from quanze.enforcement.staffing.models import PostSinking, StaffingQuota
from quanze.enforcement.statistics.exercise import held_entries, versions_in_period
from quanze.enforcement.statistics.selectors import division_scope
from quanze.org.models import Department, Division

DEFINITION = (
    "持证执法人员:在岗且持有当日有效(状态有效、在有效期内)执法证的人员;"
    "在乡镇(街道)工作:乡镇(街道)执法队伍人员,或当日在派驻该乡镇(街道)的中队的部门人员;"
    "承接事项:当日施行的乡镇权责清单中的事项数;案件:年度内该乡镇(街道)登记的案件数;"
    "编制:核定编制数、实有人数、空编数(核定-实有),下沉编制为部门编制县属乡用。"
)


@dataclass
class TownshipRow:
    id: int
    name: str
    items: int = 0
    cases: int = 0
    team: int = 0
    team_certified: int = 0
    stationed: int = 0
    stationed_certified: int = 0
    approved: int = 0
    filled: int = 0
    sunk_in: int = 0
    sunk_filled: int = 0
    vehicles: int = 0
    recorders: int = 0
    minimum: int = rules.MINIMUM_OFFICERS

    @property
    def certified(self) -> int:
        return self.team_certified + self.stationed_certified

    @property
    def officers(self) -> int:
        return self.team + self.stationed

    @property
    def per_officer(self) -> float | None:
        return rules.items_per_officer(self.items, self.certified)

    @property
    def overloaded(self) -> bool:
        return rules.overloaded(self.items, self.certified, self.minimum)

    @property
    def vacant(self) -> int:
        return self.approved - self.filled


@dataclass
class DepartmentRow:
    id: int
    name: str
    officers: int = 0
    certified: int = 0
    stationed: int = 0
    approved: int = 0
    filled: int = 0
    sunk_out: int = 0

    @property
    def vacant(self) -> int:
        return self.approved - self.filled


@dataclass
class StaffingReport:
    scope: str
    on: date
    year: int
    minimum: int
    definition: str = DEFINITION
    townships: list[TownshipRow] = field(default_factory=list)
    departments: list[DepartmentRow] = field(default_factory=list)
    target: float = rules.TOWNSHIP_SHARE_TARGET

    @property
    def officers(self) -> int:
        return sum(t.team for t in self.townships) + sum(d.officers for d in self.departments)

    @property
    def in_townships(self) -> int:
        return sum(t.officers for t in self.townships)

    @property
    def township_share(self) -> float | None:
        return rules.share(self.in_townships, self.officers)

    @property
    def target_met(self) -> bool:
        share = self.township_share
        return share is not None and share >= self.target

    @property
    def overloaded(self) -> list[TownshipRow]:
        return [t for t in self.townships if t.overloaded]

    def posts(self) -> dict[str, int]:
        approved = sum(t.approved for t in self.townships) + sum(
            d.approved for d in self.departments
        )
        filled = sum(t.filled for t in self.townships) + sum(d.filled for d in self.departments)
        return {
            "approved": approved,
            "filled": filled,
            "vacant": approved - filled,
            "sunk": sum(t.sunk_in for t in self.townships),
            "sunk_filled": sum(t.sunk_filled for t in self.townships),
        }


def _certified(on: date):
    return Exists(
        Certificate.objects.filter(
            officer_id=OuterRef("pk"),
            status=Certificate.Status.VALID,
            valid_from__lte=on,
            valid_to__gte=on,
        )
    )


def _stationed_in(on: date):
    """The township of the squad the officer serves in on `on` (or None)."""
    return Subquery(
        SquadMember.objects.filter(officer_id=OuterRef("pk"), joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .values("squad__township_id")[:1]
    )


def staffing_report(
    county: Division,
    *,
    on: date,
    year: int | None = None,
    minimum: int = rules.MINIMUM_OFFICERS,
    township_ids=None,
    department_ids=None,
    label: str = "",
) -> StaffingReport:
    """The county's report on `on` (cases of `year`, by default the year of `on`);
    `township_ids` / `department_ids` narrow the rows shown (None: all)."""
    year = year or on.year
    towns = Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP).order_by("code")
    departments = Department.objects.filter(division=county).order_by("name")
    if township_ids is not None:
        towns = towns.filter(pk__in=township_ids)
    if department_ids is not None:
        departments = departments.filter(pk__in=department_ids)
    t_rows = {t.pk: TownshipRow(t.pk, t.name, minimum=minimum) for t in towns}
    d_rows = {d.pk: DepartmentRow(d.pk, d.name) for d in departments}

    scope = division_scope(county)
    versions = versions_in_period(scope, start=on, end=on)
    for r in (
        held_entries(scope, start=on, end=on, versions=versions)
        .values("version__catalog__owner_id")
        .annotate(n=Count("power_id", distinct=True))
    ):
        if r["version__catalog__owner_id"] in t_rows:
            t_rows[r["version__catalog__owner_id"]].items = r["n"]
    for r in (
        Case.objects.filter(county=county, township__isnull=False, opened_on__year=year)
        .values("township_id")
        .annotate(n=Count("id"))
    ):
        if r["township_id"] in t_rows:
            t_rows[r["township_id"]].cases = r["n"]

    officers = (
        Officer.objects.filter(county=county, active=True)
        .annotate(certified=_certified(on), stationed_in=_stationed_in(on))
        .values("township_id", "department_id", "certified", "stationed_in")
        .annotate(n=Count("id"))
    )
    for r in officers:
        n, certified = r["n"], r["certified"]
        if r["township_id"] in t_rows:
            row = t_rows[r["township_id"]]
            row.team += n
            row.team_certified += n if certified else 0
        if r["department_id"] is not None:
            if r["department_id"] in d_rows:
                d = d_rows[r["department_id"]]
                d.officers += n
                d.certified += n if certified else 0
                d.stationed += n if r["stationed_in"] else 0
            if r["stationed_in"] in t_rows:
                row = t_rows[r["stationed_in"]]
                row.stationed += n
                row.stationed_certified += n if certified else 0

    for r in (
        StaffingQuota.objects.filter(county=county)
        .values("township_id", "department_id")
        .annotate(approved=Sum("approved"), filled=Sum("filled"))
    ):
        target = t_rows.get(r["township_id"]) or d_rows.get(r["department_id"])
        if target is not None:
            target.approved, target.filled = r["approved"], r["filled"]
    for r in (
        PostSinking.objects.filter(county=county, on__lte=on)
        .values("township_id", "department_id")
        .annotate(count=Sum("count"), filled=Sum("filled"))
    ):
        if r["township_id"] in t_rows:
            t_rows[r["township_id"]].sunk_in += r["count"]
            t_rows[r["township_id"]].sunk_filled += r["filled"]
        if r["department_id"] in d_rows:
            d_rows[r["department_id"]].sunk_out += r["count"]
    for r in (
        Equipment.objects.filter(county=county)
        .annotate(unit=Coalesce("township_id", "squad__township_id"))
        .values("unit", "kind")
        .annotate(q=Sum("quantity"))
    ):
        row = t_rows.get(r["unit"])
        if row is None:
            continue
        if r["kind"] == Equipment.Kind.VEHICLE:
            row.vehicles += r["q"]
        elif r["kind"] == Equipment.Kind.RECORDER:
            row.recorders += r["q"]
    return StaffingReport(
        scope=label or county.name,
        on=on,
        year=year,
        minimum=minimum,
        townships=list(t_rows.values()),
        departments=list(d_rows.values()),
    )


TOWNSHIP_SORTS = {
    "code": "区划代码",
    "-per_officer": "人均承接事项从多到少",
    "certified": "持证人数从少到多",
    "-items": "承接事项从多到少",
    "-vacant": "空编从多到少",
}


def sort_townships(rows: list[TownshipRow], sort: str) -> list[TownshipRow]:
    if sort == "-per_officer":
        return sorted(rows, key=lambda r: (r.per_officer is None, r.per_officer or 0), reverse=True)
    if sort == "certified":
        return sorted(rows, key=lambda r: (r.certified, -r.items))
    if sort == "-items":
        return sorted(rows, key=lambda r: -r.items)
    if sort == "-vacant":
        return sorted(rows, key=lambda r: -r.vacant)
    return rows
