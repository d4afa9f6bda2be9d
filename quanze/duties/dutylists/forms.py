"""Forms of the township duty-list pages: they validate input; services do the writing."""

from django import forms

from quanze.duties.dutylists.models import DutyClass
from quanze.duties.formparts import TEXT
from quanze.org.models import Department


class RawItemsForm(forms.Form):
    texts = forms.CharField(label="原始事项(每行一项)", widget=forms.Textarea(attrs={"rows": 6}))


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "未评估"), ("1", "是"), ("0", "否")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )


class AssessForm(forms.Form):
    basis_sufficient = _yes_no("依据是否充分")
    needed_locally = _yes_no("基层是否需要")
    can_carry_out = _yes_no("能否有效实施")
    name = forms.CharField(label="规范名称", max_length=300, required=False)
    duty_class = forms.ChoiceField(label="类别", choices=DutyClass.choices, required=False)
    basis = forms.CharField(label="设定依据", widget=TEXT, required=False)
    lead_department = forms.ModelChoiceField(
        Department.objects.none(), label="牵头部门", required=False
    )
    return_reason = forms.CharField(label="收回理由", widget=TEXT, required=False)
    receiving_department = forms.ModelChoiceField(
        Department.objects.none(), label="承接部门", required=False
    )
    takeover = forms.CharField(label="承接方式", max_length=300, required=False)
    note = forms.CharField(label="备注", max_length=500, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, county_id, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division_id=county_id)
        self.fields["lead_department"].queryset = departments
        self.fields["receiving_department"].queryset = departments


class RoundForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        Department.objects.none(), label="征求部门(上报轮次)", required=False
    )

    def __init__(self, *args, county_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(division_id=county_id)


class OpinionForm(forms.Form):
    entry = forms.IntegerField(label="事项序号(空为整体意见)", required=False)
    agrees = forms.BooleanField(label="同意", required=False)
    proposed_class = forms.ChoiceField(label="建议类别", choices=DutyClass.choices, required=False)
    text = forms.CharField(label="意见", widget=TEXT)


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(
        label="处理结果",
        choices=[("adopted", "采纳"), ("partly", "部分采纳"), ("not_adopted", "不采纳")],
    )
    reason = forms.CharField(label="处理理由", max_length=500, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)
