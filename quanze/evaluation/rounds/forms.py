"""Input checks of the round pages (Chinese errors naming the field)."""

from django import forms

from quanze.evaluation.rounds.definitions import (
    BY_KEY,
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    THRESHOLDS,
    WEIGHTED,
)
from quanze.evaluation.rounds.models import Opinion

LEVELS = [(n, str(n)) for n in range(1, 6)]


class RoundForm(forms.Form):
    title = forms.CharField(label="评估名称", max_length=200)
    start = forms.DateField(label="评估期自", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="评估期至", widget=forms.DateInput(attrs={"type": "date"}))
    townships = forms.ModelMultipleChoiceField(
        label="评估乡镇(街道)", queryset=None, required=False, help_text="不选:本县全部乡镇(街道)"
    )
    powers = forms.ModelMultipleChoiceField(
        label="评估事项", queryset=None, required=False, help_text="不选:乡镇承接的全部事项"
    )

    def __init__(self, *args, townships, powers, initial_round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["townships"].queryset = townships
        self.fields["powers"].queryset = powers
        weights = (initial_round.weights if initial_round else None) or DEFAULT_WEIGHTS
        thresholds = (initial_round.thresholds if initial_round else None) or DEFAULT_THRESHOLDS
        for key in WEIGHTED:
            self.fields[f"w_{key}"] = forms.IntegerField(
                label=f"权重:{BY_KEY[key].name}", min_value=0, max_value=100, initial=weights[key]
            )
        for name, label, _default, low, high in THRESHOLDS:
            self.fields[f"t_{name}"] = forms.IntegerField(
                label=label, min_value=low, max_value=high, initial=thresholds[name]
            )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "评估期至:不能早于评估期自")
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "start": d["start"],
            "end": d["end"],
            "townships": list(d["townships"]),
            "powers": list(d["powers"]),
            "weights": {key: d[f"w_{key}"] for key in WEIGHTED},
            "thresholds": {name: d[f"t_{name}"] for name, *_ in THRESHOLDS},
        }


class AssessmentForm(forms.Form):
    power = forms.ModelChoiceField(label="事项", queryset=None)
    staff = forms.IntegerField(label="承办人员数", min_value=0, max_value=1000, initial=1)
    equipment = forms.TypedChoiceField(
        label="装备条件(1差-5好)", choices=LEVELS, coerce=int, initial=3
    )
    difficulty = forms.TypedChoiceField(
        label="承接难度(1易-5难)", choices=LEVELS, coerce=int, initial=3
    )
    need = forms.TypedChoiceField(
        label="基层需要程度(1低-5高)", choices=LEVELS, coerce=int, initial=3
    )
    ask_return = forms.BooleanField(label="申请退回县级", required=False)
    ask_add = forms.BooleanField(label="申请新增赋权(本乡镇未承接的事项)", required=False)
    note = forms.CharField(
        label="说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, powers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = powers


class OpinionForm(forms.Form):
    power = forms.ModelChoiceField(label="事项", queryset=None)
    rating = forms.TypedChoiceField(
        label="乡镇承接效果评价(1差-5好)", choices=LEVELS, coerce=int, initial=3
    )
    suggestion = forms.ChoiceField(label="处理意见", choices=Opinion.Suggestion.choices)
    note = forms.CharField(
        label="说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, powers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = powers


class RatingForm(forms.Form):
    township = forms.ModelChoiceField(label="乡镇(街道)", queryset=None)
    power = forms.ModelChoiceField(label="事项", queryset=None)
    score = forms.DecimalField(
        label="满意度得分(0-100)", min_value=0, max_value=100, decimal_places=2
    )
    respondents = forms.IntegerField(label="参评人数", min_value=1)

    def __init__(self, *args, townships, powers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships
        self.fields["power"].queryset = powers


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="审定", choices=[("1", "采纳"), ("0", "不采纳")], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label="审定意见", max_length=500)


class RatingsImportForm(forms.Form):
    file = forms.FileField(
        label="群众评价表(.xlsx 或 .csv:乡镇(街道)、事项编码、满意度得分、参评人数)"
    )
