"""Put back the managed lists (power types, fields) a migration seeds.

A transactional test's flush empties every table, seeded ones included; module-scoped
scenario fixtures load outside the per-test transaction, so they call this first and
after their own flush, and do not depend on the order tests run in.
"""

from importlib import import_module


def reseed_managed_lists() -> None:
    from django.apps import apps

    import_module("quanze.catalog.migrations.0003_power_types_and_fields").forwards(apps, None)
