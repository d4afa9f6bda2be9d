"""The catalog API: powers, catalogs, versions. Reads go through the access choke points,
writes through the services, exactly as the web pages do."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.catalog import schemas, selectors, services
from quanze.catalog.models import CatalogEntry, Field, Power, PowerType
from quanze.core.api_safety import DbInt, Offset, choice
from quanze.core.errors import NotFound
from quanze.core.views import access_for_write
from quanze.org.models import Department
from quanze.org.selectors import access_division

router = Router(tags=["事项目录"])


class PowerQuery(Schema):
    q: str = ""
    power_type: DbInt | None = None
    field: DbInt | None = None
    department: DbInt | None = None
    version: DbInt | None = None
    set_kind: choice(CatalogEntry.SetKind) = ""
    page: Offset = 1
    page_size: int = 50


@router.get("/power-types", response=list[schemas.PowerTypeOut], summary="职权类型")
def power_type_list(request):
    return list(PowerType.objects.all())


@router.get("/fields", response=list[schemas.NamedOut], summary="领域")
def field_list(request):
    return list(Field.objects.all())


@router.get("/powers", response=schemas.PowerPage, auth=django_auth, summary="查询权力事项")
def power_list(request, query: Query[PowerQuery]):
    page_size = max(1, min(query.page_size, 200))
    filters = selectors.PowerFilter(
        **query.dict(exclude={"page", "page_size"}),
    )
    page = Paginator(selectors.power_search(request.user, filters), page_size).get_page(query.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "page_size": page_size,
        "items": list(page),
    }


@router.get("/powers/{power_id}", response=schemas.PowerDetailOut, auth=django_auth)
def power_detail(request, power_id: int):
    return selectors.power_detail(request.user, power_id)


@router.patch("/powers/{power_id}", response=schemas.PowerDetailOut, auth=django_auth)
def power_update(request, power_id: int, payload: schemas.PowerPatch):
    """修改权力事项;`updated_at` 与服务器不一致时返回 409。"""
    power = access_for_write(selectors.access_power, request.user, power_id)
    changes = payload.dict(exclude_unset=True, exclude={"updated_at", "reason"})
    _refuse_null(changes)
    lookups = {"power_type_id": PowerType, "field_id": Field, "department_id": Department}
    for key, model in lookups.items():
        if key in changes:
            value = changes.pop(key)
            changes[key.removesuffix("_id")] = _related(model, value)
    services.power_update(
        by=request.user,
        power=power,
        expected_updated_at=payload.updated_at,
        reason=payload.reason,
        **changes,
    )
    return selectors.power_detail(request.user, power_id)


def _refuse_null(changes: dict) -> None:
    """`null` only clears a field the database lets be empty (field, department)."""
    for key, value in changes.items():
        field = Power._meta.get_field(key.removesuffix("_id"))
        if value is None and not field.null:
            raise ValidationError({key: f"{field.verbose_name}:不能为 null"})


def _related(model, pk):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        label = model._meta.verbose_name
        raise ValidationError({model._meta.model_name: f"{label}:编号{pk}不存在"})
    return found


@router.get("/catalogs", response=list[schemas.CatalogOut], summary="可读的目录")
def catalog_list(request):
    return list(selectors.catalog_list(request.user))


@router.post("/catalogs", response={201: schemas.CatalogOut}, auth=django_auth)
def catalog_create(request, payload: schemas.CatalogIn):
    owner = access_division(request.user, payload.owner_id)
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id, division=owner).first()
        if department is None:
            raise NotFound("部门")
    catalog = services.catalog_create(
        by=request.user,
        name=payload.name,
        kind=payload.kind,
        owner=owner,
        department=department,
        description=payload.description,
    )
    return 201, catalog


@router.get("/catalogs/{catalog_id}", response=schemas.CatalogDetailOut)
def catalog_detail(request, catalog_id: int):
    return selectors.catalog_with_versions(request.user, catalog_id)


@router.post("/catalogs/{catalog_id}/draft", response=schemas.VersionOut, auth=django_auth)
def version_draft(request, catalog_id: int):
    """打开目录的草稿版本;没有时以最新版本为基础新建。"""
    catalog = access_for_write(selectors.access_catalog, request.user, catalog_id)
    return services.version_draft(by=request.user, catalog=catalog)


@router.get("/versions/{version_id}", response=schemas.VersionOut)
def version_detail(request, version_id: int):
    return selectors.access_version(request.user, version_id)


@router.get("/versions/{version_id}/entries", response=list[schemas.EntryOut])
def version_entries(request, version_id: int):
    return selectors.version_rows(selectors.access_version(request.user, version_id))


@router.post("/versions/{version_id}/publish", response=schemas.VersionOut, auth=django_auth)
def version_publish(request, version_id: int, payload: schemas.PublishIn):
    version = access_for_write(selectors.access_version, request.user, version_id)
    return services.version_publish(by=request.user, version=version, **payload.dict())


@router.get("/versions/{version_id}/diff/{other_id}", response=schemas.DiffOut)
def version_diff(request, version_id: int, other_id: int):
    """从版本 version_id 到版本 other_id 的新增、移除和逐字段修改。"""
    old = selectors.access_version(request.user, version_id)
    new = selectors.access_version(request.user, other_id)
    diff = selectors.version_diff(old, new)
    return {
        "added": diff.added,
        "removed": diff.removed,
        "changed": [
            {"entry": row, "changes": [{"field": k, "old": a, "new": b} for k, a, b in changes]}
            for row, changes in diff.changed
        ],
        "unchanged": diff.unchanged,
    }
