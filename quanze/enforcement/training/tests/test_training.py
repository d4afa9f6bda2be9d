"""Training: lecturers, courses, attendance and hours against the yearly minimum, the
townships' menu requests with the bureau's answer, the per-unit report."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.enforcement.training import selectors, services
from quanze.enforcement.training.models import TrainingRequest

# The lecturers page, signed in: session, user, the lecturers with their course counts,
# the paginator's count and the page frame; the same for any number of lecturers.
QUERIES_LECTURERS_PAGE = 5


@pytest.fixture
def course(ew):
    lecturer = services.lecturer_add(
        by=ew.cast.reviewer, name="韩律师", organisation="县政府法律顾问", topics="行政处罚法"
    )
    return services.course_create(
        by=ew.cast.reviewer,
        title="行政处罚法与执法程序",
        held_on=date(2025, 5, 10),
        hours=Decimal("32"),
        lecturer=lecturer,
    )


def test_attendance_counts_hours_per_person_against_the_minimum(ew, course):
    services.attendance_record(by=ew.cast.reviewer, course=course, officers_=[ew.wang, ew.li])
    second = services.course_create(
        by=ew.cast.reviewer, title="现场检查与调查取证", held_on=date(2025, 9, 1), hours=Decimal(30)
    )
    services.attendance_record(by=ew.cast.reviewer, course=second, officers_=[ew.wang])
    services.attendance_record(
        by=ew.cast.reviewer, course=second, officers_=[ew.chen], hours=Decimal("12")
    )
    report = selectors.training_report(ew.cast.reviewer, year=2025)
    units = {u.unit: u for u in report.units}
    town = units["锦水街道"]
    assert (town.officers, town.attendances, town.hours, town.meeting) == (3, 3, Decimal(94), 1)
    assert units["平阴县城市管理局"].hours == Decimal(12)
    assert report.attendances == 4
    below = [o.name for o in selectors.officers_below(ew.cast.reviewer, year=2025)]
    assert below == ["赵亮", "陈静", "李明"]
    assert selectors.training_report(ew.cast.reviewer, year=2024).attendances == 0
    mine = selectors.training_report(ew.cast.town_a_clerk, year=2025)
    assert [u.unit for u in mine.units] == ["锦水街道"]


def test_attendance_is_once_per_officer_and_only_by_the_bureau(ew, course):
    services.attendance_record(by=ew.cast.reviewer, course=course, officers_=[ew.wang])
    with pytest.raises(ValidationError, match="已登记"):
        services.attendance_record(by=ew.cast.reviewer, course=course, officers_=[ew.wang])
    with pytest.raises(ValidationError, match="计入学时"):
        services.attendance_record(
            by=ew.cast.reviewer, course=course, officers_=[ew.li], hours=Decimal("40")
        )
    with pytest.raises(Forbidden):
        services.attendance_record(by=ew.cast.town_a_clerk, course=course, officers_=[ew.li])
    assert ChangeRecord.objects.filter(action="attendance").count() == 1


def test_a_menu_request_is_answered_and_both_sides_hear(ew):
    request = services.request_submit(
        by=ew.cast.town_a_clerk, topic="现场检查与调查取证", attendees=12, notes="新进队员"
    )
    assert Notice.objects.get(recipient=ew.cast.reviewer, kind="training_request")
    with pytest.raises(Forbidden):
        services.request_submit(by=ew.cast.dept_clerk, topic="现场检查与调查取证")
    with pytest.raises(ValidationError, match="答复:必填"):
        services.request_answer(by=ew.cast.reviewer, request=request, accept=True, answer=" ")
    services.request_answer(
        by=ew.cast.reviewer, request=request, accept=True, answer="6月由讲师团授课"
    )
    request.refresh_from_db()
    assert request.state == TrainingRequest.State.ACCEPTED
    heard = Notice.objects.get(recipient=ew.cast.town_a_clerk, kind="training_request")
    assert "已安排" in heard.title
    with pytest.raises(ValidationError, match="已答复"):
        services.request_answer(by=ew.cast.reviewer, request=request, accept=False, answer="x")
    course = services.course_create(
        by=ew.cast.reviewer,
        title="调查取证专题",
        held_on=date(2025, 6, 20),
        hours=Decimal(8),
        request=request,
    )
    assert course.request == request
    assert Notice.objects.filter(recipient=ew.cast.town_a_clerk).count() == 2


def test_the_pages_show_the_report_with_its_chart_data(ew, course, client):
    services.attendance_record(by=ew.cast.reviewer, course=course, officers_=[ew.wang, ew.li])
    client.force_login(ew.cast.office)
    page = client.get(reverse("enforcement:training_report"), {"year": 2025}).text
    assert 'id="chart-data"' in page and "training_report.js" in page
    assert "<script>" not in page.replace('<script id="chart-data"', "")
    client.force_login(ew.cast.town_b_clerk)
    page = client.get(reverse("enforcement:training_course", args=[course.pk])).text
    assert "王强" not in page  # another township's attendances stay hidden
    client.force_login(ew.cast.town_a_clerk)
    response = client.post(
        reverse("enforcement:training_requests"),
        {"topic": "执法文书制作与案卷规范", "attendees": 8},
    )
    assert response.status_code == 302
    client.force_login(ew.cast.reviewer)
    found = TrainingRequest.objects.get()
    client.post(
        reverse("enforcement:training_request_answer", args=[found.pk]),
        {"accept": "0", "answer": "本季度已排满,请参加县级轮训"},
    )
    found.refresh_from_db()
    assert found.state == "declined"


def test_the_api_records_attendance_and_reports(ew, course, client):
    client.force_login(ew.cast.reviewer)
    url = f"/api/enforcement/training/courses/{course.pk}/attendance"
    response = client.post(url, {"officer_ids": [ew.wang.pk]}, content_type="application/json")
    assert response.status_code == 201
    report = client.get("/api/enforcement/training/report", {"year": 2025}).json()
    assert report["attendances"] == 1 and report["minimum"] == "60"
    assert client.get("/api/enforcement/training/report", {"year": 10000}).status_code == 422


@pytest.mark.parametrize("lecturers", [1, 5])
def test_the_lecturers_page_counts_courses_in_a_constant_number_of_queries(
    ew, client, django_assert_num_queries, lecturers
):
    for n in range(lecturers):
        lecturer = services.lecturer_add(
            by=ew.cast.reviewer, name=f"讲师{n}", organisation="县司法局", topics="行政处罚法"
        )
        for held in range(n + 1):
            services.course_create(
                by=ew.cast.reviewer,
                title=f"专题{n}-{held}",
                held_on=date(2025, 3, held + 1),
                hours=Decimal(4),
                lecturer=lecturer,
            )
    client.force_login(ew.cast.office)
    client.get(reverse("enforcement:training_lecturers"))  # session and caches warmed
    with django_assert_num_queries(QUERIES_LECTURERS_PAGE):
        page = client.get(reverse("enforcement:training_lecturers")).text
    rows = page.split('id="lecturers"')[1].split("</table>")[0]
    for n in range(lecturers):
        assert f"<td>讲师{n}</td><td>县司法局</td><td>行政处罚法</td><td>{n + 1}</td>" in rows


def test_the_requests_queue_sorts_searches_and_filters(ew, client):
    for topic, attendees in (("现场检查与调查取证", 12), ("执法文书制作", 30), ("行政复议应诉", 5)):
        services.request_submit(by=ew.cast.town_a_clerk, topic=topic, attendees=attendees)
    declined = TrainingRequest.objects.get(topic="行政复议应诉")
    services.request_answer(by=ew.cast.reviewer, request=declined, accept=False, answer="已排满")
    client.force_login(ew.cast.reviewer)
    url = reverse("enforcement:training_requests")

    def topics(**params) -> list[str]:
        page = client.get(url, params).text.split('id="requests"')[1].split("</table>")[0]
        found = [t for t in ("现场检查与调查取证", "执法文书制作", "行政复议应诉") if t in page]
        return sorted(found, key=page.index)

    assert topics(sort="attendees") == ["行政复议应诉", "现场检查与调查取证", "执法文书制作"]
    assert topics(sort="-attendees") == ["执法文书制作", "现场检查与调查取证", "行政复议应诉"]
    assert topics(q="文书") == ["执法文书制作"]
    assert topics(state="declined") == ["行政复议应诉"]
    assert topics(state="pending", sort="-attendees") == ["执法文书制作", "现场检查与调查取证"]
    client.force_login(ew.cast.town_b_clerk)
    assert topics() == []  # another township's requests stay hidden
