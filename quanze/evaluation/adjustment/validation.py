"""Turning ChangeSpecs into checked facts before anything is written: every problem of every
change is collected, each naming the change (第N项) and the field, and the project is refused
as a whole (all or nothing)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.duties.corrections.selectors import current_item
from quanze.duties.models import Matter
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.org.models import Department, Division
from quanze.org.roles import code_prefix

K = ChangeKind
NEEDS_POWER = {K.RETURN, K.ADD, K.AMEND_BASIS, K.REPORT_UPWARD, K.KEEP}
Published = CatalogVersion.Status.PUBLISHED


@dataclass
class Checked:
    """A change with its objects looked up."""

    spec: ChangeSpec
    power: Power | None = None
    townships: list[Division] = field(default_factory=list)
    unit: Department | None = None
    unit_before: Department | None = None
    matter: Matter | None = None


def township_list_holders(county: Division, power: Power) -> list[Division]:
    """The county's townships whose published delegated-items list holds `power` now."""
    ids = CatalogVersion.objects.filter(
        status=Published,
        catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
        catalog__owner__parent=county,
        entries__power=power,
    ).values_list("catalog__owner_id", flat=True)
    return list(Division.objects.filter(pk__in=set(ids)).order_by("code"))


def list_holdings(townships, powers) -> set[tuple[int, int]]:
    """The (township, power) pairs among `townships` × `powers` whose township's published
    delegated-items list holds the power now (as `township_list_holders`), in one query."""
    rows = CatalogEntry.objects.filter(
        version__status=Published,
        version__catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
        version__catalog__owner_id__in=townships,
        power_id__in=powers,
    ).values_list("version__catalog__owner_id", "power_id")
    return set(rows.iterator(chunk_size=20000))


def _reach(county: Division) -> list[int]:
    """The county and the divisions above it: whose powers and catalogs it works with."""
    reach = [county.pk, county.parent_id, getattr(county.parent, "parent_id", None)]
    return [r for r in reach if r]


def _guiding_versions(county: Division):
    """Published catalogs in force (not township lists) of the county or above."""
    return (
        CatalogVersion.objects.filter(status=Published)
        .exclude(catalog__kind=Catalog.Kind.TOWNSHIP_LIST)
        .filter(catalog__owner_id__in=_reach(county))
    )


def guiding_version(county: Division, power: Power) -> CatalogVersion | None:
    """The newest published catalog (not a township list) of the county or above that lists
    `power`: the catalog a delegation of it starts from."""
    return (
        _guiding_versions(county)
        .filter(entries__power=power)
        .order_by("-published_at", "-pk")
        .first()
    )


def catalogued(county: Division, power_ids) -> set[int]:
    """Of `power_ids`, those a guiding catalog lists (`guiding_version` is not None for
    them), in one query."""
    return set(
        _guiding_versions(county)
        .filter(entries__power_id__in=list(power_ids))
        .order_by()
        .values_list("entries__power_id", flat=True)
        .distinct()
    )


def _one(county, n: int, spec: ChangeSpec, errors: dict) -> Checked:
    label = f"第{n}项"
    checked = Checked(spec=spec)

    def refuse(name: str, text: str) -> None:
        errors.setdefault(f"changes.{n}.{name}", f"{label}{text}")

    if spec.kind not in K.__members__.values():
        refuse("kind", f"调整类型:没有“{spec.kind}”这种调整")
        return checked
    kind = K(spec.kind)
    if not (spec.reason or "").strip():
        refuse("reason", "理由:不能为空")
    if spec.power_id is not None:
        checked.power = (
            Power.objects.select_related("department", "owner").filter(pk=spec.power_id).first()
        )
        if checked.power is None or checked.power.owner_id not in _reach(county):
            checked.power = None
            refuse("power_id", f"事项:本县没有编号为{spec.power_id}的权力事项")
    elif kind in NEEDS_POWER:
        refuse("power_id", "事项:必须指定权力事项")
    prefix = code_prefix(county)
    if spec.township_id is not None:
        town = Division.objects.filter(pk=spec.township_id).first()
        if town is None or not (town.is_township and town.code.startswith(prefix)):
            refuse("township_id", "乡镇(街道):不是本县的乡镇(街道)")
        else:
            checked.townships = [town]
    power = checked.power
    if power is not None and kind == K.RETURN:
        holders = township_list_holders(county, power)
        if checked.townships:
            if checked.townships[0] not in holders:
                refuse(
                    "township_id",
                    f"乡镇(街道):「{checked.townships[0]}」的清单中没有「{power}」,无从收回",
                )
        elif not holders:
            refuse("power_id", f"事项:「{power}」不在本县任何乡镇(街道)的清单中,无从收回")
        else:
            checked.townships = holders
    if power is not None and kind in (K.ADD, K.RETURN) and guiding_version(county, power) is None:
        refuse("power_id", f"事项:「{power}」不在已发布的目录中,须先列入目录才能赋权或收回")
    if power is not None and kind == K.ADD:
        if not checked.townships:
            refuse("township_id", "乡镇(街道):新增赋权必须指定需要该事项的乡镇(街道)")
        elif checked.townships[0] in township_list_holders(county, power):
            refuse("township_id", f"乡镇(街道):「{checked.townships[0]}」的清单中已有「{power}」")
    if power is not None and kind == K.AMEND_BASIS:
        owner = power.owner
        if owner.pk != county.pk:
            refuse(
                "power_id",
                f"事项:「{power}」由{owner}管理,本级无权修改其依据,请改为上报建议",
            )
    if kind == K.TRANSFER:
        _transfer(county, spec, checked, refuse)
    if spec.effective_from is not None and not isinstance(spec.effective_from, date):
        refuse("effective_from", "生效日期:不是日期")
    return checked


def _transfer(county, spec: ChangeSpec, checked: Checked, refuse) -> None:
    if spec.matter_id is None:
        refuse("matter_id", "属地事项:调整主责单位必须指定属地管理事项")
    else:
        checked.matter = Matter.objects.filter(pk=spec.matter_id, county=county).first()
        if checked.matter is None:
            refuse("matter_id", f"属地事项:本县没有编号为{spec.matter_id}的属地管理事项")
    if spec.unit_id is None:
        refuse("unit_id", "调整后主责部门:必须指定")
    else:
        checked.unit = Department.objects.filter(pk=spec.unit_id, division=county).first()
        if checked.unit is None:
            refuse("unit_id", f"调整后主责部门:编号{spec.unit_id}不是本县部门")
    if checked.matter is not None:
        item = current_item(county=county, matter=checked.matter)
        if item is None:
            refuse("matter_id", f"属地事项:「{checked.matter}」不在现行属地管理责任清单上")
        else:
            checked.unit_before = item.primary_department
            if checked.unit is not None and checked.unit == item.primary_department:
                refuse(
                    "unit_id",
                    f"调整后主责部门:「{checked.unit}」已是「{checked.matter}」的主责部门",
                )


def check_changes(county: Division, changes: list[ChangeSpec]) -> list[Checked]:
    """Every change checked; ValidationError naming each bad change and field otherwise."""
    errors: dict[str, str] = {}
    if not changes:
        raise ValidationError({"changes": "调整事项:至少一项"})
    checked = [_one(county, n, spec, errors) for n, spec in enumerate(changes, start=1)]
    seen = {}
    for n, c in enumerate(checked, start=1):
        if c.spec.kind in (K.RETURN, K.ADD) and c.power is not None:
            for town in c.townships:
                key = (c.power.pk, town.pk)
                if key in seen:
                    errors.setdefault(
                        f"changes.{n}.power_id",
                        f"第{n}项事项:「{c.power}」在「{town}」已由第{seen[key]}项调整",
                    )
                seen[key] = n
    if errors:
        raise ValidationError(errors)
    return checked
