"""Case work the scenarios drive through the services: certified officers for a unit,
and a case taken from registration to closing by the simple or the general procedure.

Every step is a `cases.services.case_step` call, so the lifecycle, the two certified
officers, the time limits and the records hold as they do for a user; the dates of a
case's steps follow its time limits (a decision after the party's reply period)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from quanze.enforcement.cases import services as cases
from quanze.enforcement.cases.models import Case
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer

CERTIFICATE_VALID = (date(2024, 1, 1), date(2028, 12, 31))
ISSUER = "山东省人民政府"


def certified_officers(*, bureau, names, fields, number_prefix, township=None, department=None):
    """The unit's officers with these names, registered and certified by the county's
    justice bureau (`bureau`) when missing; returns them in the order of `names`."""
    found = []
    for n, name in enumerate(names, start=1):
        officer = Officer.objects.filter(
            name=name, township=township, department=department
        ).first()
        if officer is None:
            officer = officers.officer_create(
                by=bureau, name=name, township=township, department=department, position="执法队员"
            )
            officers.certificate_add(
                by=bureau,
                officer=officer,
                number=f"{number_prefix}{n:03d}",
                issuer=ISSUER,
                fields=fields,
                valid_from=CERTIFICATE_VALID[0],
                valid_to=CERTIFICATE_VALID[1],
            )
        found.append(officer)
    return found


def legal_reviewer(*, bureau, name, department, qualification) -> Officer:
    """The justice bureau's officer qualified for legal review (法律职业资格)."""
    officer = Officer.objects.filter(name=name, department=department).first()
    if officer is None:
        officer = officers.officer_create(
            by=bureau,
            name=name,
            department=department,
            position="法制审核人员",
            legal_qualification=qualification,
        )
    return officer


@dataclass(frozen=True)
class Party:
    kind: str
    name: str
    id_number: str
    phone: str
    address: str


@dataclass(frozen=True)
class Plan:
    """How one case goes: opened on `opened_on`; `path` is simple (当场处罚), general
    (普通程序 to closing) or dropped (不予立案); `fine` the amount (None: a warning)."""

    power: object
    opened_on: date
    path: str
    title: str
    facts: str
    place: str
    party: Party
    source: str = Case.Source.INSPECTION
    fine: Decimal | None = None
    review: bool = False  # art. 58 grounds found at the end of the investigation


def _after(case: Case, days: int) -> date:
    return case.state_since + timedelta(days=days)


def open_case(clerk, plan: Plan) -> Case:
    return cases.case_open(
        by=clerk,
        power=plan.power,
        opened_on=plan.opened_on,
        source=plan.source,
        title=plan.title,
        facts=plan.facts,
        place=plan.place,
        party_kind=plan.party.kind,
        party_name=plan.party.name,
        party_id_number=plan.party.id_number,
        party_phone=plan.party.phone,
        party_address=plan.party.address,
        procedure=Case.Procedure.SIMPLE if plan.path == "simple" else Case.Procedure.GENERAL,
    )


def run(clerk, plan: Plan, team, *, bureau=None, reviewer=None) -> Case:
    """Open the case and take it along its path to the end (closed, or dropped); the
    legal review (when `plan.review`) is recorded by the justice bureau's user `bureau`
    with its qualified reviewer `reviewer`."""
    case = open_case(clerk, plan)
    step = _stepper(clerk)
    kinds = ["fine"] if plan.fine else ["warning"]
    if plan.path == "dropped":
        return step(case, "drop", _after(case, 3), summary="经核查,违法事实不能成立,不予立案")
    if plan.path == "simple":
        case = step(
            case, "decide_on_spot", plan.opened_on, officers=team, place=plan.place,
            summary=f"当场作出{'罚款' + str(plan.fine) + '元' if plan.fine else '警告'}的行政处罚决定",
            penalty_kinds=kinds, fine_amount=plan.fine,
        )  # fmt: skip
    else:
        case = step(case, "file", _after(case, 2), summary="符合立案条件,予以立案")
        case = step(
            case, "investigate", _after(case, 1), officers=team, place=plan.place,
            summary="现场检查,制作现场检查笔录,询问当事人,拍照取证",
        )  # fmt: skip
        grounds = ["complex"] if plan.review else []
        case = step(
            case, "conclude", _after(case, 5), summary="违法事实清楚,证据确凿,建议给予行政处罚",
            review_grounds=grounds,
        )  # fmt: skip
        if plan.review:
            case = cases.case_step(
                by=bureau, case=case, action="review", on=_after(case, 3), reviewer=reviewer,
                summary="主体合法,事实清楚,证据确凿,适用依据正确,程序合法,同意处罚意见",
            )  # fmt: skip
        proposed = f"罚款{plan.fine}元" if plan.fine else "警告"
        case = step(
            case, "notify", _after(case, 1), summary=f"拟给予{proposed}的行政处罚",
            penalty_kinds=kinds, fine_amount=plan.fine,
        )  # fmt: skip
        case = step(
            case, "decide", case.reply_due + timedelta(days=1),
            summary=f"当事人在期限内未提出陈述申辩,决定给予{proposed}的行政处罚",
            penalty_kinds=kinds, fine_amount=plan.fine,
        )  # fmt: skip
        case = step(case, "serve", _after(case, 2), method="直接送达")
    if plan.fine:
        case = step(case, "pay", min(_after(case, 6), case.payment_due), paid_amount=plan.fine)
    else:
        case = step(case, "execute", _after(case, 1), summary="警告已执行")
    return step(case, "close", _after(case, 5), summary="处罚决定已执行完毕,予以结案")


def _stepper(clerk):
    def step(case, action, on, **given):
        return cases.case_step(by=clerk, case=case, action=action, on=on, **given)

    return step
