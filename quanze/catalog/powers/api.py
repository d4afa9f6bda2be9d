"""The power register's API: types, fields, search, detail, edit. Reads go through the
access choke points, writes through the services, exactly as the web pages do."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.catalog.catalogs.models import CatalogEntry
from quanze.catalog.powers import schemas, selectors, services
from quanze.catalog.powers.models import Field, Power, PowerType
from quanze.core.api_safety import DbInt, Offset, choice
from quanze.core.views import access_for_write
from quanze.org.models import Department

router = Router()


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
    saved = services.power_update(
        by=request.user,
        power=power,
        expected_updated_at=payload.updated_at,
        reason=payload.reason,
        **changes,
    )
    detail = selectors.power_detail(request.user, power_id)
    detail.warnings = services.power_formula_warnings(saved)
    return detail


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
