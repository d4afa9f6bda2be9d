"""The organisation API: divisions and departments, read by role, written by the office."""

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import DbId, choice, pattern
from quanze.core.views import access_for_write
from quanze.org import selectors, services
from quanze.org.models import Division

router = Router(tags=["组织机构"], auth=django_auth)


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    parent_id: int | None
    economically_developed: bool
    pilot: bool
    publish_exercise_figures: bool
    contact_phone: str
    contact_address: str
    office_hours: str
    website: str


class DivisionIn(Schema):
    # 12 digits, or the 2/4/6/9 leading digits of one (the service pads them with 0)
    code: pattern(r"^\s*([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})\s*$")
    name: str
    level: choice(Division.Level)
    parent_id: DbId
    kind: choice(Division.Kind) = ""
    economically_developed: bool = False
    pilot: bool = False


class DivisionPatch(Schema):
    reason: str = ""
    name: str | None = None
    kind: choice(Division.Kind, blank=True) | None = None
    economically_developed: bool | None = None
    pilot: bool | None = None
    publish_exercise_figures: bool | None = None
    contact_phone: str | None = None
    contact_address: str | None = None
    office_hours: str | None = None
    website: str | None = None


class DepartmentOut(Schema):
    id: int
    division_id: int
    name: str
    short_name: str
    credit_code: str
    contact_phone: str
    contact_address: str
    office_hours: str
    website: str


class DepartmentIn(Schema):
    division_id: int
    name: str
    short_name: str = ""
    credit_code: str = ""


class DepartmentPatch(Schema):
    reason: str = ""
    name: str | None = None
    short_name: str | None = None
    credit_code: str | None = None
    contact_phone: str | None = None
    contact_address: str | None = None
    office_hours: str | None = None
    website: str | None = None


@router.get("/divisions", response=list[DivisionOut], summary="可见的行政区划")
def division_list(request):
    return list(selectors.divisions_visible(request.user))


@router.get("/divisions/{division_id}", response=DivisionOut)
def division_detail(request, division_id: int):
    return selectors.access_division(request.user, division_id)


@router.post("/divisions", response={201: DivisionOut}, summary="新建行政区划(编办)")
def division_create(request, payload: DivisionIn):
    parent = selectors.access_division(request.user, payload.parent_id)
    data = payload.dict(exclude={"parent_id"})
    return 201, services.division_create(by=request.user, parent=parent, **data)


@router.patch("/divisions/{division_id}", response=DivisionOut, summary="修改行政区划(编办)")
def division_update(request, division_id: int, payload: DivisionPatch):
    division = access_for_write(selectors.access_division, request.user, division_id)
    changes = payload.dict(exclude_unset=True, exclude={"reason"})
    return services.division_update(
        by=request.user, division=division, reason=payload.reason, **changes
    )


@router.get("/departments", response=list[DepartmentOut], summary="可见的部门")
def department_list(request):
    return list(selectors.departments_visible(request.user))


@router.get("/departments/{department_id}", response=DepartmentOut)
def department_detail(request, department_id: int):
    return selectors.access_department(request.user, department_id)


@router.post("/departments", response={201: DepartmentOut}, summary="新建部门(编办)")
def department_create(request, payload: DepartmentIn):
    division = selectors.access_division(request.user, payload.division_id)
    data = payload.dict(exclude={"division_id"})
    return 201, services.department_create(by=request.user, division=division, **data)


@router.patch("/departments/{department_id}", response=DepartmentOut, summary="修改部门(编办)")
def department_update(request, department_id: int, payload: DepartmentPatch):
    department = access_for_write(selectors.access_department, request.user, department_id)
    changes = payload.dict(exclude_unset=True, exclude={"reason"})
    return services.department_update(
        by=request.user, department=department, reason=payload.reason, **changes
    )
