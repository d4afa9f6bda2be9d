"""Inserting many model instances with one multi-row INSERT per batch.

Django's bulk_create compiles every value through the generic SQL compiler, which
costs more than the database work for the tens of thousands of rows an import
writes. This writes the same rows (values prepared by each field, so JSON and
datetimes are adapted as Django would) in plain SQL that both SQLite and
PostgreSQL accept. It neither sets primary keys nor sends signals; callers that
need ids read them back in one query.
"""

from django.db import connection

# SQLite allows 32,766 parameters per statement, PostgreSQL 65,535.
MAX_PARAMS = 30000


def _preparer(field):
    """Each field's own adaptation, remembered for repeated values: an import stamps every
    row with the same time and most rows with the same empty dict."""
    if field.get_internal_type() not in ("JSONField", "DateTimeField", "DateField"):
        return None
    seen = {}

    def prepare(value):
        key = ("{}",) if value == {} else value if not isinstance(value, dict | list) else None
        if key is None:
            return field.get_db_prep_save(value, connection)
        if key not in seen:
            seen[key] = field.get_db_prep_save(value, connection)
        return seen[key]

    return prepare


def insert(model, objs, fields: list[str]) -> None:
    if not objs:
        return
    meta = model._meta
    concrete = [meta.get_field(name) for name in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in concrete)
    row = "(" + ", ".join(["%s"] * len(concrete)) + ")"
    getters = [(f.attname, _preparer(f)) for f in concrete]
    batch = max(1, MAX_PARAMS // len(concrete))
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start : start + batch]
            params = []
            for obj in chunk:
                for attname, prepare in getters:
                    value = getattr(obj, attname)
                    params.append(prepare(value) if prepare else value)
            values = ", ".join([row] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)
