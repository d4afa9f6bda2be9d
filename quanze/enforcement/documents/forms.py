"""Input of the document pages: a template upload."""

from django import forms


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label="模板文件(.docx)")
