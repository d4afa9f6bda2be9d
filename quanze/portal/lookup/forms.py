"""Input checks of 谁来管."""

from django import forms

from quanze.core.textsafety import control_chars_message


class LookupForm(forms.Form):
    text = forms.CharField(
        label="发生了什么",
        max_length=500,
        help_text="用自己的话说,例如:小区门口井盖丢了",
        error_messages={"required": "发生了什么:请填写", "max_length": "发生了什么:最多500字"},
    )
    place = forms.CharField(
        label="在哪里",
        max_length=100,
        required=False,
        help_text="乡镇(街道)、村(社区)或街路名",
        error_messages={"max_length": "在哪里:最多100字"},
    )
    county = forms.IntegerField(required=False, widget=forms.HiddenInput)
    township = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        return checked_text(self.cleaned_data["text"], "发生了什么")

    def clean_place(self):
        return checked_text(self.cleaned_data["place"], "在哪里")


def checked_text(value: str, label: str) -> str:
    message = control_chars_message(value, multiline=False)
    if message:
        raise forms.ValidationError(f"{label}:{message}")
    return value
