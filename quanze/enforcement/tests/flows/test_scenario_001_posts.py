"""Scenario 001 continued: the 19 added township posts, the 36 posts sunk from the
transport, urban and agriculture teams, and the share of enforcement staff working in
townships (≥ 60 %), read back from the staffing report and the quota changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.enforcement.scenarios import s001_posts
from quanze.enforcement.squads.models import Squad
from quanze.enforcement.staffing.models import PostKind, PostSinking, StaffingQuota
from quanze.enforcement.statistics.export import percent
from quanze.org.models import Division

pytestmark = [pytest.mark.django_db, pytest.mark.cost(60)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "001", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def figures(loaded, db):
    return s001_posts.report(Division.objects.get(name="平阴县"))


def test_19_posts_are_added_and_36_sunk_as_printed(loaded, figures):
    assert (figures["added"], figures["added_townships"]) == (19, 19)
    assert {s["department__name"]: s["n"] for s in figures["sunk"]} == {
        "平阴县交通运输局": 12, "平阴县城市管理局": 16, "平阴县农业农村局": 8,
    }  # fmt: skip
    assert "增加镇级行政编制 19 名,分配至 19 个镇(街道)" in loaded
    assert "合计 36 名" in loaded
    # the sunk posts stay within each team's approved posts, and follow into squads
    for sinking in PostSinking.objects.select_related("department"):
        quota = StaffingQuota.objects.get(
            department=sinking.department, kind=PostKind.INSTITUTIONAL
        )
        assert sinking.count <= quota.approved
    assert figures["squads"] == {"n": 12, "members": 36}
    assert Squad.objects.count() == 12


def test_the_township_share_is_the_reports_and_meets_60_percent(loaded, figures):
    report = figures["staffing"]
    assert report.in_townships == sum(t.team + t.stationed for t in report.townships)
    assert report.officers == report.in_townships + sum(
        d.officers - d.stationed for d in report.departments
    )
    assert report.township_share >= 0.6 and report.target_met
    assert f"下沉比例 {percent(report.township_share)}(目标 ≥ 60.0%:达标)" in loaded
    posts = report.posts()
    assert posts["sunk"] == 36
    assert posts["vacant"] == posts["approved"] - posts["filled"]
