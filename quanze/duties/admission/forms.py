"""Forms of the admission pages: they validate input; services do the writing."""

from django import forms

from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.formparts import DATE, TEXT, county_townships


class AdmissionForm(forms.ModelForm):
    field_name = forms.CharField(label="领域", max_length=30, required=False)

    class Meta:
        model = AdmissionRequest
        fields = [
            "matter_name", "township_duty", "primary_duty", "reason", "basis", "all_townships",
            "townships", "staff", "funding", "equipment",
        ]  # fmt: skip
        widgets = {"township_duty": TEXT, "primary_duty": TEXT, "reason": TEXT, "basis": TEXT}

    def __init__(self, *args, county_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["townships"].queryset = county_townships(county_id)
        self.fields["townships"].required = False


class DecisionForm(forms.Form):
    ACTIONS = [("admit", "准予准入"), ("changes", "退回修改"), ("refuse", "不予准入")]
    action = forms.ChoiceField(label="审核决定", choices=ACTIONS)
    legality_opinion = forms.CharField(label="合法性审核意见", widget=TEXT, required=False)
    reasonableness_opinion = forms.CharField(label="合理性审核意见", widget=TEXT, required=False)
    reason = forms.CharField(label="理由", widget=TEXT, required=False)
    effective_date = forms.DateField(label="生效日期(准入时)", widget=DATE, required=False)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)
