"""Scenario 003 (Xuchang): a city's 31 departments publish 3,514 powers in three batches,
105 townships' lists are built from the city templates, 23 towns hold county powers by
entrustment and assignment (委托 + 交办); the figures printed come from the portal's own
selectors, as its pages show them. The plan (what the source gives, what is chosen) is
`plan003`.

Everything goes through the services, set-based: the divisions and departments through
org's services (with history), each batch of powers is a spreadsheet (CSV) imported into
the city's powers list (`catalog.importing.import_run`, bulk) and published as a version
(`catalog.catalogs.services.version_publish`); the two city templates are catalogs built
the same way; each county imports the delegation template as its own county powers list
(its departments' powers); every county publishes its townships' lists from the basic
template in one call (`delegation.decisions.publishing.township_lists_publish`), and the
counties with towns given county powers go the delegation app's path for them (project,
one bulk classification, a 委托 and a 交办 batch, legality review, executive decision with
its document number, publication of the towns' lists by `decision_publish`). One county
runs the duty-admission process (准入: request, submit, admit into its territorial list).
"""

import csv
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.catalog.importing import import_run
from quanze.catalog.models import Power, PowerType
from quanze.core.history import model_state, record_change
from quanze.delegation.assessment import services as assessing
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.publishing import township_lists_publish
from quanze.delegation.projects import services as projects
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch, Mode
from quanze.duties.admission import selectors as admission_selectors
from quanze.duties.admission import services as admission
from quanze.duties.admission.models import AdmissionRequest
from quanze.org import services as org
from quanze.org.models import Division, User
from quanze.portal.lists import selectors as portal
from quanze.portal.scenarios.plan003 import (
    BASIC_CATALOG,
    BATCH_DATES,
    BATCH_DOCUMENTS,
    CITY,
    COUNTIES,
    DELEGATION_CATALOG,
    ENTRUSTED_TYPES,
    POWERS,
    POWERS_LIST,
    PROVINCE,
    WEBSITE,
    Plan,
    Row,
    department_name,
    plan_003,
)

HEADER = ["序号", "事项编码", "事项名称", "子项名称", "职权类型", "实施部门", "领域", "设定依据"]
BASIC_DATE, DELEGATION_DATE = date(2020, 6, 1), date(2021, 1, 1)
MEETING_DATE = date(2020, 12, 20)
ADMISSION_DATE = date(2021, 3, 1)
ADMITTED_MATTER = "城乡环境卫生日常巡查"
FINE_RETURN_SHARE = 0  # not in the source: fines stay with the county departments
LEGAL_ROUTES = {
    Mode.ENTRUSTMENT: "依据《中华人民共和国行政处罚法》第二十条、《中华人民共和国行政强制法》"
    "第十七条,由县级部门书面委托镇(街道),以委托部门名义实施,委托部门负责监督并承担法律责任。",
    Mode.ASSIGNMENT: "县级部门将事务性工作交由镇(街道)办理,法律责任仍由县级部门承担。",
}


def _prefixes():
    prefixes = {t.name: t.prefix or t.code for t in PowerType.objects.all()}
    return lambda name: prefixes.get(name, "QT")


def make_plan(*, powers: int = POWERS, scale: float = 1.0) -> Plan:
    return plan_003(_prefixes(), powers=powers, scale=scale)


def _csv(folder: Path, name: str, rows: list[Row], department=lambda row: row.department) -> Path:
    path = folder / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n, r in enumerate(rows, start=1):
            writer.writerow(
                [n, r.code, r.name, r.sub_name, r.power_type, department(r), r.field, r.basis]
            )
    return path


def _division(code, name, level, parent, **extra) -> Division:
    found = Division.objects.filter(code=code).first()
    if found is not None:
        return found
    return org.division_create(by=None, code=code, name=name, level=level, parent=parent, **extra)


def _contact(n: int, address: str) -> dict:
    return {
        "contact_phone": f"0374-{2960000 + n * 37:07d}",
        "contact_address": address,
        "office_hours": "工作日 8:30-12:00,14:30-17:30",
        "website": WEBSITE,
    }


def _import_and_publish(by, catalog, path: Path, *, effective: date, document: str, note: str):
    import_run(by=by, catalog=catalog, path=path, file_name=path.name)
    draft = catalog.versions.get(status=CatalogVersion.Status.DRAFT)
    return catalogs.version_publish(
        by=by, version=draft, effective_date=effective, document_number=document, note=note
    )


@transaction.atomic
def build(plan: Plan, *, city=CITY) -> Division:
    """Load the plan once under `city` (code, name); a later run returns the city."""
    existing = Division.objects.filter(code=city[0]).first()
    if existing and Catalog.objects.filter(owner=existing, name=POWERS_LIST).exists():
        return existing
    province = _division(PROVINCE[0], PROVINCE[1], Division.Level.PROVINCE, None)
    city_unit = _division(city[0], city[1], Division.Level.CITY, province)
    for n, spec in enumerate(plan.departments):
        name = department_name(spec, city[1])
        org.department_create(
            by=None,
            division=city_unit,
            name=name,
            short_name=f"市{spec.short_name.removeprefix('县')}",
            **_contact(n, f"{city[1]}行政服务中心{n + 1}号楼"),
        )
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        powers = catalogs.catalog_create(
            by=None, name=POWERS_LIST, kind=Catalog.Kind.POWERS_LIST, owner=city_unit,
            description="市政府各部门行政职权事项,分三批印发并在市政府网站、市委编办网站公布。",
        )  # fmt: skip
        for n, rows in enumerate(plan.batches):
            path = _csv(folder, f"batch{n + 1}", [_city_row(r, city[1]) for r in rows])
            _import_and_publish(
                None, powers, path, effective=date.fromisoformat(BATCH_DATES[n]),
                document=BATCH_DOCUMENTS[n], note=f"第{n + 1}批",
            )  # fmt: skip
        basic = _template(folder, city_unit, BASIC_CATALOG, plan.basic, "基本事项目录")
        _template(folder, city_unit, DELEGATION_CATALOG, plan.delegation, "放权赋权事项目录")
        for index, (code, name, _, _) in enumerate(COUNTIES):
            _county(folder, plan, city_unit, code, name, index, basic)
    return city_unit


def _city_row(row: Row, city_name: str) -> Row:
    if city_name == CITY[1]:
        return row
    return Row(**{**row.__dict__, "department": row.department.replace(CITY[1], city_name, 1)})


def _template(folder, city_unit, name, rows, label) -> list[Power]:
    catalog = catalogs.catalog_create(
        by=None, name=name, kind=Catalog.Kind.GUIDING, owner=city_unit,
        description=f"市委编办制定的乡镇(街道)权责清单{label}模板,供县(市、区)参考。",
    )  # fmt: skip
    path = _csv(folder, f"template-{len(rows)}-{catalog.pk}", rows, department=lambda r: "")
    version = _import_and_publish(
        None, catalog, path, effective=BASIC_DATE, document="许编办〔2020〕15号", note=label
    )
    return [e.power for e in version.entries.select_related("power").order_by("position")]


def _county(folder, plan: Plan, city_unit, code, name, index, basic) -> None:
    county = _division(code, name, Division.Level.COUNTY, city_unit)
    townships = [
        _division(
            t.code, t.name, Division.Level.TOWNSHIP, county, kind=t.kind,
            economically_developed=t.developed,
            **_contact(100 + index * 40 + n, f"{name}{t.name}便民服务中心"),
        )
        for n, t in enumerate(plan.townships[code])
    ]  # fmt: skip
    township_lists_publish(
        by=None, townships=townships, powers=basic, effective_date=BASIC_DATE,
        document_number=f"{name}编办〔2020〕{index + 3}号", set_kind="basic",
        note="依市乡镇(街道)权责清单基本事项目录制定",
    )  # fmt: skip
    developed = [
        t for t, spec in zip(townships, plan.townships[code], strict=True) if spec.developed
    ]
    if not developed:
        return
    # The county adopts the delegation template as its own departments' powers.
    keys = {r.department for r in plan.delegation}
    by_key = {d.key: d for d in plan.departments}
    for n, key in enumerate(sorted(keys)):
        org.department_create(
            by=None, division=county, name=department_name(by_key[key], name),
            **_contact(400 + index * 20 + n, f"{name}行政服务中心"),
        )  # fmt: skip
    listing = catalogs.catalog_create(
        by=None, name=f"{name}放权赋权事项清单", kind=Catalog.Kind.POWERS_LIST, owner=county,
        description="县级经济社会管理权限,以“委托+交办”方式赋予经济社会发展较好的镇(街道)。",
    )  # fmt: skip
    rows = [Row(**{**r.__dict__, "code": f"{code}-{r.code}"}) for r in plan.delegation]
    path = _csv(
        folder,
        f"county-{code}",
        rows,
        department=lambda r: department_name(by_key[r.department], name),
    )
    version = _import_and_publish(
        None, listing, path, effective=DELEGATION_DATE,
        document=f"{name}政〔2020〕{20 + index}号", note="放权赋权事项",
    )  # fmt: skip
    _delegate(county, name, index, version, developed)
    if not AdmissionRequest.objects.filter(county__parent=city_unit).exists():
        _admit(county, name, developed[0])


def _admit(county, name, township) -> AdmissionRequest:
    """The duty-admission rule (准入), once, in the first county with developed towns: a
    department asks to hand a new duty to the townships, the office admits it, which
    publishes the county's territorial list (属地清单) carrying it."""
    office = _office(county)
    department = county.departments.order_by("pk").first()
    request = admission.admission_create(
        by=None, department=department, matter_name=ADMITTED_MATTER, field_name="城乡建设",
        township_duty="组织开展辖区内城乡环境卫生日常巡查,发现问题及时劝导并报告县级部门",
        primary_duty="县级部门负责监督检查、行政处罚和考核",
        reason="依市乡镇(街道)职责准入制度,属地巡查确需乡镇(街道)承担",
        basis="《许昌市城市市容和环境卫生管理条例》", staff="无(由镇综合执法队承担)",
        funding="县财政按年度拨付巡查经费", equipment="巡查终端及系统账号",
    )  # fmt: skip
    admission.admission_submit(by=None, request=request)
    return admission.admission_admit(
        by=office, request=AdmissionRequest.objects.get(pk=request.pk),
        effective_date=ADMISSION_DATE, document_number=f"{name}编办〔2021〕8号",
        legality_opinion="符合职责准入制度,依据充分",
        reasonableness_opinion="人随事转、钱随事转、权随事转已落实",
    )  # fmt: skip


def _office(county) -> User:
    """The county establishment office's user: one made for the scenario if none."""
    found = User.objects.filter(county=county, role=User.Role.ESTABLISHMENT_OFFICE).first()
    if found:
        return found
    user = User.objects.create_user(
        username=f"s003-office-{county.code[:6]}", password=None,
        role=User.Role.ESTABLISHMENT_OFFICE, county=county, display_name=f"{county.name}编办",
    )  # fmt: skip
    record_change(user, action="create", actor=None, after=model_state(user, ["username", "role"]))
    return user


def _delegate(county, name, index, version, developed) -> list[Decision]:
    """The delegation app's path, set-based: a project over the county's list for its
    developed towns, every item classed into the first batch (批量评估), two batches
    (委托: penalties and coercive measures; 交办: the rest), the justice bureau's review
    (by the system), the executive meeting's decision with its document number, and the
    decision's publication to the towns' lists."""
    office = _office(county)
    project = projects.project_create(
        by=office, county=county, name=f"{name}镇(街道)放权赋权", catalog_version=version,
        townships=developed, started_on=date(2020, 10, 1),
    )  # fmt: skip
    items = list(project.items.select_related("power__power_type").order_by("position"))
    assessing.assessments_update_many(
        by=office, project=project, versions={i.pk: i.row_version for i in items},
        final_class=ItemClass.BATCH1, override_reason="依市放权赋权事项目录,全部列入第一批",
    )  # fmt: skip
    projects.project_advance(by=office, project=project, to="consultation", reason="评估分类完成")
    projects.project_advance(by=office, project=project, to="review", reason="征求意见完成")
    items = list(project.items.select_related("power__power_type").order_by("position"))
    out = []
    for mode, n in ((Mode.ENTRUSTMENT, 1), (Mode.ASSIGNMENT, 2)):
        entrusted = mode == Mode.ENTRUSTMENT
        chosen = [i for i in items if (i.power.power_type.name in ENTRUSTED_TYPES) == entrusted]
        if not chosen:
            continue
        label = "委托" if entrusted else "交办"
        batch = review.batch_create(
            by=office, project=project, title=f"以{label}方式赋予的县级权限", mode=mode,
            items=chosen,
        )  # fmt: skip
        review.batch_send_for_review(by=office, batch=batch)
        for batch_item in batch.items.all():
            review.review_save(
                by=None, batch_item=batch_item, mode=mode, verdict="pass",
                legal_route=LEGAL_ROUTES[mode],
            )  # fmt: skip
        review.batch_review_complete(by=None, batch=batch, reason="合法性审核通过")
        decisions.batch_submit(by=office, batch=batch, reason="提请县政府常务会议审议")
        decision = decisions.decision_record(
            by=office, batch=Batch.objects.get(pk=batch.pk), meeting_date=MEETING_DATE,
            document_number=f"{name}政〔2021〕{index * 2 + n}号", townships=developed,
            mode=mode, effective_date=DELEGATION_DATE, fine_return_share=FINE_RETURN_SHARE,
        )  # fmt: skip
        out.append(decisions.decision_publish(by=office, decision=decision))
    return out


# The figures, read the way the portal's pages read them.


@dataclass
class Figures:
    departments: dict[str, int] = field(default_factory=dict)  # department -> items
    batches: list[tuple[int, str, int]] = field(default_factory=list)  # number, 文号, added
    townships: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (county, township, items, of which county powers)
    admission: tuple[str, str, str, int, int, int] | None = None
    # (county, matter, 文号, townships, needing admission before it, after it)

    @property
    def powers(self) -> int:
        return sum(self.departments.values())

    @property
    def towns_with_county_powers(self) -> int:
        return sum(1 for *_, delegated in self.townships if delegated)


def figures(city: Division) -> Figures:
    """From the portal's own selectors: the public list index (`public_lists`), each
    list's versions (`public_versions`), rows (`rows_of`) and diffs (`diff`)."""
    out = Figures()
    lists = portal.public_lists(kind=Catalog.Kind.POWERS_LIST, q=POWERS_LIST)
    (city_list,) = [row for row in lists if row.division_code == city.code]
    versions = list(portal.public_versions(portal.CATALOG, city_list.pk))[::-1]
    previous = None
    for version in versions:
        if previous is None:
            added = len(portal.rows_of(portal.CATALOG, version))
        else:
            added = len(portal.diff(portal.CATALOG, previous, version).added)
        out.batches.append((version.number, version.document_number, added))
        previous = version
    for row in portal.rows_of(portal.CATALOG, versions[-1]):
        out.departments[row["department"]] = out.departments.get(row["department"], 0) + 1
    prefix = city.code[:4]
    names = {d.code: d.name for d in Division.objects.filter(code__startswith=prefix)}
    for shown in portal.public_lists(kind=Catalog.Kind.TOWNSHIP_LIST):
        if not shown.division_code.startswith(prefix):
            continue
        current = portal.version_on(shown, None)
        rows = portal.rows_of(portal.CATALOG, current)
        delegated = sum(1 for r in rows if r["department"])
        county = names.get(shown.division_code[:6] + "000000", "")
        out.townships.append((county, shown.unit, len(rows), delegated))
    admitted = (
        AdmissionRequest.objects.filter(county__parent=city, state=AdmissionRequest.State.ADMITTED)
        .select_related("county", "admitted_version")
        .first()
    )
    if admitted is not None:
        townships = list(admitted.county.children.filter(level=Division.Level.TOWNSHIP))
        before = admitted.admitted_version.effective_date - timedelta(days=1)

        def needing(on):
            return sum(
                admission_selectors.admission_needed(
                    township=t, matter_or_duty=admitted.matter_name, on=on
                )
                for t in townships
            )

        out.admission = (
            admitted.county.name, admitted.matter_name, admitted.admitted_version.document_number,
            len(townships), needing(before), needing(None),
        )  # fmt: skip
    return out


def describe(result: Figures) -> list[str]:
    lines = [
        f"市级权责清单:{len(result.departments)} 个部门共 {result.powers} 项行政职权,分 "
        f"{len(result.batches)} 批公布:"
        + ";".join(f"第{n}批 {added} 项({doc})" for n, doc, added in result.batches),
        "按部门:" + ",".join(f"{name} {n}" for name, n in result.departments.items()),
    ]
    counties: dict[str, list] = {}
    for county, name, items, delegated in result.townships:
        counties.setdefault(county, []).append((name, items, delegated))
    lines.append(
        f"乡镇(街道)权责清单:{len(result.townships)} 个乡镇(街道)全覆盖;"
        f"{result.towns_with_county_powers} 个镇(街道)以“委托+交办”承接县级权限。"
    )
    for county, rows in counties.items():
        lines.append(
            f"  {county}({len(rows)} 个):"
            + ",".join(f"{n} {i}项" + (f"(含县级权限 {d} 项)" if d else "") for n, i, d in rows)
        )
    if result.admission:
        county, matter, document, townships, before, after = result.admission
        lines.append(
            f"职责准入:{county}“{matter}”经准入({document})列入属地清单;"
            f"{townships} 个乡镇(街道)中需先准入的,准入前 {before} 个,准入后 {after} 个。"
        )
    return lines


def load(*, stdout) -> None:
    city = build(make_plan())
    for line in describe(figures(city)):
        stdout.write(line)
    stdout.write("公开门户:/portal/lists/?kind=powers_list 、/portal/lists/?kind=township_list")
