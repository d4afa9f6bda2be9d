"""Forms of the duties pages: they validate input; services do the writing."""

from django import forms

from quanze.duties.models import AdmissionRequest, ResponsibilityItem
from quanze.duties.models.dutylist import DutyClass
from quanze.org.models import Department, Division

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


def county_townships(county_id):
    return Division.objects.filter(parent_id=county_id, level=Division.Level.TOWNSHIP)


class PublishForm(forms.Form):
    effective_date = forms.DateField(label="生效日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="清单文件(.xlsx 或 .csv)")
    replace = forms.BooleanField(label="替换草稿中的全部事项", required=False, initial=True)


class ItemForm(forms.Form):
    matter_name = forms.CharField(label="事项名称", max_length=200)
    field_name = forms.CharField(label="领域", max_length=30, required=False)
    synonyms = forms.CharField(label="同义词与关键词", max_length=500, required=False)
    primary_department = forms.ModelChoiceField(Department.objects.none(), label="主体责任部门")
    primary_duty = forms.CharField(label="主体责任", widget=TEXT, required=False)
    township_scope = forms.ChoiceField(
        label="配合乡镇(街道)", choices=ResponsibilityItem.Scope.choices
    )
    townships = forms.ModelMultipleChoiceField(
        Division.objects.none(), label="指定乡镇(街道)", required=False
    )
    township_duty = forms.CharField(label="配合责任", widget=TEXT, required=False)
    fallback_department = forms.ModelChoiceField(
        Department.objects.none(), label="兜底牵头部门", required=False
    )
    basis = forms.CharField(label="依据", widget=TEXT, required=False)
    accept_hours = forms.IntegerField(label="响应时限(小时)", min_value=1, initial=24)
    handle_days = forms.IntegerField(label="办结时限(天)", min_value=1, initial=5)
    steps = forms.CharField(
        label="说明书(每行一步:单位:工作内容(N小时))", widget=TEXT, required=False
    )

    def __init__(self, *args, county_id, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division_id=county_id)
        self.fields["primary_department"].queryset = departments
        self.fields["fallback_department"].queryset = departments
        self.fields["townships"].queryset = county_townships(county_id)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="会议日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=200, required=False)
    attendees = forms.CharField(label="参会单位与人员", widget=TEXT, required=False)
    note = forms.CharField(label="会议纪要", widget=TEXT, required=False)
    confirmations = forms.CharField(
        label="认领情况(每行:单位:事项1、事项2,或 单位:全部)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class LookupForm(forms.Form):
    county = forms.ModelChoiceField(
        Division.objects.filter(level=Division.Level.COUNTY, responsibility_list__isnull=False),
        label="县(市、区)",
    )
    q = forms.CharField(label="事项或关键词", max_length=50, required=False)
    township = forms.ModelChoiceField(
        Division.objects.filter(level=Division.Level.TOWNSHIP), label="乡镇(街道)", required=False
    )
    on = forms.DateField(label="日期", widget=DATE, required=False)


class AdmissionForm(forms.ModelForm):
    field_name = forms.CharField(label="领域", max_length=30, required=False)

    class Meta:
        model = AdmissionRequest
        fields = [
            "matter_name", "township_duty", "primary_duty", "reason", "basis", "all_townships",
            "townships", "staff", "funding", "equipment",
        ]  # fmt: skip
        widgets = {"township_duty": TEXT, "primary_duty": TEXT, "reason": TEXT, "basis": TEXT}

    def __init__(self, *args, county_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["townships"].queryset = county_townships(county_id)
        self.fields["townships"].required = False


class DecisionForm(forms.Form):
    ACTIONS = [("admit", "准予准入"), ("changes", "退回修改"), ("refuse", "不予准入")]
    action = forms.ChoiceField(label="审核决定", choices=ACTIONS)
    legality_opinion = forms.CharField(label="合法性审核意见", widget=TEXT, required=False)
    reasonableness_opinion = forms.CharField(label="合理性审核意见", widget=TEXT, required=False)
    reason = forms.CharField(label="理由", widget=TEXT, required=False)
    effective_date = forms.DateField(label="生效日期(准入时)", widget=DATE, required=False)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


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
