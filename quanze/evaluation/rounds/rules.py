"""The rules that turn an item's facts into proposals (pure: no database access).

Per item, in order (the first that fires decides the item-wide result):
1. its exercise rate over the period is at or below `return_rate` → return it to the county
   (收回县级, 乡镇不能承担); an item the county did not set (a provincial or city item)
   cannot be changed here → report upward (上报建议, 004);
2. the share of its townships that asked to return it reaches `return_share` → the same;
3. otherwise each township that asked to return it and never exercised it → return for
   that township;
4. the satisfaction rate of the events of its matters is below `satisfaction_min` with at
   least `rated_min` rated → transfer the primary unit of its worst matter (调整主责单位,
   效率低下、群众不满意) to the item's department, when that is a change the adjustment can
   make: the item has a department, the matter is on the territorial list in force and its
   primary unit there is another department; otherwise no transfer, and why is added to
   the facts of the item's other proposals;
5. nothing fired → keep (保留).
A return (or a report upward) is only ever of a township whose published list holds the
item now (`ItemFacts.holding`; held in the period is not enough: a list replaced since may
have dropped it): rule 1 or 2 for an item no township of the round still holds, or rule 3
for a township that dropped it, proposes nothing and its facts say why (opening refuses
returning an item from a list without it, 无从收回); such an item with no other proposal
is kept (现行清单中已无该事项,无需收回). Returning a county item also needs a published
catalog in force that lists it (`ItemFacts.in_catalog`), as adding does: without one rule 1,
2 or 3 proposes nothing and says so, and the item is kept (目录中已无该事项,暂不能收回).
A round over some of the county's townships (`partial`) judges an item on those only, so
rule 1 or 2 returns it from each of them that holds it now, one proposal per township,
not from the whole county (an item-wide return takes it from every township holding it).
Items requested by at least `add_min` townships that do not hold them → add (新增赋权) for
each of those townships, when the item is in a published catalog in force (of the county
or above) and the township's published list does not hold it already; a request not
proposed is returned with its reason.
The conditions are those `adjustment/validation.py` checks when a project opens, so the
rules do not propose what opening would refuse.
Every proposal carries its facts as a sentence a person reads ("行权率 0%(12个月,…)").
"""

from dataclasses import dataclass, field, replace

from quanze.dispatch.measures.selectors import percent
from quanze.evaluation.adjustment.specs import ChangeKind


@dataclass(frozen=True)
class Matter:
    id: int
    name: str
    rated: int
    satisfied: int
    primary_id: int | None  # its primary department on the list in force; None: not on it


@dataclass(frozen=True)
class ItemFacts:
    power_id: int
    name: str
    county_owned: bool
    department_id: int | None
    held: int  # townships holding it in the period
    exercised: int  # of them, townships that exercised it
    # of them, those whose published list holds it now (a return is only of those:
    # adjustment/validation.py refuses returning an item from a list without it)
    holding: frozenset[int]
    # a published catalog in force (of the county or above) lists it: returning a county
    # item needs one, as adding does (adjustment/validation.py)
    in_catalog: bool = True
    cases: int = 0
    rated: int = 0
    satisfied: int = 0
    worst_matter: Matter | None = None
    asked_return: tuple[tuple[int, str, bool], ...] = ()  # (township id, name, exercised)
    declined: int = 0
    opinion: str = ""  # the department's suggestion label, if any


@dataclass(frozen=True)
class AddRequest:
    power_id: int
    name: str
    department_id: int | None
    townships: tuple[tuple[int, str], ...]
    in_catalog: bool  # a published catalog in force (of the county or above) lists it
    holding: frozenset[int] = frozenset()  # townships whose published list holds it now


@dataclass(frozen=True)
class Draft:
    kind: ChangeKind
    power_id: int
    reason: str
    facts: str
    township_id: int | None = None
    unit_id: int | None = None
    matter_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False)


def _pct(value: float | None) -> str:
    return "无数据" if value is None else f"{value:g}%"


def item_facts_text(item: ItemFacts, *, months: int) -> str:
    """The facts of an item, as one line a person reads."""
    parts = [
        f"行权率 {_pct(percent(item.exercised, item.held))}"
        f"({months}个月,{item.held}个乡镇承接、{item.exercised}个行权)",
        f"案件 {item.cases} 件",
    ]
    if item.rated:
        parts.append(f"满意率 {_pct(percent(item.satisfied, item.rated))}(评价 {item.rated} 次)")
    if item.asked_return:
        parts.append(f"{item.held}个乡镇中{len(item.asked_return)}个申请退回")
    if item.declined:
        parts.append(f"认领时{item.declined}个乡镇不认领")
    if item.opinion:
        parts.append(f"部门意见:{item.opinion}")
    return ";".join(parts)


def _return_kind(item: ItemFacts) -> ChangeKind:
    return ChangeKind.RETURN if item.county_owned else ChangeKind.REPORT_UPWARD


def item_proposals(
    item: ItemFacts, thresholds: dict, *, months: int, partial: bool = False
) -> list[Draft]:
    """The proposals for one held item (see the module docstring); never empty. A return
    is only ever of a township whose published list holds the item now (`holding`): an
    item every township of the round has since dropped is not returned, nor is it for a
    township that dropped it, and the facts say so."""
    facts = item_facts_text(item, months=months)
    notes = []
    whole = None
    rate = percent(item.exercised, item.held)
    asked = percent(len(item.asked_return), item.held)
    if rate is not None and rate <= thresholds["return_rate"]:
        whole = "乡镇不能承担:评估期内行权率低"
    elif asked is not None and asked >= thresholds["return_share"]:
        whole = "乡镇不能承担:多数承接乡镇申请退回"
    # a county item no published catalog lists any more cannot be returned until it is
    # listed again (opening refuses it): said, not proposed
    uncatalogued = item.county_owned and not item.in_catalog
    held_back = False  # a return the rules would propose but the catalog does not allow
    if whole is not None and item.holding and uncatalogued:
        held_back = True
        notes.append(f"{whole},但该事项已不在已发布的目录中,须先列入目录才能收回,未提出收回")
    elif whole is not None and item.holding:
        if not item.county_owned:
            whole += ",本级无权调整,上报建议"
        elif partial:
            return [
                Draft(
                    ChangeKind.RETURN,
                    item.power_id,
                    f"{whole}(评估范围内乡镇)",
                    facts,
                    township_id=t,
                )
                for t in sorted(item.holding)
            ]
        return [Draft(_return_kind(item), item.power_id, whole, facts)]
    elif whole is not None:
        notes.append(f"{whole},但评估范围内乡镇的现行清单中已无该事项,未提出收回")
    drafts = []
    for township_id, name, exercised in item.asked_return:
        if exercised:
            continue
        if township_id not in item.holding:
            notes.append(f"{name}申请退回,但其现行清单中已无该事项,未提出收回")
            continue
        if uncatalogued:
            held_back = True
            notes.append(f"{name}申请退回,但该事项已不在已发布的目录中,未提出收回")
            continue
        drafts.append(
            Draft(
                _return_kind(item),
                item.power_id,
                f"乡镇不能承担:{name}申请退回且评估期内未行权",
                facts,
                township_id=township_id,
            )
        )
    satisfaction = percent(item.satisfied, item.rated)
    matter = item.worst_matter
    if (
        matter is not None
        and item.rated >= thresholds["rated_min"]
        and satisfaction is not None
        and satisfaction < thresholds["satisfaction_min"]
    ):
        matter_rate = _pct(percent(matter.satisfied, matter.rated))
        worst = f"满意率最低的属地事项“{matter.name}”满意率 {matter_rate}(评价 {matter.rated} 次)"
        refusal = transfer_refusal(item, matter)
        if refusal is None:
            drafts.append(
                Draft(
                    ChangeKind.TRANSFER,
                    item.power_id,
                    "效率低下、群众不满意:调整主责单位",
                    f"{facts};{worst}",
                    unit_id=item.department_id,
                    matter_id=matter.id,
                )
            )
        else:
            notes.append(f"{worst},未提出调整主责单位:{refusal}")
    if not drafts:
        if not item.holding:
            keep = "现行清单中已无该事项,无需收回"
        elif held_back:
            keep = "目录中已无该事项,暂不能收回,保留"
        else:
            keep = "运行正常,保留"
        drafts = [Draft(ChangeKind.KEEP, item.power_id, keep, facts)]
    if not notes:
        return drafts
    tail = "".join(f";{note}" for note in notes)
    return [replace(d, facts=d.facts + tail) for d in drafts]


def transfer_refusal(item: ItemFacts, matter: Matter) -> str | None:
    """Why the primary unit of `matter` cannot be transferred to the item's department
    (None: it can), as opening an adjustment project would refuse it."""
    if item.department_id is None:
        return "该事项没有实施部门,无从确定调整后的主责部门"
    if matter.primary_id is None:
        return f"“{matter.name}”不在现行属地管理责任清单上"
    if matter.primary_id == item.department_id:
        return f"该事项的实施部门已是“{matter.name}”的主责部门"
    return None


def add_proposals(request: AddRequest, thresholds: dict) -> tuple[list[Draft], list[str]]:
    """Add the item for each township that requested it, once enough townships did: the
    proposals, and a line for each request not proposed with its reason (an item in no
    published catalog in force; a township whose published list holds it already)."""
    if len(request.townships) < thresholds["add_min"]:
        return [], []
    names = "、".join(name for _id, name in request.townships)
    if not request.in_catalog:
        return [], [
            f"未提出新增赋权:{request.name}({names}申请)不在已发布的现行目录中,须先列入目录才能赋权"
        ]
    facts = f"{len(request.townships)}个乡镇申请新增该事项({names})"
    drafts = [
        Draft(
            ChangeKind.ADD,
            request.power_id,
            "清单中没有但基层需要:新增赋权",
            facts,
            township_id=township_id,
        )
        for township_id, _name in request.townships
        if township_id not in request.holding
    ]
    skipped = [
        f"未提出新增赋权:{request.name}({name}申请)已在{name}已发布的清单中"
        for township_id, name in request.townships
        if township_id in request.holding
    ]
    return drafts, skipped
