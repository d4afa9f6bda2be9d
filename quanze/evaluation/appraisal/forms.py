"""Input of the appraisal pages (the API validates through the same forms)."""

from django import forms

from quanze.evaluation.appraisal.facts import FACTS
from quanze.evaluation.appraisal.models import AppraisalRound, Criterion, Direction

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.ModelForm):
    class Meta:
        model = AppraisalRound
        fields = [
            "name",
            "period_start",
            "period_end",
            "due_on",
            "township_weight",
            "anonymous",
            "threshold",
        ]
        widgets = {"period_start": DATE, "period_end": DATE, "due_on": DATE}
        help_texts = {
            "township_weight": "部门总分中乡镇评价所占比例,其余为部门履职数据指标(50–100)",
            "threshold": "匿名评价时,部门有低于此分的评分即不显示任何评分来自哪个乡镇",
        }

    def validate_constraints(self, exclude=None):
        """The service checks the constraints, with the field named in Chinese."""


class CriterionForm(forms.Form):
    direction = forms.ChoiceField(label="评价方向", choices=Direction.choices)
    name = forms.CharField(label="指标名称", max_length=100)
    fact = forms.ChoiceField(
        label="数据指标(空为表单评分)",
        required=False,
        choices=[("", "表单评分")] + [(k, f.label) for k, f in FACTS.items()],
    )
    power = forms.ChoiceField(
        label="五项权力", required=False, choices=[("", "—"), *Criterion.Power.choices]
    )
    weight = forms.DecimalField(label="权重", max_digits=5, decimal_places=2)


STATUS_FILTER = [("", "全部状态"), *AppraisalRound.Status.choices]
