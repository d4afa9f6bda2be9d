"""Permission matrix rows of the two-way appraisal (added to matrix.py's PAGES and API; see
tests/test_permission_matrix.py for the roles).

`extend_world` adds three rounds of the cast's county: a draft, an open one (town_a's
sheet about 城管局 waiting) and a closed one where town_a scored 城管局.
"""

from datetime import date

from quanze.evaluation.appraisal import services
from quanze.evaluation.appraisal.models import Sheet

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
SEES_DRAFT = (L, 200, 200, 404, 404, 404, 404, 404)
OFFICE_DRAFT_POST = (L, 302, 403, 404, 404, 404, 404, 404)
SEES_OPEN = (L, 200, 200, 200, 200, 200, 200, 404)
OFFICE_OPEN_POST = (L, 302, 403, 403, 403, 403, 403, 404)
SEES_URBAN_RESULT = (L, 200, 200, 200, 404, 404, 404, 404)
SEES_TOWN_A_SHEET = (L, 200, 200, 404, 404, 200, 404, 404)
FILLS_TOWN_A_SHEET = (L, 403, 403, 404, 404, 302, 404, 404)
PERIOD = {"period_start": "2025-01-01", "period_end": "2025-12-31"}


def new_round(w, name):
    return services.round_create(
        by=w.cast.office, name=name, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )


def extend_world(w):
    cast = w.cast
    w.appraisal_draft = new_round(w, "草稿互评")
    w.appraisal_criterion = w.appraisal_draft.criteria.first()
    w.appraisal_open = services.round_open(by=cast.office, round=new_round(w, "评分中互评"))
    w.appraisal_sheet = Sheet.objects.get(
        round=w.appraisal_open, direction="t2d", township=cast.town_a, department=cast.urban
    )
    closed = services.round_open(by=cast.office, round=new_round(w, "已结束互评"))
    sheet = Sheet.objects.get(
        round=closed, direction="t2d", township=cast.town_a, department=cast.urban
    )
    services.sheet_submit(by=cast.town_a_clerk, sheet=sheet, scores=scores(w, sheet))
    w.appraisal_closed = services.round_close(by=cast.office, round=closed)


def scores(w, sheet, value="80"):
    criteria = sheet.round.criteria.filter(direction=sheet.direction, fact="")
    return {c.pk: {"score": value, "comment": ""} for c in criteria}


def form_scores(w):
    return {f"score_{pk}": v["score"] for pk, v in scores(w, w.appraisal_sheet).items()}


A = "/evaluation/appraisal"
E = "/api/evaluation/appraisal"
NEW = {"name": "矩阵互评", **PERIOD, "township_weight": "60", "anonymous": "on", "threshold": "60"}
# fmt: off
PAGES = [
    ("evaluation:appraisal_rounds", "get", lambda w: f"{A}/?status=open&sort=-progress", None, SIGNED_IN),
    ("evaluation:appraisal_round_create", "get", lambda w: f"{A}/new/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("evaluation:appraisal_round_create", "post", lambda w: f"{A}/new/", lambda w: NEW, (L, 302, 403, 403, 403, 403, 403, 302)),
    ("evaluation:appraisal_round", "get", lambda w: f"{A}/{w.appraisal_draft.pk}/", None, SEES_DRAFT),
    ("evaluation:appraisal_round", "get", lambda w: f"{A}/{w.appraisal_open.pk}/", None, SEES_OPEN),
    ("evaluation:appraisal_round_edit", "get", lambda w: f"{A}/{w.appraisal_draft.pk}/edit/", None, (L, 200, 403, 404, 404, 404, 404, 404)),
    ("evaluation:appraisal_round_edit", "post", lambda w: f"{A}/{w.appraisal_draft.pk}/edit/", lambda w: {**NEW, "township_weight": "70"}, OFFICE_DRAFT_POST),
    ("evaluation:appraisal_criterion_add", "post", lambda w: f"{A}/{w.appraisal_draft.pk}/criteria/", lambda w: {"direction": "t2d", "name": "矩阵指标", "weight": "5"}, OFFICE_DRAFT_POST),
    ("evaluation:appraisal_criterion_remove", "post", lambda w: f"{A}/criteria/{w.appraisal_criterion.pk}/remove/", None, OFFICE_DRAFT_POST),
    ("evaluation:appraisal_round_open", "post", lambda w: f"{A}/{w.appraisal_draft.pk}/open/", None, OFFICE_DRAFT_POST),
    ("evaluation:appraisal_round_close", "post", lambda w: f"{A}/{w.appraisal_open.pk}/close/", None, OFFICE_OPEN_POST),
    ("evaluation:appraisal_results", "get", lambda w: f"{A}/{w.appraisal_open.pk}/results/", None, (L, 200, 200, 403, 403, 403, 403, 404)),
    ("evaluation:appraisal_results", "get", lambda w: f"{A}/{w.appraisal_closed.pk}/results/", None, SEES_OPEN),
    ("evaluation:appraisal_unit_result", "get", lambda w: f"{A}/{w.appraisal_closed.pk}/results/department/{w.cast.urban.pk}/", None, SEES_URBAN_RESULT),
    ("evaluation:appraisal_export", "get", lambda w: f"{A}/{w.appraisal_closed.pk}/export/", None, SEES_OPEN),
    ("evaluation:appraisal_sheets", "get", lambda w: f"{A}/sheets/?sort=-state", None, SIGNED_IN),
    ("evaluation:appraisal_sheet", "get", lambda w: f"{A}/sheets/{w.appraisal_sheet.pk}/", None, SEES_TOWN_A_SHEET),
    ("evaluation:appraisal_sheet", "post", lambda w: f"{A}/sheets/{w.appraisal_sheet.pk}/", form_scores, FILLS_TOWN_A_SHEET),
]
API = [
    (f"{E}/rounds", "get", lambda w: f"{E}/rounds", None, API_SIGNED_IN),
    (f"{E}/rounds", "post", lambda w: f"{E}/rounds", lambda w: {"name": "矩阵互评", **PERIOD}, (401, 201, 403, 403, 403, 403, 403, 201)),
    (f"{E}/rounds/{{round_id}}", "get", lambda w: f"{E}/rounds/{w.appraisal_open.pk}", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (f"{E}/rounds/{{round_id}}/criteria", "get", lambda w: f"{E}/rounds/{w.appraisal_draft.pk}/criteria", None, (401, 200, 200, 404, 404, 404, 404, 404)),
    (f"{E}/rounds/{{round_id}}/criteria", "post", lambda w: f"{E}/rounds/{w.appraisal_draft.pk}/criteria", lambda w: {"direction": "d2t", "name": "矩阵指标", "weight": "5"}, (401, 201, 403, 404, 404, 404, 404, 404)),
    (f"{E}/criteria/{{criterion_id}}/remove", "post", lambda w: f"{E}/criteria/{w.appraisal_criterion.pk}/remove", None, (401, 204, 403, 404, 404, 404, 404, 404)),
    (f"{E}/rounds/{{round_id}}/open", "post", lambda w: f"{E}/rounds/{w.appraisal_draft.pk}/open", None, (401, 200, 403, 404, 404, 404, 404, 404)),
    (f"{E}/rounds/{{round_id}}/close", "post", lambda w: f"{E}/rounds/{w.appraisal_open.pk}/close", None, (401, 200, 403, 403, 403, 403, 403, 404)),
    (f"{E}/sheets", "get", lambda w: f"{E}/sheets", None, API_SIGNED_IN),
    (f"{E}/sheets/{{sheet_id}}", "post", lambda w: f"{E}/sheets/{w.appraisal_sheet.pk}", lambda w: {"scores": [{"criterion_id": pk, "score": "75"} for pk in scores(w, w.appraisal_sheet)]}, (401, 403, 403, 404, 404, 200, 404, 404)),
    (f"{E}/rounds/{{round_id}}/results", "get", lambda w: f"{E}/rounds/{w.appraisal_closed.pk}/results", None, (401, 200, 200, 200, 200, 200, 200, 404)),
    (f"{E}/rounds/{{round_id}}/results/{{kind}}/{{unit_id}}", "get", lambda w: f"{E}/rounds/{w.appraisal_closed.pk}/results/department/{w.cast.urban.pk}", None, (401, 200, 200, 200, 404, 404, 404, 404)),
]
# fmt: on
