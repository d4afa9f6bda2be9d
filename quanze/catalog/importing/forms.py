"""The upload form of an import."""

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 或 CSV 文件")
    create_departments = forms.BooleanField(label="自动新建部门", required=False)
