"""Shapes of the catalog and version API: what goes out and what comes in."""

from datetime import date, datetime

from ninja import Field, Schema

from quanze.catalog.catalogs.models import Catalog
from quanze.core.api_safety import choice


class VersionOut(Schema):
    id: int
    catalog_id: int
    number: int
    status: str
    effective_date: date | None
    document_number: str
    note: str
    published_at: datetime | None


class VersionCountOut(VersionOut):
    entry_count: int


class CatalogOut(Schema):
    id: int
    name: str
    kind: str
    owner_id: int
    owner: str = Field(..., alias="owner.name")
    department_id: int | None
    description: str


class CatalogDetailOut(CatalogOut):
    versions: list[VersionCountOut] = Field(..., alias="version_list")


class CatalogIn(Schema):
    name: str
    kind: choice(Catalog.Kind)
    owner_id: int
    department_id: int | None = None
    description: str = ""


class PublishIn(Schema):
    effective_date: date | None = None
    document_number: str = ""
    note: str = ""


class EntryOut(Schema):
    position: int
    set_kind: str
    code: str
    name: str
    sub_name: str = ""
    power_type: str = ""
    field: str = ""
    department: str = ""
    exercise_level: str = ""
    legal_basis: str = ""
    duties: str = ""
    duties_basis: str = ""
    accountability: str = ""
    accountability_scope: str = ""
    undertaking_unit: str = ""
    notes: str = ""
    extra: dict = {}


class FieldChangeOut(Schema):
    field: str
    old: str | int | None
    new: str | int | None


class ChangedEntryOut(Schema):
    entry: EntryOut
    changes: list[FieldChangeOut]


class DiffOut(Schema):
    added: list[EntryOut]
    removed: list[EntryOut]
    changed: list[ChangedEntryOut]
    unchanged: int
