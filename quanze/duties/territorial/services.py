"""Services for territorial responsibility lists: lists, drafts, items, publication."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.core.history import change_record, model_state, record_change, record_changes
from quanze.duties.eventlog import log
from quanze.duties.rules import require_office
from quanze.duties.territorial import routing
from quanze.duties.territorial.models import (
    CooperatingDepartment,
    InstructionStep,
    ResponsibilityItem,
    ResponsibilityList,
    ResponsibilityVersion,
)
from quanze.duties.territorial.rows import ItemData, clean_rows, matters_for_rows
from quanze.org.models import Division

Status = ResponsibilityVersion.Status
Scope = ResponsibilityItem.Scope
OFFICE_ONLY = "只有本县编办可以维护属地管理责任清单"  # what a write by anyone else is told


def _require_draft(version):
    if version.status != Status.DRAFT:
        raise ValidationError(f"{version}已{version.get_status_display()},不能修改;请新建草稿")


@transaction.atomic
@refuses_control_chars(name="名称")
def list_for_county(*, by, county: Division, name: str = "") -> ResponsibilityList:
    """The county's list, created on first use."""
    require_office(by, county.pk, OFFICE_ONLY)
    found = ResponsibilityList.objects.filter(county=county).first()
    if found:
        return found
    created = ResponsibilityList.objects.create(
        county=county, name=name or f"{county.name}属地管理事项责任清单"
    )
    record_change(created, action="create", actor=by, after=model_state(created))
    return created


@transaction.atomic
def version_draft(*, by, responsibility_list: ResponsibilityList) -> ResponsibilityVersion:
    """Open the one draft, copying the newest published version's items."""
    require_office(by, responsibility_list.county_id, OFFICE_ONLY)
    locked = ResponsibilityList.objects.select_for_update().get(pk=responsibility_list.pk)
    if locked.versions.filter(status=Status.DRAFT).exists():
        raise ValidationError("本清单已有一个草稿版本,请先发布或继续编辑该草稿")
    last = locked.versions.order_by("-number").first()
    draft = ResponsibilityVersion.objects.create(
        responsibility_list=locked, number=(last.number + 1) if last else 1
    )
    base = locked.versions.filter(published_at__isnull=False).order_by("-number").first()
    if base:
        _copy_items(base, draft)
    log(draft, by=by, from_state="", to_state=Status.DRAFT, reason=f"基于{base}" if base else "")
    record_change(draft, action="create", actor=by, after=model_state(draft))
    return draft


def _copy_items(source, target) -> None:
    old = list(source.items.prefetch_related("townships", "co_departments", "steps", "powers"))
    copies = ResponsibilityItem.objects.bulk_create(
        [
            ResponsibilityItem(
                version=target,
                **{
                    f.attname: getattr(i, f.attname)
                    for f in ResponsibilityItem._meta.concrete_fields
                    if f.name not in ("id", "version", "row_version")
                },
            )
            for i in old
        ]
    )
    through = ResponsibilityItem.townships.through
    through.objects.bulk_create(
        through(responsibilityitem_id=new.pk, division_id=t.pk)
        for i, new in zip(old, copies, strict=True)
        for t in i.townships.all()
    )
    linked = ResponsibilityItem.powers.through
    linked.objects.bulk_create(
        linked(responsibilityitem_id=new.pk, power_id=p.pk)
        for i, new in zip(old, copies, strict=True)
        for p in i.powers.all()
    )
    CooperatingDepartment.objects.bulk_create(
        CooperatingDepartment(item=new, department_id=c.department_id, duty=c.duty)
        for i, new in zip(old, copies, strict=True)
        for c in i.co_departments.all()
    )
    InstructionStep.objects.bulk_create(
        InstructionStep(
            item=new,
            position=s.position,
            department_id=s.department_id,
            by_township=s.by_township,
            action=s.action,
            time_limit_hours=s.time_limit_hours,
        )
        for i, new in zip(old, copies, strict=True)
        for s in i.steps.all()
    )


@transaction.atomic
@refuses_control_chars(rows="事项")
def version_set_items(*, by, version: ResponsibilityVersion, rows: list[ItemData], replace=True):
    """Write the draft's items from rows: all or nothing. `replace` drops items not given."""
    county = version.responsibility_list.county
    require_office(by, county.pk, OFFICE_ONLY)
    version = ResponsibilityVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    clean_rows(county=county, rows=rows)
    matters = matters_for_rows(county, rows)
    positions = _positions(version, [matters[r.matter_name.strip()].pk for r in rows], replace)
    items = ResponsibilityItem.objects.bulk_create(
        ResponsibilityItem(
            version=version,
            matter=matters[r.matter_name.strip()],
            position=pos,
            primary_department=r.primary_department,
            primary_duty=r.primary_duty,
            township_scope=r.township_scope,
            township_duty=r.township_duty,
            township_primary=r.township_primary,
            fallback_department=r.fallback_department,
            basis=r.basis,
            accept_hours=r.accept_hours,
            handle_days=r.handle_days,
        )
        for r, pos in zip(rows, positions, strict=True)
    )
    through = ResponsibilityItem.townships.through
    through.objects.bulk_create(
        through(responsibilityitem_id=item.pk, division_id=t.pk)
        for item, r in zip(items, rows, strict=True)
        for t in (r.townships if r.township_scope == Scope.NAMED else [])
    )
    linked = ResponsibilityItem.powers.through
    linked.objects.bulk_create(
        linked(responsibilityitem_id=item.pk, power_id=p.pk)
        for item, r in zip(items, rows, strict=True)
        for p in r.powers
    )
    CooperatingDepartment.objects.bulk_create(
        CooperatingDepartment(item=item, department=d, duty=duty)
        for item, r in zip(items, rows, strict=True)
        for d, duty in r.co_departments
    )
    InstructionStep.objects.bulk_create(
        InstructionStep(
            item=item,
            position=k,
            department=d,
            by_township=d is None,
            action=action.strip(),
            time_limit_hours=hours,
        )
        for item, r in zip(items, rows, strict=True)
        for k, (d, action, hours) in enumerate(r.steps, start=1)
    )
    record_change(
        version,
        action="set_items",
        actor=by,
        after={
            "items": len(items),
            "replace": replace,
            "matters": [r.matter_name for r in rows][:50],
        },
    )
    return items


def _positions(version, matter_ids: list[int], replace: bool) -> list[int]:
    """Replace: 1..n in the given order. Otherwise a matter keeps its place, a new one is appended."""
    if replace:
        version.items.all().delete()
        return list(range(1, len(matter_ids) + 1))
    current = dict(version.items.values_list("matter_id", "position"))
    version.items.filter(matter_id__in=matter_ids).delete()
    last = max(current.values(), default=0)
    out = []
    for matter_id in matter_ids:
        if matter_id in current:
            out.append(current[matter_id])
        else:
            last += 1
            out.append(last)
    return out


@transaction.atomic
def item_remove(*, by, item: ResponsibilityItem) -> None:
    version = item.version
    require_office(by, version.responsibility_list.county_id, OFFICE_ONLY)
    _require_draft(version)
    record_change(version, action="remove_item", actor=by, before={"matter": item.matter.name})
    item.delete()


@transaction.atomic
@refuses_control_chars(document_number="文号", note="说明")
def version_publish(
    *, by, version: ResponsibilityVersion, effective_date: date, document_number: str = "", note=""
) -> ResponsibilityVersion:
    """Freeze a draft and put it in force from `effective_date`; the previous one is superseded.

    The date may come before the current version's: on any day the list in force is the
    one published last among those whose effective date has come (`routing._version_id`),
    so a correction dated back replaces the current version from its own date, and a
    version waiting for a later date that a newer one overtakes never takes effect."""
    require_office(by, version.responsibility_list.county_id, OFFICE_ONLY)
    version = (
        ResponsibilityVersion.objects.select_for_update()
        .select_related("responsibility_list")
        .get(pk=version.pk)
    )
    _require_draft(version)
    if effective_date is None:
        raise ValidationError({"effective_date": "生效日期:发布时必须填写生效日期"})
    if not version.items.exists():
        raise ValidationError("不能发布没有事项的版本")
    now = timezone.now()
    records = []
    for old in ResponsibilityVersion.objects.filter(
        responsibility_list=version.responsibility_list, status=Status.PUBLISHED
    ):
        old.status = Status.SUPERSEDED
        old.save(update_fields=["status"])
        log(
            old,
            by=by,
            from_state=Status.PUBLISHED,
            to_state=Status.SUPERSEDED,
            reason=f"被第{version.number}版取代",
        )
        records.append(
            change_record(
                old,
                action="supersede",
                actor=by,
                before={"status": "published"},
                after={"status": "superseded"},
                at=now,
            )
        )
    before = model_state(version)
    version.status = Status.PUBLISHED
    version.effective_date = effective_date
    version.document_number = document_number.strip()
    version.note = note.strip() or version.note
    version.published_at = now
    version.published_by = by if by is not None and by.is_authenticated else None
    version.save(
        update_fields=[
            "status",
            "effective_date",
            "document_number",
            "note",
            "published_at",
            "published_by",
        ]
    )
    log(version, by=by, from_state=Status.DRAFT, to_state=Status.PUBLISHED, reason=document_number)
    records.append(
        change_record(
            version, action="publish", actor=by, before=before, after=model_state(version), at=now
        )
    )
    record_changes(records)
    routing.clear_cache()
    transaction.on_commit(routing.clear_cache)
    return version
