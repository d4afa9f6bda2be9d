"""The territorial lists' API: who is responsible (public), the matters in force, list
versions and their items. Reads go through the access choke points."""

from datetime import date

from ninja import Router, Schema

from quanze.core.errors import NotFound
from quanze.duties.rules import in_county
from quanze.duties.territorial import selectors
from quanze.duties.territorial.models import ResponsibilityList
from quanze.duties.territorial.routing import matters_for_county, responsibility_for
from quanze.org.models import Division

router = Router()


class TerritorialUnitOut(Schema):
    unit: str
    task: str


class TerritorialStepOut(Schema):
    position: int
    unit: str
    action: str
    time_limit_hours: int


class ResponsibilityOut(Schema):
    matter_id: int
    matter: str
    primary_department_id: int
    primary_department: str
    primary_duty: str
    fallback_department: str
    cooperating: list[TerritorialUnitOut]
    township_cooperates: bool
    steps: list[TerritorialStepOut]
    accept_hours: int
    handle_days: int
    basis: str
    version_id: int
    version: str
    rule: str


class MatterOut(Schema):
    id: int
    code: str
    name: str
    field: str
    synonyms: str


class TerritorialVersionOut(Schema):
    id: int
    number: int
    status: str
    effective_date: date | None
    document_number: str


def _responsibility(r) -> dict:
    return {
        "matter_id": r.matter.pk, "matter": r.matter.name,
        "primary_department_id": r.primary_department.pk,
        "primary_department": str(r.primary_department), "primary_duty": r.primary_duty,
        "fallback_department": str(r.fallback_department),
        "cooperating": [{"unit": str(u.unit), "task": u.task} for u in r.cooperating],
        "township_cooperates": r.township_cooperates,
        "steps": [vars(s) | {"unit": s.unit} for s in r.steps],
        "accept_hours": r.accept_hours, "handle_days": r.handle_days, "basis": r.basis,
        "version_id": r.version.pk, "version": str(r.version), "rule": r.rule,
    }  # fmt: skip


@router.get("/responsibility", response=ResponsibilityOut, summary="谁来负责:事项、乡镇、日期")
def responsibility(request, matter: int, township: int, on: date | None = None):
    answer = responsibility_for(matter=matter, township=selectors.township_or_404(township), on=on)
    if answer is None:
        raise NotFound("该日施行的清单中的此事项")
    return _responsibility(answer)


@router.get(
    "/counties/{county_id}/matters", response=list[MatterOut], summary="施行中的属地管理事项"
)
def matters(request, county_id: int, on: date | None = None):
    county = Division.objects.filter(pk=county_id, level=Division.Level.COUNTY).first()
    if county is None:
        raise NotFound("县(市、区)")
    rows = matters_for_county(county=county, on=on).order_by("code", "name")
    return [
        {"id": m.pk, "code": m.code, "name": m.name, "field": m.field.name if m.field_id else "", "synonyms": m.synonyms}
        for m in rows
    ]  # fmt: skip


@router.get("/lists/{list_id}/versions", response=list[TerritorialVersionOut], summary="清单版本")
def list_versions(request, list_id: int):
    found = ResponsibilityList.objects.filter(pk=list_id).first()
    if found is None:
        raise NotFound("属地清单")
    versions = found.versions.order_by("-number")
    if not in_county(request.user, found.county_id):
        versions = versions.filter(published_at__isnull=False)
    return list(versions)


@router.get("/versions/{version_id}/items", summary="清单版本的事项")
def version_items(request, version_id: int):
    version = selectors.access_version(request.user, version_id)
    return [
        {"position": i.position, **selectors.item_data(i)} for i in selectors.version_items(version)
    ]
