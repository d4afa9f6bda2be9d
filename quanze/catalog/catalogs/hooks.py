"""What the processes built on catalogs add to its writes, registered from
`CatalogConfig.ready()` so that catalogs imports none of them.

After versions are published (inside the publishing transaction) every function
registered with `register_after_publish` is called with their ids: the documents
process queues the rendering of their .docx and PDF for when the transaction commits.
"""

from collections.abc import Callable

_after_publish: list[Callable[[list[int]], None]] = []


def register_after_publish(hook: Callable[[list[int]], None]) -> None:
    """Call `hook(version_ids)` whenever catalog versions are published."""
    if hook not in _after_publish:
        _after_publish.append(hook)


def versions_published(version_ids: list[int]) -> None:
    """Tell the registered hooks that these versions were just published."""
    for hook in _after_publish:
        hook(version_ids)
