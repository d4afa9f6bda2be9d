"""The measures API: the figures per department of the user's county for a period."""

from datetime import date

from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.core.errors import form_errors
from quanze.dispatch.measures.forms import PeriodForm, period
from quanze.dispatch.measures.selectors import unit_measures
from quanze.org.selectors import county_units

router = Router()


class PeriodQuery(Schema):
    start: date | None = None
    end: date | None = None


@router.get("/measures", response=list[dict], auth=django_auth, summary="部门考评指标")
def measures(request, query: Query[PeriodQuery]):
    given = {k: v for k, v in query.dict().items() if v}
    form = PeriodForm(given or None)
    if given and not form.is_valid():
        raise form_errors(form)
    start, end = period(form)
    rows = unit_measures(
        departments=county_units(request.user.county_id),
        start=start,
        end=end,
    )
    return [
        {
            "department_id": r.department_id,
            "department": r.name,
            "dispatched": r.dispatched,
            "response_rate": r.response_rate,
            "resolution_rate": r.resolution_rate,
            "satisfaction_rate": r.satisfaction_rate,
            "mean_rating": r.mean_rating,
            "accept_hours_p50": r.hours("accept", 50),
            "accept_hours_p90": r.hours("accept", 90),
            "handle_hours_p50": r.hours("handle", 50),
            "handle_hours_p90": r.hours("handle", 90),
            "send_back_rate": r.send_back_rate,
            "disputes_lost": r.disputes_lost,
            "fallback_acted": r.fallback_acted,
        }
        for r in rows
    ]
