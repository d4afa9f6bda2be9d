"""The suite's own databases: each worker's test database is a copy of the run's migrated
template (nothing left to migrate, the cache table there), and on PostgreSQL the flush
after a committing test empties every table by DELETE, foreign keys and all."""

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from quanze.org.models import Department, Division
from quanze.testing import dbtemplate
from quanze.testing.world import build_cast

POSTGRES = connection.vendor == "postgresql"


@pytest.mark.django_db
def test_the_test_database_is_the_migrated_template(migrated_template):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "quanze_cache" in connection.introspection.table_names()
    assert migrated_template.vendor == (dbtemplate.POSTGRESQL if POSTGRES else dbtemplate.SQLITE)
    assert connection.settings_dict["NAME"] != migrated_template.name


@pytest.mark.skipif(not POSTGRES, reason="SQLite's flush deletes already")
def test_the_postgresql_flush_deletes_and_keeps_truncate_for_its_options():
    tables = ["catalog_power", "org_division"]
    sql = connection.ops.sql_flush(no_style(), tables)
    assert sql == ['DELETE FROM "catalog_power";', 'DELETE FROM "org_division";']
    with_sequences = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    assert all(statement.startswith("TRUNCATE") for statement in with_sequences)


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_committed_rows_that_refer_to_each_other():
    cast = build_cast()  # divisions, departments and users referring to them, committed
    assert Division.objects.exists() and Department.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not Division.objects.exists()
    assert not Department.objects.exists()
    assert not type(cast.office).objects.exists()
