"""Permission-matrix rows of the approval, claim and timeline pages and API (part B).

matrix.py concatenates these with part A's rows. Roles, in order: anonymous,
office, reviewer, clerk of 城管局 (urban), of 自然资源局 (land), of 锦水街道 (town_a),
of 玫瑰镇 (town_b), and the office of another county (outsider).
"""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from quanze.delegation import agreements, claim_windows, decisions
from quanze.delegation.models import Batch, Mode, PublicationJob
from quanze.delegation.tests import builders as b

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
COUNTY_WIDE = (L, 200, 200, 404, 404, 404, 404, 404)
OFFICE_WRITES = (L, 302, 403, 404, 404, 404, 404, 404)
DECISION_WRITES = (L, 302, 403, 404, 404, 403, 403, 404)
API_COUNTY_WIDE = (401, 200, 200, 404, 404, 404, 404, 404)


def extend_world_b(w):
    c = w.cast
    project = b.project(c, w.published)
    w.b_reviewed = b.batch(c, project, verdicts=("pass",))
    w.b_submitted = Batch.objects.create(
        project=project, number=2, title="第二批", mode=Mode.ENTRUSTMENT,
        status=Batch.Status.SUBMITTED, created_by=c.office,
    )  # fmt: skip
    item = w.b_reviewed.items.get()
    w.b_submitted_item = item.__class__.objects.create(
        batch=w.b_submitted, item=item.item, position=1
    )
    item.review.__class__.objects.create(
        batch_item=w.b_submitted_item, mode=Mode.ENTRUSTMENT, legal_route="委托",
        verdict="pass", reviewer=c.reviewer, reviewed_at=item.review.reviewed_at,
    )  # fmt: skip
    third = Batch.objects.create(
        project=project, number=3, title="第三批", mode=Mode.ENTRUSTMENT,
        status=Batch.Status.SUBMITTED, created_by=c.office,
    )  # fmt: skip
    bi = item.__class__.objects.create(batch=third, item=item.item, position=1)
    item.review.__class__.objects.create(
        batch_item=bi, mode=Mode.ENTRUSTMENT, legal_route="委托", verdict="pass",
        reviewer=c.reviewer, reviewed_at=item.review.reviewed_at,
    )  # fmt: skip
    w.b_decision = decisions.decision_record(
        by=c.office, batch=third, meeting_date=date(2025, 5, 6), document_number="平政发〔2025〕8号",
        townships=[c.town_a, c.town_b], mode=Mode.ENTRUSTMENT, effective_date=date(2025, 6, 1),
        fine_return_share=80,
    )  # fmt: skip
    made = agreements.agreements_generate(by=c.office, decision=w.b_decision)
    w.b_agreement = next(a for a in made if a.township_id == c.town_a.pk)
    w.b_template = agreements.template_default(county=c.county)
    w.b_job = PublicationJob.objects.create(
        decision=w.b_decision, status=PublicationJob.Status.FAILED, created_by=c.office,
        created_at=timezone.now(), total_townships=2, error="矩阵:失败的发布任务",
    )  # fmt: skip
    w.b_window = claim_windows.window_open(
        by=c.office, county=c.county, catalog_version=w.published, title="矩阵认领",
        deadline=b.deadline(), townships=[c.town_a, c.town_b],
    )  # fmt: skip


def _docx():
    document = Document()
    document.add_paragraph("{乡镇}")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("模板.docx", out.getvalue())


def _decision_form(w):
    return {
        "meeting_date": "2025-05-06", "document_number": "平政发〔2025〕9号", "mode": "entrustment",
        "effective_date": "2025-06-01", "fine_return_share": "80",
        "items": [w.b_submitted_item.pk], "townships": [w.cast.town_a.pk],
    }  # fmt: skip


def _window_form(w):
    return {
        "title": "新认领", "catalog_version": w.published.pk, "deadline": "2099-01-01T00:00",
        "townships": [w.cast.town_a.pk],
    }  # fmt: skip


D = "/delegation"
# fmt: off
PAGES_B = [
    ("delegation:batch_submit", "post", lambda w: f"{D}/batches/{w.b_reviewed.pk}/submit/", None, OFFICE_WRITES),
    ("delegation:decision_create", "get", lambda w: f"{D}/batches/{w.b_submitted.pk}/decision/", None, COUNTY_WIDE),
    ("delegation:decision_create", "post", lambda w: f"{D}/batches/{w.b_submitted.pk}/decision/", _decision_form, OFFICE_WRITES),
    ("delegation:decision_list", "get", lambda w: f"{D}/decisions/", None, SIGNED_IN),
    ("delegation:decision_detail", "get", lambda w: f"{D}/decisions/{w.b_decision.pk}/", None, (L, 200, 200, 404, 404, 200, 200, 404)),
    ("delegation:decision_publish", "post", lambda w: f"{D}/decisions/{w.b_decision.pk}/publish/", None, DECISION_WRITES),
    ("delegation:publication_detail", "get", lambda w: f"{D}/publications/{w.b_job.pk}/", None, COUNTY_WIDE),
    ("delegation:publication_progress", "get", lambda w: f"{D}/publications/{w.b_job.pk}/progress/", None, COUNTY_WIDE),
    ("delegation:publication_fail", "post", lambda w: f"{D}/publications/{w.b_job.pk}/fail/", lambda w: {"reason": "矩阵"}, OFFICE_WRITES),
    ("delegation:agreements_generate", "post", lambda w: f"{D}/decisions/{w.b_decision.pk}/agreements/", lambda w: {"template": ""}, DECISION_WRITES),
    ("delegation:agreement_download", "get", lambda w: f"{D}/agreements/{w.b_agreement.pk}/download/", None, (L, 200, 200, 404, 404, 200, 404, 404)),
    ("delegation:template_list", "get", lambda w: f"{D}/agreement-templates/", None, (L, 200, 200, 403, 403, 403, 403, 200)),
    ("delegation:template_list", "post", lambda w: f"{D}/agreement-templates/", lambda w: {"name": "新模板", "file": _docx()}, (L, 302, 403, 403, 403, 403, 403, 302)),
    ("delegation:template_download", "get", lambda w: f"{D}/agreement-templates/{w.b_template.pk}/download/", None, COUNTY_WIDE),
    ("delegation:template_replace", "post", lambda w: f"{D}/agreement-templates/{w.b_template.pk}/replace/", lambda w: {"name": "默认委托协议模板", "file": _docx()}, OFFICE_WRITES),
    ("delegation:claim_window_list", "get", lambda w: f"{D}/claims/", None, SIGNED_IN),
    ("delegation:claim_window_create", "get", lambda w: f"{D}/claims/new/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("delegation:claim_window_create", "post", lambda w: f"{D}/claims/new/", _window_form, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("delegation:claim_window_detail", "get", lambda w: f"{D}/claims/{w.b_window.pk}/", None, (L, 200, 200, 404, 404, 302, 302, 404)),
    ("delegation:claim_window_close", "post", lambda w: f"{D}/claims/{w.b_window.pk}/close/", None, (L, 302, 403, 404, 404, 403, 403, 404)),
    ("delegation:claim_deadline_extend", "post", lambda w: f"{D}/claims/{w.b_window.pk}/deadline/", lambda w: {"township": w.cast.town_a.pk, "deadline": "2099-06-01T00:00", "reason": "矩阵延期"}, (L, 302, 403, 404, 404, 403, 403, 404)),
    ("delegation:claim_stats", "get", lambda w: f"{D}/claims/{w.b_window.pk}/stats/", None, (L, 200, 200, 404, 404, 403, 403, 404)),
    ("delegation:claim_sheet", "get", lambda w: f"{D}/claims/{w.b_window.pk}/townships/{w.cast.town_a.pk}/", None, (L, 200, 200, 404, 404, 200, 404, 404)),
    ("delegation:claim_sheet", "post", lambda w: f"{D}/claims/{w.b_window.pk}/townships/{w.cast.town_a.pk}/", lambda w: {"action": "save"}, (L, 403, 403, 404, 404, 302, 404, 404)),
    ("delegation:claim_review", "post", lambda w: f"{D}/claims/{w.b_window.pk}/townships/{w.cast.town_a.pk}/review/", lambda w: {"decision": "accept"}, (L, 302, 403, 404, 404, 403, 404, 404)),
    ("delegation:timeline", "get", lambda w: f"{D}/powers/{w.urban_power.pk}/townships/{w.cast.town_a.pk}/", None, (L, 200, 200, 404, 404, 200, 404, 404)),
]

A = "/api/delegation"
W = A + "/claim-windows/{window_id}/townships/{township_id}"
API_B = [
    (A + "/batches/{batch_id}/submit", "post", lambda w: f"{A}/batches/{w.b_reviewed.pk}/submit", lambda w: {}, (401, 200, 403, 404, 404, 404, 404, 404)),
    (A + "/batches/{batch_id}/decision", "post", lambda w: f"{A}/batches/{w.b_submitted.pk}/decision", lambda w: {"meeting_date": "2025-05-06", "document_number": "平政发〔2025〕9号", "mode": "entrustment", "effective_date": "2025-06-01", "fine_return_share": 80, "township_ids": [w.cast.town_a.pk]}, (401, 201, 403, 404, 404, 404, 404, 404)),
    (A + "/decisions", "get", lambda w: f"{A}/decisions", None, API_SIGNED_IN),
    (A + "/decisions/{decision_id}", "get", lambda w: f"{A}/decisions/{w.b_decision.pk}", None, (401, 200, 200, 404, 404, 200, 200, 404)),
    (A + "/decisions/{decision_id}/publish", "post", lambda w: f"{A}/decisions/{w.b_decision.pk}/publish", lambda w: {}, (401, 202, 403, 404, 404, 403, 403, 404)),
    (A + "/publication-jobs/{job_id}", "get", lambda w: f"{A}/publication-jobs/{w.b_job.pk}", None, API_COUNTY_WIDE),
    (A + "/claim-windows", "get", lambda w: f"{A}/claim-windows", None, API_SIGNED_IN),
    (A + "/claim-windows", "post", lambda w: f"{A}/claim-windows", lambda w: {"title": "新认领", "catalog_version_id": w.published.pk, "deadline": "2099-01-01T00:00:00Z", "township_ids": [w.cast.town_a.pk]}, (401, 201, 403, 403, 403, 403, 403, 404)),
    (A + "/claim-windows/{window_id}/deadline", "post", lambda w: f"{A}/claim-windows/{w.b_window.pk}/deadline", lambda w: {"deadline": "2099-06-01T00:00:00Z", "reason": "矩阵延期"}, (401, 200, 403, 404, 404, 403, 403, 404)),
    (A + "/claim-windows/{window_id}/stats", "get", lambda w: f"{A}/claim-windows/{w.b_window.pk}/stats", None, (401, 200, 200, 404, 404, 403, 403, 404)),
    (W, "get", lambda w: f"{A}/claim-windows/{w.b_window.pk}/townships/{w.cast.town_a.pk}", None, (401, 200, 200, 404, 404, 200, 404, 404)),
    (W, "put", lambda w: f"{A}/claim-windows/{w.b_window.pk}/townships/{w.cast.town_a.pk}", lambda w: {"items": []}, (401, 403, 403, 404, 404, 200, 404, 404)),
    (W + "/submit", "post", lambda w: f"{A}/claim-windows/{w.b_window.pk}/townships/{w.cast.town_a.pk}/submit", None, (401, 403, 403, 404, 404, 422, 404, 404)),
    (W + "/review", "post", lambda w: f"{A}/claim-windows/{w.b_window.pk}/townships/{w.cast.town_a.pk}/review", lambda w: {"accept": True}, (401, 422, 403, 404, 404, 403, 404, 404)),
    (A + "/timeline", "get", lambda w: f"{A}/timeline?power_id={w.urban_power.pk}&township_id={w.cast.town_a.pk}", None, (401, 200, 200, 404, 404, 200, 404, 404)),
]
# fmt: on
