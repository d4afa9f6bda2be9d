"""Forms of the approval stage: validate input, nothing else."""

from django import forms

from quanze.delegation.review.models import Mode


class DecisionForm(forms.Form):
    meeting_date = forms.DateField(
        label="常务会日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    document_number = forms.CharField(label="文号", max_length=100)
    mode = forms.ChoiceField(label="赋权方式", choices=Mode.choices)
    effective_date = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    fine_return_share = forms.DecimalField(
        label="罚没款返还比例(%)", min_value=0, max_value=100, decimal_places=2, initial=80
    )
    items = forms.ModelMultipleChoiceField(
        label="决定事项", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    townships = forms.ModelMultipleChoiceField(
        label="承接乡镇(街道)", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        items = batch.items.select_related("item__power").order_by("position")
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda bi: f"{bi.position}. {bi.item.power}"
        self.fields["townships"].queryset = batch.project.townships.order_by("code")
        if not self.is_bound:
            self.initial.update(
                mode=batch.mode,
                items=list(items),
                townships=list(self.fields["townships"].queryset),
            )
