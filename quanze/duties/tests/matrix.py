"""Permission matrix rows of the duties pages and API (see tests/test_permission_matrix.py).

Roles: anon, office, reviewer, urban, land, town_a, town_b, outsider. The world gets the
county's published territorial list (resp_version), a claiming meeting, two admission
requests of 城管局 (one draft, one submitted) and 锦水街道's duty list with a draft in
its second round. Drafts of the territorial list are made inside each row (`_draft`),
because one left open would stop other apps' world builders from publishing.
"""

from quanze.duties.admission import services as admission
from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.services import Assessment
from quanze.duties.models import Matter
from quanze.duties.territorial import meetings
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.tests.builders import published_list

L = "LOGIN"
ALL = (200,) * 8
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
COUNTY_PAGE = (L, 200, 200, 200, 200, 200, 200, 404)
OFFICE_FORM = (L, 200, 403, 403, 403, 403, 403, 404)
OFFICE_POST = (L, 302, 403, 403, 403, 403, 403, 404)
TOWN_A_EDITS = (L, 302, 403, 403, 403, 302, 403, 404)
ADMISSION = {
    "matter_name": "门前三包督查", "township_duty": "督促沿街商户落实门前三包", "reason": "商户多",
    "basis": "《城市市容和环境卫生管理条例》", "staff": "无", "funding": "每年1万元", "equipment": "无",
}  # fmt: skip


def extend_world(w):
    cast = w.cast
    w.resp_list = territorial.list_for_county(by=None, county=cast.county)
    published = w.resp_list.versions.filter(published_at__isnull=False).first()
    w.resp_version = published or published_list(cast)
    w.resp_matter = Matter.objects.filter(county=cast.county).first()
    item = w.resp_version.items.first()
    w.meeting = meetings.meeting_record(by=None, version=w.resp_version, held_on=w.resp_version.effective_date, confirmations=[(item, cast.urban, True, "")])  # fmt: skip
    w.adm_draft = admission.admission_create(by=None, department=cast.urban, **ADMISSION)
    w.adm_submitted = admission.admission_submit(by=None, request=admission.admission_create(by=None, department=cast.urban, **ADMISSION))  # fmt: skip
    w.duty_list = dutylists.duty_list_for(by=None, township=cast.town_a)
    raw = dutylists.raw_items_add(by=None, duty_list=w.duty_list, texts=["做党建工作", "替自然资源局查处占用耕地"])  # fmt: skip
    w.raw_item = raw[0]
    dutylists.raw_items_assess(by=None, duty_list=w.duty_list, assessments=[
        Assessment(item=raw[0], basis_sufficient=True, needed_locally=True, can_carry_out=True, name="统筹推进基层党组织建设", duty_class="basic"),
        Assessment(item=raw[1], basis_sufficient=False, needed_locally=True, can_carry_out=False, name="非法占用耕地的行政处罚", duty_class="returned", return_reason="依据不充分", receiving_department=cast.land, takeover="部门直接履行"),
    ])  # fmt: skip
    w.duty_draft = dutylists.duty_draft_build(by=None, duty_list=w.duty_list)
    first = dutyrounds.duty_round_open(by=None, version=w.duty_draft, departments=[cast.land])
    w.opinion = dutyrounds.opinion_give(by=None, round=first, department=cast.land, text="同意")
    dutyrounds.duty_round_close(by=None, round=first)
    w.round = dutyrounds.duty_round_open(by=None, version=w.duty_draft)


def _draft(w):
    """A draft of the county list, made inside the row's savepoint."""
    return territorial.version_draft(by=None, responsibility_list=w.resp_list)


def _draft_item_url(w):
    draft = _draft(w)
    return f"/duties/versions/{draft.pk}/items/{draft.items.first().pk}/remove/"


def _published_duty_version(w):
    """A published version of 锦水街道's duty list, written directly inside the row's
    savepoint (through the services it would take six rounds)."""
    from django.utils import timezone

    version = w.duty_list.versions.create(number=9, status="published", published_at=timezone.now())
    entry = w.duty_draft.entries.first()
    version.entries.create(position=1, name=entry.name, duty_class=entry.duty_class)
    return version


def _lookup(w):
    return f"/duties/lookup/?county={w.cast.county.pk}&q=违建&township={w.cast.town_a.pk}&on=2025-02-01"


# (route, method, url(w), data(w) or None, expected statuses in ROLES order)
# fmt: off
PAGES = [
    ("duties:index", "get", lambda w: "/duties/", None, ALL),
    ("duties:lookup", "get", _lookup, None, ALL),
    ("duties:list_create", "post", lambda w: "/duties/lists/new/", None, (L, 302, 403, 403, 403, 403, 403, 302)),
    ("duties:list_detail", "get", lambda w: f"/duties/lists/{w.resp_list.pk}/", None, ALL),
    ("duties:version_draft", "post", lambda w: f"/duties/lists/{w.resp_list.pk}/draft/", None, (L, 302, 403, 403, 403, 403, 403, 403)),
    ("duties:version_diff", "get", lambda w: f"/duties/lists/{w.resp_list.pk}/diff/?old={w.resp_version.pk}&new={w.resp_version.pk}", None, ALL),
    ("duties:version_detail", "get", lambda w: f"/duties/versions/{w.resp_version.pk}/", None, ALL),
    ("duties:version_detail", "get", lambda w: f"/duties/versions/{_draft(w).pk}/", None, (404, 200, 200, 200, 200, 200, 200, 404)),
    ("duties:version_export", "get", lambda w: f"/duties/versions/{w.resp_version.pk}/export.xlsx", None, ALL),
    ("duties:version_publish", "get", lambda w: f"/duties/versions/{_draft(w).pk}/publish/", None, OFFICE_FORM),
    ("duties:version_publish", "get", lambda w: f"/duties/versions/{w.resp_version.pk}/publish/", None, (L, 200, 403, 403, 403, 403, 403, 403)),
    ("duties:version_import", "get", lambda w: f"/duties/versions/{_draft(w).pk}/import/", None, OFFICE_FORM),
    ("duties:item_add", "get", lambda w: f"/duties/versions/{_draft(w).pk}/items/", None, OFFICE_FORM),
    ("duties:item_remove", "post", _draft_item_url, None, OFFICE_POST),
    ("duties:meeting_create", "get", lambda w: f"/duties/versions/{_draft(w).pk}/meetings/new/", None, OFFICE_FORM),
    ("duties:meeting_detail", "get", lambda w: f"/duties/meetings/{w.meeting.pk}/", None, COUNTY_PAGE),
    ("duties:admission_list", "get", lambda w: "/duties/admissions/", None, SIGNED_IN),
    ("duties:admission_create", "get", lambda w: "/duties/admissions/new/", None, (L, 403, 403, 200, 200, 403, 403, 403)),
    ("duties:admission_detail", "get", lambda w: f"/duties/admissions/{w.adm_draft.pk}/", None, (L, 200, 200, 200, 404, 404, 404, 404)),
    ("duties:admission_detail", "get", lambda w: f"/duties/admissions/{w.adm_submitted.pk}/", None, (L, 200, 200, 200, 404, 200, 200, 404)),
    ("duties:admission_edit", "get", lambda w: f"/duties/admissions/{w.adm_draft.pk}/edit/", None, (L, 200, 403, 200, 404, 404, 404, 404)),
    ("duties:admission_submit", "post", lambda w: f"/duties/admissions/{w.adm_draft.pk}/submit/", None, (L, 302, 403, 302, 404, 404, 404, 404)),
    ("duties:admission_decide", "post", lambda w: f"/duties/admissions/{w.adm_submitted.pk}/decide/", lambda w: {"action": "refuse", "reason": "矩阵", "row_version": w.adm_submitted.row_version}, (L, 302, 403, 403, 404, 403, 403, 404)),
    ("duties:dutylist_index", "get", lambda w: "/duties/township-lists/", None, SIGNED_IN),
    ("duties:dutylist_create", "post", lambda w: "/duties/township-lists/new/", lambda w: {"township": w.cast.town_b.pk}, (L, 302, 403, 403, 403, 403, 403, 403)),
    ("duties:dutylist_report", "get", lambda w: "/duties/township-lists/report/", None, SIGNED_IN),
    ("duties:dutylist_detail", "get", lambda w: f"/duties/township-lists/{w.duty_list.pk}/", None, COUNTY_PAGE),
    ("duties:rawitems_add", "post", lambda w: f"/duties/township-lists/{w.duty_list.pk}/raw/", lambda w: {"texts": "协助搞好防汛"}, TOWN_A_EDITS),
    ("duties:dutylist_build", "post", lambda w: f"/duties/township-lists/{w.duty_list.pk}/build/", None, TOWN_A_EDITS),
    ("duties:rawitem_assess", "get", lambda w: f"/duties/raw-items/{w.raw_item.pk}/", None, (L, 200, 403, 403, 403, 200, 403, 404)),
    ("duties:dutyversion_detail", "get", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/", None, COUNTY_PAGE),
    ("duties:dutyversion_diff", "get", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/diff/", None, COUNTY_PAGE),
    ("duties:dutyversion_export", "get", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/export.xlsx", None, COUNTY_PAGE),
    ("duties:dutyversion_document", "get", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/document.docx", None, (404, 200, 200, 200, 200, 200, 200, 404)),
    ("duties:dutyversion_document", "get", lambda w: f"/duties/township-versions/{_published_duty_version(w).pk}/document.docx", None, ALL),
    ("duties:round_open", "post", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/rounds/", None, OFFICE_POST),
    ("duties:dutyversion_publish", "post", lambda w: f"/duties/township-versions/{w.duty_draft.pk}/publish/", lambda w: {"effective_date": "2025-09-01"}, OFFICE_POST),
    ("duties:round_close", "post", lambda w: f"/duties/rounds/{w.round.pk}/close/", None, OFFICE_POST),
    ("duties:opinion_create", "post", lambda w: f"/duties/rounds/{w.round.pk}/opinions/", lambda w: {"text": "同意收回"}, (L, 403, 403, 403, 403, 302, 403, 404)),
    ("duties:opinion_dispose", "post", lambda w: f"/duties/opinions/{w.opinion.pk}/dispose/", lambda w: {"disposition": "adopted", "row_version": 1}, TOWN_A_EDITS),
]

A = "/api/duties"
API = [
    (A + "/responsibility", "get", lambda w: f"{A}/responsibility?matter={w.resp_matter.pk}&township={w.cast.town_a.pk}&on=2025-02-01", None, ALL),
    (A + "/on-list", "get", lambda w: f"{A}/on-list?matter=违法建设查处&township={w.cast.town_a.pk}", None, ALL),
    (A + "/counties/{county_id}/matters", "get", lambda w: f"{A}/counties/{w.cast.county.pk}/matters", None, ALL),
    (A + "/lists/{list_id}/versions", "get", lambda w: f"{A}/lists/{w.resp_list.pk}/versions", None, ALL),
    (A + "/versions/{version_id}/items", "get", lambda w: f"{A}/versions/{w.resp_version.pk}/items", None, ALL),
    (A + "/versions/{version_id}/items", "get", lambda w: f"{A}/versions/{_draft(w).pk}/items", None, (404, 200, 200, 200, 200, 200, 200, 404)),
    (A + "/admissions", "get", lambda w: f"{A}/admissions", None, API_SIGNED_IN),
    (A + "/admissions", "post", lambda w: f"{A}/admissions", lambda w: ADMISSION, (401, 403, 403, 201, 201, 403, 403, 403)),
    (A + "/admissions/{admission_id}/submit", "post", lambda w: f"{A}/admissions/{w.adm_draft.pk}/submit", None, (401, 200, 403, 200, 404, 404, 404, 404)),
    (A + "/admissions/{admission_id}/decide", "post", lambda w: f"{A}/admissions/{w.adm_submitted.pk}/decide", lambda w: {"action": "refuse", "reason": "矩阵"}, (401, 200, 403, 403, 404, 403, 403, 404)),
    (A + "/duty-report", "get", lambda w: f"{A}/duty-report", None, API_SIGNED_IN),
]
# fmt: on
