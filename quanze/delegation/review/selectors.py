"""Reads of batches and their review: the access choke points (batches and reviews are
internal: the office and the justice bureau of the county; only the justice bureau
reviews), a batch's rows and its composition."""

from collections import Counter

from django.db.models import Count, Min, Q, QuerySet

from quanze.delegation.permissions import get_visible
from quanze.delegation.review.models import Batch, BatchItem, LegalityReview
from quanze.org.roles import is_county_wide, is_office, is_reviewer


def batches_readable(user) -> QuerySet[Batch]:
    qs = Batch.objects.select_related("project")
    if is_county_wide(user):
        return qs.filter(project__county_id=user.county_id)
    return qs.none()


def access_batch(user, batch_id, *, for_write: bool = False) -> Batch:
    qs = batches_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, batch_id, "赋权批次")


def access_batch_item(user, batch_item_id, *, for_review: bool = False) -> BatchItem:
    qs = BatchItem.objects.select_related(
        "batch__project", "item__power__department", "item__power__power_type"
    )
    qs = qs.filter(batch__project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    if for_review and not is_reviewer(user):
        qs = qs.none()
    return get_visible(qs, batch_item_id, "批次事项")


def batch_rows(batch: Batch):
    return (
        BatchItem.objects.filter(batch=batch)
        .select_related(
            "item__power__department",
            "item__power__power_type",
            "item__power__field",
            "review__reviewer",
        )
        .order_by("position")
    )


def batch_counts(batch: Batch) -> dict:
    """A batch's composition by field and type, and its review verdicts."""
    items = BatchItem.objects.filter(batch=batch)
    by_field_type = Counter(
        items.values_list("item__power__field__name", "item__power__power_type__name")
    )
    verdicts = Counter(
        LegalityReview.objects.filter(batch_item__batch=batch).values_list("verdict", flat=True)
    )
    total = items.count()
    return {
        "total": total,
        "by_field_type": dict(by_field_type),
        "verdicts": {v: verdicts.get(v, 0) for v in LegalityReview.Verdict.values},
        "unreviewed": total - sum(verdicts.values()),
    }


def batches_waiting(user, status: str) -> dict:
    """The county's batches in `status` (the workbench): how many, how many of their items
    have no legality review yet, and the first batch's id; one query."""
    return (
        batches_readable(user)
        .filter(status=status, items__isnull=False)  # an emptied batch waits on no one
        .aggregate(
            count=Count("pk", distinct=True),
            unreviewed=Count("items", filter=Q(items__review__isnull=True), distinct=True),
            first=Min("pk"),
        )
    )


def batches_blocked(user) -> dict:
    """The workbench: reviewed batches holding an item the justice bureau did not pass
    (不通过): they cannot go to the executive meeting until the office removes it. How
    many, how many such items, and the first batch."""
    return (
        batches_readable(user)
        .filter(
            status=Batch.Status.REVIEWED,
            items__review__verdict=LegalityReview.Verdict.REJECT,
        )
        .aggregate(
            count=Count("pk", distinct=True),
            rejected=Count("items", distinct=True),
            first=Min("pk"),
        )
    )
