"""Input of the benchmark pages, and the discretion fields of a case's 告知/决定 step."""

from django import forms
from django.utils import timezone

from quanze.catalog.models import Field, Power
from quanze.enforcement.benchmarks import rules, selectors

DATE = forms.DateInput(attrs={"type": "date"})
# The case steps that apply the benchmark (services.check_step).
STEPS = ("notify", "decide", "decide_on_spot")


def add_discretion_fields(form, case) -> None:
    """Give a 告知/决定 step form the conditions of the benchmark in force for the case's
    power, the base amount and the reason for a departure."""
    if form.action not in STEPS:
        return
    conditions = selectors.case_conditions(case, timezone.localdate())
    if conditions is None:  # no benchmark for the power: nothing to apply
        return
    form.fields["circumstances"] = forms.MultipleChoiceField(
        label="裁量情形(勾选本案具有的情形)",
        choices=[(c, c) for c in conditions],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    form.fields["base_amount"] = forms.DecimalField(
        label="计算基数金额(元,如违法所得)", required=False, min_value=0, decimal_places=2
    )
    form.fields["deviation_reason"] = forms.CharField(
        label="偏离裁量基准理由(超出建议阶次或幅度时必填)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BenchmarkForm(forms.Form):
    name = forms.CharField(label="名称", max_length=200)
    field = forms.ModelChoiceField(label="执法领域", queryset=Field.objects.all(), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="裁量基准表(.xlsx)")


class PublishForm(forms.Form):
    effective_date = forms.DateField(label="施行日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)


class ListForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    sort = forms.ChoiceField(
        required=False, choices=[("name", "按名称"), ("-created", "按创建时间")]
    )


class ItemFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    tier = forms.ChoiceField(required=False, choices=[("", "全部阶次"), *rules.TIERS.items()])


class ProposalForm(forms.Form):
    """The discretion calculator: a power, a date and the conditions found."""

    power = forms.ModelChoiceField(label="执法事项", queryset=Power.objects.none())
    on = forms.DateField(label="日期", widget=DATE, required=False)
    conditions = forms.CharField(
        label="具有的情形(每行一项)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    base_amount = forms.DecimalField(
        label="计算基数金额(元)", required=False, min_value=0, decimal_places=2
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = Power.objects.filter(
            benchmark_items__version__benchmark__county_id=user.county_id
        ).distinct()

    def clean_conditions(self):
        text = self.cleaned_data.get("conditions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
