"""The stationed squads API (thin): the same forms, services and selectors as the pages."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import DbId, choice
from quanze.core.errors import Forbidden, valid_data
from quanze.enforcement.squads import selectors, services
from quanze.enforcement.squads.forms import (
    AnswerForm,
    AppraisalForm,
    AttendanceForm,
    ConsentForm,
    EquipmentForm,
    MemberForm,
    SquadForm,
)
from quanze.enforcement.squads.models import Equipment
from quanze.org.roles import is_department_clerk

router = Router(tags=["派驻中队"])


class SquadOut(Schema):
    id: int
    name: str
    department_id: int
    department: str
    township_id: int
    township: str
    established_on: date
    management: str
    head: str | None
    active: bool

    @staticmethod
    def resolve_department(obj):
        return obj.department.name

    @staticmethod
    def resolve_township(obj):
        return obj.township.name

    @staticmethod
    def resolve_head(obj):
        return obj.head.name if obj.head_id else None


class MemberOut(Schema):
    id: int
    officer_id: int
    officer: str
    joined_on: date
    left_on: date | None

    @staticmethod
    def resolve_officer(obj):
        return obj.officer.name


class EquipmentOut(Schema):
    id: int
    kind: str
    name: str
    quantity: int
    identifier: str


class ConsentOut(Schema):
    id: int
    squad_id: DbId
    candidate_id: int
    candidate: str
    reason: str
    state: str
    answer: str

    @staticmethod
    def resolve_candidate(obj):
        return obj.candidate.name


class SquadDetailOut(SquadOut):
    members: list[MemberOut]
    equipment: list[EquipmentOut]
    consents: list[ConsentOut]

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.select_related("officer"))

    @staticmethod
    def resolve_equipment(obj):
        return list(obj.equipment.all())

    @staticmethod
    def resolve_consents(obj):
        return list(obj.consents.select_related("candidate"))


class SquadIn(Schema):
    township_id: DbId
    established_on: date
    name: str = ""


class MemberIn(Schema):
    officer_id: DbId
    joined_on: date


class EquipmentIn(Schema):
    kind: choice(Equipment.Kind)
    name: str
    quantity: int = 1
    identifier: str = ""
    acquired_on: date | None = None


class AttendanceIn(Schema):
    officer_id: DbId
    month: str
    days_due: int
    days_present: int
    note: str = ""


class AttendanceOut(Schema):
    id: int
    officer_id: int
    month: date
    days_due: int
    days_present: int


class AppraisalIn(Schema):
    year: int
    score: Decimal
    comment: str = ""


class AppraisalOut(Schema):
    id: int
    year: int
    score: Decimal
    grade: str


class ConsentIn(Schema):
    candidate_id: DbId
    reason: str


class ConsentAnswerIn(Schema):
    agree: bool
    answer: str = ""


@router.get("/squads", response=list[SquadOut], auth=django_auth, summary="派驻中队")
def squad_list(request, q: str = "", township_id: DbId | None = None, sort: str = "township"):
    return list(selectors.squad_list(request.user, q=q, township=township_id, sort=sort)[:500])


@router.post("/squads", response={201: SquadOut}, auth=django_auth, summary="设立派驻中队")
def squad_create(request, payload: SquadIn):
    if not is_department_clerk(request.user):
        raise Forbidden(services.DEPARTMENT_ONLY)
    data = payload.dict()
    data["township"] = data.pop("township_id")
    cleaned = valid_data(SquadForm(data, user=request.user))
    return 201, services.squad_create(by=request.user, **cleaned)


@router.get("/squads/{squad_id}", response=SquadDetailOut, auth=django_auth, summary="派驻中队详情")
def squad_detail(request, squad_id: DbId):
    return selectors.access_squad(request.user, squad_id)


@router.post(
    "/squads/{squad_id}/members", response={201: MemberOut}, auth=django_auth, summary="派驻队员"
)
def member_add(request, squad_id: DbId, payload: MemberIn):
    squad = selectors.access_squad(request.user, squad_id)
    services.require_department(request.user, squad)
    data = {"officer": payload.officer_id, "joined_on": payload.joined_on}
    cleaned = valid_data(MemberForm(data, squad=squad))
    return 201, services.member_add(by=request.user, squad=squad, **cleaned)


@router.post(
    "/squads/{squad_id}/equipment",
    response={201: EquipmentOut},
    auth=django_auth,
    summary="登记中队装备",
)
def equipment_add(request, squad_id: DbId, payload: EquipmentIn):
    squad = selectors.access_squad(request.user, squad_id)
    services.require_department(request.user, squad)
    cleaned = valid_data(EquipmentForm(payload.dict()))
    return 201, services.equipment_add(by=request.user, squad=squad, **cleaned)


@router.post(
    "/squads/{squad_id}/attendance",
    response={201: AttendanceOut},
    auth=django_auth,
    summary="登记考勤(派驻乡镇)",
)
def attendance_record(request, squad_id: DbId, payload: AttendanceIn):
    squad = selectors.access_squad(request.user, squad_id)
    services.require_township(request.user, squad)
    data = payload.dict()
    data["officer"] = data.pop("officer_id")
    cleaned = valid_data(AttendanceForm(data, squad=squad))
    return 201, services.attendance_record(by=request.user, squad=squad, **cleaned)


@router.post(
    "/squads/{squad_id}/appraisal",
    response={201: AppraisalOut},
    auth=django_auth,
    summary="登记考评(派驻乡镇)",
)
def appraisal_record(request, squad_id: DbId, payload: AppraisalIn):
    squad = selectors.access_squad(request.user, squad_id)
    services.require_township(request.user, squad)
    cleaned = valid_data(AppraisalForm(payload.dict()))
    return 201, services.appraisal_record(by=request.user, squad=squad, **cleaned)


@router.post(
    "/squads/{squad_id}/consents",
    response={201: ConsentOut},
    auth=django_auth,
    summary="中队长任免征求乡镇意见",
)
def consent_request(request, squad_id: DbId, payload: ConsentIn):
    squad = selectors.access_squad(request.user, squad_id)
    services.require_department(request.user, squad)
    data = {"candidate": payload.candidate_id, "reason": payload.reason}
    cleaned = valid_data(ConsentForm(data, squad=squad))
    return 201, services.consent_request(by=request.user, squad=squad, **cleaned)


@router.post(
    "/squad-consents/{consent_id}/answer",
    response=ConsentOut,
    auth=django_auth,
    summary="乡镇答复中队长任免征求意见",
)
def consent_answer(request, consent_id: DbId, payload: ConsentAnswerIn):
    consent = selectors.access_consent(request.user, consent_id)
    services.require_township(request.user, consent.squad)
    data = {"agree": "yes" if payload.agree else "no", "answer": payload.answer}
    cleaned = valid_data(AnswerForm(data))
    return services.consent_answer(by=request.user, consent=consent, **cleaned)
