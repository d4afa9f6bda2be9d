"""Every model of the catalog app, for Django to load (an aggregator: process modules
import their own process's models module, never this one)."""

from quanze.catalog.catalogs.models import (
    Catalog,
    CatalogEntry,
    CatalogVersion,
    PowerSnapshot,
    SnapshotReach,
)
from quanze.catalog.importing.models import ImportJob
from quanze.catalog.powers.models import Citation, Field, Power, PowerType

__all__ = [
    "Catalog",
    "CatalogEntry",
    "CatalogVersion",
    "Citation",
    "Field",
    "ImportJob",
    "Power",
    "PowerSnapshot",
    "PowerType",
    "SnapshotReach",
]
