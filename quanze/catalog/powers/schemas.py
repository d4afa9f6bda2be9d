"""Shapes of the power register's API: what goes out and what comes in."""

from datetime import datetime

from ninja import Field, Schema


class NamedOut(Schema):
    id: int
    name: str


class PowerTypeOut(Schema):
    id: int
    code: str
    name: str


class PowerOut(Schema):
    id: int
    owner_id: int
    code: str
    name: str
    sub_name: str
    parent_id: int | None
    power_type: str = Field(..., alias="power_type.name")
    field: str | None = Field(None, alias="field.name")
    department_id: int | None
    department: str | None = Field(None, alias="department.name")
    exercise_level: str
    updated_at: str

    @staticmethod
    def resolve_updated_at(obj) -> str:
        # Full microseconds: the JSON encoder would cut them to milliseconds, and a
        # PATCH must send back exactly what it read.
        return obj.updated_at.isoformat()


class CitationOut(Schema):
    position: int
    rank: str
    act_title: str
    revision_year: int | None
    article: str
    clause: str
    item: str


class PowerDetailOut(PowerOut):
    legal_basis: str
    duties: str
    duties_basis: str
    accountability: str
    accountability_scope: str
    undertaking_unit: str
    notes: str
    extra: dict
    citations: list[CitationOut] = Field(..., alias="citation_list")
    # After a PATCH: text an export will write behind an "'" (it would run as a formula).
    warnings: list[str] = []


class PowerPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[PowerOut]


class PowerPatch(Schema):
    """Only the fields sent are changed; `updated_at` is the value the client last read."""

    updated_at: datetime
    reason: str = ""
    name: str | None = None
    sub_name: str | None = None
    power_type_id: int | None = None
    field_id: int | None = None
    department_id: int | None = None
    exercise_level: str | None = None
    legal_basis: str | None = None
    duties: str | None = None
    duties_basis: str | None = None
    accountability: str | None = None
    accountability_scope: str | None = None
    undertaking_unit: str | None = None
    notes: str | None = None
