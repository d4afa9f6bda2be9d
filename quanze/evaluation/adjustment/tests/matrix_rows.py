"""Permission-matrix rows of adjustment projects (gathered by quanze/evaluation/tests/matrix.py).

`adj` concerns 城管局's power (urban) and 锦水街道 (town_a): the county's office runs it, the
justice bureau, urban and town_a read it, land, town_b and the other county see nothing.
`adj_keep` (one KEEP change) is the one the office completes or cancels."""

from quanze.evaluation.adjustment import services
from quanze.evaluation.adjustment.specs import ChangeKind as K
from quanze.evaluation.adjustment.specs import ChangeSpec

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
READERS = (L, 200, 200, 200, 404, 200, 404, 404)
OFFICE_FORM = (L, 200, 403, 403, 404, 403, 404, 404)
OFFICE_POST = (L, 302, 403, 403, 404, 403, 404, 404)
API_SIGNED_IN = (401,) + (200,) * 7
API_READERS = (401, 200, 200, 200, 404, 200, 404, 404)
API_OFFICE = (401, 200, 403, 403, 404, 403, 404, 404)
A = "/api/evaluation"
P = "/evaluation/adjustments"


def extend_world(w):
    c = w.cast
    power = w.urban_power.pk
    w.adj = services.project_open(
        actor=c.office,
        county=c.county,
        title="矩阵调整",
        origin="evaluation.round:1",
        changes=[
            ChangeSpec(K.KEEP, power, "运行良好", township_id=c.town_a.pk),
            ChangeSpec(K.AMEND_BASIS, power, "法律修订"),
            ChangeSpec(K.REPORT_UPWARD, power, "建议省政府调整"),
        ],
    )
    w.adj_basis = w.adj.changes.get(kind=K.AMEND_BASIS)
    w.adj_report = w.adj.changes.get(kind=K.REPORT_UPWARD)
    w.adj_keep = services.project_open(
        actor=c.office,
        county=c.county,
        title="矩阵保留",
        origin="evaluation.round:1",
        changes=[ChangeSpec(K.KEEP, power, "运行良好", township_id=c.town_a.pk)],
    )


def _complete(w):
    return {
        "meeting_date": "2026-03-02",
        "document_number": "平政发〔2026〕1号",
        "effective_date": "2026-04-01",
        "fine_return_share": "0",
        "row_version": w.adj_keep.row_version,
    }


def _open(w):
    return {
        "title": "接口立项",
        "origin": "evaluation.round:2",
        "changes": [{"kind": "keep", "power_id": w.urban_power.pk, "reason": "运行良好"}],
    }


# fmt: off
PAGES = [
    ("evaluation:adjustment_list", "get", lambda w: f"{P}/", None, SIGNED_IN),
    ("evaluation:adjustment_detail", "get", lambda w: f"{P}/{w.adj.pk}/", None, READERS),
    ("evaluation:adjustment_start", "post", lambda w: f"{P}/{w.adj.pk}/start/", lambda w: {"mode": "entrustment", "row_version": w.adj.row_version}, OFFICE_FORM),
    ("evaluation:adjustment_complete", "post", lambda w: f"{P}/{w.adj_keep.pk}/complete/", _complete, (L, 302, 403, 403, 404, 403, 404, 404)),
    ("evaluation:adjustment_cancel", "post", lambda w: f"{P}/{w.adj_keep.pk}/cancel/", lambda w: {"reason": "不再需要"}, (L, 302, 403, 403, 404, 403, 404, 404)),
    ("evaluation:adjustment_basis", "get", lambda w: f"/evaluation/adjustment-changes/{w.adj_basis.pk}/basis/", None, OFFICE_FORM),
    ("evaluation:adjustment_basis", "post", lambda w: f"/evaluation/adjustment-changes/{w.adj_basis.pk}/basis/", lambda w: {"new_basis": "新的法律依据"}, OFFICE_POST),
    ("history", "get", lambda w: f"/history/adjustmentproject/{w.adj.pk}/", None, READERS),
    ("evaluation:adjustment_report", "get", lambda w: f"/evaluation/adjustment-changes/{w.adj_report.pk}/report/", None, READERS),
]

API = [
    (f"{A}/adjustments", "get", lambda w: f"{A}/adjustments", None, API_SIGNED_IN),
    (f"{A}/adjustments", "post", lambda w: f"{A}/adjustments", _open, (401, 201, 403, 403, 403, 403, 403, 422)),
    (f"{A}/adjustments/{{project_id}}", "get", lambda w: f"{A}/adjustments/{w.adj.pk}", None, API_READERS),
    (f"{A}/adjustments/{{project_id}}/start", "post", lambda w: f"{A}/adjustments/{w.adj.pk}/start", lambda w: {"mode": "entrustment"}, (401, 422, 403, 403, 404, 403, 404, 404)),
    (f"{A}/adjustments/{{project_id}}/complete", "post", lambda w: f"{A}/adjustments/{w.adj_keep.pk}/complete", _complete, API_OFFICE),
    (f"{A}/adjustments/{{project_id}}/cancel", "post", lambda w: f"{A}/adjustments/{w.adj_keep.pk}/cancel", lambda w: {"reason": "不再需要"}, API_OFFICE),
    (f"{A}/adjustment-changes/{{change_id}}/basis", "put", lambda w: f"{A}/adjustment-changes/{w.adj_basis.pk}/basis", lambda w: {"new_basis": "新的法律依据"}, API_OFFICE),
]
# fmt: on
