"""Opening the adjustment project of a recorded law change (依据变更 for the county's own
powers, 上报建议 for the powers above it): service, page, API and command line; refusals
for the wrong role, for a county the change does not touch (nothing written) and for a
second project of the same county."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from quanze.catalog.models import Power
from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.lawchange import services
from quanze.evaluation.lawchange.tests.builders import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast):
    w = build(cast)
    w.change = services.change_record_save(
        by=cast.reviewer, act=w.act, kind="amend", articles=["42", "27"],
        effective_from=date(2027, 1, 1), document_number="国令第1号",
    )  # fmt: skip
    return w


def test_the_office_opens_its_county_project_from_the_change(w, cast):
    project = services.adjustment_open(by=cast.office, change=w.change)
    assert project.origin == f"evaluation.lawchange:{w.change.pk}"
    assert project.county == cast.county and project.title == "《城市道路管理条例》修改动态调整"
    changes = {c.power_id: c for c in project.changes.all()}
    assert set(changes) == {w.p42.pk, w.p27.pk}  # not 商河县's power
    assert {c.kind for c in changes.values()} == {ChangeKind.AMEND_BASIS}
    assert "国令第1号" in changes[w.p42.pk].facts
    assert changes[w.p42.pk].effective_from == date(2027, 1, 1)
    told = set(
        Notice.objects.filter(title__startswith="动态调整立项").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"office", "reviewer", "urban"} <= told  # townships were told of the change itself
    assert "outsider" not in told
    assert ChangeRecord.objects.filter(
        content_type__model="lawchange", object_id=w.change.pk, action="adjustment_open"
    ).exists()
    with pytest.raises(ValidationError, match="不能重复立项"):
        services.adjustment_open(by=cast.office, change=w.change)
    # another county's office opens its own county's project
    theirs = services.adjustment_open(by=cast.outsider, change=w.change)
    assert [c.power_id for c in theirs.changes.all()] == [w.foreign.pk]


def test_a_power_owned_above_the_county_is_reported_upward(w, cast):
    Power.objects.filter(pk=w.p27.pk).update(owner=cast.city)
    project = services.adjustment_open(by=cast.office, change=w.change)
    kinds = dict(project.changes.values_list("power_id", "kind"))
    assert kinds == {w.p42.pk: ChangeKind.AMEND_BASIS, w.p27.pk: ChangeKind.REPORT_UPWARD}


def test_wrong_role_and_untouched_county_are_refused_nothing_written(w, cast):
    for user in (cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        with pytest.raises(Forbidden):
            services.adjustment_open(by=user, change=w.change)
    interpretation = services.change_record_save(
        by=cast.reviewer, act=w.act, kind="interpret", articles=["3"],
        effective_from=date(2027, 2, 1),
    )  # fmt: skip
    records, notices = ChangeRecord.objects.count(), Notice.objects.count()
    with pytest.raises(ValidationError, match="未涉及本县的任何事项"):
        services.adjustment_open(by=cast.office, change=interpretation)
    assert AdjustmentProject.objects.count() == 0
    assert (ChangeRecord.objects.count(), Notice.objects.count()) == (records, notices)


def test_page_api_and_cli(client, w, cast):
    page_url = f"/evaluation/law-changes/{w.change.pk}/"
    client.force_login(cast.reviewer)
    assert client.post(f"{page_url}adjustment/", {}).status_code == 403
    client.force_login(cast.office)
    assert "据此发起动态调整" in client.get(page_url).content.decode()
    page = client.post(f"{page_url}adjustment/", {"title": "道路条例调整"}, follow=True)
    text = page.content.decode()
    assert "已发起动态调整项目「道路条例调整」,共2项调整" in text
    assert AdjustmentProject.objects.get().get_absolute_url() in text
    api = f"/api/evaluation/law-changes/{w.change.pk}/adjustment"
    again = client.post(api, {}, content_type="application/json")
    assert again.status_code == 422 and "不能重复立项" in again.json()["errors"][0]
    client.force_login(cast.outsider)
    response = client.post(api, {"title": ""}, content_type="application/json")
    assert response.status_code == 201 and response.json()["county_id"] == cast.other_county.pk
    client.force_login(cast.town_b_clerk)
    assert client.post(api, {}, content_type="application/json").status_code == 403
    AdjustmentProject.objects.all().delete()
    out = StringIO()
    call_command("legal_act", "adjust", str(w.act.pk), "--change", str(w.change.pk),
                 "--user", "office", "--title", "命令行调整", stdout=out)  # fmt: skip
    assert "「命令行调整」,共2项调整" in out.getvalue()
    with pytest.raises(CommandError, match="不能重复立项"):
        call_command("legal_act", "adjust", str(w.act.pk), "--change", str(w.change.pk),
                     "--user", "office", stdout=StringIO())  # fmt: skip
