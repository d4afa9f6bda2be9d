"""Permission-matrix rows of the project, assessment, consultation and review pages and
API (part A); matrix.py concatenates them with part B's rows. Roles, in order:
anonymous, office, reviewer, clerk of 城管局 (urban), of 自然资源局 (land), of 锦水街道
(town_a), of 玫瑰镇 (town_b), and the office of another county (outsider)."""

from quanze.delegation import consultation, review
from quanze.delegation.models import AssessmentRule, ItemAssessment
from quanze.delegation.tests.project_world import build_project

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
OFFICE_FORM = (L, 200, 403, 403, 403, 403, 403, 404)
OFFICE_POST = (L, 302, 403, 403, 403, 403, 403, 404)
INTERNAL = (L, 200, 200, 403, 403, 403, 403, 404)  # the county reads, clerks of it may not
COUNTY_WIDE = (L, 200, 200, 404, 404, 404, 404, 404)
API_SIGNED_IN = (401,) + (200,) * 7
API_INTERNAL = (401, 200, 200, 403, 403, 403, 403, 404)
API_COUNTY_WIDE = (401, 200, 200, 404, 404, 404, 404, 404)


def extend_world_a(world):
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
PAGES = [
    ("delegation:project_list", "get", lambda w: "/delegation/", None, SIGNED_IN),
    ("delegation:project_create", "get", lambda w: f"{P}/new/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("delegation:project_create", "post", lambda w: f"{P}/new/", _new_project, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("delegation:project_detail", "get", lambda w: f"{P}/{w.dlg.project.pk}/", None, (L, 200, 200, 200, 200, 200, 200, 404)),
    ("delegation:project_advance", "post", lambda w: f"{P}/{w.dlg.project.pk}/stage/", lambda w: {"stage": "consultation"}, OFFICE_POST),
    ("delegation:assessment_list", "get", lambda w: f"{P}/{w.dlg.project.pk}/items/", None, INTERNAL),
    ("delegation:assessment_matrix", "get", lambda w: f"{P}/{w.dlg.project.pk}/matrix/", None, INTERNAL),
    ("delegation:rule_edit", "get", lambda w: f"{P}/{w.dlg.project.pk}/rule/", None, INTERNAL),
    ("delegation:rule_edit", "post", lambda w: f"{P}/{w.dlg.project.pk}/rule/", _rule, OFFICE_POST),
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
    ("delegation:reminder_send", "post", lambda w: f"/delegation/recipients/{w.dlg.town_a_recipient.pk}/remind/", None, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:disposition_save", "post", lambda w: f"/delegation/answers/feedback/{w.dlg.feedback.pk}/dispose/", lambda w: {"outcome": "adopted", "row_version": 0}, OFFICE_POST),
    ("delegation:batch_detail", "get", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/", None, COUNTY_WIDE),
    ("delegation:batch_send", "post", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/send/", None, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("delegation:batch_complete", "post", lambda w: f"/delegation/batches/{w.dlg.batch.pk}/complete/", None, (L, 403, 302, 404, 404, 404, 404, 404)),
    ("delegation:review_edit", "get", lambda w: f"/delegation/batch-items/{w.dlg.batch_item.pk}/review/", None, (L, 403, 200, 404, 404, 404, 404, 404)),
    ("delegation:review_edit", "post", lambda w: f"/delegation/batch-items/{w.dlg.batch_item.pk}/review/", lambda w: {"mode": "entrustment", "legal_route": "委托", "verdict": "pass", "row_version": 0}, (L, 403, 302, 404, 404, 404, 404, 404)),
]
A = "/api/delegation"
API = [
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
]
# fmt: on
