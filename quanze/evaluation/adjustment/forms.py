"""Input checks of the adjustment pages (the services check again and decide)."""

from django import forms

from quanze.delegation.review.models import Mode


class StartForm(forms.Form):
    mode = forms.ChoiceField(label="赋权方式", choices=Mode.choices, initial=Mode.ENTRUSTMENT)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class CompleteForm(forms.Form):
    meeting_date = forms.DateField(
        label="常务会日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    document_number = forms.CharField(label="文号", max_length=100)
    effective_date = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    fine_return_share = forms.DecimalField(
        label="罚没款返还比例(%)", min_value=0, max_value=100, initial=0
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class BasisForm(forms.Form):
    new_basis = forms.CharField(label="新法律依据", widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(label="撤销理由", widget=forms.Textarea(attrs={"rows": 2}))


class OpenFromForm(forms.Form):
    """Open a project from an evaluation round or a law change (the changes come from it)."""

    title = forms.CharField(
        label="项目名称", max_length=200, required=False, help_text="不填:按来源自动命名"
    )
