"""Forms of the territorial list pages: they validate input; services do the writing."""

from django import forms

from quanze.duties.formparts import DATE, TEXT, county_townships
from quanze.duties.territorial.models import ResponsibilityItem
from quanze.org.models import Department, Division


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
    township_primary = forms.BooleanField(
        label="乡镇(街道)承担主体责任(属地自办,主体责任部门业务指导)", required=False
    )
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
