"""Every hand-off of the duties processes tells the people who must act next."""

from datetime import date

from quanze.core.models import Notice
from quanze.duties.admission import services as admission
from quanze.duties.admission.tests.test_admission import FULL
from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.tests.builders import assessments, list_with_items
from quanze.duties.territorial.tests.builders import published_list

Kind = Notice.Kind


def _told(kind) -> set:
    return set(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_filing_an_admission_request_tells_the_office_and_deciding_tells_the_units(cast):
    published_list(cast)
    request = admission.admission_create(by=cast.dept_clerk, department=cast.urban, **FULL)
    assert _told(Kind.ADMISSION_FILED) == set()
    request = admission.admission_submit(by=cast.dept_clerk, request=request)
    assert _told(Kind.ADMISSION_FILED) == {"office"}
    request = admission.admission_request_changes(
        by=cast.office, request=request, reason="经费来源不明"
    )
    assert _told(Kind.ADMISSION_DECIDED) == {"urban"}
    assert "经费来源不明" in Notice.objects.get(kind=Kind.ADMISSION_DECIDED).body
    request = admission.admission_submit(by=cast.dept_clerk, request=request)
    admission.admission_admit(
        by=cast.office, request=request, effective_date=date(2025, 6, 1),
        document_number="平编办〔2025〕12号", legality_opinion="依据合法有效",
    )  # fmt: skip
    admitted = Notice.objects.filter(kind=Kind.ADMISSION_DECIDED, title__contains="准予")
    assert set(admitted.values_list("recipient__username", flat=True)) == {
        "urban", "town_a", "town_b"
    }  # fmt: skip


def test_a_round_up_tells_the_departments_asked_and_a_round_down_the_township(cast):
    duty_list, items = list_with_items(cast)
    dutylists.raw_items_assess(
        by=cast.town_a_clerk, duty_list=duty_list, assessments=assessments(cast, items)
    )
    draft = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    up = dutyrounds.duty_round_open(by=cast.office, version=draft, departments=[cast.land])
    assert _told(Kind.DUTY_ROUND_OPENED) == {"land"}
    dutyrounds.duty_round_close(by=cast.office, round=up)
    Notice.objects.all().delete()
    dutyrounds.duty_round_open(by=cast.office, version=draft)
    assert _told(Kind.DUTY_ROUND_OPENED) == {"town_a"}
