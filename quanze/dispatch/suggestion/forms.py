from django import forms

from quanze.dispatch.events.selectors import county_matters


class VocabularyForm(forms.Form):
    words = forms.CharField(
        label="群众说法", max_length=100, help_text="如「叫卖」「小摊」,可空格分隔多个"
    )
    matter = forms.ModelChoiceField(label="对应事项", queryset=None)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = county_matters(county)
