"""What a site holds, for the backup round-trip test (tests/test_backup_restore.py):
run in the site's own process (`quanze shell -c`); each function prints one JSON line."""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import connection

from quanze.catalog.models import Power
from quanze.catalog.powers.search_index import TABLE, filter_text

TERMS = ["处罚"]


def _value(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value


def _digest(rows) -> list:
    lines = sorted(repr(tuple(_value(v) for v in row)) for row in rows)
    return [len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()]


def tables() -> dict:
    """Row count and content checksum of every table. SQLite's full-text index is
    compared by what it holds (rowid and text), not by its internal pages."""
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if connection.vendor == "sqlite" and table.startswith(f"{TABLE}_"):
                continue  # FTS5's shadow tables
            columns = "rowid, *" if connection.vendor == "sqlite" and table == TABLE else "*"
            cursor.execute(f"SELECT {columns} FROM {quote(table)}")
            found[table] = _digest(cursor.fetchall())
    return found


def media() -> dict:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def search() -> list[int]:
    return sorted(filter_text(Power.objects.all(), TERMS).values_list("pk", flat=True))


def fingerprint() -> None:
    print(json.dumps({"tables": tables(), "media": media(), "search": search()}))


def seed_media() -> None:
    """Files as uploads and stored documents leave them."""
    root = Path(settings.MEDIA_ROOT)
    (root / "imports").mkdir(parents=True, exist_ok=True)
    (root / "documents" / "7").mkdir(parents=True, exist_ok=True)
    (root / "imports" / "a1b2.csv").write_text("事项编码,事项名称\nCF-1,甲\n", encoding="utf-8")
    (root / "documents" / "7" / "list.pdf").write_bytes(bytes(range(256)) * 40)
    print(json.dumps({"files": 2}))


def damage() -> None:
    """What a bad day does after the backup: the search index emptied, a power renamed,
    a file lost and another written."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    power = Power.objects.order_by("pk").first()
    Power.objects.filter(pk=power.pk).update(name=power.name + "(被改)")
    root = Path(settings.MEDIA_ROOT)
    (root / "imports" / "a1b2.csv").unlink()
    (root / "imports" / "later.csv").write_text("后来上传的", encoding="utf-8")
    print(json.dumps({"power": power.pk}))
