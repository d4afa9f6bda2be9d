"""Permission-matrix rows of the evaluation rounds (see tests/test_permission_matrix.py).

Roles: anon, office, reviewer, urban, land, town_a, town_b, outsider. `eval_draft` is a
draft round (the office and the justice bureau see it); `eval_open` collects inputs and
`eval_done` is computed with one proposal on urban's item for every township (`eval_accepted`
the same with its proposal accepted, for opening an adjustment project): the county's
townships and departments see them, the office of another county (outsider) sees nothing.
The office runs rounds; a township fills only its self-assessment, a department only its
opinion; the outsider office creates rounds in its own county only.
"""

import base64
from datetime import date

from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds import services
from quanze.evaluation.rounds.models import Proposal, Round

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
SEES_OPEN = (L, 200, 200, 200, 200, 200, 200, 404)
API_SEES_OPEN = (401, 200, 200, 200, 200, 200, 200, 404)
OFFICE_RUNS = (L, 302, 403, 403, 403, 403, 403, 404)
OFFICE_RUNS_DRAFT = (L, 302, 403, 404, 404, 404, 404, 404)
OFFICE_FORM = (L, 200, 403, 403, 403, 403, 403, 404)
API_OFFICE_RUNS = (401, 200, 403, 403, 403, 403, 403, 404)
TOWNSHIP_FORM = (L, 403, 403, 403, 403, 200, 200, 404)
DEPARTMENT_FORM = (L, 403, 403, 200, 200, 403, 403, 404)
CREATES = (L, 200, 403, 403, 403, 403, 403, 200)


def extend_world(w):
    cast = w.cast
    period = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
    w.eval_draft = services.round_create(by=cast.office, title="草稿评估", **period)
    w.eval_open = services.round_open(
        by=cast.office, round_=services.round_create(by=cast.office, title="征集评估", **period)
    )
    w.eval_done = services.round_create(by=cast.office, title="已测算评估", **period)
    Round.objects.filter(pk=w.eval_done.pk).update(status=Round.Status.COMPUTED)
    w.eval_proposal = Proposal.objects.create(
        round=w.eval_done,
        kind=ChangeKind.RETURN,
        power=w.urban_power,
        reason="乡镇不能承担:评估期内行权率低",
        facts="行权率 0%(12个月,2个乡镇承接、0个行权);案件 0 件",
    )
    w.eval_accepted = services.round_create(by=cast.office, title="已采纳评估", **period)
    Round.objects.filter(pk=w.eval_accepted.pk).update(status=Round.Status.COMPUTED)
    Proposal.objects.create(
        round=w.eval_accepted,
        kind=ChangeKind.REPORT_UPWARD,
        power=w.urban_power,
        reason="本级无权调整,上报建议",
        facts="行权率 0%(12个月)",
        status=Proposal.Status.ACCEPTED,
    )


def _round(**more):
    return {"title": "矩阵评估", "start": "2025-01-01", "end": "2025-12-31", **more}


def _form(w):
    data = _round()
    data.update(
        {
            f"w_{k}": 10
            for k in (
                "exercise",
                "satisfaction",
                "response",
                "resolution",
                "certified",
                "capacity",
                "opinion",
                "public",
            )
        }
    )
    data.update(
        {
            "t_return_rate": 0,
            "t_return_share": 50,
            "t_satisfaction_min": 60,
            "t_rated_min": 5,
            "t_add_min": 1,
        }
    )
    return data


def _ratings_file(w):
    """A one-row ratings sheet (.csv) for urban's item in 锦水街道, as the API uploads it."""
    text = f"乡镇(街道),事项编码,满意度得分,参评人数\n{w.cast.town_a.name},{w.urban_power.code},80,10\n"
    return {"file_name": "评价.csv", "content_base64": base64.b64encode(text.encode()).decode()}


R = "/evaluation/rounds"
A = "/api/evaluation"
# fmt: off
PAGES = [
    ("evaluation:round_list", "get", lambda w: f"{R}/?status=collecting&sort=-start", None, SIGNED_IN),
    ("evaluation:round_create", "get", lambda w: f"{R}/new/", None, CREATES),
    ("evaluation:round_create", "post", lambda w: f"{R}/new/", _form, (L, 302, 403, 403, 403, 403, 403, 302)),
    ("evaluation:round_detail", "get", lambda w: f"{R}/{w.eval_open.pk}/", None, SEES_OPEN),
    ("evaluation:round_detail", "get", lambda w: f"{R}/{w.eval_draft.pk}/", None, (L, 200, 200, 404, 404, 404, 404, 404)),
    ("evaluation:round_edit", "get", lambda w: f"{R}/{w.eval_open.pk}/edit/", None, OFFICE_FORM),
    ("evaluation:round_edit", "post", lambda w: f"{R}/{w.eval_draft.pk}/edit/", _form, (L, 302, 403, 404, 404, 404, 404, 404)),
    ("evaluation:round_open", "post", lambda w: f"{R}/{w.eval_draft.pk}/open/", None, OFFICE_RUNS_DRAFT),
    ("evaluation:round_compute", "post", lambda w: f"{R}/{w.eval_open.pk}/compute/", None, OFFICE_RUNS),
    ("evaluation:round_close", "post", lambda w: f"{R}/{w.eval_done.pk}/close/", None, OFFICE_RUNS),
    ("evaluation:round_adjustment", "post", lambda w: f"{R}/{w.eval_accepted.pk}/adjustment/", lambda w: {"title": "矩阵调整立项"}, OFFICE_RUNS),
    ("evaluation:round_report", "get", lambda w: f"{R}/{w.eval_done.pk}/report/?sort=-score", None, SEES_OPEN),
    ("evaluation:round_report_xlsx", "get", lambda w: f"{R}/{w.eval_done.pk}/report.xlsx", None, SEES_OPEN),
    ("evaluation:round_assessment", "get", lambda w: f"{R}/{w.eval_open.pk}/assessment/", None, TOWNSHIP_FORM),
    ("evaluation:round_assessment", "post", lambda w: f"{R}/{w.eval_open.pk}/assessment/", lambda w: {"power": w.land_power.pk, "staff": 1, "equipment": 3, "difficulty": 3, "need": 5, "ask_add": "on", "note": "需要"}, (L, 403, 403, 403, 403, 302, 302, 404)),
    ("evaluation:round_opinion", "get", lambda w: f"{R}/{w.eval_open.pk}/opinion/", None, DEPARTMENT_FORM),
    ("evaluation:round_opinion", "post", lambda w: f"{R}/{w.eval_open.pk}/opinion/", lambda w: {"rating": 3}, DEPARTMENT_FORM),
    ("evaluation:round_rating", "get", lambda w: f"{R}/{w.eval_open.pk}/rating/", None, OFFICE_FORM),
    ("evaluation:round_ratings_import", "get", lambda w: f"{R}/{w.eval_open.pk}/ratings/import/", None, OFFICE_FORM),
    ("evaluation:round_ratings_import", "post", lambda w: f"{R}/{w.eval_open.pk}/ratings/import/", lambda w: {}, OFFICE_FORM),
    ("evaluation:proposal_decide", "post", lambda w: f"/evaluation/proposals/{w.eval_proposal.pk}/decide/", lambda w: {"accept": "1", "reason": "同意"}, (L, 302, 403, 403, 404, 403, 403, 404)),
]
API = [
    (f"{A}/rounds", "get", lambda w: f"{A}/rounds", None, API_SIGNED_IN),
    (f"{A}/rounds", "post", lambda w: f"{A}/rounds", lambda w: _round(), (401, 201, 403, 403, 403, 403, 403, 201)),
    (f"{A}/rounds/{{round_id}}", "get", lambda w: f"{A}/rounds/{w.eval_open.pk}", None, API_SEES_OPEN),
    (f"{A}/rounds/{{round_id}}", "put", lambda w: f"{A}/rounds/{w.eval_draft.pk}", lambda w: _round(), (401, 200, 403, 404, 404, 404, 404, 404)),
    (f"{A}/rounds/{{round_id}}/open", "post", lambda w: f"{A}/rounds/{w.eval_draft.pk}/open", None, (401, 200, 403, 404, 404, 404, 404, 404)),
    (f"{A}/rounds/{{round_id}}/compute", "post", lambda w: f"{A}/rounds/{w.eval_open.pk}/compute", None, API_OFFICE_RUNS),
    (f"{A}/rounds/{{round_id}}/close", "post", lambda w: f"{A}/rounds/{w.eval_done.pk}/close", None, (401, 422, 403, 403, 403, 403, 403, 404)),
    (f"{A}/rounds/{{round_id}}/adjustment", "post", lambda w: f"{A}/rounds/{w.eval_accepted.pk}/adjustment", lambda w: {"title": ""}, (401, 201, 403, 403, 403, 403, 403, 404)),
    (f"{A}/rounds/{{round_id}}/items", "get", lambda w: f"{A}/rounds/{w.eval_done.pk}/items", None, API_SEES_OPEN),
    (f"{A}/rounds/{{round_id}}/proposals", "get", lambda w: f"{A}/rounds/{w.eval_done.pk}/proposals", None, API_SEES_OPEN),
    (f"{A}/proposals/{{proposal_id}}/decide", "post", lambda w: f"{A}/proposals/{w.eval_proposal.pk}/decide", lambda w: {"accept": True, "reason": "同意"}, (401, 200, 403, 403, 404, 403, 403, 404)),
    (f"{A}/rounds/{{round_id}}/assessments", "post", lambda w: f"{A}/rounds/{w.eval_open.pk}/assessments", lambda w: {"power_id": w.land_power.pk, "staff": 1, "equipment": 3, "difficulty": 3, "need": 5, "ask_add": True, "note": "需要"}, (401, 403, 403, 403, 403, 201, 201, 404)),
    (f"{A}/rounds/{{round_id}}/opinions", "post", lambda w: f"{A}/rounds/{w.eval_open.pk}/opinions", lambda w: {"power_id": w.urban_power.pk, "rating": 3, "suggestion": "keep"}, (401, 403, 403, 201, 403, 403, 403, 404)),
    (f"{A}/rounds/{{round_id}}/ratings/import", "post", lambda w: f"{A}/rounds/{w.eval_open.pk}/ratings/import", _ratings_file, API_OFFICE_RUNS),
    (f"{A}/rounds/{{round_id}}/ratings", "post", lambda w: f"{A}/rounds/{w.eval_open.pk}/ratings", lambda w: {"township_id": w.cast.town_a.pk, "power_id": w.urban_power.pk, "score": 80, "respondents": 10}, (401, 201, 403, 403, 403, 403, 403, 404)),
]
# fmt: on
