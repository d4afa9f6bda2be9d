"""Opening the adjustment project (动态调整立项) of a round's accepted proposals: service,
page, API and command line; refusals for the wrong role or county, for a round without
accepted changes (nothing written) and for a second project."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds import services
from quanze.evaluation.rounds.models import Proposal, Round

pytestmark = pytest.mark.django_db
Accepted, Rejected = Proposal.Status.ACCEPTED, Proposal.Status.REJECTED


def _round(w, *proposals):
    """A computed round of the world's county with the given (kind, status) proposals."""
    found = services.round_create(
        by=w.cast.office, title="2025年度评估", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    Round.objects.filter(pk=found.pk).update(status=Round.Status.COMPUTED)
    for kind, status in proposals:
        Proposal.objects.create(
            round=found, kind=kind, power=w.urban_power, reason="理由", facts="行权率 0%",
            status=status,
        )  # fmt: skip
    return Round.objects.get(pk=found.pk)


@pytest.fixture
def accepted(world):
    world.round = _round(
        world,
        (ChangeKind.REPORT_UPWARD, Accepted),
        (ChangeKind.KEEP, Accepted),
        (ChangeKind.RETURN, Rejected),
    )
    return world


def test_the_office_opens_a_project_of_the_accepted_changes(accepted):
    w, office = accepted, accepted.cast.office
    project = services.adjustment_open(by=office, round_=w.round)
    assert project.origin == f"evaluation.round:{w.round.pk}"
    assert project.title == "2025年度评估动态调整" and project.county == w.cast.county
    [change] = project.changes.all()  # keep and rejected proposals left out
    assert change.kind == ChangeKind.REPORT_UPWARD and change.source.startswith("evaluation.")
    assert ChangeRecord.objects.filter(
        content_type__model="round", object_id=w.round.pk, action="adjustment_open"
    ).exists()
    told = set(
        Notice.objects.filter(title__startswith="动态调整立项").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"office", "reviewer", "urban"} <= told and "outsider" not in told
    with pytest.raises(ValidationError, match="不能重复立项"):
        services.adjustment_open(by=office, round_=w.round)
    assert AdjustmentProject.objects.count() == 1


def test_a_round_without_accepted_changes_is_refused_and_nothing_is_written(world):
    round_ = _round(world, (ChangeKind.KEEP, Accepted), (ChangeKind.RETURN, Rejected))
    records, notices = ChangeRecord.objects.count(), Notice.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.adjustment_open(by=world.cast.office, round_=round_)
    assert "没有已采纳的调整建议" in refused.value.messages[0]
    assert AdjustmentProject.objects.count() == 0
    assert (ChangeRecord.objects.count(), Notice.objects.count()) == (records, notices)


def test_wrong_role_county_or_state_is_refused(accepted):
    w = accepted
    for user in (w.cast.reviewer, w.cast.dept_clerk, w.cast.outsider):
        with pytest.raises(Forbidden):
            services.adjustment_open(by=user, round_=w.round)
    Round.objects.filter(pk=w.round.pk).update(status=Round.Status.COLLECTING)
    with pytest.raises(ValidationError, match="不能发起动态调整"):
        services.adjustment_open(by=w.cast.office, round_=w.round)
    assert AdjustmentProject.objects.count() == 0


def test_the_round_page_opens_it_and_links_the_project(client, accepted):
    w = accepted
    url = f"/evaluation/rounds/{w.round.pk}/"
    client.force_login(w.cast.reviewer)
    assert client.post(f"{url}adjustment/", {"title": ""}).status_code == 403
    client.force_login(w.cast.office)
    assert "据已采纳建议发起动态调整" in client.get(url).content.decode()
    page = client.post(f"{url}adjustment/", {"title": "评估调整"}, follow=True).content.decode()
    project = AdjustmentProject.objects.get()
    assert project.title == "评估调整"
    assert "已发起动态调整项目「评估调整」,共1项调整" in page
    assert project.get_absolute_url() in page and "据已采纳建议发起动态调整" not in page


def test_the_page_flashes_the_refusal_in_chinese(client, world):
    round_ = _round(world, (ChangeKind.KEEP, Accepted))
    client.force_login(world.cast.office)
    response = client.post(f"/evaluation/rounds/{round_.pk}/adjustment/", {}, follow=True)
    assert "发起动态调整:评估:「2025年度评估」没有已采纳的调整建议" in response.content.decode()
    assert AdjustmentProject.objects.count() == 0


def test_api_opens_and_refuses(client, accepted):
    w = accepted
    url = f"/api/evaluation/rounds/{w.round.pk}/adjustment"
    client.force_login(w.cast.town_a_clerk)
    assert client.post(url, {}, content_type="application/json").status_code == 403
    client.force_login(w.cast.office)
    response = client.post(url, {"title": "接口调整"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["origin"] == f"evaluation.round:{w.round.pk}"
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 422 and "不能重复立项" in again.json()["errors"][0]


def test_cli_adjust(accepted):
    out = StringIO()
    call_command("evaluation_round", "adjust", str(accepted.round.pk), "命令行调整", stdout=out)
    assert "「命令行调整」,共1项调整" in out.getvalue()
    with pytest.raises(CommandError, match="不能重复立项"):
        call_command("evaluation_round", "adjust", str(accepted.round.pk), stdout=StringIO())
