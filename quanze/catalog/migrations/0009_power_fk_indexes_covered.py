"""Power's owner, power_type, field and department lose their single-column indexes: each
column leads another index already (owner, code; power_type, code; department, code;
field, code), which serves every lookup the single one did, and each index is one more
write per imported power. Only the indexes are dropped (Django's AlterField would rebuild
the table on SQLite and re-validate the foreign keys on PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "catalog_power_department_id_cca5ab35": "department_id",
    "catalog_power_field_id_5e0f375e": "field_id",
    "catalog_power_owner_id_3b54858e": "owner_id",
    "catalog_power_power_type_id_4d43f3c2": "power_type_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_import_mode_and_shared_confirmation"),
        ("org", "0003_unit_contact_exercise_switch"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX "{name}" ON "catalog_power" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="power",
                    name="department",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="powers",
                        to="org.department",
                        verbose_name="实施部门",
                    ),
                ),
                migrations.AlterField(
                    model_name="power",
                    name="field",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalog.field",
                        verbose_name="领域",
                    ),
                ),
                migrations.AlterField(
                    model_name="power",
                    name="owner",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="powers",
                        to="org.division",
                        verbose_name="所属区划",
                    ),
                ),
                migrations.AlterField(
                    model_name="power",
                    name="power_type",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalog.powertype",
                        verbose_name="职权类型",
                    ),
                ),
            ],
        ),
    ]
