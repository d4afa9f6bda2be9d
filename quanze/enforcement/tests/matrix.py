"""Permission matrix rows of the enforcement pages and API (see tests/test_permission_matrix.py).

Roles: anon, office, reviewer, urban, land, town_a, town_b, outsider. `case_a` is a case of
锦水街道 (town_a) under a power entrusted by 城管局 (urban): town_a handles it, urban (the
entrusting department) and the justice bureau (reviewer) read it; nobody else sees it.
`wang` is an officer of town_a (the office and the bureau read the county's registry).
"""

import base64

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.selectors import case_file_fingerprint
from quanze.enforcement.cases.models import Custody, Evidence
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.documents.defaults import default_template
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.review import services as review
from quanze.enforcement.review.models import ReviewedFile, ReviewRound
from quanze.enforcement.tests.discretion_rows import API as BENCHMARK_API
from quanze.enforcement.tests.discretion_rows import PAGES as BENCHMARK_PAGES
from quanze.enforcement.tests.discretion_rows import extend_world as extend_benchmarks
from quanze.enforcement.tests.force_rows import API as FORCE_API
from quanze.enforcement.tests.force_rows import PAGES as FORCE_PAGES
from quanze.enforcement.tests.force_rows import extend_world as extend_force
from quanze.enforcement.tests.staffing_rows import API as STAFFING_API
from quanze.enforcement.tests.staffing_rows import PAGES as STAFFING_PAGES
from quanze.enforcement.tests.staffing_rows import extend_world as extend_staffing
from quanze.enforcement.tests.world import extend
from quanze.testing import factories as f

L = "LOGIN"
ALL = (200,) * 8
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
SEES_CASE = (L, 404, 200, 200, 404, 200, 404, 404)
API_SEES_CASE = (401, 404, 200, 200, 404, 200, 404, 404)
HANDLES_CASE = (L, 404, 403, 403, 404, 302, 404, 404)
SEES_CASE_POST = (L, 404, 302, 302, 404, 302, 404, 404)
SEES_WANG = (L, 200, 200, 404, 404, 200, 404, 404)
BUREAU_WRITES_WANG = (L, 403, 302, 404, 404, 403, 404, 404)
# The county office and the justice bureau replace their county's templates (the outsider
# is the office of another county: its own county's templates).
REPLACES_TEMPLATES = (L, 302, 302, 403, 403, 403, 403, 302)
BUREAU_FORM = (L, 403, 200, 403, 403, 403, 403, 403)
API_BUREAU = (401, 403, 200, 403, 403, 403, 403, 403)
# an open round: the bureau only; a finished one: also the unit reviewed (town_a) and the
# department whose power it acted under (urban)
SEES_OPEN_ROUND = (L, 404, 200, 404, 404, 404, 404, 404)
SEES_DONE_ROUND = (L, 404, 200, 200, 404, 200, 404, 404)
API_SEES_DONE_ROUND = (401, 404, 200, 200, 404, 200, 404, 404)


def extend_world(w):
    extend(w)
    w.evidence = Evidence.objects.create(
        case=w.case_a,
        kind="document",
        description="现场照片",
        collected_by=w.wang,
        collected_at=timezone.now(),
        place="现场",
        file=ContentFile(b"jpeg", name="p.jpg"),
        file_name="现场.jpg",
        size=4,
        sha256="0" * 64,
        recorded_by=w.cast.town_a_clerk,
    )
    Custody.objects.create(
        evidence=w.evidence,
        action="collected",
        at=w.evidence.collected_at,
        holder="王强",
        by=w.cast.town_a_clerk,
    )
    w.notice = PenaltyNotice.objects.create(
        case=w.case_a,
        county=w.cast.county,
        title="平阴县城市管理局行政处罚决定",
        body={"party": "张*"},
        decided_on=timezone.localdate(),
        publish_due=timezone.localdate(),
        published_at=timezone.now(),
    )
    w.filing_template = DocumentTemplate.objects.create(
        county=w.cast.county,
        kind="filing",
        content=default_template("filing"),
        file_name="立案审批表.docx",
        size=1,
        sha256="0" * 64,
        uploaded_by=w.cast.office,
    )
    extend_benchmarks(w)
    extend_review(w)
    extend_staffing(w)
    extend_force(w)
    extend_case_file(w)


def extend_case_file(w):
    """A stored case file of case_a, rendered from the case as it is (fresh)."""
    w.case_file_job = CaseFileJob.objects.create(
        case=w.case_a,
        status=CaseFileJob.Status.DONE,
        fingerprint=case_file_fingerprint(w.case_a),
        created_by=w.cast.town_a_clerk,
        created_at=timezone.now(),
        finished_at=timezone.now(),
        file=ContentFile(b"%PDF-1.7 matrix", name="case-file.pdf"),
        size=15,
    )


def _round(w, title, state):
    sheet = review.sheet_default(by=w.cast.reviewer)
    found = ReviewRound.objects.create(
        county=w.cast.county,
        title=title,
        period_start=timezone.localdate().replace(month=1, day=1),
        period_end=timezone.localdate(),
        per_unit=3,
        seed=1,
        rule="矩阵",
        sheet=sheet,
        state=state,
        created_by=w.cast.reviewer,
    )
    file = ReviewedFile.objects.create(
        round=found, case=w.case_a, township=w.cast.town_a, unit_name="锦水街道"
    )
    return found, file


def extend_review(w):
    w.review_open, w.review_file = _round(w, "评查中", ReviewRound.State.OPEN)
    w.review_done, _ = _round(w, "已完成", ReviewRound.State.FINISHED)


def _round_form(w):
    return {
        "title": "年度评查",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "per_unit": 2,
    }


def _sheet_form(w):
    return {
        "name": "矩阵标准",
        "form_points": 20,
        "content_points": 80,
        "items": "否决|主体不合法|subject\n形式|5|文书不规范",
    }


def _sheet_json(w):
    return {
        "name": "矩阵标准",
        "items": [
            {"kind": "veto", "text": "主体不合法", "check": "subject"},
            {"kind": "deduction", "part": "content", "points": 20, "text": "证据不足"},
        ],
    }


def _case(w):
    return {
        "power": w.urban_power.pk,
        "opened_on": "2025-03-03",
        "source": "inspection",
        "procedure": "general",
        "title": "占道经营",
        "party_kind": "individual",
        "party_name": "李四",
    }


def _evidence(w):
    return {
        "kind": "document",
        "description": "询问笔录",
        "collected_by": w.wang.pk,
        "collected_at": "2025-03-05T09:00",
        "place": "现场",
    }


def _certificate(w):
    return {
        "number": "MX-0001",
        "issuer": "山东省人民政府",
        "fields": [f.field("城市管理").pk],
        "valid_from": "2025-01-01",
        "valid_to": "2027-12-31",
    }


def _template_file(w):
    return {"file": SimpleUploadedFile("立案审批表.docx", default_template("filing"))}


def _template_json(w):
    content = base64.b64encode(default_template("filing")).decode()
    return {"file_name": "立案审批表.docx", "content_base64": content}


def _case_json(w):
    data = _case(w)
    data["power_id"] = data.pop("power")
    return data


E = "/api/enforcement"
# fmt: off
PAGES = [
    ("enforcement:case_list", "get", lambda w: "/enforcement/?queue=all&sort=number", None, SIGNED_IN),
    ("enforcement:case_open", "get", lambda w: "/enforcement/cases/new/", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("enforcement:case_open", "post", lambda w: "/enforcement/cases/new/", _case, (L, 403, 403, 302, 200, 302, 200, 403)),
    ("enforcement:case_detail", "get", lambda w: f"/enforcement/cases/{w.case_a.pk}/", None, SEES_CASE),
    ("enforcement:case_step", "post", lambda w: f"/enforcement/cases/{w.case_a.pk}/steps/file/", lambda w: {"file-on": "2025-03-04", "file-summary": "同意立案"}, HANDLES_CASE),
    ("enforcement:evidence_add", "post", lambda w: f"/enforcement/cases/{w.case_a.pk}/evidence/", _evidence, HANDLES_CASE),
    ("enforcement:custody_add", "post", lambda w: f"/enforcement/evidence/{w.evidence.pk}/custody/", lambda w: {"action": "stored", "at": "2099-01-01T09:00", "holder": "证据室"}, HANDLES_CASE),
    ("enforcement:evidence_file", "get", lambda w: f"/enforcement/evidence/{w.evidence.pk}/file/", None, SEES_CASE),
    ("enforcement:officer_list", "get", lambda w: "/enforcement/officers/", None, SIGNED_IN),
    ("enforcement:officer_create", "get", lambda w: "/enforcement/officers/new/", None, (L, 403, 200, 200, 200, 200, 200, 403)),
    ("enforcement:officer_create", "post", lambda w: "/enforcement/officers/new/", lambda w: {"name": "孙强", "township": w.cast.town_a.pk}, (L, 403, 302, 200, 200, 302, 200, 403)),
    ("enforcement:officer_detail", "get", lambda w: f"/enforcement/officers/{w.wang.pk}/", None, SEES_WANG),
    ("enforcement:certificate_add", "post", lambda w: f"/enforcement/officers/{w.wang.pk}/certificates/", _certificate, BUREAU_WRITES_WANG),
    ("enforcement:certificate_status", "post", lambda w: f"/enforcement/certificates/{w.wang.certificates.get().pk}/status/", lambda w: {"status": "suspended", "reason": "矩阵"}, BUREAU_WRITES_WANG),
    ("enforcement:public_index", "get", lambda w: "/enforcement/public/", None, ALL),
    ("enforcement:public_notice", "get", lambda w: f"/enforcement/public/notices/{w.notice.pk}/", None, ALL),
    ("enforcement:public_township", "get", lambda w: f"/enforcement/public/townships/{w.cast.town_a.pk}/", None, ALL),
    ("enforcement:disclosure_pending", "get", lambda w: "/enforcement/disclosure/", None, SIGNED_IN),
    ("enforcement:notice_publish", "post", lambda w: f"/enforcement/cases/{w.case_a.pk}/publish/", None, HANDLES_CASE),
    ("enforcement:document_download", "get", lambda w: f"/enforcement/cases/{w.case_a.pk}/documents/filing.docx", None, SEES_CASE),
    ("enforcement:case_file", "get", lambda w: f"/enforcement/cases/{w.case_a.pk}/case-file.pdf", None, SEES_CASE),
    ("enforcement:case_file_generate", "post", lambda w: f"/enforcement/cases/{w.case_a.pk}/case-file/", None, SEES_CASE_POST),  # fresh: the same job
    ("enforcement:case_file_job", "get", lambda w: f"/enforcement/case-files/{w.case_file_job.pk}/", None, SEES_CASE),
    ("enforcement:case_file_progress", "get", lambda w: f"/enforcement/case-files/{w.case_file_job.pk}/progress/", None, SEES_CASE),
    ("enforcement:case_file_job_download", "get", lambda w: f"/enforcement/case-files/{w.case_file_job.pk}/download.pdf", None, SEES_CASE),
    ("enforcement:document_templates", "get", lambda w: "/enforcement/documents/templates/", None, SIGNED_IN),
    ("enforcement:document_template", "get", lambda w: "/enforcement/documents/templates/filing.docx", None, SIGNED_IN),
    ("enforcement:document_template_upload", "post", lambda w: "/enforcement/documents/templates/filing/upload/", _template_file, REPLACES_TEMPLATES),
    ("enforcement:document_template_reset", "post", lambda w: "/enforcement/documents/templates/filing/reset/", None, REPLACES_TEMPLATES[:-1] + (404,)),
    ("enforcement:review_list", "get", lambda w: "/enforcement/review/", None, SIGNED_IN),
    ("enforcement:review_create", "get", lambda w: "/enforcement/review/new/", None, BUREAU_FORM),
    ("enforcement:review_create", "post", lambda w: "/enforcement/review/new/", _round_form, BUREAU_FORM),  # no closed case: the form shows why
    ("enforcement:review_sheets", "get", lambda w: "/enforcement/review/sheets/", None, BUREAU_FORM),
    ("enforcement:review_sheets", "post", lambda w: "/enforcement/review/sheets/", _sheet_form, (L, 403, 302, 403, 403, 403, 403, 403)),
    ("enforcement:review_round", "get", lambda w: f"/enforcement/review/{w.review_open.pk}/", None, SEES_OPEN_ROUND),
    ("enforcement:review_round", "get", lambda w: f"/enforcement/review/{w.review_done.pk}/", None, SEES_DONE_ROUND),
    ("enforcement:review_finish", "post", lambda w: f"/enforcement/review/{w.review_open.pk}/finish/", None, (L, 404, 302, 404, 404, 404, 404, 404)),
    ("enforcement:review_export", "get", lambda w: f"/enforcement/review/{w.review_done.pk}/export.xlsx", None, SEES_DONE_ROUND),
    ("enforcement:review_file", "get", lambda w: f"/enforcement/review/files/{w.review_file.pk}/", None, SEES_OPEN_ROUND),
    ("enforcement:review_file", "post", lambda w: f"/enforcement/review/files/{w.review_file.pk}/", lambda w: {"notes": "良好"}, (L, 404, 302, 404, 404, 404, 404, 404)),
    ("enforcement:stats_exercise", "get", lambda w: "/enforcement/statistics/?start=2025-01-01&end=2025-12-31", None, SIGNED_IN),
    ("enforcement:stats_exercise_export", "get", lambda w: "/enforcement/statistics/export.xlsx?start=2025-01-01&end=2025-12-31", None, SIGNED_IN),
    ("enforcement:stats_exercise_add", "post", lambda w: "/enforcement/statistics/exercises/", lambda w: {"power": w.urban_power.pk, "on": "2025-05-01", "kind": "inspection", "count": 1}, (L, 403, 403, 403, 403, 302, 302, 403)),  # town_b does not hold it: a message
    ("enforcement:stats_annual", "get", lambda w: "/enforcement/statistics/annual/?year=2025", None, SIGNED_IN),
    ("enforcement:stats_annual_export", "get", lambda w: "/enforcement/statistics/annual/export.xlsx?year=2025", None, SIGNED_IN),
]
API = [
    (f"{E}/cases", "get", lambda w: f"{E}/cases?queue=all", None, API_SIGNED_IN),
    (f"{E}/cases", "post", lambda w: f"{E}/cases", _case_json, (401, 403, 403, 201, 422, 201, 422, 403)),
    (f"{E}/cases/{{case_id}}", "get", lambda w: f"{E}/cases/{w.case_a.pk}", None, API_SEES_CASE),
    (f"{E}/cases/{{case_id}}/steps", "get", lambda w: f"{E}/cases/{w.case_a.pk}/steps", None, API_SEES_CASE),
    (f"{E}/cases/{{case_id}}/steps/{{action}}", "post", lambda w: f"{E}/cases/{w.case_a.pk}/steps/file", lambda w: {"on": "2025-03-04", "summary": "同意"}, (401, 404, 403, 403, 404, 200, 404, 404)),
    (f"{E}/cases/{{case_id}}/evidence", "post", lambda w: f"{E}/cases/{w.case_a.pk}/evidence", lambda w: {"kind": "document", "description": "笔录", "collected_by_id": w.wang.pk, "collected_at": "2025-03-05T09:00:00+08:00", "place": "现场"}, (401, 404, 403, 403, 404, 422, 404, 404)),
    (f"{E}/officers", "get", lambda w: f"{E}/officers", None, API_SIGNED_IN),
    (f"{E}/officers", "post", lambda w: f"{E}/officers", lambda w: {"name": "孙强", "township_id": w.cast.town_a.pk}, (401, 403, 201, 422, 422, 201, 422, 403)),
    (f"{E}/officers/{{officer_id}}", "get", lambda w: f"{E}/officers/{w.wang.pk}", None, (401, 200, 200, 404, 404, 200, 404, 404)),
    (f"{E}/officers/{{officer_id}}/certificates", "post", lambda w: f"{E}/officers/{w.wang.pk}/certificates", lambda w: {**_certificate(w), "field_ids": _certificate(w)["fields"]}, (401, 403, 201, 404, 404, 403, 404, 404)),
    (f"{E}/officers/{{officer_id}}/check", "get", lambda w: f"{E}/officers/{w.wang.pk}/check?on=2025-03-05", None, (401, 200, 200, 404, 404, 200, 404, 404)),
    (f"{E}/public/notices", "get", lambda w: f"{E}/public/notices", None, ALL),
    (f"{E}/cases/{{case_id}}/notice", "post", lambda w: f"{E}/cases/{w.case_a.pk}/notice", None, (401, 404, 403, 403, 404, 422, 404, 404)),
    (f"{E}/cases/{{case_id}}/documents", "get", lambda w: f"{E}/cases/{w.case_a.pk}/documents", None, API_SEES_CASE),
    (f"{E}/cases/{{case_id}}/documents/{{kind}}", "get", lambda w: f"{E}/cases/{w.case_a.pk}/documents/filing?format=docx", None, API_SEES_CASE),
    (f"{E}/cases/{{case_id}}/case-file", "get", lambda w: f"{E}/cases/{w.case_a.pk}/case-file", None, API_SEES_CASE),
    (f"{E}/cases/{{case_id}}/case-file", "post", lambda w: f"{E}/cases/{w.case_a.pk}/case-file", None, API_SEES_CASE),  # fresh: 200 with the job
    (f"{E}/case-file-jobs/{{job_id}}", "get", lambda w: f"{E}/case-file-jobs/{w.case_file_job.pk}", None, API_SEES_CASE),
    (f"{E}/document-templates", "get", lambda w: f"{E}/document-templates", None, API_SIGNED_IN),
    (f"{E}/document-templates/{{kind}}", "get", lambda w: f"{E}/document-templates/filing", None, API_SIGNED_IN),
    (f"{E}/document-templates/{{kind}}", "put", lambda w: f"{E}/document-templates/filing", _template_json, (401, 200, 200, 403, 403, 403, 403, 200)),
    (f"{E}/document-templates/{{kind}}", "delete", lambda w: f"{E}/document-templates/filing", None, (401, 204, 204, 403, 403, 403, 403, 404)),
    (f"{E}/statistics/exercise", "get", lambda w: f"{E}/statistics/exercise?start=2025-01-01&end=2025-12-31", None, API_SIGNED_IN),
    (f"{E}/statistics/annual", "get", lambda w: f"{E}/statistics/annual?year=2025", None, API_SIGNED_IN),
    (f"{E}/statistics/exercises", "post", lambda w: f"{E}/statistics/exercises", lambda w: {"power_id": w.urban_power.pk, "on": "2025-05-01", "kind": "inspection"}, (401, 403, 403, 403, 403, 201, 422, 403)),
    (f"{E}/review/sheets", "get", lambda w: f"{E}/review/sheets", None, API_BUREAU),
    (f"{E}/review/sheets", "post", lambda w: f"{E}/review/sheets", _sheet_json, (401, 403, 201, 403, 403, 403, 403, 403)),
    (f"{E}/review/rounds", "get", lambda w: f"{E}/review/rounds", None, API_SIGNED_IN),
    (f"{E}/review/rounds", "post", lambda w: f"{E}/review/rounds", _round_form, (401, 403, 422, 403, 403, 403, 403, 403)),  # no closed case in the period
    (f"{E}/review/rounds/{{round_id}}", "get", lambda w: f"{E}/review/rounds/{w.review_done.pk}", None, API_SEES_DONE_ROUND),
    (f"{E}/review/files/{{file_id}}/score", "post", lambda w: f"{E}/review/files/{w.review_file.pk}/score", lambda w: {"findings": [], "notes": "良好"}, (401, 404, 200, 404, 404, 404, 404, 404)),
    (f"{E}/review/rounds/{{round_id}}/finish", "post", lambda w: f"{E}/review/rounds/{w.review_open.pk}/finish", None, (401, 404, 422, 404, 404, 404, 404, 404)),
]
# fmt: on
PAGES += BENCHMARK_PAGES + STAFFING_PAGES + FORCE_PAGES
API += BENCHMARK_API + STAFFING_API + FORCE_API
