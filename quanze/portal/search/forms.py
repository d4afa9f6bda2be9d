"""Input checks of the public search."""

from django import forms

from quanze.portal.lookup.forms import checked_text
from quanze.portal.search import selectors


class SearchForm(forms.Form):
    q = forms.CharField(
        label="事项名称或编码",
        max_length=50,
        required=False,
        error_messages={"max_length": "事项名称或编码:最多50字"},
    )
    unit = forms.ChoiceField(label="单位", required=False)
    power_type = forms.ChoiceField(label="职权类型", required=False)
    field = forms.ChoiceField(label="领域", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_matches: list[tuple[str, str]] = []  # several units named: the choices
        units = selectors.unit_choices(limit=selectors.UNIT_CHOICES_MAX)
        if units is None:  # a nation's units: the one asked for, and a name to find one by
            chosen = selectors.unit_choice(str(self.data.get("unit", "")))
            units = [chosen] if chosen else []
            self.fields["unit_name"] = forms.CharField(
                label="单位名称",
                max_length=50,
                required=False,
                help_text="如:城关镇、市场监督管理局",
                error_messages={"max_length": "单位名称:最多50字"},
            )
        self.fields["unit"].choices = [("", "全部单位"), *units]
        self.fields["power_type"].choices = [("", "全部类型")] + [
            (n, n) for n in selectors.type_choices()
        ]
        self.fields["field"].choices = [("", "全部领域")] + [
            (n, n) for n in selectors.field_choices()
        ]

    def clean_q(self):
        return checked_text(self.cleaned_data["q"], "事项名称或编码")

    def clean_unit_name(self):
        return checked_text(self.cleaned_data["unit_name"], "单位名称")

    def clean(self):
        """A unit name (past the limit) resolved to its unit: one match filters by it,
        several are offered (`unit_matches`, no search is run), none or too many are an
        error of the field."""
        data = super().clean()
        name = data.get("unit_name")
        if not name:
            return data
        found = selectors.units_named(name, limit=selectors.UNITS_NAMED_MAX)
        if not found:
            self.add_error("unit_name", f"单位名称:未找到名称包含“{name}”的单位")
        elif len(found) > selectors.UNITS_NAMED_MAX:
            self.add_error("unit_name", f"单位名称:名称包含“{name}”的单位过多,请输入更完整的名称")
        elif len(found) == 1:
            data["unit"] = found[0][0]
        else:
            self.unit_matches = found
        return data
