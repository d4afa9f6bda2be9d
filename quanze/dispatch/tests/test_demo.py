"""The event loop runs on `make demo` data: the demo county has a territorial list in force
today, so the matter drop-down of an event is filled and events route to departments."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quanze.catalog.demo.loader import COUNTY
from quanze.dispatch.events.selectors import county_matters
from quanze.duties.territorial.routing import version_in_force
from quanze.org.models import Division


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_county_has_a_list_in_force_and_matters_to_choose(demo):
    assert "属地管理责任清单已载入" in demo
    county = Division.objects.get(code=COUNTY[0])
    assert version_in_force(county=county, on=timezone.localdate()) is not None
    assert county_matters(county).count() >= 200
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "属地管理责任清单已存在" in again.getvalue()
