"""Form pieces the duties processes' pages share: widgets, a county's townships, and the
form that publishes a version of either kind of list."""

from django import forms

from quanze.org.models import Division

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


def county_townships(county_id):
    return Division.objects.filter(parent_id=county_id, level=Division.Level.TOWNSHIP)


class PublishForm(forms.Form):
    effective_date = forms.DateField(label="生效日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)
