from ninja import Router, Schema

from quanze.org import selectors

router = Router(tags=["组织机构"])


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    parent_id: int | None
    economically_developed: bool
    pilot: bool


class DepartmentOut(Schema):
    id: int
    division_id: int
    name: str
    short_name: str
    credit_code: str


@router.get("/divisions", response=list[DivisionOut])
def division_list(request):
    return list(selectors.divisions_visible(request.user))


@router.get("/departments", response=list[DepartmentOut])
def department_list(request):
    return list(selectors.departments_visible(request.user))
