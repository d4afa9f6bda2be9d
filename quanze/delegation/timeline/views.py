"""The item timeline page: one power in one township."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quanze.core.views import domain_errors
from quanze.delegation.timeline.selectors import current_standing, item_timeline
from quanze.org.models import Division


class TownshipPick(forms.Form):
    township = forms.ModelChoiceField(label="乡镇(街道)", queryset=Division.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns = Division.objects.filter(level=Division.Level.TOWNSHIP)
        if user.township_id:
            towns = towns.filter(pk=user.township_id)
        else:
            towns = towns.filter(parent_id=user.county_id)
        self.fields["township"].queryset = towns.order_by("code")


@login_required
@domain_errors
def timeline(request, power, township):
    power, town, moments = item_timeline(request.user, power_id=power, township_id=township)
    return render(
        request,
        "delegation/timeline.html",
        {
            "power": power,
            "township": town,
            "moments": moments,
            "standing": current_standing(moments),
            "pick": TownshipPick(initial={"township": town.pk}, user=request.user),
        },
    )
