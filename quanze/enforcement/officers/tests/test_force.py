"""The force extensions of the officer registry: post types (auxiliary staff may not act
alone), legal-review staff, certificate status with a reason, and the expiry queue."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quanze.core.models import ChangeRecord, Notice
from quanze.enforcement.cases import services as cases
from quanze.enforcement.officers import expiry, services
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.officers.selectors import certificate_check, certificates_expiring
from quanze.testing import factories as f


def certify(ew, officer, number, *, valid_to):
    return services.certificate_add(
        by=ew.cast.reviewer,
        officer=officer,
        number=number,
        issuer="山东省人民政府",
        fields=[f.field("城市管理")],
        valid_from=date(2024, 1, 1),
        valid_to=valid_to,
    )


def test_an_auxiliary_officer_gets_no_certificate(ew):
    helper = services.officer_create(
        by=ew.cast.town_a_clerk,
        name="协管员甲",
        township=ew.cast.town_a,
        post_type=Officer.PostType.AUXILIARY,
    )
    with pytest.raises(ValidationError, match="编外辅助人员,不能取得执法证"):
        certify(ew, helper, "AUX-1", valid_to=date(2027, 1, 1))


def test_an_auxiliary_officer_fails_the_case_check_even_with_a_certificate(ew):
    services.officer_update(by=ew.cast.town_a_clerk, officer=ew.li, active=True)
    Officer.objects.filter(pk=ew.li.pk).update(post_type=Officer.PostType.AUXILIARY)
    ew.li.refresh_from_db()
    with pytest.raises(ValidationError, match="编外辅助人员,不能独立执法"):
        certificate_check(ew.li, on=date(2025, 3, 5), field=f.field("城市管理"))
    cases.case_step(by=ew.cast.town_a_clerk, case=ew.case_a, action="file", on=date(2025, 3, 4))
    with pytest.raises(ValidationError, match="李明.*编外辅助人员"):
        cases.case_step(
            by=ew.cast.town_a_clerk,
            case=ew.case_a,
            action="investigate",
            on=date(2025, 3, 5),
            officers=[ew.wang, ew.li],
            summary="现场检查",
            place="人民路",
        )


def test_a_certified_officer_cannot_become_auxiliary(ew):
    with pytest.raises(ValidationError, match="须先注销执法证"):
        services.officer_update(
            by=ew.cast.town_a_clerk, officer=ew.wang, post_type=Officer.PostType.AUXILIARY
        )


def test_a_suspended_certificate_fails_at_once_and_names_the_reason(ew):
    certificate = ew.wang.certificates.get()
    on = date(2025, 3, 5)
    assert certificate_check(ew.wang, on=on, field=None) == certificate
    services.certificate_set_status(
        by=ew.cast.reviewer, certificate=certificate, status="suspended", reason="涉嫌违法执法"
    )
    with pytest.raises(ValidationError, match=re.escape("已暂扣(涉嫌违法执法)")):
        certificate_check(ew.wang, on=on, field=None)
    record = ChangeRecord.objects.filter(
        action="status", object_id=certificate.pk, content_type__model="certificate"
    ).get()
    assert record.before["status"] == "valid" and record.after["status_reason"] == "涉嫌违法执法"


def test_suspending_needs_a_reason(ew):
    with pytest.raises(ValidationError, match="须写明理由"):
        services.certificate_set_status(
            by=ew.cast.reviewer, certificate=ew.wang.certificates.get(), status="revoked"
        )


def test_an_expired_certificate_is_named_with_its_end_date(ew):
    with pytest.raises(ValidationError, match="已于2024年12月31日过期"):
        certificate_check(ew.zhao, on=date(2025, 3, 5), field=None)


def test_a_legal_reviewer_needs_a_legal_qualification(ew):
    with pytest.raises(ValidationError, match="法律职业资格证书编号"):
        services.officer_update(by=ew.cast.town_a_clerk, officer=ew.wang, legal_reviewer=True)
    services.officer_update(
        by=ew.cast.town_a_clerk,
        officer=ew.wang,
        legal_reviewer=True,
        legal_qualification="A2020370100",
    )
    record = ChangeRecord.objects.filter(
        action="update", object_id=ew.wang.pk, content_type__model="officer"
    ).last()
    assert record.before == {"legal_reviewer": False, "legal_qualification": ""}


def test_a_township_edits_only_its_own_staff(ew, client):
    client.force_login(ew.cast.town_b_clerk)
    url = reverse("enforcement:officer_edit", args=[ew.wang.pk])
    assert client.get(url).status_code == 404
    client.force_login(ew.cast.town_a_clerk)
    response = client.post(
        url, {"name": "王强", "post_type": "institutional", "position": "队长", "active": "on"}
    )
    assert response.status_code == 302
    ew.wang.refresh_from_db()
    assert ew.wang.post_type == "institutional" and ew.wang.position == "队长"


def _soon(ew):
    today = timezone.localdate()
    soon = services.officer_create(by=ew.cast.reviewer, name="钱进", township=ew.cast.town_a)
    certify(ew, soon, "SOON-1", valid_to=today + timedelta(days=20))
    later = services.officer_create(by=ew.cast.reviewer, name="孙立", department=ew.cast.urban)
    certify(ew, later, "LATER-1", valid_to=today + timedelta(days=80))
    renewed = services.officer_create(by=ew.cast.reviewer, name="周全", township=ew.cast.town_a)
    certify(ew, renewed, "OLD-1", valid_to=today + timedelta(days=10))
    certify(ew, renewed, "NEW-1", valid_to=today + timedelta(days=1500))
    return today


def test_the_queue_lists_what_ends_soon_and_drops_a_renewed_officer(ew):
    today = _soon(ew)
    numbers = [c.number for c in certificates_expiring(ew.cast.reviewer, on=today, within=90)]
    # 赵亮's expired one (still marked valid) first, then by end date; 周全 renewed
    assert numbers == [ew.zhao.certificates.get().number, "SOON-1", "LATER-1"]
    within_30 = certificates_expiring(ew.cast.reviewer, on=today, within=30)
    assert [c.number for c in within_30][1:] == ["SOON-1"]
    town = [c.number for c in certificates_expiring(ew.cast.town_a_clerk, on=today, within=90)]
    assert "LATER-1" not in town and "SOON-1" in town
    assert certificates_expiring(ew.cast.outsider, on=today, within=90).count() == 0


def test_the_reminder_goes_to_each_unit_once(ew):
    today = _soon(ew)
    count = expiry.certificates_expiry_notify(
        by=ew.cast.reviewer, county=ew.cast.county, on=today, within=90
    )
    assert count == 2
    town = Notice.objects.filter(recipient=ew.cast.town_a_clerk, kind="certificate_expiring").get()
    assert "SOON-1" in town.body and "LATER-1" not in town.body
    assert Notice.objects.filter(recipient=ew.cast.dept_clerk).get().body.count("LATER-1") == 1
    assert Notice.objects.filter(recipient=ew.cast.reviewer).exists()
    assert ChangeRecord.objects.filter(action="expiry_notice").count() == 2
    again = expiry.certificates_expiry_notify(
        by=ew.cast.reviewer, county=ew.cast.county, on=today, within=90
    )
    assert again == 0
    assert Certificate.objects.get(number="SOON-1").expiry_notified_on == today


def test_the_queue_page_sorts_filters_and_the_cli_notifies(ew, client):
    _soon(ew)
    client.force_login(ew.cast.reviewer)
    url = reverse("enforcement:certificate_expiring")
    text = client.get(url, {"days": 90, "sort": "-expiry"}).text
    assert text.index("LATER-1") < text.index("SOON-1")
    text = client.get(url, {"days": 90, "q": "钱"}).text
    assert "SOON-1" in text and "LATER-1" not in text
    call_command("certificates_expiring", "--county", ew.cast.county.code, "--notify")
    assert Certificate.objects.filter(expiry_notified_on__isnull=False).count() == 2
