"""What a decision did, read back from the lists it published (decision page, scenario 000)."""

from collections import Counter

from django.db.models import Count

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.selectors import decision_powers, share_text


def decision_outcome(decision: Decision) -> dict:
    powers = decision_powers(decision)
    power_ids = [p.pk for p in powers]
    townships = list(decision.townships.values_list("pk", flat=True))
    # The township lists published under the decision's number, and how many of the
    # decision's items each holds (two aggregate queries, whatever the townships).
    versions = CatalogVersion.objects.filter(
        catalog__owner_id__in=townships,
        catalog__kind="township_list",
        document_number=decision.document_number,
    )
    holding = (
        CatalogEntry.objects.filter(version__in=versions, power_id__in=power_ids)
        .values("version_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    complete = sum(1 for row in holding if row["n"] == len(power_ids))
    return {
        "items": len(powers),
        "by_field_type": Counter(
            (p.field.name if p.field_id else "", p.power_type.name) for p in powers
        ),
        "mode": decision.get_mode_display(),
        "share": share_text(decision.fine_return_share),
        "townships": len(townships),
        "lists_published": versions.filter(status=CatalogVersion.Status.PUBLISHED).count(),
        "lists_holding_every_item": complete,
        "agreements": decision.agreements.count(),
        "status": decision.get_status_display(),
    }
