"""The citizen's request form and the rating form: input checks only; the services do
the writing (and the checks every channel shares)."""

from django import forms

from quanze.portal.requests.selectors import public_counties, public_matters, township_choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern); the service checks
    their number, size and type."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class MatterPicker(forms.Select):
    """The category (matter) picker: a plain <select> grouped by field, which works without
    script and with the keyboard; each option carries the matter's synonyms, and a labelled
    search box (shown by static/portal/picker.js) narrows the options to those whose name or
    synonyms hold every word typed."""

    template_name = "portal/widgets/matter_picker.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keywords: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if words := self.keywords.get(str(value)):
            option["attrs"]["data-keywords"] = words
        return option


def matter_choices(counties) -> tuple[list, dict[str, str]]:
    """The matters of each county's list in force, grouped by field (and by county when
    several publish), and each matter's synonyms by value."""
    counties = list(counties)
    groups: dict[str, list] = {}
    keywords = {}
    for county in counties:
        for matter in public_matters(county).order_by("field__name", "name"):
            field = matter.field.name if matter.field_id else "其他"
            label = f"{county.name} · {field}" if len(counties) > 1 else field
            groups.setdefault(label, []).append((str(matter.pk), matter.name))
            if matter.synonyms:
                keywords[str(matter.pk)] = matter.synonyms
    return [("", "不清楚(由工作人员判断)"), *groups.items()], keywords


class RequestForm(forms.Form):
    county = forms.ModelChoiceField(None, label="县(市、区)", empty_label=None)
    township = forms.ModelChoiceField(
        None, label="乡镇(街道)", required=False, empty_label="不清楚(按下面的地点判断)"
    )
    place = forms.CharField(
        label="地点(村、社区、街道或地标)",
        max_length=200,
        required=False,
        help_text="例如:锦水街道人民路、某村。选了乡镇(街道)时可写详细位置",
    )
    category = forms.ChoiceField(
        label="诉求类别(选填)",
        required=False,
        widget=MatterPicker,
        help_text="不清楚可以不选,工作人员会按诉求内容判断",
    )
    description = forms.CharField(
        label="诉求内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    photos = MultipleFileField(
        label="照片(JPG或PNG,最多3张,每张不超过5MB)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    name = forms.CharField(label="姓名(选填,不公开)", max_length=50, required=False)
    phone = forms.CharField(label="联系电话(选填,不公开)", max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counties = public_counties()
        self.fields["county"].queryset = counties
        self.fields["township"].queryset = township_choices(counties).select_related("parent")
        self.fields["township"].label_from_instance = lambda t: f"{t.parent.name} {t.name}"
        self.fields["township"].error_messages["invalid_choice"] = "乡镇(街道)不存在"
        self.fields["county"].error_messages["invalid_choice"] = "县(市、区)不存在"
        choices, keywords = matter_choices(counties)
        self.fields["category"].choices = choices
        self.fields["category"].widget.keywords = keywords
        self.fields["category"].error_messages["invalid_choice"] = "诉求类别:请从列表中选择"


class RatingForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    rating = forms.TypedChoiceField(
        label="评分",
        coerce=int,
        choices=[
            (5, "5 非常满意"),
            (4, "4 满意"),
            (3, "3 基本满意"),
            (2, "2 不满意"),
            (1, "1 非常不满意"),
        ],
    )
    satisfied = forms.TypedChoiceField(
        label="问题是否已解决",
        coerce=lambda v: v == "yes",
        choices=[("yes", "已解决,满意"), ("no", "未解决,请重新办理")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="评价意见(选填)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
