"""Date fields render in the one format `<input type="date">` takes, in the interface
language (a browser asking for Chinese gets zh-hans, whose first input format is
2026/12/03 in Django's own locale, which the date input shows as empty)."""

from datetime import date

from django import forms
from django.utils import translation


class _Form(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_date_input_shows_an_iso_date_in_chinese():
    with translation.override("zh-hans"):
        html = str(_Form(initial={"on": date(2026, 12, 3)})["on"])
    assert 'value="2026-12-03"' in html


def test_the_chinese_spellings_are_still_read():
    with translation.override("zh-hans"):
        for text in ("2026-09-05", "2026/09/05", "2026年9月5日"):
            form = _Form({"on": text})
            assert form.is_valid(), (text, form.errors)
            assert form.cleaned_data["on"] == date(2026, 9, 5)
