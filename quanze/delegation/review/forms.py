"""Forms of the review pages: input checks only."""

from django import forms

from quanze.delegation.projects.models import ItemClass
from quanze.delegation.review.models import LegalityReview, Mode


class BatchForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    mode = forms.ChoiceField(label="赋权方式", choices=Mode.choices)
    item_class = forms.ChoiceField(
        label="列入事项",
        choices=[
            (ItemClass.BATCH1, "全部第一批承接事项"),
            (ItemClass.BATCH2, "全部第二批承接事项"),
        ],
    )


class ReviewForm(forms.Form):
    mode = forms.ChoiceField(label="赋权方式", choices=Mode.choices)
    legal_route = forms.CharField(
        label="法律路径",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="通过或附条件通过时必填;不通过时可不填,理由写在审核意见中",
    )
    conditions = forms.CharField(
        label="条件", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    verdict = forms.ChoiceField(label="审核结论", choices=LegalityReview.Verdict.choices)
    comment = forms.CharField(
        label="审核意见", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, initial=0)


class RemoveItemForm(forms.Form):
    reason = forms.CharField(label="移出理由", max_length=1000)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
