"""方式 of a township list entry, from delegation's decisions: the catalog's documents ask
for it through `quanze.catalog.documents.modes` (registered in `DelegationConfig.ready`)."""

from quanze.delegation.decisions.models import Decision
from quanze.delegation.review.models import Mode


def township_list_modes(version) -> dict[int, str]:
    """power id -> mode label (委托, 交办, 赋权) for the entries of a township list
    `version` (a CatalogVersion), from one query.

    The decisions considered are those published for the list's township and in
    force by the version's effective date; where several name a power, the latest
    (by effective date, then record) wins.
    """
    links = Decision.items.through.objects.filter(
        decision__status=Decision.Status.PUBLISHED, decision__townships=version.catalog.owner_id
    )
    if version.effective_date:
        links = links.filter(decision__effective_date__lte=version.effective_date)
    labels = dict(Mode.choices)
    modes = {}
    for power_id, mode in links.order_by("decision__effective_date", "decision_id").values_list(
        "batchitem__item__power_id", "decision__mode"
    ):
        modes[power_id] = labels.get(mode, mode)
    return modes
