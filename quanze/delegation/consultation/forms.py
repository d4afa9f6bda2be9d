"""Forms of the consultation pages: input checks only."""

from django import forms

from quanze.delegation.consultation.models import (
    ConsultationRound,
    DepartmentOpinion,
    Disposition,
    TownshipFeedback,
)
from quanze.delegation.projects.models import ItemClass
from quanze.org.models import Department, Division

DATE = forms.DateInput(attrs={"type": "date"})
BLANK = [("", "—")]


class RoundForm(forms.Form):
    classes = forms.MultipleChoiceField(
        label="征求事项(按分类)",
        choices=ItemClass.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    positions = forms.CharField(label="或指定事项序号(以逗号分隔)", required=False)
    departments = forms.ModelMultipleChoiceField(
        label="征求部门(不选则为事项所属部门)",
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    townships = forms.ModelMultipleChoiceField(
        label="征求乡镇(街道)",
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    title = forms.CharField(label="标题", max_length=200, required=False)
    due_on = forms.DateField(label="反馈截止日期", widget=DATE, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(division=project.county)
        self.fields["townships"].queryset = project.townships.all()
        self.project = project

    def clean(self):
        data = super().clean()
        positions = _positions(data.get("positions", ""))
        if positions is None:
            self.add_error("positions", "事项序号:请填写以逗号分隔的序号")
            return data
        items = self.project.items.select_related("power__department")
        if positions:
            data["items"] = list(items.filter(position__in=positions))
            missing = positions - {i.position for i in data["items"]}
            if missing:
                self.add_error("positions", f"事项序号:本项目没有序号{_join(missing)}")
        elif data.get("classes"):
            data["items"] = list(items.filter(final_class__in=data["classes"]))
        else:
            self.add_error("classes", "征求事项:请选择分类或填写事项序号")
        return data


def _positions(text: str) -> set[int] | None:
    try:
        return {int(p) for p in text.replace(",", ",").split(",") if p.strip()}
    except ValueError:
        return None


def _join(numbers) -> str:
    return "、".join(map(str, sorted(numbers)))


class OpinionForm(forms.Form):
    can_delegate = forms.ChoiceField(
        label="能否下放",
        choices=BLANK + DepartmentOpinion._meta.get_field("can_delegate").choices,
        required=False,
    )
    legal_basis = forms.CharField(
        label="法律依据", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.CharField(label="下放方式", max_length=200, required=False)
    difficulty = forms.CharField(label="承接难点", required=False)
    training = forms.CharField(label="培训指导安排", required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class FeedbackForm(forms.Form):
    willing = forms.ChoiceField(
        label="是否愿意承接",
        choices=BLANK + TownshipFeedback._meta.get_field("willing").choices,
        required=False,
    )
    reason = forms.CharField(label="理由", required=False)
    capacity = forms.ChoiceField(
        label="承接能力", choices=BLANK + TownshipFeedback.Capacity.choices, required=False
    )
    capacity_note = forms.CharField(label="能力说明", required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class DispositionForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Disposition.Outcome.choices)
    reason = forms.CharField(label="理由", max_length=1000, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput, initial=0)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="会议日期", widget=DATE)
    title = forms.CharField(label="会议名称", max_length=200)
    attendees = forms.CharField(label="参会人员", widget=forms.Textarea(attrs={"rows": 2}))
    agreed = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}))
    round = forms.ModelChoiceField(
        label="所属轮次", queryset=ConsultationRound.objects.none(), required=False
    )
    items = forms.CharField(label="涉及事项序号(以逗号分隔)", required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["round"].queryset = project.rounds.all()

    def clean_items(self):
        positions = _positions(self.cleaned_data["items"])
        if positions is None:
            raise forms.ValidationError("涉及事项序号:请填写以逗号分隔的序号")
        items = list(self.project.items.filter(position__in=positions))
        missing = positions - {i.position for i in items}
        if missing:
            raise forms.ValidationError(f"涉及事项序号:本项目没有序号{_join(missing)}")
        return items
