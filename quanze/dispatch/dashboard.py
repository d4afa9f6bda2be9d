"""The measures dashboard: the three rates and the times per department, with charts."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from quanze.dispatch.forms import PeriodForm
from quanze.dispatch.measures import unit_measures
from quanze.org.models import Department


def period(form: PeriodForm) -> tuple[datetime, datetime]:
    """The chosen days, or the last 30; the end day is included."""
    today = timezone.localdate()
    start, end = today - timedelta(days=29), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


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
    departments = Department.objects.filter(division_id=request.user.county_id)
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
