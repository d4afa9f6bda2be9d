"""Input of the exam pages."""

from django import forms

from quanze.catalog.models import Field
from quanze.enforcement.exams.models import PASS_MARK

DATE = forms.DateInput(attrs={"type": "date"})


class SittingForm(forms.Form):
    title = forms.CharField(label="考试名称", max_length=100)
    held_on = forms.DateField(label="考试日期", widget=DATE)
    pass_mark = forms.DecimalField(
        label="合格分数线",
        min_value=0,
        max_value=100,
        decimal_places=1,
        initial=PASS_MARK,
        required=False,
        help_text="不填为60分",
    )


class RegisterForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        label="报名人员", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class ResultsForm(forms.Form):
    file = forms.FileField(label="成绩表(.xlsx 或 .csv:准考证号、姓名、成绩)")


class IssueForm(forms.Form):
    issuer = forms.CharField(label="发证机关", max_length=100, initial="山东省人民政府")
    prefix = forms.CharField(label="证号前缀", max_length=20, initial="37")
    fields = forms.ModelMultipleChoiceField(
        label="执法领域", queryset=Field.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(label="有效期自", widget=DATE)
    valid_to = forms.DateField(label="有效期至", widget=DATE)


class CandidateFilterForm(forms.Form):
    q = forms.CharField(label="姓名或准考证号", max_length=50, required=False)
    result = forms.ChoiceField(
        label="结果",
        required=False,
        choices=[
            ("", "全部"),
            ("pending", "待录入"),
            ("passed", "合格"),
            ("failed", "不合格"),
            ("absent", "缺考"),
            ("certified", "已发证"),
        ],
    )
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[("ticket", "准考证号"), ("name", "姓名"), ("-score", "成绩"), ("unit", "单位")],
    )
