"""Writes to catalogs and their versions: validated, authorised, recorded."""

import hashlib
import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.catalogs import in_force
from quanze.catalog.catalogs.hooks import versions_published
from quanze.catalog.catalogs.layout import power_data
from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion, PowerSnapshot
from quanze.catalog.catalogs.selectors import can_publish, require_catalog_write
from quanze.core import bulk
from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import (
    change_record,
    diff_states,
    model_state,
    record_change,
    record_changes,
)
from quanze.org.models import Division
from quanze.org.roles import divisions_managed

CATALOG_FIELDS = ["name", "kind", "owner", "department", "description"]
VERSION_FIELDS = ["number", "status", "effective_date", "document_number", "note"]


@transaction.atomic
def catalog_create(
    *, by, name: str, kind: str, owner: Division, department=None, description: str = ""
) -> Catalog:
    if by is not None and not Division.objects.filter(divisions_managed(by), pk=owner.pk).exists():
        raise Forbidden("只有编办可以新建本县(市、区)的目录")
    catalog = Catalog(
        name=(name or "").strip(),
        kind=kind,
        owner=owner,
        department=department,
        description=description,
    )
    validate_model(catalog, exclude=["created_at"])
    catalog.save()
    record_change(catalog, action="create", actor=by, after=model_state(catalog, CATALOG_FIELDS))
    return catalog


@transaction.atomic
def version_draft(*, by, catalog: Catalog) -> CatalogVersion:
    """The catalog's open draft, created from the latest published version if there is none."""
    require_catalog_write(by, catalog)
    Catalog.objects.select_for_update().filter(pk=catalog.pk).first()
    draft = catalog.versions.filter(status=CatalogVersion.Status.DRAFT).first()
    if draft:
        return draft
    last = catalog.versions.order_by("-number").first()
    draft = CatalogVersion.objects.create(catalog=catalog, number=(last.number + 1) if last else 1)
    if last:
        CatalogEntry.objects.bulk_create(
            CatalogEntry(
                version=draft, power_id=e.power_id, position=e.position, set_kind=e.set_kind
            )
            for e in last.entries.all()
        )
    record_change(
        draft,
        action="create",
        actor=by,
        after=model_state(draft, VERSION_FIELDS),
        reason=f"基于第{last.number}版" if last else "",
    )
    return draft


def _require_draft(version: CatalogVersion) -> None:
    if version.status != CatalogVersion.Status.DRAFT:
        raise ValidationError(f"{version}已{version.get_status_display()},不能修改;请新建草稿版本")


@transaction.atomic
def version_set_entries(
    *, by, version: CatalogVersion, entries: list[tuple], reason: str = ""
) -> dict:
    """Replace a draft's entries with (power, set_kind) pairs in list order; returns counts."""
    require_catalog_write(by, version.catalog)
    version = CatalogVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    old = {e.power_id: e for e in version.entries.all()}
    new_ids = [p.pk for p, _ in entries]
    listed = set(new_ids)
    if len(listed) != len(new_ids):
        raise ValidationError("同一事项在清单中出现了两次")
    removed = [pid for pid in old if pid not in listed]
    CatalogEntry.objects.filter(version=version, power_id__in=removed).delete()
    to_create, to_update = [], []
    for position, (power, set_kind) in enumerate(entries, start=1):
        entry = old.get(power.pk)
        if entry is None:  # plain rows: an import adds hundreds of thousands
            to_create.append((version.pk, power.pk, position, set_kind, None))
        elif entry.position != position or entry.set_kind != set_kind:
            entry.position, entry.set_kind = position, set_kind
            to_update.append(entry)
    bulk.insert_rows(
        CatalogEntry, to_create, ["version", "power", "position", "set_kind", "snapshot"]
    )
    CatalogEntry.objects.bulk_update(to_update, ["position", "set_kind"], batch_size=2000)
    counts = {"added": len(to_create), "removed": len(removed), "reordered": len(to_update)}
    if any(counts.values()):
        record_change(
            version,
            action="update",
            actor=by,
            before={"entries": len(old)},
            after={"entries": len(entries), **counts},
            reason=reason,
        )
    return counts


@transaction.atomic
def entry_set_kind(*, by, version: CatalogVersion, power, set_kind: str) -> CatalogEntry:
    require_catalog_write(by, version.catalog)
    _require_draft(version)
    if set_kind not in CatalogEntry.SetKind.values:
        raise ValidationError({"set_kind": "盘类:只能是基本盘、自选盘或空"})
    entry = CatalogEntry.objects.select_for_update().get(version=version, power=power)
    before = entry.set_kind
    entry.set_kind = set_kind
    entry.save(update_fields=["set_kind"])
    record_change(
        version,
        action="update",
        actor=by,
        before={power.code: before},
        after={power.code: set_kind},
    )
    return entry


def snapshot_digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def freeze_snapshots(entries: list[CatalogEntry]) -> None:
    """Point each entry at a snapshot of its power's current content, reusing identical ones."""
    powers = {e.power_id: e.power for e in entries}
    datas = {pid: power_data(p) for pid, p in powers.items()}
    digests = {pid: snapshot_digest(d) for pid, d in datas.items()}
    existing = {
        (s.power_id, s.digest): s.pk
        for s in PowerSnapshot.objects.filter(power_id__in=list(powers)).only(
            "id", "power_id", "digest"
        )
    }
    missing = [
        PowerSnapshot(power_id=pid, digest=digests[pid], data=datas[pid])
        for pid in powers
        if (pid, digests[pid]) not in existing
    ]
    PowerSnapshot.objects.bulk_create(missing, batch_size=1000)
    if missing:
        existing.update(
            {
                (s.power_id, s.digest): s.pk
                for s in PowerSnapshot.objects.filter(
                    power_id__in=[m.power_id for m in missing]
                ).only("id", "power_id", "digest")
            }
        )
    for entry in entries:
        entry.snapshot_id = existing[(entry.power_id, digests[entry.power_id])]
    CatalogEntry.objects.bulk_update(entries, ["snapshot"], batch_size=2000)


@transaction.atomic
def version_publish(
    *,
    by,
    version: CatalogVersion,
    effective_date: date | None = None,
    document_number: str = "",
    note: str = "",
) -> CatalogVersion:
    """Freeze a draft: snapshot its entries, supersede the published version before it."""
    if by is not None and not can_publish(by, version.catalog):
        raise Forbidden("只有编办可以发布目录版本")
    version = (
        CatalogVersion.objects.select_for_update().select_related("catalog").get(pk=version.pk)
    )
    _require_draft(version)
    if not version.entries.exists():
        raise ValidationError("不能发布没有事项的版本")
    now = timezone.now()
    entries = list(
        version.entries.select_related("power__power_type", "power__field", "power__department")
    )
    freeze_snapshots(entries)
    records, superseded = [], []
    for old in CatalogVersion.objects.filter(
        catalog=version.catalog, status=CatalogVersion.Status.PUBLISHED
    ):
        old.status = CatalogVersion.Status.SUPERSEDED
        old.save(update_fields=["status"])
        superseded.append(old.pk)
        records.append(
            change_record(
                old,
                action="supersede",
                actor=by,
                before={"status": "published"},
                after={"status": "superseded"},
                at=now,
                reason=f"被第{version.number}版取代",
            )
        )
    before = model_state(version, VERSION_FIELDS)
    version.status = CatalogVersion.Status.PUBLISHED
    version.effective_date = effective_date or now.date()
    version.document_number = document_number.strip()
    version.note = note.strip()
    version.published_at = now
    version.published_by = by if by is not None and by.is_authenticated else None
    validate_model(version, exclude=["catalog", "published_by"])
    version.save()
    old, new = diff_states(before, model_state(version, VERSION_FIELDS))
    records.append(
        change_record(version, action="publish", actor=by, before=old, after=new, at=now)
    )
    record_changes(records)
    in_force.record(published=[version.pk], superseded=superseded)
    versions_published([version.pk])  # its .docx and PDF, in the background
    return version
