"""Permission-matrix rows of the law-change pages and API (tests/test_permission_matrix.py).

The justice bureau (reviewer) records acts and changes; every signed-in user reads the
register; impacts are read by the office and bureau (their county's rows), departments
and townships (their own rows); the specs for an adjustment project go to an office only
(the outsider is the office of another county: its own county's specs, none here). An
office opens its own county's adjustment project from a change (the outsider's county
has a power citing the changed article too, so it opens one for its county).
"""

from datetime import date

from quanze.evaluation.lawchange import services
from quanze.evaluation.lawchange.parsing import chinese_numeral

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
BUREAU_FORM = (L, 403, 200, 403, 403, 403, 403, 403)
BUREAU_POSTS = (L, 403, 302, 403, 403, 403, 403, 403)
A = "/api/evaluation"


def extend_world(w):
    text = "\n".join(f"第{chinese_numeral(n)}条 内容{n}" for n in range(1, 71))
    w.law_act = services.act_create(
        by=w.cast.reviewer, title="中华人民共和国城乡规划法", rank="法律",
        effective_date=date(2019, 4, 23), text=text,
    )  # fmt: skip
    w.law_change = services.change_record_save(
        by=w.cast.reviewer, act=w.law_act, kind="amend", articles=["64"],
        effective_from=date(2027, 1, 1),
    )  # fmt: skip


def _act(w):
    return {"title": "城市道路管理条例", "rank": "行政法规", "effective_date": "2019-03-24",
            "text": "第一条 甲\n第二条 乙"}  # fmt: skip


def _change(w):
    return {"kind": "interpret", "articles": "64", "effective_from": "2027-02-01"}


# fmt: off
PAGES = [
    ("evaluation:lawchange_acts", "get", lambda w: "/evaluation/laws/?q=规划", None, SIGNED_IN),
    ("evaluation:lawchange_act_create", "get", lambda w: "/evaluation/laws/new/", None, BUREAU_FORM),
    ("evaluation:lawchange_act_create", "post", lambda w: "/evaluation/laws/new/", _act, BUREAU_POSTS),
    ("evaluation:lawchange_search", "get", lambda w: f"/evaluation/laws/search/?act={w.law_act.pk}&articles=64", None, SIGNED_IN),
    ("evaluation:lawchange_act", "get", lambda w: f"/evaluation/laws/{w.law_act.pk}/?q=内容", None, SIGNED_IN),
    ("evaluation:lawchange_articles", "get", lambda w: f"/evaluation/laws/{w.law_act.pk}/articles/", None, BUREAU_FORM),
    ("evaluation:lawchange_articles", "post", lambda w: f"/evaluation/laws/{w.law_act.pk}/articles/", lambda w: {"text": "第一条 甲"}, BUREAU_POSTS),
    ("evaluation:lawchange_change_create", "get", lambda w: f"/evaluation/laws/{w.law_act.pk}/changes/new/", None, BUREAU_FORM),
    ("evaluation:lawchange_change_create", "post", lambda w: f"/evaluation/laws/{w.law_act.pk}/changes/new/", _change, BUREAU_POSTS),
    ("evaluation:lawchange_detail", "get", lambda w: f"/evaluation/law-changes/{w.law_change.pk}/?sort=division&kind=guiding", None, SIGNED_IN),
    ("evaluation:lawchange_adjustment", "post", lambda w: f"/evaluation/law-changes/{w.law_change.pk}/adjustment/", lambda w: {"title": ""}, (L, 302, 403, 403, 403, 403, 403, 302)),
    ("evaluation:lawchange_export", "get", lambda w: f"/evaluation/law-changes/{w.law_change.pk}/export.xlsx", None, SIGNED_IN),
]
API = [
    (f"{A}/laws", "get", lambda w: f"{A}/laws?q=规划", None, API_SIGNED_IN),
    (f"{A}/laws", "post", lambda w: f"{A}/laws", _act, (401, 403, 201, 403, 403, 403, 403, 403)),
    (f"{A}/laws/{{act_id}}/articles", "get", lambda w: f"{A}/laws/{w.law_act.pk}/articles", None, API_SIGNED_IN),
    (f"{A}/laws/{{act_id}}/articles", "put", lambda w: f"{A}/laws/{w.law_act.pk}/articles", lambda w: {"text": "第一条 甲"}, (401, 403, 200, 403, 403, 403, 403, 403)),
    (f"{A}/laws/{{act_id}}/changes", "post", lambda w: f"{A}/laws/{w.law_act.pk}/changes", _change, (401, 403, 201, 403, 403, 403, 403, 403)),
    (f"{A}/law-changes/{{change_id}}/adjustment", "post", lambda w: f"{A}/law-changes/{w.law_change.pk}/adjustment", lambda w: {"title": "矩阵法规调整"}, (401, 201, 403, 403, 403, 403, 403, 201)),
    (f"{A}/laws/{{act_id}}/citing", "get", lambda w: f"{A}/laws/{w.law_act.pk}/citing?articles=64", None, API_SIGNED_IN),
    (f"{A}/law-changes/{{change_id}}/impact", "get", lambda w: f"{A}/law-changes/{w.law_change.pk}/impact", None, API_SIGNED_IN),
    (f"{A}/law-changes/{{change_id}}/specs", "get", lambda w: f"{A}/law-changes/{w.law_change.pk}/specs", None, (401, 200, 403, 403, 403, 403, 403, 200)),
]
# fmt: on
