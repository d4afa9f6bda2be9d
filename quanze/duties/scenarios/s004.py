"""Scenario 004: five pilot townships build, consult (三上三下) and publish duty lists.

Source 004 (常州): each pilot town listed what it actually does, judged each item on
three questions, classed it, sent the draft up and down three times, and published
lists averaging 133 basic, 82 cooperating, 112 returned and 3.4 newly delegated items.
Here the demo county's five pilot townships do the same through the services; the
figures printed come from `duty_report` over the published lists.
"""

import random
from datetime import date

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY, demo_load
from quanze.catalog.demo.units import DEPARTMENTS
from quanze.catalog.models import Catalog
from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.models import DutyClass
from quanze.duties.dutylists.report import duty_report
from quanze.duties.dutylists.services import Assessment
from quanze.duties.models import DutyOpinion, DutyVersion
from quanze.duties.scenarios import s002_data
from quanze.duties.scenarios import s004_data as data
from quanze.org.models import Department, Division

EFFECTIVE = date(2025, 9, 1)
SEED = 4


def _departments(county):
    by_name = {d.name: d for d in Department.objects.filter(division=county)}
    return {s.key: (by_name[f"{county.name}{s.suffix}"], s.short_name) for s in DEPARTMENTS}


def _county_powers(county) -> list:
    catalog = Catalog.objects.filter(owner=county, kind=Catalog.Kind.GUIDING).first()
    version = catalog.versions.filter(status="published").first() if catalog else None
    return [e.power for e in version.entries.select_related("power")] if version else []


def plan(index: int, township, depts, powers) -> list[dict]:
    """The township's items (raw text and judgement), deterministic per township."""
    rng = random.Random(f"{SEED}-{township.code}")
    counts = {k: v[index] for k, v in data.COUNTS.items()}
    basic = [f"{way}{topic}" for topic in data.BASIC_TOPICS for way in data.BASIC_WAYS]
    matters = s002_data.matters()
    rng.shuffle(matters)
    coop = matters[: counts["cooperating"]]
    returned = matters[counts["cooperating"] : counts["cooperating"] + counts["returned"]]
    out = []
    for name in rng.sample(basic, counts["basic"]):
        topic = name[4:]
        out.append(
            dict(
                text=data.BASIC_RAW.format(topic=topic),
                name=name,
                duty_class=DutyClass.BASIC,
                answers=(True, True, True),
            )
        )
    for m in coop:
        dept, short = depts[m["dept"]]
        out.append(dict(
            text=data.COOPERATING_RAW.format(short=short, matter=m["name"]),
            name=data.COOPERATING_NAME.format(dept=dept, matter=m["name"]),
            duty_class=DutyClass.COOPERATING, answers=(True, True, False), lead_department=dept,
            basis=s002_data.BASIS[m["field"]],
        ))  # fmt: skip
    for n, m in enumerate(returned):
        dept, short = depts[m["dept"]]
        why, reason = data.RETURN_REASONS[n % 2]
        out.append(dict(
            text=data.RETURNED_RAW.format(short=short, matter=m["name"]),
            name=data.RETURNED_NAME.format(matter=m["name"]), duty_class=DutyClass.RETURNED,
            answers=(False, True, False) if why == "basis" else (True, True, False),
            return_reason=reason, receiving_department=dept,
            takeover=data.TAKEOVERS[n % 3].format(dept=dept), basis=s002_data.BASIS[m["field"]],
        ))  # fmt: skip
    for power in rng.sample(powers, counts["new"]):
        out.append(dict(
            text=data.NEW_RAW.format(power=power.name), name=power.name, duty_class=DutyClass.NEW,
            answers=(True, True, True), power=power, basis=power.legal_basis,
        ))  # fmt: skip
    rng.shuffle(out)  # raw items come in the order the township wrote them, unclassed
    return out


def _consult(version, by=None) -> None:
    """Three rounds up, three down: departments object to a few returns, the township agrees."""
    returned = list(
        version.entries.filter(duty_class=DutyClass.RETURNED).select_related(
            "receiving_department"
        )[:40]
    )
    receivers = list(
        {e.receiving_department_id: e.receiving_department for e in returned}.values()
    )[:6]
    for number in range(1, 2 * dutylists.ROUNDS_EACH_WAY + 1):
        rnd = dutyrounds.duty_round_open(
            by=by, version=version, departments=receivers if number % 2 else []
        )
        opinions = []
        if number == 1:
            for dept in receivers:
                entry = next(e for e in returned if e.receiving_department_id == dept.pk)
                opinions.append(dutyrounds.opinion_give(
                    by=by, round=rnd, entry=entry, department=dept, agrees=False,
                    proposed_class=DutyClass.COOPERATING, text=data.UP_OBJECTION,
                ))  # fmt: skip
        elif number % 2:
            opinions.append(
                dutyrounds.opinion_give(
                    by=by, round=rnd, department=receivers[0], text=data.UP_AGREEMENT
                )
            )
        else:
            opinions.append(dutyrounds.opinion_give(by=by, round=rnd, text=data.DOWN_FEEDBACK))
        dutyrounds.duty_round_close(by=by, round=rnd)
        for opinion in opinions:
            objection = not opinion.agrees
            dutyrounds.opinion_dispose(
                by=by, opinion=opinion,
                disposition=DutyOpinion.Disposition.NOT_ADOPTED if objection else DutyOpinion.Disposition.ADOPTED,
                reason=data.UP_OBJECTION_ANSWER if objection else "",
            )  # fmt: skip


@transaction.atomic
def build_township(index, township, depts, powers, *, by=None) -> DutyVersion:
    duty_list = dutylists.duty_list_for(by=by, township=township)
    published = duty_list.versions.filter(status=DutyVersion.Status.PUBLISHED).first()
    if published:
        return published
    items = plan(index, township, depts, powers)
    raw = dutylists.raw_items_add(by=by, duty_list=duty_list, texts=[i["text"] for i in items])
    dutylists.raw_items_assess(
        by=by,
        duty_list=duty_list,
        assessments=[
            Assessment(
                item=r, basis_sufficient=i["answers"][0], needed_locally=i["answers"][1],
                can_carry_out=i["answers"][2], name=i["name"], duty_class=i["duty_class"],
                basis=i.get("basis", ""), lead_department=i.get("lead_department"),
                return_reason=i.get("return_reason", ""),
                receiving_department=i.get("receiving_department"), takeover=i.get("takeover", ""),
                power=i.get("power"),
            )
            for r, i in zip(raw, items, strict=True)
        ],
    )  # fmt: skip
    draft = dutylists.duty_draft_build(by=by, duty_list=duty_list)
    _consult(draft, by=by)
    number = 40 + index
    return dutylists.duty_version_publish(
        by=by,
        version=draft,
        effective_date=EFFECTIVE,
        document_number=f"平编办发〔2025〕{number}号",
    )


def build(county, *, by=None) -> list[DutyVersion]:
    depts = _departments(county)
    powers = _county_powers(county)
    pilots = Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP, pilot=True)
    return [build_township(i, t, depts, powers, by=by) for i, t in enumerate(pilots[:5])]


def load(*, stdout) -> None:
    demo_load()
    county = Division.objects.get(code=COUNTY[0])
    build(county)
    report = duty_report(county=county, pilot_only=True)
    labels = dict(DutyClass.choices)
    for township, version, counts in report.townships:
        parts = ",".join(f"{labels[c]} {n}" for c, n in counts.items())
        stdout.write(f"{township.name}:{version.document_number} {parts}")
    stdout.write(
        f"{len(report.townships)} 个试点乡镇(街道)清单平均:"
        + ",".join(f"{labels[c]} {n:g}" for c, n in report.averages.items())
    )
