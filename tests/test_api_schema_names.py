"""Every schema of the API has a name of its own in the OpenAPI document.

django-ninja files each operation's models under `components/schemas/<class name>` and a
later model of the same name overwrites an earlier one, so two classes both called
`VersionOut` with different fields leave one operation documented with the other's body:
clients generated from the document break, and schemathesis fails on whichever operation
lost (it did, on PostgreSQL, for GET /api/catalog/versions/{id})."""

import json

import pytest
from ninja.openapi.schema import OpenAPISchema

from quanze.api import api


def test_no_two_api_schemas_share_a_name(monkeypatch):
    clashes: dict[str, set[str]] = {}
    add = OpenAPISchema.add_schema_definitions

    def add_checked(self, definitions):
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                clashes.setdefault(name, set()).update(
                    json.dumps(d, sort_keys=True)[:80] for d in (self.schemas[name], definition)
                )
        add(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", add_checked)
    api.get_openapi_schema()
    if clashes:
        pytest.fail(
            f"{len(clashes)} schema names stand for different models: {', '.join(sorted(clashes))}"
        )
