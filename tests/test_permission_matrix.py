"""Every page and API endpoint × every role, own unit and other unit.

The route list is read from the URLconf and the OpenAPI schema, so a new route
without a row fails `test_every_route_has_a_row`. Apps other than org and catalog
contribute their rows from a module `quanze/<app>/tests/matrix.py` defining
`PAGES` and `API` (same row shape as below) and optionally `extend_world(w)`,
which adds the objects their rows need to the shared world.

Columns: anonymous, establishment office, justice reviewer, clerk of 城管局 (urban),
clerk of 自然资源局 (land), clerk of 锦水街道 (town_a), clerk of 玫瑰镇 (town_b), and the
office of another county (outsider). LOGIN means a redirect to the login page.
"""

import importlib
import importlib.util
import json

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLResolver, get_resolver

from quanze.api import api
from quanze.catalog.models import ImportJob, Power
from quanze.testing.world import build_cast, build_world

ROLES = ["anon", "office", "reviewer", "urban", "land", "town_a", "town_b", "outsider"]
CAST_NAMES = {
    "office": "office",
    "reviewer": "reviewer",
    "urban": "dept_clerk",
    "land": "other_dept_clerk",
    "town_a": "town_a_clerk",
    "town_b": "town_b_clerk",
    "outsider": "outsider",
}
L = "LOGIN"
ALL = (200,) * 8
COUNTY = (200, 200, 200, 200, 200, 200, 200, 404)  # the public and the county, not outsiders
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
OFFICE_ONLY_FORM = (L, 200, 403, 403, 403, 403, 403, 200)  # the outsider is an office too
OFFICE_EDITS_COUNTY = (L, 200, 403, 403, 403, 403, 403, 404)


def _power_form(w, power):
    power = Power.objects.get(pk=power.pk)
    return {
        "name": power.name,
        "power_type": power.power_type_id,
        "field": power.field_id or "",
        "department": power.department_id or "",
        "legal_basis": power.legal_basis,
        "notes": "矩阵测试",
        "updated_at": power.updated_at.isoformat(),
    }


def _csv(name="清单.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "事项编码,事项名称,职权类型,实施部门\n330217D09,对乱倒建筑垃圾的处罚,行政处罚,平阴县城市管理局\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


NEW_TOWN = {"code": "370124102", "name": "安城镇", "level": "township", "kind": "town"}

# (route, method, url(w), data(w) or None, expected statuses in ROLES order)
# fmt: off
PAGES = [
    ("home", "get", lambda w: "/", None, ALL),
    ("login", "get", lambda w: "/login/", None, ALL),
    ("logout", "post", lambda w: "/logout/", None, (302,) * 8),
    ("history", "get", lambda w: f"/history/power/{w.urban_power.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("history", "get", lambda w: f"/history/power/{w.land_private.pk}/", None, (L, 200, 200, 404, 200, 404, 404, 404)),
    ("history", "get", lambda w: f"/history/catalog/{w.urban_catalog.pk}/", None, (L, 200, 200, 200, 404, 404, 404, 404)),
    ("history", "get", lambda w: f"/history/version/{w.draft.pk}/", None, (L, 200, 200, 404, 404, 404, 404, 404)),
    ("history", "get", lambda w: f"/history/division/{w.cast.town_a.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("history", "get", lambda w: f"/history/department/{w.cast.urban.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("org:division_list", "get", lambda w: "/org/divisions/", None, SIGNED_IN),
    ("org:division_create", "get", lambda w: "/org/divisions/new/", None, OFFICE_ONLY_FORM),
    ("org:division_create", "post", lambda w: "/org/divisions/new/", lambda w: {**NEW_TOWN, "parent": w.cast.county.pk}, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("org:division_edit", "get", lambda w: f"/org/divisions/{w.cast.town_a.pk}/edit/", None, OFFICE_EDITS_COUNTY),
    ("org:division_edit", "post", lambda w: f"/org/divisions/{w.cast.town_a.pk}/edit/", lambda w: {"name": "锦水街道", "kind": "subdistrict", "pilot": "on"}, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("org:division_edit", "get", lambda w: f"/org/divisions/{w.cast.other_county.pk}/edit/", None, (L, 404, 404, 404, 404, 404, 404, 200)),
    ("org:department_list", "get", lambda w: "/org/departments/", None, SIGNED_IN),
    ("org:department_create", "get", lambda w: "/org/departments/new/", None, OFFICE_ONLY_FORM),
    ("org:department_create", "post", lambda w: "/org/departments/new/", lambda w: {"division": w.cast.county.pk, "name": "平阴县水务局"}, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("org:department_edit", "get", lambda w: f"/org/departments/{w.cast.urban.pk}/edit/", None, OFFICE_EDITS_COUNTY),
    ("org:department_edit", "post", lambda w: f"/org/departments/{w.cast.urban.pk}/edit/", lambda w: {"name": "平阴县城市管理局", "short_name": "城管局"}, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("org:department_edit", "post", lambda w: f"/org/departments/{w.cast.urban.pk}/edit/", lambda w: {"name": "平阴县城市管理局", "contact_phone": "0531-87881111", "office_hours": "工作日 9:00-17:00", "website": "https://cg.example.cn"}, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("org:division_edit", "post", lambda w: f"/org/divisions/{w.cast.county.pk}/edit/", lambda w: {"name": "平阴县", "publish_exercise_figures": "on", "contact_address": "平阴县锦水大街1号"}, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("org:department_edit", "get", lambda w: f"/org/departments/{w.cast.other_dept.pk}/edit/", None, (L, 404, 404, 404, 404, 404, 404, 200)),
    ("catalog:catalog_list", "get", lambda w: "/catalog/", None, ALL),
    ("catalog:catalog_create", "get", lambda w: "/catalog/new/", None, OFFICE_ONLY_FORM),
    ("catalog:catalog_create", "post", lambda w: "/catalog/new/", lambda w: {"name": "新目录", "kind": "guiding", "owner": w.cast.county.pk}, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("catalog:catalog_detail", "get", lambda w: f"/catalog/{w.county_catalog.pk}/", None, COUNTY),
    ("catalog:catalog_detail", "get", lambda w: f"/catalog/{w.urban_catalog.pk}/", None, (404, 200, 200, 200, 404, 404, 404, 404)),
    ("catalog:catalog_detail", "get", lambda w: f"/catalog/{w.town_a_catalog.pk}/", None, (404, 200, 200, 404, 404, 200, 404, 404)),
    ("catalog:catalog_detail", "get", lambda w: f"/catalog/{w.foreign_catalog.pk}/", None, (200, 404, 404, 404, 404, 404, 404, 200)),
    ("catalog:version_draft", "post", lambda w: f"/catalog/{w.county_catalog.pk}/draft/", None, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("catalog:version_draft", "post", lambda w: f"/catalog/{w.urban_catalog.pk}/draft/", None, (L, 302, 403, 302, 404, 404, 404, 404)),
    ("catalog:version_draft", "post", lambda w: f"/catalog/{w.town_a_catalog.pk}/draft/", None, (L, 302, 403, 404, 404, 302, 404, 404)),
    ("catalog:version_diff", "get", lambda w: f"/catalog/{w.county_catalog.pk}/diff/?old={w.published.pk}&new={w.published.pk}", None, COUNTY),
    ("catalog:version_diff", "get", lambda w: f"/catalog/{w.county_catalog.pk}/diff/?old={w.published.pk}&new={w.draft.pk}", None, (404, 200, 200, 404, 404, 404, 404, 404)),
    ("catalog:import_start", "get", lambda w: f"/catalog/{w.urban_catalog.pk}/import/", None, (L, 200, 403, 200, 404, 404, 404, 404)),
    ("catalog:import_start", "get", lambda w: f"/catalog/{w.county_catalog.pk}/import/", None, (L, 200, 403, 403, 403, 403, 403, 404)),
    ("catalog:import_start", "post", lambda w: f"/catalog/{w.urban_catalog.pk}/import/", lambda w: {"file": _csv()}, (L, 302, 403, 302, 404, 404, 404, 404)),
    ("catalog:import_detail", "get", lambda w: f"/catalog/imports/{w.job.pk}/", None, (L, 200, 404, 200, 404, 404, 404, 404)),
    ("catalog:import_progress", "get", lambda w: f"/catalog/imports/{w.job.pk}/progress/", None, (L, 200, 404, 200, 404, 404, 404, 404)),
    ("catalog:import_confirm", "post", lambda w: f"/catalog/imports/{w.job.pk}/confirm/", None, (L, 302, 404, 302, 404, 404, 404, 404)),
    ("catalog:import_recheck", "post", lambda w: f"/catalog/imports/{w.job.pk}/recheck/", None, (L, 302, 404, 403, 404, 404, 404, 404)),
    ("catalog:import_fail", "post", lambda w: f"/catalog/imports/{w.job.pk}/fail/", lambda w: {"reason": "矩阵"}, (L, 302, 404, 403, 404, 404, 404, 404)),
    ("catalog:version_detail", "get", lambda w: f"/catalog/versions/{w.published.pk}/", None, COUNTY),
    ("catalog:version_detail", "get", lambda w: f"/catalog/versions/{w.draft.pk}/", None, (404, 200, 200, 404, 404, 404, 404, 404)),
    ("catalog:version_detail", "get", lambda w: f"/catalog/versions/{w.urban_draft.pk}/", None, (404, 200, 200, 200, 404, 404, 404, 404)),
    ("catalog:version_detail", "get", lambda w: f"/catalog/versions/{w.foreign_version.pk}/", None, (200, 404, 404, 404, 404, 404, 404, 200)),
    ("catalog:version_publish", "get", lambda w: f"/catalog/versions/{w.draft.pk}/publish/", None, (L, 200, 403, 404, 404, 404, 404, 404)),
    ("catalog:version_publish", "post", lambda w: f"/catalog/versions/{w.draft.pk}/publish/", lambda w: {"effective_date": "2025-07-01"}, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("catalog:version_publish", "get", lambda w: f"/catalog/versions/{w.urban_draft.pk}/publish/", None, (L, 200, 403, 403, 404, 404, 404, 404)),
    ("catalog:version_export", "get", lambda w: f"/catalog/versions/{w.published.pk}/export.xlsx", None, COUNTY),
    ("catalog:version_export", "get", lambda w: f"/catalog/versions/{w.draft.pk}/export.csv", None, (404, 200, 200, 404, 404, 404, 404, 404)),
    ("catalog:power_list", "get", lambda w: "/catalog/powers/", None, SIGNED_IN),
    ("catalog:power_detail", "get", lambda w: f"/catalog/powers/{w.urban_power.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("catalog:power_detail", "get", lambda w: f"/catalog/powers/{w.land_private.pk}/", None, (L, 200, 200, 404, 200, 404, 404, 404)),
    ("catalog:power_detail", "get", lambda w: f"/catalog/powers/{w.foreign_power.pk}/", None, (L, 404, 404, 404, 404, 404, 404, 200)),
    ("catalog:power_edit", "get", lambda w: f"/catalog/powers/{w.urban_power.pk}/edit/", None, (L, 200, 403, 200, 403, 403, 403, 404)),
    ("catalog:power_edit", "post", lambda w: f"/catalog/powers/{w.urban_power.pk}/edit/", lambda w: _power_form(w, w.urban_power), (L, 302, 403, 302, 403, 403, 403, 404)),
    ("catalog:power_edit", "get", lambda w: f"/catalog/powers/{w.land_private.pk}/edit/", None, (L, 200, 403, 404, 200, 404, 404, 404)),
    ("api-1:openapi-json", "get", lambda w: "/api/openapi.json", None, ALL),
    ("api-1:openapi-view", "get", lambda w: "/api/docs", None, ALL),
    ("api-1:api-root", "get", lambda w: "/api/", None, (404,) * 8),  # ninja's bare root: no page
]

# fmt: on
A_DIV = "/api/org/divisions/{division_id}"
A_DEPT = "/api/org/departments/{department_id}"
A_POWER = "/api/catalog/powers/{power_id}"
A_CAT = "/api/catalog/catalogs/{catalog_id}"
A_VER = "/api/catalog/versions/{version_id}"
API_OFFICE_WRITES = (401, 200, 403, 403, 403, 403, 403, 404)
API_OFFICE_CREATES = (401, 201, 403, 403, 403, 403, 403, 404)
# fmt: off
API = [
    ("/api/org/divisions", "get", lambda w: "/api/org/divisions", None, API_SIGNED_IN),
    ("/api/org/divisions", "post", lambda w: "/api/org/divisions", lambda w: {**NEW_TOWN, "parent_id": w.cast.county.pk}, API_OFFICE_CREATES),
    (A_DIV, "get", lambda w: f"/api/org/divisions/{w.cast.town_a.pk}", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (A_DIV, "patch", lambda w: f"/api/org/divisions/{w.cast.town_a.pk}", lambda w: {"pilot": True}, API_OFFICE_WRITES),
    ("/api/org/departments", "get", lambda w: "/api/org/departments", None, API_SIGNED_IN),
    ("/api/org/departments", "post", lambda w: "/api/org/departments", lambda w: {"division_id": w.cast.county.pk, "name": "平阴县水务局"}, API_OFFICE_CREATES),
    (A_DEPT, "get", lambda w: f"/api/org/departments/{w.cast.urban.pk}", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (A_DEPT, "patch", lambda w: f"/api/org/departments/{w.cast.urban.pk}", lambda w: {"short_name": "城管局"}, API_OFFICE_WRITES),
    (A_DEPT, "patch", lambda w: f"/api/org/departments/{w.cast.urban.pk}", lambda w: {"contact_phone": "0531-87881111"}, API_OFFICE_WRITES),
    (A_DIV, "patch", lambda w: f"/api/org/divisions/{w.cast.county.pk}", lambda w: {"publish_exercise_figures": True}, API_OFFICE_WRITES),
    ("/api/catalog/power-types", "get", lambda w: "/api/catalog/power-types", None, ALL),
    ("/api/catalog/fields", "get", lambda w: "/api/catalog/fields", None, ALL),
    ("/api/catalog/powers", "get", lambda w: "/api/catalog/powers?q=审批", None, API_SIGNED_IN),
    (A_POWER, "get", lambda w: f"/api/catalog/powers/{w.urban_power.pk}", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (A_POWER, "get", lambda w: f"/api/catalog/powers/{w.land_private.pk}", None, (401, 200, 200, 404, 200, 404, 404, 404)),
    (A_POWER, "patch", lambda w: f"/api/catalog/powers/{w.urban_power.pk}", lambda w: {"updated_at": Power.objects.get(pk=w.urban_power.pk).updated_at.isoformat(), "notes": "矩阵"}, (401, 200, 403, 200, 403, 403, 403, 404)),
    ("/api/catalog/catalogs", "get", lambda w: "/api/catalog/catalogs", None, ALL),
    ("/api/catalog/catalogs", "post", lambda w: "/api/catalog/catalogs", lambda w: {"name": "新目录", "kind": "guiding", "owner_id": w.cast.county.pk}, API_OFFICE_CREATES),
    (A_CAT, "get", lambda w: f"/api/catalog/catalogs/{w.county_catalog.pk}", None, COUNTY),
    (A_CAT, "get", lambda w: f"/api/catalog/catalogs/{w.urban_catalog.pk}", None, (404, 200, 200, 200, 404, 404, 404, 404)),
    (A_CAT + "/draft", "post", lambda w: f"/api/catalog/catalogs/{w.urban_catalog.pk}/draft", None, (401, 200, 403, 200, 404, 404, 404, 404)),
    (A_CAT + "/draft", "post", lambda w: f"/api/catalog/catalogs/{w.county_catalog.pk}/draft", None, (401, 200, 403, 403, 403, 403, 403, 404)),
    (A_VER, "get", lambda w: f"/api/catalog/versions/{w.published.pk}", None, COUNTY),
    (A_VER, "get", lambda w: f"/api/catalog/versions/{w.draft.pk}", None, (404, 200, 200, 404, 404, 404, 404, 404)),
    (A_VER + "/entries", "get", lambda w: f"/api/catalog/versions/{w.published.pk}/entries", None, COUNTY),
    (A_VER + "/entries", "get", lambda w: f"/api/catalog/versions/{w.urban_draft.pk}/entries", None, (404, 200, 200, 200, 404, 404, 404, 404)),
    (A_VER + "/publish", "post", lambda w: f"/api/catalog/versions/{w.draft.pk}/publish", lambda w: {"effective_date": "2025-07-01"}, (401, 200, 403, 404, 404, 404, 404, 404)),
    (A_VER + "/publish", "post", lambda w: f"/api/catalog/versions/{w.urban_draft.pk}/publish", lambda w: {}, (401, 200, 403, 403, 404, 404, 404, 404)),
    (A_VER + "/diff/{other_id}", "get", lambda w: f"/api/catalog/versions/{w.published.pk}/diff/{w.draft.pk}", None, (404, 200, 200, 404, 404, 404, 404, 404)),
    (A_VER + "/diff/{other_id}", "get", lambda w: f"/api/catalog/versions/{w.published.pk}/diff/{w.published.pk}", None, COUNTY),
]
# fmt: on


def _contributions() -> list:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("quanze.") or not importlib.util.find_spec(
            f"{config.name}.tests"
        ):
            continue
        if importlib.util.find_spec(f"{config.name}.tests.matrix"):
            modules.append(importlib.import_module(f"{config.name}.tests.matrix"))
    return modules


CONTRIBUTED = _contributions()
ALL_PAGES = PAGES + [row for m in CONTRIBUTED for row in getattr(m, "PAGES", [])]
ALL_API = API + [row for m in CONTRIBUTED for row in getattr(m, "API", [])]


def _operations(router):
    """The router's operations and those of the routers added to it (add_router)."""
    for path_view in router.path_operations.values():
        yield from path_view.operations
    for _prefix, child, *_tags in router._routers:
        yield from _operations(child)


def _page_routes() -> set[str]:
    """Names of every URL pattern except the admin and the API operations (see _api_routes)."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
                yield from walk(p.url_patterns, namespace)
            else:
                yield f"{prefix}{p.name}"

    api_operations = {
        f"api-1:{op.view_func.__name__}"
        for router_path, router in api._routers
        for op in _operations(router)
    }
    return {
        name
        for name in walk(get_resolver().url_patterns)
        if not name.startswith("admin:") and name not in api_operations
    }


def _api_routes() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(path, method) for path, operations in paths.items() for method in operations}


def test_every_route_has_a_row():
    assert _page_routes() == {row[0] for row in ALL_PAGES}
    assert _api_routes() == {(row[0], row[1]) for row in ALL_API}


def test_every_row_names_every_role():
    assert all(len(row[4]) == len(ROLES) for row in ALL_PAGES + ALL_API)


def build_matrix_world(folder):
    """The world every row reads: the shared test world and what each app adds to it."""
    world = build_world(build_cast())
    # A finished import: confirming it again is refused, so the matrix never runs a file.
    world.job = ImportJob.objects.create(
        catalog=world.urban_catalog,
        file_name="清单.csv",
        file_path=str(folder / "none.csv"),
        status=ImportJob.Status.DONE,
        created_by=world.cast.office,
    )
    for module in CONTRIBUTED:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole matrix, built once and rolled back after the last row: each
    row's requests run in savepoints inside it (`_check`), each test in its own (`db`).
    Not for tests with a live server: its thread would not see the uncommitted world."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_world(tmp_path_factory.mktemp("matrix"))
        transaction.set_rollback(True)


def _request(client, method, url, data, *, api_call):
    if method == "get":
        return client.get(url)
    if api_call:
        return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")
    return client.post(url, data or {})


def _status(response) -> object:
    if response.status_code == 302 and response.url.startswith("/login/"):
        return L
    return response.status_code


def _check(client, w, row, *, api_call):
    route, method, url_of, data_of, expected = row
    outcome = {}
    for role in ROLES:
        # Each role's request runs in a savepoint rolled back after, so writes do not
        # leak from one role into the next.
        with transaction.atomic():
            client.logout()
            if role != "anon":
                client.force_login(getattr(w.cast, CAST_NAMES[role]))
            url = url_of(w)
            data = data_of(w) if data_of else None
            outcome[role] = _status(_request(client, method, url, data, api_call=api_call))
            transaction.set_rollback(True)
    wanted = dict(zip(ROLES, expected, strict=True))
    wrong = {
        role: f"got {outcome[role]}, want {wanted[role]}"
        for role in ROLES
        if outcome[role] != wanted[role]
    }
    assert not wrong, f"{method.upper()} {url_of(w)} ({route}): {wrong}"


@pytest.mark.parametrize("row", ALL_PAGES, ids=lambda r: f"{r[1]} {r[0]}")
def test_pages(db, client, matrix_world, row):
    _check(client, matrix_world, row, api_call=False)


@pytest.mark.parametrize("row", ALL_API, ids=lambda r: f"{r[1]} {r[0]}")
def test_api(db, client, matrix_world, row):
    _check(client, matrix_world, row, api_call=True)
