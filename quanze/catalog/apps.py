from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_managed_lists(sender, using, apps=None, **kwargs):
    """Keep the managed lists (power types, fields) present after `migrate` and `flush`.

    Their rows come from a data migration; a flush (as transactional tests do) empties
    every table and then emits post_migrate, as Django does to recreate permissions.
    """
    if apps is None:  # flush passes no migration state: use the live registry
        from django.apps import apps
    seeds = import_module("quanze.catalog.migrations.0003_power_types_and_fields")
    if apps.is_installed("quanze.catalog") and "catalog_powertype" in _tables(using):
        seeds.forwards(apps, None)


def _tables(using):
    from django.db import connections

    return connections[using].introspection.table_names()


class CatalogConfig(AppConfig):
    name = "quanze.catalog"
    label = "catalog"
    verbose_name = "事项目录"

    def ready(self):
        post_migrate.connect(_seed_managed_lists, sender=self)
        from quanze.catalog.catalogs.hooks import register_after_publish
        from quanze.catalog.catalogs.selectors import access_catalog, access_version
        from quanze.catalog.documents import background
        from quanze.catalog.importing import recovery
        from quanze.catalog.powers.search_index import reindex_all
        from quanze.catalog.powers.selectors import access_power
        from quanze.core.registry import (
            register_history_access,
            register_search_index,
            register_stale_job_sweep,
        )

        register_history_access("power", access_power)
        register_history_access("catalog", access_catalog)
        register_history_access("version", access_version)
        register_stale_job_sweep("imports", "导入任务", recovery.imports_sweep_stale)
        # Publishing a version renders its documents in the background.
        register_after_publish(background.catalog_versions_after_commit)
        register_search_index("powers", reindex_all)
