"""Permission matrix rows of the stationed squads and the staffing pages and API (added to
matrix.py's PAGES and API; see tests/test_permission_matrix.py for the roles).

`extend_world` adds: 县城管局's squad stationed in 锦水街道 (town_a) with one member and a
consent request waiting for town_a's answer; town_a's administrative quota; the urban
department's institutional quota (10) with 2 posts sunk to town_a.
"""

import base64
import io
from datetime import date

from openpyxl import Workbook

from quanze.enforcement.squads import services as squads
from quanze.enforcement.staffing import services as staffing
from quanze.enforcement.tests.world import officer

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
SEES_SQUAD = (L, 200, 200, 200, 404, 200, 404, 404)
DEPARTMENT_WRITES = (L, 403, 403, 302, 404, 403, 404, 404)
TOWNSHIP_WRITES = (L, 403, 403, 403, 404, 302, 404, 404)
OFFICE_POSTS = (L, 302, 403, 403, 403, 403, 403, 302)  # the outsider: its own county's form
SEES_DECISION = (L, 200, 200, 404, 404, 200, 404, 404)
ON = date(2025, 10, 1)


def extend_world(w):
    cast = w.cast
    w.squad = squads.squad_create(by=cast.dept_clerk, township=cast.town_a, established_on=ON)
    w.stationed = officer(cast, "派驻队员", department=cast.urban, number="37012400020")
    w.member = squads.member_add(
        by=cast.dept_clerk, squad=w.squad, officer=w.stationed, joined_on=ON
    )
    w.consent = squads.consent_request(
        by=cast.dept_clerk, squad=w.squad, candidate=w.stationed, reason="矩阵"
    )
    w.town_quota = staffing.quota_set(
        by=cast.office, township=cast.town_a, kind="administrative", approved=30, filled=28
    )
    staffing.quota_set(
        by=cast.office, department=cast.urban, kind="institutional", approved=10, filled=9
    )
    w.sinking = staffing.sinking_create(
        by=cast.office, department=cast.urban, township=cast.town_a, kind="institutional",
        count=2, on=ON,
    )  # fmt: skip


def _xlsx_base64() -> str:
    book = Workbook()
    book.active.append(["单位", "编制类型", "核定编制数", "实有人数"])
    book.active.append(["锦水街道", "行政编制", 31, 29])
    buffer = io.BytesIO()
    book.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


E = "/api/enforcement"
S = "/enforcement/squads"
# fmt: off
PAGES = [
    ("enforcement:squad_list", "get", lambda w: f"{S}/?sort=-members&q=城管", None, SIGNED_IN),
    ("enforcement:squad_create", "get", lambda w: f"{S}/new/", None, (L, 403, 403, 200, 200, 403, 403, 403)),
    ("enforcement:squad_create", "post", lambda w: f"{S}/new/", lambda w: {"township": w.cast.town_b.pk, "established_on": "2025-10-01"}, (L, 403, 403, 302, 302, 403, 403, 403)),
    ("enforcement:township_equipment_add", "post", lambda w: f"{S}/equipment/", lambda w: {"kind": "recorder", "name": "执法记录仪", "quantity": 2}, (L, 403, 403, 403, 403, 302, 302, 403)),
    ("enforcement:squad_detail", "get", lambda w: f"{S}/{w.squad.pk}/", None, SEES_SQUAD),
    ("enforcement:squad_member_add", "post", lambda w: f"{S}/{w.squad.pk}/members/", lambda w: {"officer": w.chen.pk, "joined_on": "2025-10-02"}, DEPARTMENT_WRITES),
    ("enforcement:squad_member_leave", "post", lambda w: f"{S}/members/{w.member.pk}/leave/", lambda w: {"left_on": "2025-12-01"}, DEPARTMENT_WRITES),
    ("enforcement:squad_equipment_add", "post", lambda w: f"{S}/{w.squad.pk}/equipment/", lambda w: {"kind": "vehicle", "name": "执法车", "quantity": 1}, DEPARTMENT_WRITES),
    ("enforcement:squad_attendance", "post", lambda w: f"{S}/{w.squad.pk}/attendance/", lambda w: {"officer": w.stationed.pk, "month": "2025-11", "days_due": 20, "days_present": 19}, TOWNSHIP_WRITES),
    ("enforcement:squad_appraisal", "post", lambda w: f"{S}/{w.squad.pk}/appraisal/", lambda w: {"year": 2025, "score": "88"}, TOWNSHIP_WRITES),
    ("enforcement:squad_consent_request", "post", lambda w: f"{S}/{w.squad.pk}/consents/", lambda w: {"candidate": w.chen.pk, "reason": "矩阵"}, DEPARTMENT_WRITES),  # one is pending: a message
    ("enforcement:squad_consent_answer", "post", lambda w: f"{S}/consents/{w.consent.pk}/answer/", lambda w: {"agree": "yes", "answer": "同意"}, TOWNSHIP_WRITES),
    ("enforcement:staffing_report", "get", lambda w: "/enforcement/staffing/?on=2025-12-31&sort=-per_officer&only=overloaded", None, SIGNED_IN),
    ("enforcement:staffing_export", "get", lambda w: "/enforcement/staffing/export.xlsx?on=2025-12-31", None, SIGNED_IN),
    ("enforcement:staffing_quotas", "get", lambda w: f"/enforcement/staffing/quotas/?unit=t{w.cast.town_a.pk}&sort=-vacant", None, SIGNED_IN),
    ("enforcement:staffing_quota_save", "post", lambda w: "/enforcement/staffing/quotas/save/", lambda w: {"township": w.cast.town_a.pk, "kind": "administrative", "approved": 31, "filled": 29}, OFFICE_POSTS),
    ("enforcement:staffing_sinking_create", "post", lambda w: "/enforcement/staffing/sinkings/", lambda w: {"department": w.cast.urban.pk, "township": w.cast.town_b.pk, "kind": "institutional", "count": 1, "filled": 0, "on": "2025-10-01"}, OFFICE_POSTS),
    ("enforcement:staffing_import", "get", lambda w: "/enforcement/staffing/import/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("enforcement:staffing_decision", "get", lambda w: f"/enforcement/staffing/decisions/{w.decision.pk}/", None, SEES_DECISION),
]
API = [
    (f"{E}/squads", "get", lambda w: f"{E}/squads", None, API_SIGNED_IN),
    (f"{E}/squads", "post", lambda w: f"{E}/squads", lambda w: {"township_id": w.cast.town_b.pk, "established_on": "2025-10-01"}, (401, 403, 403, 201, 201, 403, 403, 403)),
    (f"{E}/squads/{{squad_id}}", "get", lambda w: f"{E}/squads/{w.squad.pk}", None, (401, 200, 200, 200, 404, 200, 404, 404)),
    (f"{E}/squads/{{squad_id}}/members", "post", lambda w: f"{E}/squads/{w.squad.pk}/members", lambda w: {"officer_id": w.chen.pk, "joined_on": "2025-10-02"}, (401, 403, 403, 201, 404, 403, 404, 404)),
    (f"{E}/squads/{{squad_id}}/equipment", "post", lambda w: f"{E}/squads/{w.squad.pk}/equipment", lambda w: {"kind": "vehicle", "name": "执法车"}, (401, 403, 403, 201, 404, 403, 404, 404)),
    (f"{E}/squads/{{squad_id}}/attendance", "post", lambda w: f"{E}/squads/{w.squad.pk}/attendance", lambda w: {"officer_id": w.stationed.pk, "month": "2025-11", "days_due": 20, "days_present": 20}, (401, 403, 403, 403, 404, 201, 404, 404)),
    (f"{E}/squads/{{squad_id}}/appraisal", "post", lambda w: f"{E}/squads/{w.squad.pk}/appraisal", lambda w: {"year": 2025, "score": 88}, (401, 403, 403, 403, 404, 201, 404, 404)),
    (f"{E}/squads/{{squad_id}}/consents", "post", lambda w: f"{E}/squads/{w.squad.pk}/consents", lambda w: {"candidate_id": w.chen.pk, "reason": "矩阵"}, (401, 403, 403, 422, 404, 403, 404, 404)),  # one is pending
    (f"{E}/squad-consents/{{consent_id}}/answer", "post", lambda w: f"{E}/squad-consents/{w.consent.pk}/answer", lambda w: {"agree": True}, (401, 403, 403, 403, 404, 200, 404, 404)),
    (f"{E}/staffing", "get", lambda w: f"{E}/staffing?on=2025-12-31", None, API_SIGNED_IN),
    (f"{E}/staffing/quotas", "get", lambda w: f"{E}/staffing/quotas", None, API_SIGNED_IN),
    (f"{E}/staffing/quotas", "post", lambda w: f"{E}/staffing/quotas", lambda w: {"township_id": w.cast.town_a.pk, "kind": "administrative", "approved": 31, "filled": 29}, (401, 200, 403, 403, 403, 403, 403, 422)),
    (f"{E}/staffing/sinkings", "get", lambda w: f"{E}/staffing/sinkings", None, API_SIGNED_IN),
    (f"{E}/staffing/sinkings", "post", lambda w: f"{E}/staffing/sinkings", lambda w: {"department_id": w.cast.urban.pk, "township_id": w.cast.town_b.pk, "kind": "institutional", "count": 1, "on": "2025-10-01"}, (401, 201, 403, 403, 403, 403, 403, 422)),
    (f"{E}/staffing/import", "post", lambda w: f"{E}/staffing/import", lambda w: {"file_name": "编制.xlsx", "content_base64": _xlsx_base64()}, (401, 200, 403, 403, 403, 403, 403, 422)),
    (f"{E}/staffing/decisions/{{decision_id}}", "get", lambda w: f"{E}/staffing/decisions/{w.decision.pk}", None, (401, 200, 200, 404, 404, 200, 404, 404)),
]
# fmt: on
