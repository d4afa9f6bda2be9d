"""The table of the "shared" cache (settings.CACHES): the citizen requests' per-address
counts must be seen by every gunicorn worker, so they live in the database. Made here so
that `quanze migrate` is the only deployment step; createcachetable skips a table that
exists, and reversing leaves it (it holds nothing that must outlive an hour)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
