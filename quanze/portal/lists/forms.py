"""Input checks of the public list pages: the day asked about and the versions compared."""

from django import forms

from quanze.catalog.catalogs.models import Catalog
from quanze.portal.lists.selectors import DUTY, KIND_LABELS, TERRITORIAL

KIND_CHOICES = [("", "全部类别")] + [
    (kind, KIND_LABELS[kind]) for kind in (*Catalog.Kind.values, DUTY, TERRITORIAL)
]


class ListFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=KIND_CHOICES, required=False)
    q = forms.CharField(label="名称或单位", max_length=50, required=False)


class OnDateForm(forms.Form):
    date = forms.DateField(
        label="查询日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "查询日期:请按 2024-03-01 的格式填写"},
    )
    v = forms.IntegerField(
        label="版本号",
        required=False,
        min_value=1,
        error_messages={"invalid": "版本号:应为正整数", "min_value": "版本号:应为正整数"},
    )


class DiffForm(forms.Form):
    old = forms.IntegerField(label="旧版本", min_value=1, required=False)
    new = forms.IntegerField(label="新版本", min_value=1, required=False)
