"""Forms of the assessment pages: input checks only."""

from django import forms

from quanze.delegation.projects.models import AssessmentCriterion, ItemClass


class AssessmentForm(forms.Form):
    difficulty = forms.DecimalField(
        label="难度指数(无评分项时直接填写)", min_value=0, max_value=5, required=False
    )
    necessity = forms.DecimalField(
        label="必要性(无评分项时直接填写)", min_value=0, max_value=5, required=False
    )
    technical = forms.BooleanField(label="专业技术性强", required=False)
    technical_reason = forms.CharField(label="理由", max_length=500, required=False)
    dispute_prone = forms.BooleanField(label="易引起矛盾纠纷", required=False)
    dispute_prone_reason = forms.CharField(label="理由", max_length=500, required=False)
    risk_shifting = forms.BooleanField(label="易转移风险", required=False)
    risk_shifting_reason = forms.CharField(label="理由", max_length=500, required=False)
    final_class = forms.ChoiceField(
        label="分类", choices=[("", "按规则建议")] + ItemClass.choices, required=False
    )
    override_reason = forms.CharField(label="调整分类理由", max_length=500, required=False)
    note = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"score_{c.pk}"] = forms.DecimalField(
                label=f"{c.get_axis_display()}·{c.name}(权重{c.weight})",
                min_value=0,
                max_value=5,
                required=False,
                help_text=c.guidance,
            )

    def scores(self) -> dict:
        return {
            int(k.removeprefix("score_")): v
            for k, v in self.cleaned_data.items()
            if k.startswith("score_") and v is not None
        }

    def flags(self) -> dict:
        d = self.cleaned_data
        return {
            n: d[f"{n}_reason"] for n in ("technical", "dispute_prone", "risk_shifting") if d[n]
        }


class RuleForm(forms.Form):
    flags_exclude = forms.BooleanField(label="触及“三不放”即不建议承接", required=False)
    not_recommended_below = forms.DecimalField(
        label="必要性低于此值不建议承接", min_value=0, max_value=5
    )
    batch1_min_necessity = forms.DecimalField(label="第一批:必要性不低于", min_value=0, max_value=5)
    batch1_max_difficulty = forms.DecimalField(
        label="第一批:难度指数不高于", min_value=0, max_value=5
    )
    batch2_min_necessity = forms.DecimalField(label="第二批:必要性不低于", min_value=0, max_value=5)
    batch2_max_difficulty = forms.DecimalField(
        label="第二批:难度指数不高于", min_value=0, max_value=5
    )
    reason = forms.CharField(label="调整理由", max_length=500, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class CriterionForm(forms.Form):
    axis = forms.ChoiceField(label="指标", choices=AssessmentCriterion.Axis.choices)
    name = forms.CharField(label="评分项", max_length=100)
    weight = forms.DecimalField(label="权重", min_value=0.01, max_value=999)
    guidance = forms.CharField(label="评分说明", required=False)


class BulkAssessmentForm(forms.Form):
    """The bar above the assessment list: what the ticked items all get (empty: unchanged)."""

    difficulty = forms.DecimalField(
        label="难度指数", min_value=0, max_value=5, decimal_places=2, required=False
    )
    necessity = forms.DecimalField(
        label="必要性", min_value=0, max_value=5, decimal_places=2, required=False
    )
    final_class = forms.ChoiceField(
        label="分类", choices=[("", "不改变")] + ItemClass.choices, required=False
    )
    override_reason = forms.CharField(label="调整分类理由", max_length=500, required=False)

    @staticmethod
    def versions(picks) -> dict[int, int]:
        """The ticked boxes, "id:row_version" each."""
        found = {}
        for value in picks:
            pk, _, version = value.partition(":")
            if pk.isdigit() and version.isdigit():
                found[int(pk)] = int(version)
        return found
