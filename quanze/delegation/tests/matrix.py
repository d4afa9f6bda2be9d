"""Permission-matrix rows of the delegation app (see tests/test_permission_matrix.py): the
project, assessment, consultation and review pages and API (STAGE_*), then the approval,
publication, agreement, claim and timeline ones (APPROVAL_*). Roles, in order: anonymous,
office, reviewer, clerk of 城管局 (urban), of 自然资源局 (land), of 锦水街道 (town_a),
of 玫瑰镇 (town_b), and the office of another county (outsider)."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from quanze.delegation.agreements import services as agreements
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.consultation import services as consultation
from quanze.delegation.decisions import services as decisions
from quanze.delegation.projects.models import AssessmentRule, ItemAssessment
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch, Mode
from quanze.delegation.tests import builders as b
from quanze.delegation.tests.project_world import build_project

L = "LOGIN"
A = "/api/delegation"
SIGNED_IN = (L,) + (200,) * 7
OFFICE_FORM = (L, 200, 403, 403, 403, 403, 403, 404)
OFFICE_POST = (L, 302, 403, 403, 403, 403, 403, 404)
INTERNAL = (L, 200, 200, 403, 403, 403, 403, 404)  # the county reads, clerks of it may not
COUNTY_WIDE = (L, 200, 200, 404, 404, 404, 404, 404)
OFFICE_WRITES = (L, 302, 403, 404, 404, 404, 404, 404)
DECISION_WRITES = (L, 302, 403, 404, 404, 403, 403, 404)
API_SIGNED_IN = (401,) + (200,) * 7
API_INTERNAL = (401, 200, 200, 403, 403, 403, 403, 404)
API_COUNTY_WIDE = (401, 200, 200, 404, 404, 404, 404, 404)


def extend_world(w):
    _extend_stages(w)
    _extend_approval_and_claims(w)


def _extend_stages(world):
    w = world.dlg = build_project(world)
    c = w.cast
    town_b = w.round.recipients.get(township=c.town_b)
    consultation.answers_save(
        by=c.town_b_clerk,
        recipient=town_b,
        rows=[
            {
                "item": w.land_item.pk,
                "row_version": 0,
                "willing": "no",
                "reason": "无专业人员",
                "capacity": "insufficient",
            }
        ],
    )
    w.feedback = w.round.feedback.get()
    review.batch_send_for_review(by=c.office, batch=w.batch)


def _rule(w):
    rule = AssessmentRule.objects.get(project=w.dlg.project)
    return {
        "flags_exclude": "on",
        "not_recommended_below": "2",
        "batch1_min_necessity": "4",
        "batch1_max_difficulty": "2.5",
        "batch2_min_necessity": "3",
        "batch2_max_difficulty": "3.5",
        "reason": "矩阵",
        "row_version": rule.row_version,
    }


def _assessment(w):
    item = ItemAssessment.objects.get(pk=w.dlg.urban_item.pk)
    return {"difficulty": "2", "necessity": "4", "final_class": "", "row_version": item.row_version}


def _answers(w):
    urban, land = w.dlg.urban_item.pk, w.dlg.land_item.pk
    return {
        f"i{urban}-can_delegate": "yes",
        f"i{urban}-row_version": 0,
        f"i{land}-can_delegate": "yes",
        f"i{land}-row_version": 0,
        f"i{urban}-willing": "yes",
        f"i{urban}-capacity": "sufficient",
    }


def _new_project(w):
    return {
        "name": "第二个项目",
        "catalog_version": w.published.pk,
        "townships": [w.cast.town_a.pk],
        "started_on": "2025-06-01",
    }


def _meeting(w):
    return {
        "held_on": "2025-06-01",
        "title": "座谈会",
        "attendees": "编办;锦水街道",
        "agreed": "同意承接",
        "items": "1",
    }


P = "/delegation/projects"
# fmt: off
STAGE_PAGES = [
    ("delegation:project_list", "get", lambda w: "/delegation/", None, SIGNED_IN),
    ("delegation:project_create", "get", lambda w: f"{P}/new/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("delegation:project_create", "post", lambda w: f"{P}/new/", _new_project, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("delegation:project_detail", "get", lambda w: f"{P}/{w.dlg.project.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("delegation:project_advance", "post", lambda w: f"{P}/{w.dlg.project.pk}/stage/", lambda w: {"stage": "consultation"}, OFFICE_POST),
    ("delegation:assessment_list", "get", lambda w: f"{P}/{w.dlg.project.pk}/items/", None, INTERNAL),
    ("delegation:assessment_matrix", "get", lambda w: f"{P}/{w.dlg.project.pk}/matrix/", None, INTERNAL),
    ("delegation:rule_edit", "get", lambda w: f"{P}/{w.dlg.project.pk}/rule/", None, INTERNAL),
    ("delegation:rule_edit", "post", lambda w: f"{P}/{w.dlg.project.pk}/rule/", _rule, OFFICE_POST),
    ("delegation:assessment_bulk", "post", lambda w: f"{P}/{w.dlg.project.pk}/items/bulk/", lambda w: {"necessity": "3"}, OFFICE_POST),
    ("delegation:criterion_create", "post", lambda w: f"{P}/{w.dlg.project.pk}/criteria/", lambda w: {"axis": "necessity", "name": "群众需求", "weight": "1"}, OFFICE_POST),
    ("delegation:round_create", "get", lambda w: f"{P}/{w.dlg.project.pk}/rounds/new/", None, OFFICE_FORM),
    ("delegation:round_create", "post", lambda w: f"{P}/{w.dlg.project.pk}/rounds/new/", lambda w: {"classes": ["batch1"]}, OFFICE_FORM),  # refused: a round is open
    ("delegation:meeting_create", "get", lambda w: f"{P}/{w.dlg.project.pk}/meetings/new/", None, OFFICE_FORM),
    ("delegation:meeting_create", "post", lambda w: f"{P}/{w.dlg.project.pk}/meetings/new/", _meeting, OFFICE_POST),
    ("delegation:batch_create", "get", lambda w: f"{P}/{w.dlg.project.pk}/batches/new/", None, OFFICE_FORM),
    ("delegation:batch_create", "post", lambda w: f"{P}/{w.dlg.project.pk}/batches/new/", lambda w: {"title": "第二批", "mode": "grant", "item_class": "batch2"}, OFFICE_POST),
    ("delegation:assessment_edit", "get", lambda w: f"/delegation/items/{w.dlg.urban_item.pk}/edit/", None, (L, 200, 403, 404, 404, 404, 404, 404)),
    ("delegation:assessment_edit", "post", lambda w: f"/delegation/items/{w.dlg.urban_item.pk}/edit/", _assessment, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:round_detail", "get", lambda w: f"/delegation/rounds/{w.dlg.round.pk}/", None, INTERNAL),
    ("delegation:round_close", "post", lambda w: f"/delegation/rounds/{w.dlg.round.pk}/close/", None, OFFICE_POST),
    ("delegation:round_changes", "get", lambda w: f"/delegation/rounds/{w.dlg.round.pk}/changes/", None, INTERNAL),
    ("delegation:round_answer", "get", lambda w: f"/delegation/rounds/{w.dlg.round.pk}/answer/", None, (L, 403, 403, 200, 200, 200, 200, 404)),
    ("delegation:round_answer", "post", lambda w: f"/delegation/rounds/{w.dlg.round.pk}/answer/", _answers, (L, 403, 403, 302, 302, 302, 302, 404)),
    ("delegation:recipient_detail", "get", lambda w: f"/delegation/recipients/{w.dlg.town_a_recipient.pk}/", None, COUNTY_WIDE),
    ("delegation:disposition_bulk", "post", lambda w: f"/delegation/recipients/{w.dlg.town_a_recipient.pk}/dispose/", lambda w: {"outcome": "adopted"}, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:reminder_send", "post", lambda w: f"/delegation/recipients/{w.dlg.town_a_recipient.pk}/remind/", None, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:disposition_save", "post", lambda w: f"/delegation/answers/feedback/{w.dlg.feedback.pk}/dispose/", lambda w: {"outcome": "adopted", "row_version": 0}, OFFICE_POST),
    ("delegation:batch_detail", "get", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/", None, COUNTY_WIDE),
    ("delegation:batch_send", "post", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/send/", None, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:batch_complete", "post", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/complete/", None, (L, 403, 302, 404, 404, 404, 404, 404)),
    ("delegation:review_edit", "get", lambda w: f"/delegation/batch-items/{w.dlg.batch_item.pk}/review/", None, (L, 403, 200, 404, 404, 404, 404, 404)),
    ("delegation:review_edit", "post", lambda w: f"/delegation/batch-items/{w.dlg.batch_item.pk}/review/", lambda w: {"mode": "entrustment", "legal_route": "委托", "verdict": "pass", "row_version": 0}, (L, 403, 302, 404, 404, 404, 404, 404)),
    ("delegation:batch_item_remove", "post", lambda w: f"/delegation/batch-items/{w.dlg.batch_item.pk}/remove/", lambda w: {"reason": "矩阵"}, (L, 302, 403, 404, 404, 404, 404, 404)),  # refused for the office: not rejected
]
STAGE_API = [
    (f"{A}/projects", "get", lambda w: f"{A}/projects", None, API_SIGNED_IN),
    (f"{A}/projects/{{project_id}}", "get", lambda w: f"{A}/projects/{w.dlg.project.pk}", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (f"{A}/projects/{{project_id}}/items", "get", lambda w: f"{A}/projects/{w.dlg.project.pk}/items", None, API_INTERNAL),
    (f"{A}/projects/{{project_id}}/matrix", "get", lambda w: f"{A}/projects/{w.dlg.project.pk}/matrix", None, API_INTERNAL),
    (f"{A}/items/{{item_id}}", "patch", lambda w: f"{A}/items/{w.dlg.urban_item.pk}", lambda w: {"row_version": _assessment(w)["row_version"], "necessity": "4.5"}, (401, 200, 403, 404, 404, 404, 404, 404)),
    (f"{A}/rounds/{{round_id}}/progress", "get", lambda w: f"{A}/rounds/{w.dlg.round.pk}/progress", None, API_INTERNAL),
    (f"{A}/rounds/{{round_id}}/answers", "get", lambda w: f"{A}/rounds/{w.dlg.round.pk}/answers", None, (401, 403, 403, 200, 200, 200, 200, 404)),
    (f"{A}/rounds/{{round_id}}/answers", "post", lambda w: f"{A}/rounds/{w.dlg.round.pk}/answers", lambda w: {"rows": []}, (401, 403, 403, 200, 200, 200, 200, 404)),
    (f"{A}/batches/{{batch_id}}", "get", lambda w: f"{A}/batches/{w.dlg.batch.pk}", None, API_COUNTY_WIDE),
    (f"{A}/batch-items/{{batch_item_id}}/review", "put", lambda w: f"{A}/batch-items/{w.dlg.batch_item.pk}/review", lambda w: {"mode": "entrustment", "legal_route": "委托", "verdict": "pass"}, (401, 403, 200, 404, 404, 404, 404, 404)),
    (f"{A}/batch-items/{{batch_item_id}}/remove", "post", lambda w: f"{A}/batch-items/{w.dlg.batch_item.pk}/remove", lambda w: {"reason": "矩阵"}, (401, 422, 403, 404, 404, 404, 404, 404)),  # the office: not rejected, refused
]
# fmt: on


def _extend_approval_and_claims(w):
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
APPROVAL_PAGES = [
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

W = A + "/claim-windows/{window_id}/townships/{township_id}"
APPROVAL_API = [
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


PAGES = [*STAGE_PAGES, *APPROVAL_PAGES]
API = [*STAGE_API, *APPROVAL_API]
