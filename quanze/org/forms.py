"""Forms of the organisation pages: they validate input; services do the writing."""

from django import forms

from quanze.org.models import Division
from quanze.org.roles import divisions_managed


class DivisionForm(forms.Form):
    code = forms.CharField(
        label="区划代码", max_length=12, help_text="12位统计用区划代码,乡镇可填前9位"
    )
    name = forms.CharField(label="名称", max_length=100)
    level = forms.ChoiceField(
        label="层级",
        choices=[(Division.Level.TOWNSHIP, "乡镇(街道)"), (Division.Level.VILLAGE, "村(社区)")],
    )
    parent = forms.ModelChoiceField(Division.objects.none(), label="上级")
    kind = forms.ChoiceField(label="类型", choices=Division.Kind.choices, required=False)
    economically_developed = forms.BooleanField(label="经济发达镇", required=False)
    pilot = forms.BooleanField(label="试点", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Division.objects.filter(divisions_managed(user)).exclude(
            level=Division.Level.VILLAGE
        )


class DivisionEditForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=Division.Kind.choices, required=False)
    economically_developed = forms.BooleanField(label="经济发达镇", required=False)
    pilot = forms.BooleanField(label="试点", required=False)
    reason = forms.CharField(label="修改说明", max_length=500, required=False)

    FIELDS = ["name", "kind", "economically_developed", "pilot"]


class DepartmentForm(forms.Form):
    division = forms.ModelChoiceField(Division.objects.none(), label="所属区划")
    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.filter(
            divisions_managed(user), level__in=[Division.Level.COUNTY, Division.Level.TOWNSHIP]
        )


class DepartmentEditForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    reason = forms.CharField(label="修改说明", max_length=500, required=False)

    FIELDS = ["name", "short_name", "credit_code"]
