"""Reads of disputes: an event's disputes and, for a ruling that corrected the list, the
version it corrected."""

from quanze.duties.models import ResponsibilityVersion


def event_disputes(event) -> list:
    """The event's disputes; a ruling that corrected the list carries `correction_base`, the
    version it corrected, so the page can link the two versions' diff."""
    disputes = list(
        event.disputes.select_related("department", "responsible", "correction_version")
    )
    for dispute in disputes:
        version = dispute.correction_version
        dispute.correction_base = (
            ResponsibilityVersion.objects.filter(
                responsibility_list_id=version.responsibility_list_id,
                number__lt=version.number,
                published_at__isnull=False,
            )
            .order_by("-number")
            .first()
            if version
            else None
        )
    return disputes
