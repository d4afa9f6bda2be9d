"""Permission matrix rows of the force pages and API: officers' edit page, the
certificate expiry queue, exams and training (added to matrix.py's PAGES and API; see
tests/test_permission_matrix.py for the roles).

`extend_world` adds: `sitting` (registering; 孙一 of town_a registered, 钱二 of town_a
free to register), `scored` (results in: 吴三 of the urban department passed, no
certificate yet), a course with a lecturer, and town_a's pending training request.
"""

import base64
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from quanze.enforcement.exams import services as exams
from quanze.enforcement.exams.results import Row
from quanze.enforcement.exams.tests import sheets
from quanze.enforcement.officers import services as officers
from quanze.enforcement.training import services as training
from quanze.testing import factories as f

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
COUNTY = (L, 200, 200, 200, 200, 200, 200, 404)
API_COUNTY = (401, 200, 200, 200, 200, 200, 200, 404)
BUREAU_FORM = (L, 403, 200, 403, 403, 403, 403, 403)
BUREAU_POSTS = (L, 403, 302, 403, 403, 403, 403, 403)
BUREAU_POSTS_SEEN = (L, 403, 302, 403, 403, 403, 403, 404)
API_BUREAU_CREATES = (401, 403, 201, 403, 403, 403, 403, 403)
API_BUREAU_SEEN = (401, 403, 200, 403, 403, 403, 403, 404)
EDITS_WANG = (L, 404, 200, 404, 404, 200, 404, 404)


def extend_world(w):
    cast = w.cast
    bureau = cast.reviewer
    w.sitting = exams.sitting_create(by=bureau, title="矩阵考试", held_on=date(2025, 6, 14))
    w.sun = officers.officer_create(by=cast.town_a_clerk, name="孙一", township=cast.town_a)
    w.qian = officers.officer_create(by=cast.town_a_clerk, name="钱二", township=cast.town_a)
    exams.candidates_register(by=cast.town_a_clerk, sitting=w.sitting, officers_=[w.sun])
    w.scored = exams.sitting_create(by=bureau, title="已考", held_on=date(2025, 5, 1))
    wu = officers.officer_create(by=bureau, name="吴三", department=cast.urban)
    (entry,) = exams.candidates_register(by=bureau, sitting=w.scored, officers_=[wu])
    exams.results_record(
        by=bureau, sitting=w.scored, rows=[Row(2, entry.ticket, "吴三", Decimal(80))]
    )
    lecturer = training.lecturer_add(by=bureau, name="韩律师", organisation="县政府法律顾问")
    w.course = training.course_create(
        by=bureau, title="执法程序", held_on=date(2025, 5, 10), hours=Decimal(8), lecturer=lecturer
    )
    w.training_request = training.request_submit(by=cast.town_a_clerk, topic="现场检查与调查取证")


def _results_rows(w):
    return [sheets.HEADER, [w.sitting.candidates.get().ticket, "孙一", 75]]


def _results_file(w):
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in _results_rows(w):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _issue(w):
    return {
        "issuer": "山东省人民政府",
        "prefix": "37",
        "fields": [f.field("城市管理").pk],
        "valid_from": "2025-07-01",
        "valid_to": "2030-06-30",
    }


def _edit(w):
    return {"name": "王强", "post_type": "institutional", "active": "on"}


def _course(w):
    return {"title": "裁量基准适用", "held_on": "2025-08-01", "hours": "6"}


E = "/api/enforcement"
# fmt: off
PAGES = [
    ("enforcement:officer_edit", "get", lambda w: f"/enforcement/officers/{w.wang.pk}/edit/", None, EDITS_WANG),
    ("enforcement:officer_edit", "post", lambda w: f"/enforcement/officers/{w.wang.pk}/edit/", _edit, (L, 404, 302, 404, 404, 302, 404, 404)),
    ("enforcement:certificate_expiring", "get", lambda w: "/enforcement/certificates/expiring/?days=90&sort=name", None, SIGNED_IN),
    ("enforcement:certificate_expiry_notify", "post", lambda w: "/enforcement/certificates/expiring/notify/", lambda w: {"days": 90}, BUREAU_POSTS),
    ("enforcement:exam_list", "get", lambda w: "/enforcement/exams/?sort=title", None, SIGNED_IN),
    ("enforcement:exam_create", "get", lambda w: "/enforcement/exams/new/", None, BUREAU_FORM),
    ("enforcement:exam_create", "post", lambda w: "/enforcement/exams/new/", lambda w: {"title": "补考", "held_on": "2025-10-01"}, BUREAU_POSTS),
    ("enforcement:exam_detail", "get", lambda w: f"/enforcement/exams/{w.sitting.pk}/", None, COUNTY),
    ("enforcement:exam_register", "post", lambda w: f"/enforcement/exams/{w.sitting.pk}/register/", lambda w: {"officers": [w.qian.pk]}, (L, 403, 302, 302, 302, 302, 302, 404)),
    ("enforcement:exam_results", "post", lambda w: f"/enforcement/exams/{w.sitting.pk}/results/", lambda w: {"file": SimpleUploadedFile("成绩.xlsx", _results_file(w))}, BUREAU_POSTS_SEEN),
    ("enforcement:exam_issue", "post", lambda w: f"/enforcement/exams/{w.scored.pk}/certificates/", _issue, BUREAU_POSTS_SEEN),
    ("enforcement:training_courses", "get", lambda w: "/enforcement/training/?year=2025&sort=title", None, SIGNED_IN),
    ("enforcement:training_courses", "post", lambda w: "/enforcement/training/", _course, BUREAU_POSTS),
    ("enforcement:training_course", "get", lambda w: f"/enforcement/training/courses/{w.course.pk}/", None, COUNTY),
    ("enforcement:training_attendance", "post", lambda w: f"/enforcement/training/courses/{w.course.pk}/attendance/", lambda w: {"officers": [w.wang.pk]}, BUREAU_POSTS_SEEN),
    ("enforcement:training_lecturers", "get", lambda w: "/enforcement/training/lecturers/", None, SIGNED_IN),
    ("enforcement:training_lecturers", "post", lambda w: "/enforcement/training/lecturers/", lambda w: {"name": "周教授", "organisation": "山东大学"}, BUREAU_POSTS),
    ("enforcement:training_requests", "get", lambda w: "/enforcement/training/requests/?state=pending", None, SIGNED_IN),
    ("enforcement:training_requests", "post", lambda w: "/enforcement/training/requests/", lambda w: {"topic": "重大执法决定法制审核", "attendees": 5}, (L, 403, 403, 403, 403, 302, 302, 403)),
    ("enforcement:training_request_answer", "post", lambda w: f"/enforcement/training/requests/{w.training_request.pk}/answer/", lambda w: {"accept": "1", "answer": "同意"}, (L, 403, 302, 404, 404, 403, 404, 404)),
    ("enforcement:training_report", "get", lambda w: "/enforcement/training/report/?year=2025", None, SIGNED_IN),
]
API = [
    (f"{E}/officers/{{officer_id}}", "patch", lambda w: f"{E}/officers/{w.wang.pk}", lambda w: {"position": "队长"}, (401, 404, 200, 404, 404, 200, 404, 404)),
    (f"{E}/certificates/expiring", "get", lambda w: f"{E}/certificates/expiring?days=90", None, API_SIGNED_IN),
    (f"{E}/certificates/expiring/notify", "post", lambda w: f"{E}/certificates/expiring/notify?days=90", None, (401, 403, 200, 403, 403, 403, 403, 403)),
    (f"{E}/exams", "get", lambda w: f"{E}/exams", None, API_SIGNED_IN),
    (f"{E}/exams", "post", lambda w: f"{E}/exams", lambda w: {"title": "补考", "held_on": "2025-10-01"}, API_BUREAU_CREATES),
    (f"{E}/exams/{{sitting_id}}", "get", lambda w: f"{E}/exams/{w.sitting.pk}", None, API_COUNTY),
    (f"{E}/exams/{{sitting_id}}/candidates", "get", lambda w: f"{E}/exams/{w.sitting.pk}/candidates", None, API_COUNTY),
    (f"{E}/exams/{{sitting_id}}/candidates", "post", lambda w: f"{E}/exams/{w.sitting.pk}/candidates", lambda w: {"officer_ids": [w.qian.pk]}, (401, 403, 201, 422, 422, 201, 422, 404)),
    (f"{E}/exams/{{sitting_id}}/results", "post", lambda w: f"{E}/exams/{w.sitting.pk}/results", lambda w: {"file_name": "r.xlsx", "content_base64": base64.b64encode(_results_file(w)).decode()}, API_BUREAU_SEEN),
    (f"{E}/exams/{{sitting_id}}/certificates", "post", lambda w: f"{E}/exams/{w.scored.pk}/certificates", lambda w: {**_issue(w), "field_ids": _issue(w)["fields"]}, (401, 403, 201, 403, 403, 403, 403, 404)),
    (f"{E}/exams/{{sitting_id}}/rates", "get", lambda w: f"{E}/exams/{w.scored.pk}/rates", None, API_COUNTY),
    (f"{E}/training/courses", "get", lambda w: f"{E}/training/courses?year=2025", None, API_SIGNED_IN),
    (f"{E}/training/courses", "post", lambda w: f"{E}/training/courses", _course, API_BUREAU_CREATES),
    (f"{E}/training/courses/{{course_id}}/attendance", "post", lambda w: f"{E}/training/courses/{w.course.pk}/attendance", lambda w: {"officer_ids": [w.wang.pk]}, (401, 403, 201, 403, 403, 403, 403, 404)),
    (f"{E}/training/requests", "get", lambda w: f"{E}/training/requests", None, API_SIGNED_IN),
    (f"{E}/training/requests", "post", lambda w: f"{E}/training/requests", lambda w: {"topic": "重大执法决定法制审核"}, (401, 403, 403, 403, 403, 201, 201, 403)),
    (f"{E}/training/requests/{{request_id}}/answer", "post", lambda w: f"{E}/training/requests/{w.training_request.pk}/answer", lambda w: {"accept": True, "answer": "同意"}, (401, 403, 200, 404, 404, 403, 404, 404)),
    (f"{E}/training/report", "get", lambda w: f"{E}/training/report?year=2025", None, API_SIGNED_IN),
]
# fmt: on
