"""Reads a correction starts from: the newest published version of a county's list and
one matter's entry in it."""

from quanze.duties.territorial.models import ResponsibilityItem, ResponsibilityVersion


def version_current(county) -> ResponsibilityVersion | None:
    """The newest published version: the one a correction (or a new draft) starts from."""
    return (
        ResponsibilityVersion.objects.filter(
            responsibility_list__county=county, published_at__isnull=False
        )
        .select_related("responsibility_list")
        .order_by("-number")
        .first()
    )


def current_item(*, county, matter) -> ResponsibilityItem | None:
    """The matter's entry in the version a correction starts from (None: not on it)."""
    base = version_current(county)
    if base is None or matter is None:
        return None
    return (
        base.items.filter(matter=matter)
        .select_related("matter__field", "primary_department", "fallback_department")
        .prefetch_related("townships", "co_departments__department", "steps__department")
        .first()
    )
