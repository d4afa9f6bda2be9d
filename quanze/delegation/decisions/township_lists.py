"""What publishing to many township lists needs before it writes: each township's list
(created on first use) and the snapshot of each power's current content (see
`publishing.township_lists_publish`)."""

from quanze.catalog.catalogs.layout import power_data
from quanze.catalog.catalogs.services import snapshot_digest
from quanze.catalog.demo.province import township_list_name
from quanze.catalog.models import Catalog, Power, PowerSnapshot
from quanze.core.bulk import chunks
from quanze.core.history import change_record, record_changes
from quanze.org.models import Division


def current_snapshots(power_ids: list[int]) -> dict[int, int]:
    """Snapshot id of each power's current content, created where missing (shared by digest)."""
    powers = Power.objects.filter(pk__in=power_ids).select_related(
        "power_type", "field", "department"
    )
    datas = {p.pk: power_data(p) for p in powers}
    digests = {pid: snapshot_digest(data) for pid, data in datas.items()}

    def known() -> dict[tuple[int, str], int]:
        found = {}
        for chunk in chunks(list(datas)):
            found |= {
                (pid, digest): sid
                for sid, pid, digest in PowerSnapshot.objects.filter(
                    power_id__in=chunk
                ).values_list("id", "power_id", "digest")
            }
        return found

    existing = known()
    missing = [
        PowerSnapshot(power_id=pid, digest=digests[pid], data=datas[pid])
        for pid in datas
        if (pid, digests[pid]) not in existing
    ]
    if missing:
        PowerSnapshot.objects.bulk_create(missing, batch_size=1000)
        existing = known()
    return {pid: existing[(pid, digests[pid])] for pid in datas}


def township_catalogs(by, townships: list[Division], now) -> dict[int, Catalog]:
    """Each township's delegated-powers list (named by `township_list_name`), created if missing."""
    catalogs: dict[int, Catalog] = {}
    names = {t.pk: township_list_name(t.name) for t in townships}
    for chunk in chunks(list(names)):
        for catalog in Catalog.objects.filter(
            kind=Catalog.Kind.TOWNSHIP_LIST,
            owner_id__in=chunk,
            name__in=[names[pk] for pk in chunk],
        ):
            if catalog.name == names[catalog.owner_id]:
                catalogs[catalog.owner_id] = catalog
    new = [
        Catalog(name=names[t.pk], kind=Catalog.Kind.TOWNSHIP_LIST, owner=t)
        for t in townships
        if t.pk not in catalogs
    ]
    if new:
        Catalog.objects.bulk_create(new, batch_size=2000)
        made = {}
        for chunk in chunks([c.owner_id for c in new]):
            made |= {
                c.owner_id: c
                for c in Catalog.objects.filter(
                    kind=Catalog.Kind.TOWNSHIP_LIST,
                    owner_id__in=chunk,
                    name__in=[names[pk] for pk in chunk],
                )
            }
        catalogs |= made
        record_changes(
            change_record(c, action="create", actor=by, after={"name": c.name}, at=now)
            for c in made.values()
        )
    return catalogs
