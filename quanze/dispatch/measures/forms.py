"""The period of the measures (page and API): two days, the end day included."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone


class PeriodForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "截止日期不能早于起始日期")
        return data


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
