"""Input of the training pages."""

from django import forms

from quanze.enforcement.training.services import MENU

DATE = forms.DateInput(attrs={"type": "date"})


class LecturerForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    organisation = forms.CharField(label="工作单位", max_length=100)
    topics = forms.CharField(label="擅长领域", max_length=200, required=False)


class CourseForm(forms.Form):
    title = forms.CharField(label="课程名称", max_length=100)
    held_on = forms.DateField(label="培训日期", widget=DATE)
    hours = forms.DecimalField(label="学时", min_value=0.5, max_value=200, decimal_places=1)
    lecturer = forms.ModelChoiceField(label="讲师", queryset=None, required=False)
    place = forms.CharField(label="地点", max_length=100, required=False)
    request = forms.ModelChoiceField(label="对应的培训需求", queryset=None, required=False)

    def __init__(self, *args, lecturers, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = lecturers
        self.fields["request"].queryset = requests


class AttendanceForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        label="参训人员", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    hours = forms.DecimalField(
        label="计入学时(不填为课程学时)",
        min_value=0.5,
        max_value=200,
        decimal_places=1,
        required=False,
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class RequestForm(forms.Form):
    topic = forms.ChoiceField(label="选学专题", choices=[(m, m) for m in MENU])
    wanted_on = forms.DateField(label="希望日期", widget=DATE, required=False)
    attendees = forms.IntegerField(label="预计人数", min_value=1, max_value=1000, initial=10)
    notes = forms.CharField(label="具体需求", max_length=500, required=False)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="答复",
        choices=[("1", "同意安排"), ("0", "不予安排")],
        coerce=lambda v: v == "1",
    )
    answer = forms.CharField(label="答复内容", max_length=500)


class ReportForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)
