"""Scenario 000's material: the 185-item list, the office's scores and the answers.

Source 000 (巩义): 185 powers of the province's list for economically developed
towns, assessed on difficulty and necessity into four classes; 20 townships
consulted four times; a first batch of 52 items, all city-management penalties,
delegated by entrustment with 80% of fines returned.

The demo county's catalog holds 34 city-management penalties; the scenario's
list takes those, splits 18 of them into sub-items (子项, as lists do for
penalties graded by circumstance) and fills up to 185 with the demo catalog's
other items in order. Everything below is input; the figures are what the
system's reports count from it.
"""

import random
from dataclasses import dataclass

from quanze.catalog.catalogs import services as catalog_services
from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.catalog.powers import services as power_services

LIST_NAME = "平阴县赋予镇(街道)经济社会管理权限目录"
TOTAL, CITY_PENALTIES, SUB_SPLIT = 185, 52, "情节严重的"
SEED = 185
CITY, PENALTY = "城市管理", "行政处罚"
NOT_RECOMMENDED_TYPES = {"行政许可", "行政裁决", "行政征收"}
TECHNICAL_FIELDS = {"消防救援", "卫生健康", "生态环境", "人防"}
DISPUTE_FIELDS = {"自然资源", "林业草原"}
RISK_TYPES = {"行政强制"}


def build_list(*, county, guiding_version: CatalogVersion) -> CatalogVersion:
    """The scenario's 185-item list, published in the demo county (built once)."""
    existing = Catalog.objects.filter(owner=county, name=LIST_NAME).first()
    if existing:
        return existing.versions.get(status=CatalogVersion.Status.PUBLISHED)
    entries = list(
        CatalogEntry.objects.filter(version=guiding_version)
        .select_related("power__field", "power__power_type")
        .order_by("position")
    )
    city = [e.power for e in entries if _is_city_penalty(e.power)]
    others = [e.power for e in entries if not _is_city_penalty(e.power)]
    split = [_sub_item(county, power) for power in city[: CITY_PENALTIES - len(city)]]
    powers = city + split + others[: TOTAL - CITY_PENALTIES]
    catalog = catalog_services.catalog_create(
        by=None,
        name=LIST_NAME,
        kind=Catalog.Kind.GUIDING,
        owner=county,
        description="参照省赋予经济发达镇185项权限,按镇(街道)实际需求梳理的拟下放县级权限。",
    )
    draft = catalog_services.version_draft(by=None, catalog=catalog)
    catalog_services.version_set_entries(by=None, version=draft, entries=[(p, "") for p in powers])
    return catalog_services.version_publish(
        by=None, version=draft, document_number="平编办发〔2025〕8号"
    )


def _is_city_penalty(power: Power) -> bool:
    return power.field.name == CITY and power.power_type.name == PENALTY


def _sub_item(county, power: Power) -> Power:
    return power_services.power_create(
        by=None,
        owner=county,
        code=f"{power.code}-01",
        name=power.name,
        sub_name=f"{power.sub_name}({SUB_SPLIT})" if power.sub_name else SUB_SPLIT,
        parent=power,
        power_type=power.power_type,
        field=power.field,
        department=power.department,
        exercise_level=power.exercise_level,
        legal_basis=power.legal_basis,
        duties=power.duties,
        accountability=power.accountability,
        accountability_scope=power.accountability_scope,
        undertaking_unit=power.undertaking_unit,
    )


@dataclass
class Judgement:
    """The office's scores (criterion name → 0-5) and 三不放 flags for one item."""

    scores: dict[str, int]
    flags: dict[str, str]


def judge(power: Power, rng: random.Random) -> Judgement:
    field, kind = power.field.name, power.power_type.name
    if field == CITY and kind == PENALTY:
        return Judgement(
            _scores(rng, tech=(1, 2), proc=(2, 3), staff=(1, 3), freq=(4, 5), near=(4, 5)), {}
        )
    flags = {}
    if kind in NOT_RECOMMENDED_TYPES:
        flags["technical"] = f"{kind}事项审查专业性强,乡镇不具备审查条件"
    elif field in TECHNICAL_FIELDS:
        flags["technical"] = "需专门检测鉴定设备和专业执法资格"
    elif field in DISPUTE_FIELDS and kind == PENALTY:
        flags["dispute_prone"] = "涉及土地、林地权属,易引发矛盾纠纷"
    elif kind in RISK_TYPES:
        flags["risk_shifting"] = "强制措施风险高,下放易将风险转移给乡镇"
    if kind == PENALTY:
        return Judgement(
            _scores(rng, tech=(2, 4), proc=(3, 4), staff=(2, 4), freq=(3, 4), near=(3, 4)), flags
        )
    if kind in ("行政检查", "行政确认", "行政给付", "其他行政权力"):
        return Judgement(
            _scores(rng, tech=(2, 4), proc=(2, 4), staff=(2, 5), freq=(2, 4), near=(2, 4)), flags
        )
    return Judgement(
        _scores(rng, tech=(3, 5), proc=(3, 5), staff=(3, 5), freq=(1, 3), near=(1, 3)), flags
    )


CRITERIA = {
    "tech": "专业技术要求",
    "proc": "办案程序复杂程度",
    "staff": "人员装备要求",
    "freq": "基层发生频次",
    "near": "属地管理便利性",
}


def _scores(rng, **ranges) -> dict[str, int]:
    return {CRITERIA[key]: rng.randint(low, high) for key, (low, high) in ranges.items()}


def township_answer(final_class: str, township, round_number: int, rng: random.Random) -> dict:
    """A township's written feedback: city-management penalties win agreement round by round."""
    developed = township.economically_developed or township.kind == "subdistrict"
    if final_class == "batch1":
        odds = [0.55, 0.75, 0.9, 1.0][round_number - 1] + (0.1 if developed else 0)
    elif final_class == "batch2":
        odds = 0.45 + (0.15 if developed else 0)
    elif final_class == "pending":
        odds = 0.3
    else:
        odds = 0.1
    if rng.random() < odds:
        return {
            "willing": "yes",
            "reason": "",
            "capacity": "sufficient" if developed else "partial",
            "capacity_note": "已有综合执法队伍" if developed else "需县直部门业务培训",
        }
    if rng.random() < 0.6:
        return {
            "willing": "conditional",
            "reason": "需派驻执法人员并配备执法装备",
            "capacity": "partial",
            "capacity_note": "执法人员不足",
        }
    return {
        "willing": "no",
        "reason": "专业性强、案件少,承接后难以有效履职",
        "capacity": "insufficient",
        "capacity_note": "无专业执法人员",
    }


def department_answer(final_class: str) -> dict:
    if final_class in ("batch1", "batch2"):
        return {
            "can_delegate": "yes",
            "legal_basis": "《中华人民共和国行政处罚法》第二十条、第二十四条",
            "method": "委托",
            "difficulty": "执法文书和程序规范",
            "training": "派员集中培训并跟案指导",
        }
    if final_class == "pending":
        return {
            "can_delegate": "conditional",
            "legal_basis": "需进一步研究法律依据",
            "method": "委托",
            "difficulty": "专业性较强",
            "training": "视承接情况安排培训",
        }
    return {
        "can_delegate": "no",
        "legal_basis": "该事项专业性强,法律规定由县级主管部门实施",
        "method": "",
        "difficulty": "需专业资质和设备",
        "training": "",
    }
