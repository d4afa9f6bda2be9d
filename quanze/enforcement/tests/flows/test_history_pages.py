"""`/history/<model>/<id>/` of officers, certificates and evidence: each names its page
(the officer's page, the case's page) and answers through the model's choke point."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quanze.enforcement.cases import services as cases
from quanze.enforcement.officers import services as officers
from quanze.testing import factories as f


def _history(model, pk):
    return reverse("history", args=[model, pk])


def test_an_officers_history_links_to_the_officer(ew, client):
    person = officers.officer_create(by=ew.cast.reviewer, name="周敏", township=ew.cast.town_a)
    client.force_login(ew.cast.reviewer)
    response = client.get(_history("officer", person.pk))
    assert response.status_code == 200
    assert reverse("enforcement:officer_detail", args=[person.pk]) in response.text
    assert "周敏" in response.text


def test_a_certificates_history_links_to_its_officer(ew, client):
    certificate = officers.certificate_add(
        by=ew.cast.reviewer,
        officer=ew.li,
        number="37012400077",
        issuer="山东省人民政府",
        fields=[f.field("城市管理")],
        valid_from=date(2025, 1, 1),
        valid_to=date(2027, 12, 31),
    )
    client.force_login(ew.cast.reviewer)
    response = client.get(_history("certificate", certificate.pk))
    assert response.status_code == 200
    assert reverse("enforcement:officer_detail", args=[ew.li.pk]) in response.text
    assert "37012400077" in response.text


def test_evidence_history_links_to_its_case_and_stays_with_the_team(ew, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clerk = ew.cast.town_a_clerk
    cases.case_step(by=clerk, case=ew.case_a, action="file", on=date(2025, 3, 4))
    item = cases.evidence_add(
        by=clerk,
        case=ew.case_a,
        kind="document",
        description="营业执照复印件",
        collected_by=ew.wang,
        collected_at=datetime(2025, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
        place="现场",
        file=SimpleUploadedFile("a.pdf", b"%PDF-1"),
    )
    client.force_login(clerk)
    response = client.get(_history("evidence", item.pk))
    assert response.status_code == 200
    assert reverse("enforcement:case_detail", args=[ew.case_a.pk]) in response.text
    client.force_login(ew.cast.town_b_clerk)
    assert client.get(_history("evidence", item.pk)).status_code == 404
