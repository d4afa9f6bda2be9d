"""The case API: the queue, opening a case, its steps and evidence, through the same forms
and services as the pages."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from ninja import Body, Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import BASE64, Offset, choice, decode_base64, pattern
from quanze.core.errors import Forbidden, NotFound, form_errors
from quanze.dispatch.events.selectors import access_event
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases import selectors, services
from quanze.enforcement.cases.forms import CaseOpenForm, EvidenceForm, StepForm
from quanze.enforcement.cases.links import can_open_from
from quanze.enforcement.cases.models import Case, Evidence
from quanze.org.roles import is_department_clerk, is_township_clerk

router = Router(tags=["综合行政执法"])
BODY = Body(...)


class CaseIn(Schema):
    power_id: int
    opened_on: date
    source: choice(Case.Source)
    source_detail: str = ""
    event_id: int | None = None
    procedure: choice(Case.Procedure) = m.GENERAL
    title: str
    facts: str = ""
    place: str = ""
    party_kind: choice(Case.PartyKind)
    party_name: str
    party_id_number: str = ""
    party_phone: str = ""
    party_address: str = ""


class CaseOut(Schema):
    id: int
    number: str
    state: str
    state_label: str
    procedure: str
    mode: str
    acting_name: str
    township_id: int | None
    department_id: int | None
    power_id: int
    basis: dict
    source: str
    event_id: int | None
    opened_on: date
    title: str
    party_name: str
    due_on: date | None
    due_label: str
    due_basis: str
    due_estimated: bool
    outcome: str
    penalty_kinds: list
    fine_amount: float | None
    row_version: int
    allowed_steps: list[str]

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()

    @staticmethod
    def resolve_allowed_steps(obj):
        return m.allowed(obj.state, obj.facts_for_machine())


class CasePage(Schema):
    count: int
    page: int
    items: list[CaseOut]


class StepOut(Schema):
    action: str
    action_label: str
    from_state: str
    to_state: str
    at: datetime
    on: date
    actor: str | None
    summary: str
    officers: list[str]
    data: dict

    @staticmethod
    def resolve_actor(obj):
        return str(obj.actor) if obj.actor_id else None

    @staticmethod
    def resolve_officers(obj):
        return [o.name for o in obj.officers.all()]


class EvidenceIn(Schema):
    kind: choice(Evidence.Kind)
    description: str
    collected_by_id: int
    collected_at: datetime
    place: str
    file_name: str = ""
    content_base64: pattern(BASE64) = ""


class EvidenceOut(Schema):
    id: int
    kind: str
    description: str
    collected_at: datetime
    place: str
    file_name: str
    size: int
    sha256: str


@router.get("/cases", response=CasePage, auth=django_auth, summary="执法案件工作队列")
def case_list(
    request,
    queue: choice(selectors.QUEUES) = "open",
    state: choice(m.STATES, blank=True) = "",
    source: choice(Case.Source, blank=True) = "",
    q: str = "",
    sort: choice(selectors.SORTS) = "due",
    page: Offset = 1,
):
    if queue not in selectors.QUEUES:
        raise ValidationError({"queue": f"队列:应为 {'、'.join(selectors.QUEUES)} 之一"})
    rows = selectors.case_queue(
        request.user, queue=queue, state=state, source=source, q=q, sort=sort
    )
    found = Paginator(rows, 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.post("/cases", response={201: CaseOut}, auth=django_auth, summary="登记执法案件(案源登记)")
def case_open(request, payload: CaseIn):
    """执法事项须在办案乡镇当日施行的乡镇权责清单上(或为本部门本级职权);否则 422,并写明核对的清单和日期。"""
    if not (is_township_clerk(request.user) or is_department_clerk(request.user)):
        raise Forbidden("只有乡镇(街道)综合执法队伍或县直部门可以办理执法案件")
    data = payload.dict()
    event_id = data.pop("event_id")
    event = None
    if event_id is not None:
        event = access_event(request.user, event_id)
        if not can_open_from(request.user, event):
            raise NotFound("事件")
    data["power"] = data.pop("power_id")
    form = CaseOpenForm({k: v for k, v in data.items() if v is not None}, user=request.user)
    if not form.is_valid():
        raise form_errors(form)
    clean = dict(form.cleaned_data)
    clean.pop("event", None)
    return 201, services.case_open(by=request.user, event=event, **clean)


@router.get("/cases/{case_id}", response=CaseOut, auth=django_auth, summary="执法案件详情")
def case_detail(request, case_id: int):
    return selectors.access_case(request.user, case_id)


@router.get(
    "/cases/{case_id}/steps",
    response=list[StepOut],
    auth=django_auth,
    summary="办案记录(全过程记录)",
)
def case_steps(request, case_id: int):
    return list(selectors.case_steps(selectors.access_case(request.user, case_id)))


@router.post(
    "/cases/{case_id}/steps/{action}",
    response=CaseOut,
    auth=django_auth,
    summary="办理步骤(立案、调查取证、法制审核、告知、听证、决定、送达、缴款、结案、归档、备注……)",
)
def case_step(request, case_id: int, action: choice(m.ACTIONS), payload: dict = BODY):
    """请求体为该步骤的字段:`on`(办理日期)、`officers`(执法人员 id 列表)、`summary`、`place`,
    以及步骤自身的字段(见 docs/enforcement.md);可带 `row_version`(不一致时返回 409)。"""
    case = selectors.access_case(request.user, case_id)
    if action not in m.ACTIONS:
        raise ValidationError({"action": f"步骤:没有这个步骤 {action}"})
    form = StepForm(payload, action=action, case=case)
    if not form.is_valid():
        raise form_errors(form)
    data = dict(form.cleaned_data)
    return services.case_step(
        by=request.user,
        case=case,
        action=action,
        row_version=payload.get("row_version"),
        on=data.pop("on"),
        officers=data.pop("officers", ()),
        summary=data.pop("summary", ""),
        place=data.pop("place", ""),
        **data,
    )


@router.post(
    "/cases/{case_id}/evidence", response={201: EvidenceOut}, auth=django_auth, summary="登记证据"
)
def evidence_add(request, case_id: int, payload: EvidenceIn):
    """文件以 Base64 上传;视听资料与其他文件各有大小上限,超出时 422 并写明字段。"""
    case = selectors.access_case(request.user, case_id)
    files = {}
    if payload.content_base64:
        content = decode_base64(payload.content_base64, field="file", label="文件")
        files["file"] = SimpleUploadedFile(payload.file_name or "evidence.bin", content)
    data = payload.dict()
    data["collected_by"] = data.pop("collected_by_id")
    form = EvidenceForm(data, files, case=case)
    if not form.is_valid():
        raise form_errors(form)
    return 201, services.evidence_add(by=request.user, case=case, **form.cleaned_data)
