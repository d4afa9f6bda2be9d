"""The bigram search index of powers (quanze/catalog/search_index.py), filled from the
existing rows. SQLite: an FTS5 table; PostgreSQL: a table with a GIN index."""

from django.db import migrations

from quanze.catalog.powers import search_index


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    search_index.create_index()
    search_index.reindex_all()


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {search_index.TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_power_code_order"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
