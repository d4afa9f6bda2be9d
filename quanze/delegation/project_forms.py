"""Forms of the project, assessment, consultation and review pages: input checks only."""

from django import forms

from quanze.catalog.models import CatalogVersion
from quanze.delegation.models import (
    AssessmentCriterion,
    ConsultationRound,
    DepartmentOpinion,
    Disposition,
    ItemClass,
    LegalityReview,
    Mode,
    TownshipFeedback,
)
from quanze.org.models import Department, Division
from quanze.org.roles import code_prefix

DATE = forms.DateInput(attrs={"type": "date"})
BLANK = [("", "—")]


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=200)
    catalog_version = forms.ModelChoiceField(
        label="目录版本", queryset=CatalogVersion.objects.none()
    )
    townships = forms.ModelMultipleChoiceField(
        label="涉及乡镇(街道)",
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    started_on = forms.DateField(label="开始日期", widget=DATE)
    due_on = forms.DateField(label="计划完成日期", widget=DATE, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        prefix = code_prefix(county)
        self.fields["catalog_version"].queryset = CatalogVersion.objects.filter(
            catalog__owner__code__startswith=prefix, status=CatalogVersion.Status.PUBLISHED
        ).select_related("catalog")
        self.fields["townships"].queryset = Division.objects.filter(
            code__startswith=prefix, level=Division.Level.TOWNSHIP
        )


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
    legal_route = forms.CharField(label="法律路径", widget=forms.Textarea(attrs={"rows": 3}))
    conditions = forms.CharField(
        label="条件", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    verdict = forms.ChoiceField(label="审核结论", choices=LegalityReview.Verdict.choices)
    comment = forms.CharField(
        label="审核意见", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, initial=0)
