"""Exams through the services: registration by units, results all or nothing, the pass
mark, certificates from a pass (which then pass the case check), rates per unit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.enforcement.exams import services
from quanze.enforcement.exams.models import Candidate, Sitting
from quanze.enforcement.exams.results import ResultsRejected
from quanze.enforcement.exams.selectors import pass_rates
from quanze.enforcement.exams.tests import sheets
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.officers.selectors import certificate_check
from quanze.testing import factories as f


def _import(sitting, tmp_path, scores, name="成绩.xlsx"):
    path = sheets.write(tmp_path / name, sheets.rows_for(sitting, scores))
    return services.results_import(
        by=sitting.created_by, sitting=sitting, path=path, file_name=name
    )


def test_units_register_their_own_staff_with_tickets(sitting, ew):
    tickets = list(sitting.candidates.order_by("ticket").values_list("ticket", flat=True))
    assert tickets == [f"2025{sitting.pk:03d}{n:04d}" for n in (1, 2, 3)]
    assert ChangeRecord.objects.filter(action="register").count() == 3 + 2


def test_a_township_cannot_register_another_units_officer(sitting, ew):
    other = officers.officer_create(by=ew.cast.town_b_clerk, name="郑四", township=ew.cast.town_b)
    with pytest.raises(Forbidden):
        services.candidates_register(by=ew.cast.town_a_clerk, sitting=sitting, officers_=[other])


def test_auxiliary_staff_and_second_entries_are_refused(sitting, ew):
    helper = officers.officer_create(
        by=ew.cast.town_a_clerk,
        name="协管员",
        township=ew.cast.town_a,
        post_type=Officer.PostType.AUXILIARY,
    )
    with pytest.raises(ValidationError, match="编外辅助人员,不能报考"):
        services.candidates_register(by=ew.cast.town_a_clerk, sitting=sitting, officers_=[helper])
    with pytest.raises(ValidationError, match="已报名"):
        services.candidates_register(
            by=ew.cast.town_a_clerk, sitting=sitting, officers_=[sitting.people["sun"]]
        )


def test_results_set_pass_and_fail_at_the_mark_and_notify_the_units(sitting, ew, tmp_path):
    assert _import(sitting, tmp_path, {"孙一": 60, "钱二": 59.5, "吴三": "缺考"}) == 3
    rows = {c.officer.name: c for c in sitting.candidates.select_related("officer")}
    assert rows["孙一"].passed is True and rows["钱二"].passed is False
    assert rows["吴三"].absent and rows["吴三"].passed is None
    sitting.refresh_from_db()
    assert sitting.state == Sitting.State.SCORED
    notice = Notice.objects.get(recipient=ew.cast.town_a_clerk, kind="exam_results")
    assert "合格1人" in notice.title
    assert Notice.objects.filter(recipient=ew.cast.dept_clerk, kind="exam_results").exists()
    record = ChangeRecord.objects.filter(action="result", object_id=rows["钱二"].pk).get()
    assert record.before == {"score": None, "absent": False}
    assert record.after == {"score": "59.5", "absent": False}


def test_a_sitting_sets_its_own_pass_mark(ew, tmp_path):
    found = services.sitting_create(
        by=ew.cast.reviewer, title="补考", held_on=date(2025, 9, 1), pass_mark=Decimal("70")
    )
    person = officers.officer_create(by=ew.cast.reviewer, name="冯五", township=ew.cast.town_b)
    services.candidates_register(by=ew.cast.reviewer, sitting=found, officers_=[person])
    _import(found, tmp_path, {"冯五": 65})
    assert found.candidates.get().passed is False


def test_a_bad_row_refuses_the_whole_file(sitting, ew, tmp_path):
    rows = sheets.rows_for(sitting, {"孙一": 80, "钱二": 90, "吴三": 75})
    rows[2][2] = "九十"
    rows[3][1] = "吴叁"
    path = sheets.write(tmp_path / "成绩.xlsx", rows)
    with pytest.raises(ResultsRejected) as rejected:
        services.results_import(
            by=ew.cast.reviewer, sitting=sitting, path=path, file_name="成绩.xlsx"
        )
    assert rejected.value.problems == [
        "第3行第C列「成绩」:「九十」不是分数(应为0至100的数字或“缺考”)"
    ]
    assert not Candidate.objects.filter(score__isnull=False).exists()
    rows[2][2] = 90
    path = sheets.write(tmp_path / "成绩.xlsx", rows)
    with pytest.raises(ResultsRejected) as rejected:
        services.results_import(
            by=ew.cast.reviewer, sitting=sitting, path=path, file_name="成绩.xlsx"
        )
    assert "第4行「姓名」" in rejected.value.problems[0] and "吴叁" in rejected.value.problems[0]
    assert not Candidate.objects.filter(score__isnull=False).exists()


def test_only_the_bureau_imports(sitting, ew, tmp_path):
    path = sheets.write(tmp_path / "成绩.xlsx", sheets.rows_for(sitting, {"孙一": 80}))
    with pytest.raises(Forbidden):
        services.results_import(
            by=ew.cast.town_a_clerk, sitting=sitting, path=path, file_name="成绩.xlsx"
        )


def test_a_pass_becomes_a_certificate_that_passes_the_case_check(sitting, ew, tmp_path):
    _import(sitting, tmp_path, {"孙一": 88, "钱二": 40, "吴三": 71})
    field = f.field("城市管理")
    issued = services.certificates_issue(
        by=ew.cast.reviewer,
        sitting=sitting,
        issuer="山东省人民政府",
        fields=[field],
        valid_from=date(2025, 7, 1),
        valid_to=date(2030, 6, 30),
        prefix="3701",
    )
    assert sorted(c.officer.name for c in issued) == ["吴三", "孙一"]
    sun = sitting.people["sun"]
    certificate = certificate_check(sun, on=date(2025, 8, 1), field=field)
    assert certificate.number == "3701" + sun.exam_entries.get().ticket
    with pytest.raises(ValidationError, match="没有执法证"):
        certificate_check(sitting.people["qian"], on=date(2025, 8, 1), field=field)
    with pytest.raises(ValidationError, match="没有待核发"):
        services.certificates_issue(
            by=ew.cast.reviewer,
            sitting=sitting,
            issuer="山东省人民政府",
            fields=[field],
            valid_from=date(2025, 7, 1),
            valid_to=date(2030, 6, 30),
            prefix="3701",
        )
    with pytest.raises(ValidationError, match="已核发执法证"):
        _import(sitting, tmp_path, {"钱二": 99})


def test_rates_per_unit_count_those_who_sat(sitting, ew, tmp_path):
    _import(sitting, tmp_path, {"孙一": 88, "钱二": 40, "吴三": "缺考"})
    rates = pass_rates(sitting)
    assert (rates.registered, rates.sat, rates.passed) == (3, 2, 1)
    by_unit = {u.unit: (u.registered, u.sat, u.passed, u.percent) for u in rates.units}
    assert by_unit == {"锦水街道": (2, 2, 1, 50.0), "平阴县城市管理局": (1, 0, 0, None)}
