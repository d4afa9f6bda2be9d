from io import StringIO

import pytest
from django.core.management import call_command

from quanze.duties.dutylists.report import duty_report
from quanze.duties.models import DutyRound, DutyVersion
from quanze.org.models import Division

pytestmark = pytest.mark.cost(50)


def test_five_pilot_lists_average_133_82_112_and_3_4(db):
    out = StringIO()
    call_command("scenario", "004", stdout=out)
    county = Division.objects.get(name="平阴县")
    report = duty_report(county=county, pilot_only=True)
    assert len(report.townships) == 5
    assert report.averages == {"basic": 133, "cooperating": 82, "returned": 112, "new": 3.4}
    assert "平均:基本权责 133,配合权责 82,收回上级事项 112,新增赋权事项 3.4" in out.getvalue()
    for _township, version, _counts in report.townships:
        rounds = list(version.rounds.values_list("direction", flat=True))
        assert rounds == ["up", "down"] * 3
        assert not version.rounds.filter(opinions__disposition="").exists()
    assert DutyRound.objects.filter(state="open").count() == 0


def test_returned_items_name_reason_receiver_and_takeover(db):
    call_command("scenario", "004", stdout=StringIO())
    call_command("scenario", "004", stdout=StringIO())  # a second run adds nothing
    assert DutyVersion.objects.count() == 5
    version = DutyVersion.objects.first()
    returned = version.entries.filter(duty_class="returned")
    assert returned.exists()
    assert not returned.filter(receiving_department__isnull=True).exists()
    assert not returned.filter(return_reason="").exists()
    assert not returned.filter(takeover="").exists()
    assert not version.entries.filter(duty_class="new", power__isnull=True).exists()
