"""Input of the guidance and guiding-case pages."""

from django import forms

from quanze.catalog.models import Field, Power
from quanze.enforcement.guidance.models import Guidance, GuidingCase

TEXT = forms.Textarea(attrs={"rows": 4})


class GuidanceForm(forms.Form):
    legal_basis = forms.CharField(label="法律依据", widget=TEXT, required=False)
    procedure = forms.CharField(label="程序要求", widget=TEXT, required=False)
    evidence = forms.CharField(label="证据要求", widget=TEXT, required=False)
    notes = forms.CharField(label="执法要点", widget=TEXT, required=False)
    publish = forms.BooleanField(label="发布(各乡镇、部门可见)", required=False)


class GuidanceFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "全部状态"), *Guidance.Status.choices])
    sort = forms.ChoiceField(
        required=False, choices=[("code", "按事项编码"), ("-updated", "按修改时间")]
    )


class GuidingCaseForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    powers = forms.ModelMultipleChoiceField(label="指导的执法事项", queryset=Power.objects.none())
    field = forms.ModelChoiceField(label="执法领域", queryset=Field.objects.all(), required=False)
    facts = forms.CharField(label="基本案情", widget=TEXT)
    decision = forms.CharField(label="处理结果", widget=TEXT, required=False)
    points = forms.CharField(label="指导要点", widget=TEXT, required=False)

    def __init__(self, *args, powers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["powers"].queryset = powers.order_by("code")


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label="评审专家", max_length=100)
    opinion = forms.CharField(label="评审意见", widget=forms.Textarea(attrs={"rows": 3}))
    recommend = forms.BooleanField(label="推荐入选", required=False)


class CaseFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(
        required=False, choices=[("", "全部状态"), *GuidingCase.Status.choices]
    )
    sort = forms.ChoiceField(
        required=False, choices=[("-collected", "按收集时间"), ("title", "按标题")]
    )
