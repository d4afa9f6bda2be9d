"""Fill the measures' aggregates from the assignments already recorded."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from quanze.dispatch.aggregates.services import rebuild_days

    rebuild_days(apps)


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0005_measures_aggregates")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
