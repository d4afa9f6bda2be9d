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
        units = selectors.unit_choices(limit=selectors.UNIT_CHOICES_MAX)
        if units is None:  # a nation's units: only the one asked for (a link to it) is offered
            chosen = selectors.unit_choice(str(self.data.get("unit", "")))
            units = [chosen] if chosen else []
        self.fields["unit"].choices = [("", "全部单位"), *units]
        self.fields["power_type"].choices = [("", "全部类型")] + [
            (n, n) for n in selectors.type_choices()
        ]
        self.fields["field"].choices = [("", "全部领域")] + [
            (n, n) for n in selectors.field_choices()
        ]

    def clean_q(self):
        return checked_text(self.cleaned_data["q"], "事项名称或编码")
