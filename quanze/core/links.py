"""Links that higher apps add to a lower app's pages (e.g. enforcement cases on a dispatch
event's page), without the lower app importing the higher one.

An app registers, from its `AppConfig.ready()`, a provider for a model label
(`"dispatch.event"`): `provider(user, obj)` returns the links that user may follow, each a
`RelatedLink`. The page owning the object calls `related_links(user, obj)` and renders them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class RelatedLink:
    section: str  # the heading the link is listed under (执法案件)
    label: str
    url: str
    note: str = ""


_providers: dict[str, list[Callable]] = {}


def register_related_links(model_label: str, provider: Callable) -> None:
    """Add `provider(user, obj) -> list[RelatedLink]` for objects of `model_label`
    (app_label.model_name, lower case). Registering the same provider twice is a no-op."""
    providers = _providers.setdefault(model_label, [])
    if provider not in providers:
        providers.append(provider)


def related_links(user, obj: models.Model) -> list[RelatedLink]:
    """Every registered provider's links for `obj` that `user` may follow."""
    links = []
    for provider in _providers.get(obj._meta.label_lower, []):
        links.extend(provider(user, obj))
    return links
