"""Forms of the organisation pages: they validate input; services do the writing."""

from django import forms

from quanze.org.models import Division
from quanze.org.roles import divisions_managed

CONTACT = ["contact_phone", "contact_address", "office_hours", "website"]


def contact_fields() -> dict:
    """The contact fields shown on the portal (咨询电话, 办公地址, 办公时间, 网站)."""
    return {
        "contact_phone": forms.CharField(
            label="咨询电话", max_length=60, required=False, help_text="向公众公开"
        ),
        "contact_address": forms.CharField(label="办公地址", max_length=200, required=False),
        "office_hours": forms.CharField(
            label="办公时间", max_length=100, required=False, help_text="如:工作日 9:00-17:00"
        ),
        "website": forms.CharField(
            label="网站", max_length=200, required=False, help_text="以 http:// 或 https:// 开头"
        ),
    }


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
    publish_exercise_figures = forms.BooleanField(
        label="在公开门户的事项页公开本县乡镇的行权数据(行权率、案件数)",
        required=False,
        help_text="仅县(市、区)适用;默认不公开",
    )
    reason = forms.CharField(label="修改说明", max_length=500, required=False)

    FIELDS = [
        "name",
        "kind",
        "economically_developed",
        "pilot",
        "publish_exercise_figures",
        *CONTACT,
    ]

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in contact_fields().items():
            self.fields[name] = field
        self.order_fields([*self.FIELDS, "reason"])
        if division.level != Division.Level.COUNTY:
            del self.fields["publish_exercise_figures"]
        self.FIELDS = [name for name in self.FIELDS if name in self.fields]


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

    FIELDS = ["name", "short_name", "credit_code", *CONTACT]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in contact_fields().items():
            self.fields[name] = field
        self.order_fields([*self.FIELDS, "reason"])
