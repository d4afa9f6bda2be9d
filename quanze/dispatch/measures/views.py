"""The measures dashboard: the three rates and the times per department, with charts."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quanze.dispatch.measures.forms import PeriodForm, period
from quanze.dispatch.measures.selectors import unit_measures
from quanze.org.selectors import county_units


def chart_data(rows) -> dict:
    return {
        "names": [r.name for r in rows],
        "response": [r.response_rate for r in rows],
        "resolution": [r.resolution_rate for r in rows],
        "satisfaction": [r.satisfaction_rate for r in rows],
        "accept_p50": [r.hours("accept", 50) for r in rows],
        "handle_p50": [r.hours("handle", 50) for r in rows],
        "handle_p90": [r.hours("handle", 90) for r in rows],
    }


@login_required
def measures(request):
    form = PeriodForm(request.GET or None)
    start, end = period(form)
    departments = county_units(request.user.county_id)
    rows = unit_measures(departments=departments, start=start, end=end)
    return render(
        request,
        "dispatch/measures.html",
        {
            "form": form,
            "rows": rows,
            "start": start,
            "end": end - timedelta(days=1),
            "chart": chart_data(rows),
        },
    )
