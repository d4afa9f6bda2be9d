"""方式 of a township list entry: how the power was handed down to the township.

The catalog does not know where that is decided: an app above it (delegation, whose
published decisions name a mode) registers a source from its `AppConfig.ready()`.
Without one, an entry's 方式 comes from the list itself (`content.entry_mode`).
"""

from collections.abc import Callable

from quanze.catalog.catalogs.models import Catalog, CatalogVersion

ModeSource = Callable[[CatalogVersion], dict[int, str]]

_sources: list[ModeSource] = []


def register_mode_source(source: ModeSource) -> None:
    """Add `source(version) -> {power id: mode label}`, asked for township lists only."""
    if source not in _sources:
        _sources.append(source)


def decided_modes(version: CatalogVersion) -> dict[int, str]:
    """power id -> mode label (委托, 交办, 赋权) decided for a township list's entries;
    where sources disagree the one registered last wins. Other catalogs have none."""
    if version.catalog.kind != Catalog.Kind.TOWNSHIP_LIST:
        return {}
    modes: dict[int, str] = {}
    for source in _sources:
        modes.update(source(version))
    return modes
