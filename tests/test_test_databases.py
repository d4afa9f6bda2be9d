"""The suite's own databases: each worker's test database is a copy of the run's migrated
template (its migrations recorded at the template's times, not migrated again), and on
PostgreSQL the flush after a committing test empties every table by DELETE, foreign keys
and all."""

import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quanze.org.models import Department, Division, User
from quanze.testing import dbtemplate
from quanze.testing.world import build_cast

POSTGRES = connection.vendor == "postgresql"
APPLIED = "SELECT app, name, applied FROM django_migrations ORDER BY id"


def template_migrations(template: dbtemplate.Template) -> list[tuple]:
    if template.vendor == dbtemplate.SQLITE:
        with sqlite3.connect(f"file:{template.name}?mode=ro", uri=True) as source:
            return [(app, name, str(at)) for app, name, at in source.execute(APPLIED)]
    import psycopg

    database = connection.settings_dict
    url = dbtemplate.database_url(database, template.name)
    with psycopg.connect(url) as source:
        return [(app, name, at.isoformat(" ")) for app, name, at in source.execute(APPLIED)]


@pytest.mark.django_db
def test_the_test_database_is_a_copy_of_the_migrated_template(request, migrated_template):
    if request.config.getoption("nomigrations"):
        pytest.skip("a run without migrations builds its database from the models")
    assert connection.settings_dict["NAME"] != migrated_template.name
    with connection.cursor() as cursor:
        cursor.execute(APPLIED)
        mine = [
            (app, name, str(at) if not POSTGRES else at.isoformat(" "))
            for app, name, at in cursor.fetchall()
        ]
    # The same migrations applied at the same moments: copied, not migrated here again.
    assert mine == template_migrations(migrated_template)
    assert "quanze_cache" in connection.introspection.table_names()


@pytest.mark.skipif(not POSTGRES, reason="SQLite's flush deletes already")
def test_the_postgresql_flush_deletes_and_keeps_truncate_for_its_options():
    tables = ["catalog_power", "org_division"]
    sql = connection.ops.sql_flush(no_style(), tables)
    assert sql == ['DELETE FROM "catalog_power";', 'DELETE FROM "org_division";']
    with_sequences = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    assert all(statement.startswith("TRUNCATE") for statement in with_sequences)


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_committed_rows_that_refer_to_each_other():
    build_cast()  # divisions, departments and users referring to them, committed
    assert Division.objects.exists() and Department.objects.exists()
    # As Django's TransactionTestCase flushes after a test.
    with CaptureQueriesContext(connection) as flushed:
        call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    statements = [query["sql"] for query in flushed.captured_queries]
    if POSTGRES:
        assert not any(sql.startswith("TRUNCATE") for sql in statements)
    assert any(sql.startswith('DELETE FROM "org_division"') for sql in statements)
    assert not Division.objects.exists()
    assert not Department.objects.exists()
    assert not User.objects.exists()
