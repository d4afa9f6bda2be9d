"""The form of raising an event (page and API): it validates input; `services.event_create`
does the writing."""

from django import forms
from django.utils import timezone

from quanze.dispatch.events.models import Event
from quanze.dispatch.events.selectors import county_matters
from quanze.org.models import Division
from quanze.org.roles import is_township_clerk


class MatterPicker(forms.Select):
    """A select of matters with a search box over it (shown by script; without script it is
    the select alone). The long county list is easier to search than to scroll."""

    template_name = "dispatch/widgets/matter_picker.html"


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
    matter = forms.ModelChoiceField(
        None, label="事项(不清楚可不选,系统推荐)", required=False, widget=MatterPicker
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
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
