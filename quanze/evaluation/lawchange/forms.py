"""Input checks of the law-change pages."""

from django import forms

from quanze.catalog.powers.citations import RANKS
from quanze.evaluation.lawchange.models import LawChange
from quanze.evaluation.lawchange.parsing import parse_article_list

DATE = forms.DateInput(attrs={"type": "date"})


class ActForm(forms.Form):
    title = forms.CharField(label="法规名称", max_length=200)
    rank = forms.ChoiceField(label="效力层级", choices=[(r, r) for r in RANKS])
    issuing_body = forms.CharField(label="制定机关", max_length=200, required=False)
    aliases = forms.CharField(label="其他名称(以、分隔)", max_length=500, required=False)
    effective_date = forms.DateField(label="现行版本施行日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    text = forms.CharField(label="条文(可粘贴全文)", widget=forms.Textarea, required=False)
    file = forms.FileField(label="或上传 .txt / .docx", required=False)


class ArticlesForm(forms.Form):
    text = forms.CharField(label="条文(粘贴全文)", widget=forms.Textarea, required=False)
    file = forms.FileField(label="或上传 .txt / .docx", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("请粘贴条文或上传文件")
        return data


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=LawChange.Kind.choices)
    articles = forms.CharField(label="涉及条文(如 23、24;废止可不填)", required=False)
    effective_from = forms.DateField(label="生效日期", widget=DATE)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    summary = forms.CharField(label="变更说明", widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    text = forms.CharField(label="修改后的全文(可选)", widget=forms.Textarea, required=False)

    def clean_articles(self):
        return parse_article_list(self.cleaned_data.get("articles", ""))


class SearchForm(forms.Form):
    act = forms.IntegerField(label="法规", required=False)
    articles = forms.CharField(label="条文(如 23、24)", required=False)
    year = forms.IntegerField(label="修订年份", required=False, min_value=1949, max_value=2100)
    kind = forms.CharField(required=False)

    def clean_articles(self):
        return parse_article_list(self.cleaned_data.get("articles", ""))
