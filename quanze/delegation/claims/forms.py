"""Forms of the claim stage. The claim sheet itself is read from the POST by `sheet_choices`."""

from django import forms
from django.core.exceptions import ValidationError

from quanze.catalog.models import CatalogVersion
from quanze.delegation.claims.services import Choice
from quanze.org.models import Division

ANSWERS = {"yes": True, "no": False, "": None}


class WindowForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    catalog_version = forms.ModelChoiceField(label="目录版本", queryset=None)
    deadline = forms.DateTimeField(
        label="认领截止时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    townships = forms.ModelMultipleChoiceField(
        label="认领乡镇(街道)", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        from quanze.catalog.catalogs.selectors import versions_readable

        super().__init__(*args, **kwargs)
        self.fields["catalog_version"].queryset = (
            versions_readable(user)
            .filter(status=CatalogVersion.Status.PUBLISHED, catalog__kind="guiding")
            .select_related("catalog")
        )
        towns = Division.objects.filter(parent_id=user.county_id, level=Division.Level.TOWNSHIP)
        self.fields["townships"].queryset = towns.order_by("code")
        if not self.is_bound:
            self.initial["townships"] = list(towns)


def sheet_choices(data, claim_ids) -> tuple[dict[int, Choice], dict[int, int]]:
    """Answers and seen row versions posted by the claim sheet, for these claim ids."""
    choices, versions = {}, {}
    for pk in claim_ids:
        if f"v_{pk}" not in data:
            continue
        try:
            versions[pk] = int(data[f"v_{pk}"])
        except ValueError:
            raise ValidationError("表单已损坏,请刷新后重新填写") from None
        answer = data.get(f"claimed_{pk}", "")
        if answer not in ANSWERS:
            raise ValidationError("认领:只能选择认领或不认领")
        choices[pk] = Choice(ANSWERS[answer], data.get(f"reason_{pk}", ""))
    return choices, versions


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核", choices=[("accept", "确认"), ("return", "退回修改")])
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(forms.Form):
    """The office extends the claim deadline of one township, or of all (left empty)."""

    township = forms.ModelChoiceField(
        label="乡镇(街道)", queryset=None, required=False, empty_label="全部乡镇(街道)"
    )
    deadline = forms.DateTimeField(
        label="新的截止时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(
        label="延期理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, window, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = window.townships.order_by("code")
