"""Suite-wide test settings.

- Each pytest(-xdist) worker keeps uploaded and rendered files in its own temporary folder,
  never in the checkout's var/media, so parallel workers and repeated runs cannot see each
  other's files.
- Files are collected longest first (`pytest.mark.cost(seconds)` on a file that takes minutes,
  otherwise a guess from its number of tests), and `make test` runs xdist with
  `--dist loadfile --no-loadscope-reorder`, so workers take files in that order: the long
  files start at once and side by side, and the last files handed out are short ones, instead
  of one worker running a long file alone at the end.
- Databases: the run migrates one template database and every worker's test database is a
  copy of it (`quanze.testing.dbtemplate`), as are the databases of the tiny benchmarks and
  of the tests that start a site in real processes (`migrated_template`). On PostgreSQL the
  flush after a test that commits deletes the rows instead of truncating every table.
- Hypothesis: no per-example deadline and no "too slow" health check. The property tests
  build database rows; on a busy two-core CI machine generating an example can take seconds,
  which says nothing about the property (the examples drawn and the checks are unchanged).
"""

from collections import defaultdict
from dataclasses import asdict

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from hypothesis import HealthCheck, settings

from quanze.testing import dbtemplate

settings.register_profile("quanze", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quanze")


@pytest.fixture(scope="session", autouse=True)
def _media_root_per_worker(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


# The default database as configured, before a test database renames it: the template's
# name and server come from it whenever the template is first asked for.
DEFAULT_DATABASE = dict(django_settings.DATABASES["default"])
TEMPLATE_KEY = "quanze_db_template"
BUILT_TEMPLATES = pytest.StashKey[set]()


@pytest.fixture(scope="session")
def migrated_template(request, tmp_path_factory):
    """The run's migrated template of the default database (`dbtemplate.Template`), shared
    by the xdist workers through their common temporary folder. A worker reports it to the
    controller, which drops it once every worker is done; a run without workers drops it
    itself."""
    base = tmp_path_factory.getbasetemp()
    worker = hasattr(request.config, "workerinput")
    template = dbtemplate.migrated_template(base.parent if worker else base, DEFAULT_DATABASE)
    if worker:
        request.config.workeroutput[TEMPLATE_KEY] = asdict(template)
    yield template
    if not worker:
        dbtemplate.drop_template(template, DEFAULT_DATABASE)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist's controller: remember the template a worker used."""
    template = getattr(node, "workeroutput", {}).get(TEMPLATE_KEY)
    if template:
        node.config.stash.setdefault(BUILT_TEMPLATES, set()).add(dbtemplate.Template(**template))


def pytest_sessionfinish(session):
    for template in session.config.stash.get(BUILT_TEMPLATES, set()):
        dbtemplate.drop_template(template, DEFAULT_DATABASE)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's fixture, but the test database is copied from the run's template
    instead of migrated again in each worker. A run without migrations, one keeping its
    database, or one with more databases (the standby step's replica) is set up as
    pytest-django would."""
    if not django_db_use_migrations or django_db_keepdb or len(django_settings.DATABASES) > 1:
        for database in django_settings.DATABASES.values():  # Django's own switch
            database.setdefault("TEST", {})["MIGRATE"] = django_db_use_migrations
        with django_db_blocker.unblock():
            config = setup_databases(
                verbosity=0, interactive=False,
                keepdb=django_db_keepdb and not django_db_createdb,  # as pytest-django
                aliases=set(django_settings.DATABASES), serialized_aliases=set(),
            )  # fmt: skip
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=0)
        return
    template = request.getfixturevalue("migrated_template")
    connection = connections["default"]
    with django_db_blocker.unblock():
        old_name = dbtemplate.load_test_database(connection, template)
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(old_name, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """On PostgreSQL the flush after a committing test deletes rows instead of truncating
    every table (`dbtemplate.flush_by_delete`: 1.2 s to 0.03-0.2 s a test)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            DatabaseOperations,
            "sql_flush",
            dbtemplate.flush_by_delete(DatabaseOperations.sql_flush),
        )
        yield


# Seconds a test takes when its file carries no cost mark: a guess, enough to order files.
BROWSER_TEST_SECONDS = 5.0
TEST_SECONDS = 0.3


def pytest_collection_modifyitems(config, items):
    by_file = defaultdict(list)
    for item in items:
        by_file[item.nodeid.split("::")[0]].append(item)

    def cost(file_items) -> float:
        marked = file_items[0].get_closest_marker("cost")
        if marked:
            return float(marked.args[0])
        return sum(
            BROWSER_TEST_SECONDS if item.get_closest_marker("browser") else TEST_SECONDS
            for item in file_items
        )

    ordered = sorted(by_file.values(), key=cost, reverse=True)  # stable: ties keep their order
    items[:] = [item for file_items in ordered for item in file_items]
