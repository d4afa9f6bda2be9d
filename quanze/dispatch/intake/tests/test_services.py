"""Raising an event: bad places are refused, naming the field; nothing is written."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.dispatch.events.models import Event
from quanze.dispatch.intake import services
from quanze.testing import factories as f


def test_it_refuses_an_event_for_a_place_that_does_not_exist(cast, matters):
    village = f.DivisionFactory(
        code="370124100001", name="王庄村", level="village", parent=cast.town_b
    )
    with pytest.raises(ValidationError) as caught:
        services.event_create(
            by=cast.office,
            source=Event.Source.WEB,
            description="路灯不亮",
            occurred_at=timezone.now(),
            township=cast.town_a,
            village=village,
        )
    assert "村(社区):「王庄村」不属于「锦水街道」" in str(caught.value)
    with pytest.raises(ValidationError, match="乡镇\\(街道\\):不能为空"):
        services.event_create(
            by=cast.office,
            source=Event.Source.WEB,
            description="路灯不亮",
            occurred_at=timezone.now(),
            township=None,
        )
    with pytest.raises(Forbidden):
        services.event_create(
            by=cast.town_a_clerk,
            source=Event.Source.TOWNSHIP,
            description="路灯不亮",
            occurred_at=timezone.now(),
            township=cast.town_b,
        )
    assert not Event.objects.exists()
