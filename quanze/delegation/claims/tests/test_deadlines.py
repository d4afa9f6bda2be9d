"""Extending claim deadlines: per township or the whole window, only later, with a reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.deadlines import deadline_extend, deadline_for
from quanze.delegation.claims.models import Claim, ClaimDeadline, ClaimWindow
from quanze.delegation.claims.services import Choice
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.tests import builders as b


@pytest.fixture
def window(cast):
    version = b.guiding_version(cast, n=3, basic=1)
    return claim_windows.window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="2025年乡镇认领",
        deadline=b.deadline(), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip


def _past(window):
    """The deadline passed a minute ago (the window is still open)."""
    ClaimWindow.objects.filter(pk=window.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    window.refresh_from_db()


def _save(cast, window, town, clerk):
    rows = list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))
    return claims.claims_save(
        by=clerk, window=window, township=town,
        choices={rows[1].pk: Choice(True, "业务量大"), rows[2].pk: Choice(False, "无此业务")},
        row_versions={c.pk: c.row_version for c in rows},
    )  # fmt: skip


def test_a_township_past_the_deadline_claims_again_after_its_extension(cast, window):
    _past(window)
    with pytest.raises(ValidationError, match="认领已于.*截止"):
        _save(cast, window, cast.town_a, cast.town_a_clerk)
    later = timezone.now() + timedelta(days=3)
    extension = deadline_extend(
        by=cast.office, window=window, township=cast.town_a, deadline=later, reason="汛期推迟"
    )
    assert _save(cast, window, cast.town_a, cast.town_a_clerk) == 2
    assert claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a) == 2
    with pytest.raises(ValidationError, match="认领已于.*截止"):  # the other township is not
        _save(cast, window, cast.town_b, cast.town_b_clerk)
    event = events_for(extension).get()
    assert event.actor == cast.office and event.project_id == window.project_id
    assert "锦水街道认领截止时间延至" in event.reason and "汛期推迟" in event.reason
    assert event.to_state == f"{timezone.localtime(later):%Y-%m-%d %H:%M}"
    record = history_for(extension).get()
    assert record.reason == "汛期推迟" and record.after["deadline"] == later.isoformat()


def test_extending_the_whole_window_moves_its_deadline(cast, window):
    _past(window)
    later = timezone.now() + timedelta(days=3)
    deadline_extend(by=cast.office, window=window, deadline=later, reason="统一延期")
    window.refresh_from_db()
    assert window.deadline == later and not ClaimDeadline.objects.exists()
    assert _save(cast, window, cast.town_b, cast.town_b_clerk) == 2
    assert events_for(window).last().reason.endswith("统一延期")
    assert history_for(window).filter(action="update").get().after["deadline"] == later.isoformat()


def test_a_township_keeps_the_later_of_its_own_and_the_window_deadline(cast, window):
    own = window.deadline + timedelta(days=2)
    deadline_extend(by=cast.office, window=window, township=cast.town_a, deadline=own, reason="甲")
    assert deadline_for(window, cast.town_a) == own
    assert deadline_for(window, cast.town_b) == window.deadline
    everyone = own + timedelta(days=2)
    deadline_extend(by=cast.office, window=window, deadline=everyone, reason="乙")
    window.refresh_from_db()
    assert deadline_for(window, cast.town_a) == everyone


def test_an_earlier_or_past_deadline_or_no_reason_is_refused(cast, window):
    with pytest.raises(ValidationError, match="应晚于当前截止时间.*只能延后不能提前"):
        deadline_extend(
            by=cast.office, window=window, township=cast.town_a,
            deadline=window.deadline - timedelta(hours=1), reason="提前",
        )  # fmt: skip
    _past(window)
    with pytest.raises(ValidationError, match="新的截止时间:应晚于当前时间"):
        deadline_extend(
            by=cast.office, window=window, deadline=timezone.now() - timedelta(seconds=10),
            reason="仍在过去",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="延期理由:不能为空"):
        deadline_extend(
            by=cast.office, window=window, deadline=timezone.now() + timedelta(days=1), reason=" "
        )
    claim_windows.window_close(by=cast.office, window=window)
    with pytest.raises(ValidationError, match="已由编办截止,不能再延期"):
        deadline_extend(
            by=cast.office, window=window, deadline=timezone.now() + timedelta(days=1), reason="晚"
        )
    assert not ClaimDeadline.objects.exists()


def test_a_township_user_or_another_county_cannot_extend(cast, window):
    later = timezone.now() + timedelta(days=30)
    for user in (cast.town_a_clerk, cast.reviewer, cast.outsider):
        with pytest.raises(Forbidden):
            deadline_extend(
                by=user, window=window, township=cast.town_a, deadline=later, reason="自己延期"
            )
    assert not ClaimDeadline.objects.exists()


def test_the_office_extends_from_the_window_page_and_the_clerk_cannot(client, cast, window):
    _past(window)
    url = f"/delegation/claims/{window.pk}/deadline/"
    data = {"township": cast.town_a.pk, "deadline": "2099-01-01T08:00", "reason": "补报"}
    client.force_login(cast.town_a_clerk)
    assert client.post(url, data).status_code == 403
    client.force_login(cast.office)
    page = client.get(f"/delegation/claims/{window.pk}/").content.decode()
    assert 'id="deadline-extend"' in page and "延期理由" in page
    done = client.post(url, data, follow=True).content.decode()
    assert "已将锦水街道的认领截止时间延至2099-01-01 08:00" in done
    assert "2099-01-01 08:00(延期)" in done
    refused = client.post(url, {**data, "deadline": "2098-01-01T08:00"}, follow=True)
    assert "只能延后不能提前" in refused.content.decode()
    client.force_login(cast.town_a_clerk)
    sheet = client.get(f"/delegation/claims/{window.pk}/townships/{cast.town_a.pk}/")
    assert '<span id="claim-deadline">2099-01-01 08:00</span>' in sheet.content.decode()


def test_the_api_extends_and_refuses_an_earlier_deadline(client, cast, window):
    client.force_login(cast.office)
    url = f"/api/delegation/claim-windows/{window.pk}/deadline"
    body = {"deadline": "2099-01-01T00:00:00Z", "reason": "统一延期", "township_id": cast.town_b.pk}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200 and response.json()["deadline"].startswith("2099-01-01")
    earlier = client.post(url, {**body, "deadline": "2098-01-01T00:00:00Z"}, "application/json")
    assert earlier.status_code == 422 and "只能延后不能提前" in earlier.json()["errors"][0]
    client.force_login(cast.town_b_clerk)
    assert client.post(url, body, content_type="application/json").status_code == 403


def test_the_api_takes_a_deadline_without_a_time_zone_as_local_time(client, cast, window):
    """`2099-06-01T08:00:00` (no offset) is 08:00 local time, not a server error."""
    client.force_login(cast.office)
    url = f"/api/delegation/claim-windows/{window.pk}/deadline"
    response = client.post(
        url, {"deadline": "2099-06-01T08:00:00", "reason": "统一延期"}, "application/json"
    )
    assert response.status_code == 200, response.content
    window.refresh_from_db()
    assert timezone.localtime(window.deadline).strftime("%Y-%m-%d %H:%M") == "2099-06-01 08:00"
    past = client.post(
        url, {"deadline": "2000-01-01T08:00:00", "reason": "统一延期"}, "application/json"
    )
    assert past.status_code == 422 and "新的截止时间" in past.json()["errors"][0]
    opened = client.post(
        "/api/delegation/claim-windows",
        {"title": "第二轮认领", "catalog_version_id": window.catalog_version_id,
         "deadline": "2099-06-01T08:00:00", "township_ids": [cast.town_a.pk]},
        "application/json",
    )  # fmt: skip
    assert opened.status_code == 201, opened.content
