"""Forms of the dispatch pages and API: they validate input; services do the writing.
The API validates its JSON with the same forms, so both say the same thing."""

from django import forms
from django.utils import timezone

from quanze.dispatch.models import Event
from quanze.org.models import Department, Division
from quanze.org.roles import is_township_clerk


class EventForm(forms.Form):
    source = forms.ChoiceField(
        label="来源",
        choices=[
            (Event.Source.TOWNSHIP, Event.Source.TOWNSHIP.label),
            (Event.Source.GRID, Event.Source.GRID.label),
            (Event.Source.WEB, Event.Source.WEB.label),
            (Event.Source.HOTLINE, Event.Source.HOTLINE.label),
        ],
    )
    township = forms.ModelChoiceField(Division.objects.none(), label="乡镇(街道)")
    village = forms.ModelChoiceField(Division.objects.none(), label="村(社区)", required=False)
    address = forms.CharField(label="详细地址", max_length=200, required=False)
    latitude = forms.DecimalField(
        label="纬度", max_digits=9, decimal_places=6, required=False, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        label="经度", max_digits=9, decimal_places=6, required=False, min_value=-180, max_value=180
    )
    occurred_at = forms.DateTimeField(
        label="发生时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reporter_name = forms.CharField(label="反映人", max_length=50, required=False)
    reporter_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    grid = forms.CharField(label="网格(网格员上报时填写)", max_length=100, required=False)
    description = forms.CharField(label="诉求内容", widget=forms.Textarea(attrs={"rows": 4}))
    matter = forms.ModelChoiceField(None, label="事项(不清楚可不选,系统推荐)", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from quanze.dispatch.suggest import county_matters

        # By ids only: the user's county is not loaded, and the chosen township comes with
        # its county (the intake uses both), so an API intake reads one division row.
        # Plain filters, no subquery: building the querysets is part of every intake.
        county_id = user.county_id
        towns = Division.objects.filter(level=Division.Level.TOWNSHIP).select_related("parent")
        villages = Division.objects.filter(level=Division.Level.VILLAGE)
        if is_township_clerk(user):
            towns = towns.filter(pk=user.township_id)
            villages = villages.filter(parent_id=user.township_id)
            self.fields["township"].initial = user.township_id
        elif county_id:
            towns = towns.filter(parent_id=county_id)
            villages = villages.filter(parent__parent_id=county_id)
        else:
            towns, villages = towns.none(), villages.none()
        self.fields["township"].queryset = towns
        self.fields["village"].queryset = villages
        self.fields["matter"].queryset = county_matters(county_id) if county_id else None
        self.fields["occurred_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.fields["township"].error_messages["invalid_choice"] = (
            "乡镇(街道)不存在或不在本单位范围内"
        )
        self.fields["village"].error_messages["invalid_choice"] = "村(社区)不存在"

    def clean(self):
        data = super().clean()
        if data.get("source") == Event.Source.GRID and not data.get("grid"):
            self.add_error("grid", "网格员上报须填写网格")
        return data


class DispatchForm(forms.Form):
    township_task = forms.CharField(
        label="要求属地乡镇(街道)配合的工作(可不填)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    reason = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    pass


class MatterForm(forms.Form):
    matter = forms.ModelChoiceField(None, label="事项")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        from quanze.dispatch.suggest import county_matters

        self.fields["matter"].queryset = county_matters(event.county)


class HandleForm(forms.Form):
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="满意度评分", coerce=int, choices=[(i, f"{i}分") for i in range(5, 0, -1)]
    )
    satisfied = forms.TypedChoiceField(
        label="是否满意",
        coerce=lambda v: v in ("1", "true", True),
        choices=[("1", "满意,确认办结"), ("0", "不满意,退回重办")],
    )
    comment = forms.CharField(
        label="评价意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(forms.Form):
    matter = forms.ModelChoiceField(None, label="引用清单事项", required=False)
    version_id = forms.IntegerField(label="引用清单版本", required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        from quanze.dispatch.suggest import county_matters

        self.fields["matter"].queryset = county_matters(event.county)
        self.fields["version_id"].initial = (event.routing or {}).get("version_id")


class WhistleForm(forms.Form):
    """Up to three summoned departments, each with its own deadline."""

    reason = forms.CharField(label="吹哨事由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division_id=event.county_id)
        default = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        for i in (1, 2, 3):
            self.fields[f"department_{i}"] = forms.ModelChoiceField(
                departments, label=f"召集部门{i}", required=(i == 1)
            )
            self.fields[f"due_{i}"] = forms.DateTimeField(
                label=f"报到时限{i}",
                required=False,
                initial=default,
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )

    def clean(self):
        data = super().clean()
        summons = []
        for i in (1, 2, 3):
            department, due = data.get(f"department_{i}"), data.get(f"due_{i}")
            if department and not due:
                self.add_error(f"due_{i}", f"请填写「{department}」的报到时限")
            elif department:
                summons.append((department, due))
        data["summons"] = summons
        return data


class HotlineForm(forms.Form):
    file = forms.FileField(label="12345工单文件(.xlsx 或 .csv)")


class PeriodForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "截止日期不能早于起始日期")
        return data
