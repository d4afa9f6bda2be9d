"""The API of the item timeline. Reads go through its access choke point."""

from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.delegation.timeline.selectors import item_timeline

router = Router(tags=["赋权:审议、认领、事项进展"], auth=django_auth)


class TimelineQuery(Schema):
    power_id: int
    township_id: int


@router.get("/timeline", summary="事项进展:某事项在某乡镇的全过程")
def timeline(request, query: Query[TimelineQuery]):
    power, township, moments = item_timeline(
        request.user, power_id=query.power_id, township_id=query.township_id
    )
    return {
        "power": {"id": power.pk, "code": power.code, "name": str(power)},
        "township": {"id": township.pk, "name": township.name},
        "moments": [m.__dict__ for m in moments],
    }
