"""The upload form of a 12345 work-order sheet."""

from django import forms


class HotlineForm(forms.Form):
    file = forms.FileField(label="12345工单文件(.xlsx 或 .csv)")
