"""Reads of the law-change register: acts, changes, and the impact of a change.

The impact of a change is every row, across the province, of a current (draft or
published) list that holds a power citing a changed article: the powers themselves,
guiding catalogs, department and township lists (catalog entries), township duty lists,
territorial responsibility lists, discretion benchmarks and guiding cases. It is computed
from `catalog.Citation` on each read, so lists published after the change show too.
Who sees which rows: the office and the justice bureau the rows of their county (and the
province's and city's lists above it); a department its own lists and every row of its
powers; a township its own lists."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from quanze.catalog.models import CatalogEntry, CatalogVersion, Citation, Power
from quanze.core.bulk import chunks
from quanze.core.errors import NotFound
from quanze.duties.dutylists.models import DutyEntry
from quanze.duties.territorial.models import ResponsibilityItem
from quanze.enforcement.benchmarks.models import BenchmarkItem
from quanze.enforcement.guidance.models import GuidingCase
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.lawchange.models import ActVersion, Article, LawChange, LegalAct
from quanze.evaluation.lawchange.parsing import article_label
from quanze.evaluation.lawchange.titles import title_variants
from quanze.org.roles import (
    ancestor_codes,
    code_prefix,
    is_county_wide,
    is_department_clerk,
    is_office,
    is_reviewer,
    is_township_clerk,
)

CURRENT = ("draft", "published")
CHUNK = 5000  # ids per IN (...) list: a province's current versions in one, under SQLite's 32,766
KINDS = {
    "power": "权力事项",
    "guiding": "赋权指导目录",
    "powers_list": "部门权责清单",
    "township_list": "乡镇权责清单",
    "duty_list": "乡镇履职事项清单",
    "territorial": "属地管理责任清单",
    "benchmark": "裁量基准",
    "guiding_case": "指导案例",
}
WHOLE_ACT = "全文"
COLUMNS = ("kind_label", "list_name", "version", "code", "name", "articles", "division",
           "department")  # fmt: skip
HEADERS = ("类别", "清单(目录)", "版本", "事项编码", "事项名称", "引用条文", "区划", "部门")


def can_record(user) -> bool:
    """The justice bureau (司法局) records acts and their changes."""
    return is_reviewer(user)


def can_open_adjustment(user) -> bool:
    """The establishment office opens adjustment projects from a change's specs."""
    return is_office(user)


def can_read_impacts(user) -> bool:
    return is_county_wide(user) or is_department_clerk(user) or is_township_clerk(user)


# ---- acts --------------------------------------------------------------------------------


def act_list(user, *, q: str = "", rank: str = "") -> QuerySet[LegalAct]:
    """The register is shared by the province: every signed-in user reads it."""
    if not user.is_authenticated:
        return LegalAct.objects.none()
    rows = LegalAct.objects.all()
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(aliases__icontains=q))
    if rank:
        rows = rows.filter(rank=rank)
    return rows.order_by("title")


def access_act(user, act_id) -> LegalAct:
    act = act_list(user).filter(pk=act_id).first()
    if act is None:
        raise NotFound("法规")
    return act


def current_version(act: LegalAct) -> ActVersion | None:
    """The version in force, or the last one (an act repealed has none in force)."""
    in_force = act.versions.filter(status=ActVersion.Status.IN_FORCE).first()
    return in_force or act.versions.order_by("-number").first()


def act_articles(version: ActVersion | None, *, q: str = "") -> QuerySet[Article]:
    if version is None:
        return Article.objects.none()
    rows = version.articles.all()
    return rows.filter(text__icontains=q) if q else rows


def change_list(user, *, act: LegalAct | None = None) -> QuerySet[LawChange]:
    if not user.is_authenticated:
        return LawChange.objects.none()
    rows = LawChange.objects.select_related("act", "recorded_by")
    return rows.filter(act=act) if act is not None else rows


def access_change(user, change_id) -> LawChange:
    change = change_list(user).filter(pk=change_id).first()
    if change is None:
        raise NotFound("法规变更")
    return change


# ---- impact ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a lookup asks: citations of `act` at `articles` (empty: any article), made
    before `before_year` (a citation of the 2026 text is not hit by a 2026 change)."""

    act: LegalAct
    articles: tuple[str, ...] = ()
    before_year: int | None = None

    @property
    def label(self) -> str:
        if not self.articles:
            return f"{self.act}全文"
        return f"{self.act}" + "、".join(article_label(a) for a in self.articles)


def change_scope(change: LawChange) -> Scope:
    return Scope(change.act, tuple(change.articles), change.effective_from.year)


def cited_powers(scope: Scope) -> dict[int, str]:
    """Power id → the articles of the act it cites ("第23条、全文")."""
    rows = Citation.objects.filter(act_title__in=title_variants(scope.act.title, scope.act.aliases))
    if scope.articles:
        rows = rows.filter(Q(article__in=scope.articles) | Q(article=""))
    if scope.before_year:
        rows = rows.filter(Q(revision_year__isnull=True) | Q(revision_year__lt=scope.before_year))
    found: dict[int, set[str]] = defaultdict(set)
    for power_id, article in rows.order_by().values_list("power_id", "article"):
        found[power_id].add(article)
    return {
        pid: "、".join(f"第{a}条" if a else WHOLE_ACT for a in sorted(arts, key=_article_key))
        for pid, arts in found.items()
    }


def _article_key(article: str) -> tuple[int, str]:
    return (int(article) if article.isdigit() else 0, article)


def impact_rows(scope: Scope) -> list[dict]:
    """Every current list row holding a power that cites the scope, across the province."""
    powers = cited_powers(scope)
    if not powers:
        return []
    ids = list(powers)
    rows = [*_powers(ids), *_catalog_entries(ids), *_duty_entries(ids), *_territorial(ids),
            *_benchmarks(ids), *_guiding_cases(ids)]  # fmt: skip
    for row in rows:
        row["articles"] = powers[row["power_id"]]
        row["kind_label"] = KINDS[row["kind"]]
    return rows


def _row(kind, **values) -> dict:
    return {"kind": kind, "department": "", "department_id": None, **values}


def _powers(ids):
    for p in Power.objects.filter(pk__in=ids).order_by().values(
        "pk", "code", "name", "owner_id", "owner__name", "owner__code", "department_id",
        "department__name",
    ):  # fmt: skip
        yield _row("power", list_name="权力事项库", version="现行", code=p["code"],
                   name=p["name"], power_id=p["pk"], power_department_id=p["department_id"],
                   division_id=p["owner_id"], division=p["owner__name"],
                   division_code=p["owner__code"], department_id=p["department_id"],
                   department=p["department__name"] or "")  # fmt: skip


def _catalog_entries(ids):
    """In three reads, not one join: the (power, version) pairs through the entries'
    power index, then the few versions and powers they name. Joined in one query over
    13 M entries PostgreSQL's plan took 1.2 s where these take about 0.15 s."""
    pairs = list(
        CatalogEntry.objects.filter(power_id__in=ids, version__status__in=CURRENT)
        .order_by()
        .values_list("power_id", "version_id")
    )
    versions = {}
    version_ids = sorted({v for _p, v in pairs})
    for some in chunks(version_ids, CHUNK):
        versions |= {
            v["pk"]: v
            for v in CatalogVersion.objects.filter(pk__in=some)
            .order_by()
            .values(
                "pk", "number", "status", "catalog__kind", "catalog__name", "catalog__owner_id",
                "catalog__owner__name", "catalog__owner__code", "catalog__department_id",
                "catalog__department__name",
            )
        }  # fmt: skip
    # Each row is its version's part and its power's part, merged: 22,500 rows at full
    # size, so no per-row keyword dicts.
    parts = {
        pk: _row(v["catalog__kind"], list_name=v["catalog__name"],
                 version=_version(v["number"], v["status"]),
                 division_id=v["catalog__owner_id"], division=v["catalog__owner__name"],
                 division_code=v["catalog__owner__code"],
                 department_id=v["catalog__department_id"],
                 department=v["catalog__department__name"] or "")
        for pk, v in versions.items()
    }  # fmt: skip
    power_parts = {
        p["pk"]: {"code": p["code"], "name": p["name"], "power_id": p["pk"],
                  "power_department_id": p["department_id"]}
        for p in Power.objects.filter(pk__in=ids).order_by().values(
            "pk", "code", "name", "department_id"
        )
    }  # fmt: skip
    for power_id, version_id in pairs:
        yield {**parts[version_id], **power_parts[power_id]}


def _duty_entries(ids):
    rows = DutyEntry.objects.filter(power_id__in=ids, version__status__in=CURRENT).order_by().values(
        "power_id", "power__code", "name", "power__department_id", "version__number",
        "version__status", "version__duty_list__name", "version__duty_list__township_id",
        "version__duty_list__township__name", "version__duty_list__township__code",
        "lead_department_id", "lead_department__name",
    )  # fmt: skip
    for e in rows:
        yield _row("duty_list", list_name=e["version__duty_list__name"],
                   version=_version(e["version__number"], e["version__status"]),
                   code=e["power__code"], name=e["name"], power_id=e["power_id"],
                   power_department_id=e["power__department_id"],
                   division_id=e["version__duty_list__township_id"],
                   division=e["version__duty_list__township__name"],
                   division_code=e["version__duty_list__township__code"],
                   department_id=e["lead_department_id"],
                   department=e["lead_department__name"] or "")  # fmt: skip


def _territorial(ids):
    through = ResponsibilityItem.powers.through
    rows = through.objects.filter(
        power_id__in=ids, responsibilityitem__version__status__in=CURRENT
    ).values(
        "power_id", "power__department_id", "responsibilityitem__matter__code",
        "responsibilityitem__matter__name", "responsibilityitem__version__number",
        "responsibilityitem__version__status",
        "responsibilityitem__version__responsibility_list__name",
        "responsibilityitem__version__responsibility_list__county_id",
        "responsibilityitem__version__responsibility_list__county__name",
        "responsibilityitem__version__responsibility_list__county__code",
        "responsibilityitem__primary_department_id",
        "responsibilityitem__primary_department__name",
    )  # fmt: skip
    p = "responsibilityitem__"
    for e in rows:
        county = p + "version__responsibility_list__county"
        yield _row("territorial", list_name=e[p + "version__responsibility_list__name"],
                   version=_version(e[p + "version__number"], e[p + "version__status"]),
                   code=e[p + "matter__code"], name=e[p + "matter__name"],
                   power_id=e["power_id"], power_department_id=e["power__department_id"],
                   division_id=e[county + "_id"], division=e[county + "__name"],
                   division_code=e[county + "__code"],
                   department_id=e[p + "primary_department_id"],
                   department=e[p + "primary_department__name"])  # fmt: skip


def _benchmarks(ids):
    rows = BenchmarkItem.objects.filter(power_id__in=ids, version__status__in=CURRENT).order_by().values(
        "power_id", "power__code", "power__name", "power__department_id",
        "power__department__name", "version__number", "version__status",
        "version__benchmark__name", "version__benchmark__county_id",
        "version__benchmark__county__name", "version__benchmark__county__code",
    )  # fmt: skip
    for e in rows:
        yield _row("benchmark", list_name=e["version__benchmark__name"],
                   version=_version(e["version__number"], e["version__status"]),
                   code=e["power__code"], name=e["power__name"], power_id=e["power_id"],
                   power_department_id=e["power__department_id"],
                   division_id=e["version__benchmark__county_id"],
                   division=e["version__benchmark__county__name"],
                   division_code=e["version__benchmark__county__code"],
                   department_id=e["power__department_id"],
                   department=e["power__department__name"] or "")  # fmt: skip


def _guiding_cases(ids):
    through = GuidingCase.powers.through
    rows = through.objects.filter(power_id__in=ids).exclude(
        guidingcase__status=GuidingCase.Status.REJECTED
    ).values(
        "power_id", "power__code", "power__department_id", "guidingcase__title",
        "guidingcase__status", "guidingcase__county_id", "guidingcase__county__name",
        "guidingcase__county__code",
    )  # fmt: skip
    statuses = dict(GuidingCase.Status.choices)
    for e in rows:
        yield _row("guiding_case", list_name=e["guidingcase__title"],
                   version=statuses[e["guidingcase__status"]], code=e["power__code"],
                   name=e["guidingcase__title"], power_id=e["power_id"],
                   power_department_id=e["power__department_id"],
                   division_id=e["guidingcase__county_id"],
                   division=e["guidingcase__county__name"],
                   division_code=e["guidingcase__county__code"])  # fmt: skip


def _version(number, status) -> str:
    return f"第{number}版{'(草稿)' if status == 'draft' else ''}"


def visible_rows(user, rows: list[dict]) -> list[dict]:
    """The rows `user` may see (see the module docstring)."""
    if is_county_wide(user):
        prefix, above = code_prefix(user.county), set(ancestor_codes(user.county))
        return [
            r for r in rows if r["division_code"].startswith(prefix) or r["division_code"] in above
        ]
    if is_department_clerk(user):
        own = user.department_id
        return [r for r in rows if own in (r["department_id"], r["power_department_id"])]
    if is_township_clerk(user):
        return [r for r in rows if r["division_id"] == user.township_id]
    return []


def change_impact(user, change: LawChange, *, kind: str = "") -> list[dict]:
    rows = visible_rows(user, impact_rows(change_scope(change)))
    return [r for r in rows if r["kind"] == kind] if kind else rows


def article_search(user, act: LegalAct, articles: tuple[str, ...], *, year=None) -> list[dict]:
    """Search by act and article: the rows citing them now (a revision year narrows to
    citations of that year's text or of no stated year)."""
    scope = Scope(act, articles, year + 1 if year else None)
    return visible_rows(user, impact_rows(scope))


def kind_counts(rows: list[dict]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["kind"]] += 1
    return [(kind, label, counts[kind]) for kind, label in KINDS.items() if counts[kind]]


# ---- who to tell, what to adjust ---------------------------------------------------------


@dataclass(frozen=True)
class Units:
    """The units a change's rows belong to: departments, townships, and the counties whose
    office manages the lists (each with how many rows)."""

    departments: dict[int, int]
    townships: dict[int, int]
    counties: dict[str, int]  # county division code → rows

    def __len__(self) -> int:
        return len(self.departments) + len(self.townships) + len(self.counties)


def units_to_notify(rows: list[dict]) -> Units:
    departments: dict[int, int] = defaultdict(int)
    townships: dict[int, int] = defaultdict(int)
    counties: dict[str, int] = defaultdict(int)
    for row in rows:
        for department in {row["department_id"], row["power_department_id"]} - {None}:
            departments[department] += 1
        code = row["division_code"]
        if len(code.rstrip("0")) > 6 and row["kind"] in ("township_list", "duty_list"):
            townships[row["division_id"]] += 1
        if code[4:6] != "00":
            counties[code[:6].ljust(12, "0")] += 1
    return Units(dict(departments), dict(townships), dict(counties))


def change_specs(change: LawChange, user=None) -> list[ChangeSpec]:
    """What the adjustment project opened from `change` must do: one AMEND_BASIS per
    power whose basis cites a changed article, with the lists that hold it as its facts;
    with `user`, only the rows that user sees (an office adjusts its own county)."""
    rows = impact_rows(change_scope(change))
    if user is not None:
        rows = visible_rows(user, rows)
    by_power: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_power[row["power_id"]].append(row)
    reason = f"{change.act}{change.get_kind_display()}"
    articles = tuple(change.articles)
    specs = []
    for power_id in sorted(by_power):
        held = by_power[power_id]
        counts = kind_counts(held)
        facts = (
            f"{change_scope(change).label}于{change.effective_from:%Y-%m-%d}起"
            f"{change.get_kind_display()}"
            + (f"({change.document_number})" if change.document_number else "")
            + f";本事项引用{held[0]['articles']};"
            + "、".join(f"{label}{n}条" for _k, label, n in counts if _k != "power")
        ).rstrip(";")
        specs.append(
            ChangeSpec(
                kind=ChangeKind.AMEND_BASIS,
                power_id=power_id,
                reason=reason,
                facts=facts,
                effective_from=change.effective_from,
                source=f"evaluation.lawchange:{change.pk}",
                articles=articles,
            )
        )
    return specs
