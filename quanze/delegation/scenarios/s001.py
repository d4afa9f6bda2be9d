"""Scenario 001: the demo county's 20 townships claim a 471-item provincial catalog.

The catalog (catalog001) has a basic and an optional set; each township's answers
come from the claiming rule (claim_rule) applied to its traits; every answer goes
through the claim services, the office accepts every township's claim, and the
figures printed at the end come from the statistics selector, like the web page.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from quanze.catalog.catalogs import services as catalog_services
from quanze.catalog.demo.loader import COUNTY, PROVINCE, demo_load
from quanze.catalog.models import Catalog, CatalogEntry, Field, PowerType
from quanze.catalog.powers import services as power_services
from quanze.delegation.claims import review as claim_review
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.claims.stats import ClaimReport, claim_report
from quanze.delegation.scenarios import claim_rule
from quanze.delegation.scenarios.catalog001 import catalog_items
from quanze.org.models import Division, User

CATALOG_NAME = "山东省赋予乡镇(街道)县级权限指导目录(471项)"
WINDOW_TITLE = "平阴县乡镇(街道)赋权事项认领(情景001)"
# Resident population of each demo township, in 10,000s (by the last three digits
# of its township code). Invented for the demo county, in the range of a county
# of about 37 万 residents; the rule reads them as the township's size.
POPULATION = {
    "001": 3.2, "002": 2.6, "003": 2.1, "004": 1.5, "100": 2.4, "101": 3.9, "102": 3.4,
    "103": 1.6, "104": 2.2, "105": 1.8, "106": 1.4, "107": 1.7, "108": 1.3, "109": 1.1,
    "110": 1.2, "111": 1.5, "112": 1.0, "113": 0.9, "200": 0.8, "201": 0.7,
}  # fmt: skip


def township_traits(township: Division) -> claim_rule.Township:
    return claim_rule.Township(
        code=township.code,
        name=township.name,
        kind=township.kind,
        developed=township.economically_developed,
        pilot=township.pilot,
        population=POPULATION.get(township.code[6:9], 1.5),
    )


def _catalog_version(province: Division):
    existing = Catalog.objects.filter(owner=province, name=CATALOG_NAME).first()
    if existing:
        return existing.versions.get(status="published")
    types = {t.name: t for t in PowerType.objects.all()}
    fields = {f.name: f for f in Field.objects.all()}
    items = catalog_items({name: t.prefix for name, t in types.items()})
    powers = [
        power_services.power_create(
            by=None, owner=province, code=item.code, name=item.name, sub_name=item.sub_name,
            power_type=types[item.power_type], field=fields[item.field],
            exercise_level="县级", legal_basis=item.legal_basis, duties=item.duties,
            accountability=item.accountability, undertaking_unit=item.undertaking_unit,
        )
        for item in items
    ]  # fmt: skip
    listing = catalog_services.catalog_create(
        by=None, name=CATALOG_NAME, kind=Catalog.Kind.GUIDING, owner=province,
        description="省政府赋予乡镇(街道)的县级权限:基本盘应领尽领,自选盘当领则领。",
    )  # fmt: skip
    draft = catalog_services.version_draft(by=None, catalog=listing)
    catalog_services.version_set_entries(
        by=None, version=draft,
        entries=[(p, i.set_kind) for p, i in zip(powers, items, strict=True)],
    )  # fmt: skip
    return catalog_services.version_publish(
        by=None, version=draft, document_number="鲁政字〔2022〕220号"
    )


@transaction.atomic
def build() -> ClaimWindow:
    """Load the scenario once (later runs return the existing window)."""
    demo_load()
    existing = ClaimWindow.objects.filter(title=WINDOW_TITLE).first()
    if existing:
        return existing
    county = Division.objects.get(code=COUNTY[0])
    province = Division.objects.get(code=PROVINCE[0])
    office = User.objects.get(username="office")
    version = _catalog_version(province)
    townships = list(county.children.filter(level=Division.Level.TOWNSHIP).order_by("code"))
    window = claim_windows.window_open(
        by=office, county=county, catalog_version=version, title=WINDOW_TITLE,
        deadline=timezone.now() + timedelta(days=30), townships=townships,
    )  # fmt: skip
    entries = list(
        CatalogEntry.objects.filter(version=version).select_related(
            "power__power_type", "power__field"
        )
    )
    items = [
        claim_rule.CatalogItem(
            e.power.code, e.power.power_type.name, e.power.field.name, e.set_kind
        )
        for e in entries
    ]
    answers = claim_rule.claim_choices([township_traits(t) for t in townships], items)
    clerks = {u.township_id: u for u in User.objects.filter(county=county, role="township_clerk")}
    for township in townships:
        clerk = clerks.get(township.pk)  # a system job answers for townships without a clerk
        rows = {c.entry.power.code: c for c in _rows(window, township)}
        claims.claims_save(
            by=clerk, window=window, township=township,
            choices={rows[a.code].pk: claims.Choice(a.claimed, a.reason)
                     for a in answers[township.code]},
            row_versions={c.pk: c.row_version for c in rows.values()},
        )  # fmt: skip
        claims.claims_submit(by=clerk, window=window, township=township)
        claim_review.claims_review(
            by=office, window=window, township=township, accept=True, comment="认领确认"
        )
    return window


def _rows(window, township):
    return Claim.objects.filter(window=window, township=township).select_related("entry__power")


def describe(report: ClaimReport) -> list[str]:
    highest, lowest = report.highest, report.lowest
    lines = [
        f"指导目录 {report.catalog_items} 项(基本盘 {report.basic_items} 项),"
        f"{report.reported} 个乡镇(街道)已认领并经编办确认;",
        f"平均认领 {report.average:g} 项,最高 {highest.name} {highest.claimed} 项,"
        f"最低 {lowest.name} {lowest.claimed} 项;镇均认领审批(行政许可)事项 "
        f"{report.approvals_average:g} 项。",
        "按领域(前五):"
        + ",".join(f"{g.name} 镇均 {g.average:.1f} 项" for g in report.by_field[:5]),
        "按类型:" + ",".join(f"{g.name} 镇均 {g.average:.1f} 项" for g in report.by_type),
    ]
    return lines


def load(*, stdout) -> None:
    window = build()
    for line in describe(claim_report(window=window)):
        stdout.write(line)
    stdout.write(f"认领统计页面:/delegation/claims/{window.pk}/stats/")
