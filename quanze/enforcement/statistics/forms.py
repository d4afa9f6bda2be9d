"""Input checks of the statistics pages."""

from datetime import date

from django import forms
from django.utils import timezone

from quanze.catalog.models import Power
from quanze.enforcement.statistics.exercise import ITEM_SORTS
from quanze.enforcement.statistics.models import Exercise


def _year_start() -> date:
    return date(timezone.localdate().year, 1, 1)


class PeriodForm(forms.Form):
    start = forms.DateField(label="统计期自", required=False)
    end = forms.DateField(label="统计期至", required=False)
    township = forms.TypedChoiceField(
        label="乡镇(街道)", required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(label="事项排序", required=False, choices=list(ITEM_SORTS.items()))
    q = forms.CharField(label="事项", required=False, max_length=100)

    def __init__(self, *args, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].choices = [("", "全部乡镇(街道)"), *townships]

    def clean(self):
        data = super().clean()
        start = data.get("start") or _year_start()
        end = data.get("end") or date(start.year, 12, 31)
        if end < start:
            self.add_error("end", "统计期至:不能早于统计期自")
        data["start"], data["end"] = start, end
        return data


class AnnualForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    township = forms.TypedChoiceField(
        label="乡镇(街道)", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].choices = [("", "全部乡镇(街道)"), *townships]

    def clean_year(self):
        return self.cleaned_data.get("year") or timezone.localdate().year


class ExerciseForm(forms.Form):
    power = forms.ModelChoiceField(label="事项", queryset=Power.objects.all())
    on = forms.DateField(label="日期")
    kind = forms.ChoiceField(label="行权方式", choices=Exercise.Kind.choices)
    count = forms.IntegerField(label="次数(件数)", min_value=1, initial=1)
    note = forms.CharField(label="说明", required=False, max_length=300)
