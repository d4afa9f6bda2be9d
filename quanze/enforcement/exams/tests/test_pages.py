"""The exam pages, API and command: thin over the same services."""

import base64
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quanze.enforcement.exams.models import Candidate
from quanze.enforcement.exams.tests import sheets
from quanze.testing import factories as f


def _upload(sitting, tmp_path, scores):
    path = sheets.write(tmp_path / "成绩.xlsx", sheets.rows_for(sitting, scores))
    return SimpleUploadedFile("成绩.xlsx", path.read_bytes())


def test_the_bureau_imports_and_issues_from_the_page(sitting, ew, client, tmp_path):
    client.force_login(ew.cast.reviewer)
    url = reverse("enforcement:exam_results", args=[sitting.pk])
    response = client.post(url, {"file": _upload(sitting, tmp_path, {"孙一": 90, "钱二": 30})})
    assert response.status_code == 302
    response = client.post(
        reverse("enforcement:exam_issue", args=[sitting.pk]),
        {
            "issuer": "山东省人民政府",
            "prefix": "37",
            "fields": [f.field("城市管理").pk],
            "valid_from": "2025-07-01",
            "valid_to": "2030-06-30",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("enforcement:exam_detail", args=[sitting.pk])).text
    assert "1 / 2 = <strong>50.0%</strong>" in page
    assert "37" + sitting.candidates.get(officer__name="孙一").ticket in page


def test_a_rejected_file_shows_every_problem_and_writes_nothing(sitting, ew, client, tmp_path):
    client.force_login(ew.cast.reviewer)
    url = reverse("enforcement:exam_results", args=[sitting.pk])
    response = client.post(url, {"file": _upload(sitting, tmp_path, {"孙一": 190})})
    assert response.status_code == 200
    assert "第2行第C列「成绩」:190 超出0至100" in response.text
    assert not Candidate.objects.filter(score__isnull=False).exists()


def test_a_township_sees_only_its_own_candidates(sitting, ew, client):
    client.force_login(ew.cast.town_a_clerk)
    page = client.get(reverse("enforcement:exam_detail", args=[sitting.pk])).text
    assert "孙一" in page and "吴三" not in page
    client.force_login(ew.cast.outsider)
    assert client.get(reverse("enforcement:exam_detail", args=[sitting.pk])).status_code == 404


def test_the_list_filters_and_sorts(sitting, ew, client):
    client.force_login(ew.cast.office)
    response = client.get(reverse("enforcement:exam_list"), {"q": "执法资格", "sort": "title"})
    assert "2025年执法资格考试" in response.text
    assert (
        "2025年执法资格考试"
        not in client.get(reverse("enforcement:exam_list"), {"state": "scored"}).text
    )


def test_the_api_imports_base64_and_reports_rates(sitting, ew, client, tmp_path):
    client.force_login(ew.cast.reviewer)
    path = sheets.write(tmp_path / "r.xlsx", sheets.rows_for(sitting, {"孙一": 61, "吴三": 59}))
    body = {"file_name": "r.xlsx", "content_base64": base64.b64encode(path.read_bytes()).decode()}
    url = f"/api/enforcement/exams/{sitting.pk}/results"
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200 and response.json() == {"recorded": 2}
    rates = client.get(f"/api/enforcement/exams/{sitting.pk}/rates").json()
    assert (rates["sat"], rates["passed"], rates["percent"]) == (2, 1, 50.0)
    bad = sheets.write(tmp_path / "b.xlsx", [sheets.HEADER, ["X", "孙一", 80]])
    body = {"file_name": "b.xlsx", "content_base64": base64.b64encode(bad.read_bytes()).decode()}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == ["第2行「准考证号」:X 不是本次考试的考生"]


def test_the_command_imports_and_refuses_with_the_rows(sitting, ew, tmp_path):
    path = sheets.write(tmp_path / "r.xlsx", sheets.rows_for(sitting, {"孙一": 61, "钱二": 75}))
    out = StringIO()
    call_command("exam_results", str(sitting.pk), str(path), "--by", "reviewer", stdout=out)
    assert "实考2人,合格2人,通过率100.0%" in out.getvalue()
    bad = sheets.write(tmp_path / "b.xlsx", [sheets.HEADER, ["1", "孙一", "优"]])
    with pytest.raises(CommandError, match="第2行第C列"):
        call_command("exam_results", str(sitting.pk), str(bad), "--by", "reviewer")
    with pytest.raises(CommandError):
        call_command("exam_results", str(sitting.pk), str(bad), "--by", "town_a")


def test_registration_from_the_page(ew, client):
    from quanze.enforcement.exams import services
    from quanze.enforcement.officers import services as officers

    found = services.sitting_create(by=ew.cast.reviewer, title="考试", held_on=date(2025, 6, 1))
    person = officers.officer_create(by=ew.cast.town_b_clerk, name="褚六", township=ew.cast.town_b)
    client.force_login(ew.cast.town_b_clerk)
    url = reverse("enforcement:exam_register", args=[found.pk])
    assert client.post(url, {"officers": [person.pk]}).status_code == 302
    assert found.candidates.get().registered_by == ew.cast.town_b_clerk
    client.force_login(ew.cast.town_a_clerk)
    client.post(url, {"officers": [person.pk]})
    assert found.candidates.count() == 1


def test_the_history_pages_of_a_sitting_and_a_course(sitting, ew, client):
    from decimal import Decimal

    from quanze.enforcement.training import services as training

    course = training.course_create(
        by=ew.cast.reviewer, title="执法程序", held_on=date(2025, 5, 10), hours=Decimal(8)
    )
    client.force_login(ew.cast.reviewer)
    page = client.get(reverse("history", args=["sitting", sitting.pk])).text
    assert "2025年执法资格考试" in page and "孙一" in page
    assert client.get(reverse("history", args=["course", course.pk])).status_code == 200
    client.force_login(ew.cast.outsider)
    assert client.get(reverse("history", args=["sitting", sitting.pk])).status_code == 404
