"""Input of the staffing pages (and the API, through the same forms)."""

from django import forms
from django.utils import timezone

from quanze.enforcement.staffing import rules
from quanze.enforcement.staffing.models import PostKind
from quanze.enforcement.staffing.report import TOWNSHIP_SORTS
from quanze.org.models import Department, Division

DATE = forms.DateInput(attrs={"type": "date"})


class ReportForm(forms.Form):
    on = forms.DateField(label="统计日", required=False, widget=DATE)
    year = forms.IntegerField(label="案件年度", required=False, min_value=1949, max_value=2100)
    minimum = forms.IntegerField(
        label="持证人数下限", required=False, min_value=1, max_value=1000,
        initial=rules.MINIMUM_OFFICERS,
    )  # fmt: skip
    q = forms.CharField(label="乡镇(街道)", required=False, max_length=50)
    only = forms.ChoiceField(
        label="范围", required=False,
        choices=[("", "全部乡镇(街道)"), ("overloaded", "只看持证人数低于下限的")],
    )  # fmt: skip
    sort = forms.ChoiceField(label="排序", required=False, choices=list(TOWNSHIP_SORTS.items()))

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        on = data.get("on") or timezone.localdate()
        return {
            "on": on,
            "year": data.get("year") or on.year,
            "minimum": data.get("minimum") or rules.MINIMUM_OFFICERS,
            "q": data.get("q") or "",
            "only": data.get("only") or "",
            "sort": data.get("sort") or "code",
        }


def _county_units(user):
    county = user.county_id if user.is_authenticated else None
    towns = Division.objects.filter(parent_id=county, level=Division.Level.TOWNSHIP).order_by(
        "code"
    )
    return towns, Department.objects.filter(division_id=county).order_by("name")


class QuotaForm(forms.Form):
    township = forms.ModelChoiceField(
        label="乡镇(街道)", queryset=Division.objects.none(), required=False, empty_label="请选择"
    )
    department = forms.ModelChoiceField(
        label="部门", queryset=Department.objects.none(), required=False, empty_label="请选择"
    )
    kind = forms.ChoiceField(label="编制类型", choices=PostKind.choices)
    approved = forms.IntegerField(label="核定编制数", min_value=0, max_value=100_000)
    filled = forms.IntegerField(label="实有人数", min_value=0, max_value=100_000)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    on = forms.DateField(label="日期", widget=DATE, required=False)
    reason = forms.CharField(label="事由", max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns, departments = _county_units(user)
        self.fields["township"].queryset = towns
        self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        if bool(data.get("township")) == bool(data.get("department")):
            raise forms.ValidationError("单位:请选择一个乡镇(街道)或一个部门")
        return data


class SinkingForm(forms.Form):
    department = forms.ModelChoiceField(
        label="下沉部门", queryset=Department.objects.none(), empty_label="请选择"
    )
    township = forms.ModelChoiceField(
        label="下沉至乡镇(街道)", queryset=Division.objects.none(), empty_label="请选择"
    )
    kind = forms.ChoiceField(label="编制类型", choices=PostKind.choices)
    count = forms.IntegerField(label="下沉编制数", min_value=1, max_value=10_000)
    filled = forms.IntegerField(label="在岗人数", min_value=0, max_value=10_000, initial=0)
    on = forms.DateField(label="下沉日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns, departments = _county_units(user)
        self.fields["township"].queryset = towns
        self.fields["department"].queryset = departments


class ImportForm(forms.Form):
    file = forms.FileField(label="编制表(.xlsx 或 .csv)")
    on = forms.DateField(label="调整日期", widget=DATE, required=False)
    dry_run = forms.BooleanField(label="只检查,不写入", required=False)


class QuotaFilterForm(forms.Form):
    unit = forms.CharField(required=False, max_length=12)
    kind = forms.ChoiceField(required=False, choices=[("", "全部类型"), *PostKind.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[("unit", "按单位"), ("kind", "按编制类型"), ("-approved", "核定数从多到少"),
                 ("-vacant", "空编从多到少")],
    )  # fmt: skip
