"""Enforcement on top of the shared world (quanze.testing.world):

- an entrustment decision (平政发〔2025〕8号, 委托, effective 2025-01-01) giving 锦水街道
  (town_a) the urban department's power `urban_power`, and town_a's delegated-powers list
  holding it, published with the same effective date;
- 玫瑰镇 (town_b)'s delegated list holding `urban_private` with no decision (its own name);
- officers of town_a: 王强 and 李明 certified for 城市管理 2024-2027, 赵亮 whose
  certificate expired at the end of 2024, and 陈静 of the justice bureau with a legal
  qualification (法制审核);
- `case_a`: a case of town_a under urban_power, registered 2025-03-03.
"""

from datetime import date

from django.utils import timezone

from quanze.catalog.catalogs import services as catalog
from quanze.catalog.models import Catalog
from quanze.delegation.models import (
    Batch,
    BatchItem,
    Decision,
    DelegationProject,
    ItemAssessment,
    Mode,
)
from quanze.enforcement.cases import services as cases
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.testing import factories as f

EFFECTIVE = date(2025, 1, 1)


def publish_list(township, name, powers, *, on=EFFECTIVE, number="平编发〔2025〕9号"):
    listed = Catalog.objects.filter(owner=township, name=name).first() or catalog.catalog_create(
        by=None, name=name, kind=Catalog.Kind.TOWNSHIP_LIST, owner=township
    )
    draft = catalog.version_draft(by=None, catalog=listed)
    kept = [(e.power, e.set_kind) for e in draft.entries.select_related("power")]
    kept_ids = {p.pk for p, _ in kept}
    entries = kept + [(p, "") for p in powers if p.pk not in kept_ids]
    catalog.version_set_entries(by=None, version=draft, entries=entries)
    return catalog.version_publish(
        by=None, version=draft, effective_date=on, document_number=number
    )


def decide(w, *, townships, power, mode=Mode.ENTRUSTMENT, on=EFFECTIVE, number="平政发〔2025〕8号"):
    cast = w.cast
    project = DelegationProject.objects.create(
        county=cast.county,
        name=f"赋权{number}",
        catalog_version=w.published,
        owner=cast.office,
        started_on=date(2024, 10, 1),
    )
    entry = w.published.entries.filter(power=power).first() or w.published.entries.first()
    item = ItemAssessment.objects.create(project=project, entry=entry, power=power, position=1)
    batch = Batch.objects.create(
        project=project,
        number=1,
        title="城市管理",
        mode=mode,
        status=Batch.Status.APPROVED,
        created_by=cast.office,
    )
    batch_item = BatchItem.objects.create(batch=batch, item=item, position=1)
    decision = Decision.objects.create(
        batch=batch,
        meeting_date=on,
        document_number=number,
        mode=mode,
        effective_date=on,
        fine_return_share=80,
        status=Decision.Status.PUBLISHED,
        recorded_by=cast.office,
        published_at=timezone.now(),
    )
    decision.items.add(batch_item)
    decision.townships.add(*townships)
    return decision


def officer(
    cast,
    name,
    *,
    township=None,
    department=None,
    number="",
    fields=("城市管理",),
    valid=(date(2024, 1, 1), date(2027, 12, 31)),
    legal="",
):
    person = Officer.objects.create(
        name=name,
        county=cast.county,
        township=township,
        department=department,
        legal_qualification=legal,
    )
    if number:
        cert = Certificate.objects.create(
            officer=person,
            number=number,
            issuer="山东省人民政府",
            valid_from=valid[0],
            valid_to=valid[1],
        )
        cert.fields.set([f.field(n) for n in fields])
    return person


def extend(w):
    cast = w.cast
    w.decision = decide(w, townships=[cast.town_a], power=w.urban_power)
    w.town_a_list = publish_list(cast.town_a, "锦水街道赋权事项清单", [w.urban_power])
    w.town_b_list = publish_list(cast.town_b, "玫瑰镇赋权事项清单", [w.urban_private])
    w.wang = officer(cast, "王强", township=cast.town_a, number="37012400001")
    w.li = officer(cast, "李明", township=cast.town_a, number="37012400002")
    w.zhao = officer(
        cast,
        "赵亮",
        township=cast.town_a,
        number="37012400003",
        valid=(date(2022, 1, 1), date(2024, 12, 31)),
    )
    w.chen = officer(
        cast, "陈静", department=cast.urban, number="37012400009", legal="A20193701000123"
    )
    w.case_a = cases.case_open(
        by=cast.town_a_clerk,
        power=w.urban_power,
        opened_on=date(2025, 3, 3),
        source="inspection",
        title="违法搭建彩钢棚",
        party_kind="individual",
        party_name="张三",
        party_id_number="370124199001011234",
        party_phone="13812345678",
        place="锦水街道人民路12号",
    )
    return w


def fined(ew, case, *, summary: str = "罚款100元"):
    """Take `case` (town A's squad) from intake to a decided fine of 100 yuan, step by step
    through the case services, in March 2025."""
    steps = [
        ("file", date(2025, 3, 4), {}),
        ("investigate", date(2025, 3, 5), {"officers": [ew.wang, ew.li], "summary": "检查"}),
        ("conclude", date(2025, 3, 6), {"summary": "终结"}),
        (
            "notify",
            date(2025, 3, 7),
            {"penalty_kinds": ["fine"], "fine_amount": "100", "summary": "拟罚"},
        ),
        (
            "decide",
            date(2025, 3, 17),
            {
                "outcome": "penalty",
                "penalty_kinds": ["fine"],
                "fine_amount": "100",
                "summary": summary,
            },
        ),
    ]
    for action, on, more in steps:
        case = cases.case_step(by=ew.cast.town_a_clerk, case=case, action=action, on=on, **more)
    return case
