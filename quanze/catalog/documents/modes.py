"""方式 of a township list entry: the delegation mode of the published decision that
put the power on the township's list, when the delegation app is installed."""

from django.apps import apps

from quanze.catalog.models import Catalog, CatalogVersion


def delegation_modes(version: CatalogVersion) -> dict[int, str]:
    """power id -> mode label (委托, 交办, 赋权), from one query.

    The decisions considered are those published for the list's township and in
    force by the version's effective date; where several name a power, the latest
    (by effective date, then record) wins. Other catalogs have no such decisions.
    """
    catalog = version.catalog
    if catalog.kind != Catalog.Kind.TOWNSHIP_LIST or not apps.is_installed("quanze.delegation"):
        return {}
    from quanze.delegation.models import Decision, Mode

    links = Decision.items.through.objects.filter(
        decision__status=Decision.Status.PUBLISHED, decision__townships=catalog.owner_id
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
