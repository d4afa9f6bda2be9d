"""Permission matrix rows of the benchmark, guidance and guiding-case pages and API
(added to matrix.py's PAGES and API; see tests/test_permission_matrix.py for the roles).

`extend_world` adds: 平阴县城市管理行政处罚裁量基准 with version 1 published (from
2025-01-01) and version 2 a draft; published guidance for `urban_power`; a published
guiding case and a collected one (only the bureau sees it).
"""

import tempfile
from datetime import date
from pathlib import Path

from quanze.enforcement.benchmarks import services as benchmarks
from quanze.enforcement.benchmarks.tests import sheets
from quanze.enforcement.guidance import services as guidance

L = "LOGIN"
ALL = (200,) * 8
SIGNED_IN = (L,) + (200,) * 7
COUNTY = (L, 200, 200, 200, 200, 200, 200, 404)
BUREAU_ONLY = (L, 404, 200, 404, 404, 404, 404, 404)
BUREAU_FORM = (L, 403, 200, 403, 403, 403, 403, 403)
BUREAU_POSTS = (L, 403, 302, 403, 403, 403, 403, 403)
BUREAU_POSTS_SEEN = (L, 403, 302, 403, 403, 403, 403, 404)
BUREAU_POSTS_HIDDEN = (L, 404, 302, 404, 404, 404, 404, 404)
NOBODY = (404,) * 8
API_SIGNED_IN = (401,) + (200,) * 7
API_COUNTY = (401, 200, 200, 200, 200, 200, 200, 404)
API_HIDDEN = (401, 404, 200, 404, 404, 404, 404, 404)


def extend_world(w):
    bureau = w.cast.reviewer
    w.benchmark = benchmarks.benchmark_create(by=bureau, name="平阴县城市管理行政处罚裁量基准")
    w.bench_v1 = w.benchmark.versions.get()
    with tempfile.TemporaryDirectory() as folder:
        path = sheets.write(Path(folder) / "v1.xlsx", sheets.rows())
        benchmarks.version_import(by=bureau, version=w.bench_v1, path=path, file_name="v1.xlsx")
    benchmarks.version_publish(by=bureau, version=w.bench_v1, effective_date=date(2025, 1, 1))
    w.bench_draft = benchmarks.version_draft(by=bureau, benchmark=w.benchmark)
    w.guidance = guidance.guidance_save(
        by=bureau, power=w.urban_power, legal_basis="《城乡规划法》第六十四条", publish=True
    )
    w.guiding = guidance.guiding_case_create(
        by=bureau, title="违法搭建案", facts="……", powers=[w.urban_power]
    )
    guidance.review_add(
        by=bureau, guiding_case=w.guiding, reviewer="张", opinion="好", recommend=True
    )
    guidance.guiding_case_decide(by=bureau, guiding_case=w.guiding, decision="choose")
    guidance.guiding_case_decide(by=bureau, guiding_case=w.guiding, decision="publish")
    w.collected = guidance.guiding_case_create(
        by=bureau, title="占道经营案", facts="……", powers=[w.urban_power]
    )


def _version(w):
    return f"/enforcement/benchmarks/versions/{w.bench_v1.pk}/"


def _draft(w):
    return f"/enforcement/benchmarks/versions/{w.bench_draft.pk}/"


def _guiding(w):
    return {"title": "新案例", "facts": "案情", "powers": [w.urban_power.pk]}


E = "/api/enforcement"
B = f"{E}/benchmarks"
G = f"{E}/guiding-cases"
# fmt: off
PAGES = [
    ("enforcement:benchmark_list", "get", lambda w: "/enforcement/benchmarks/?q=城市&sort=name", None, SIGNED_IN),
    ("enforcement:benchmark_create", "get", lambda w: "/enforcement/benchmarks/new/", None, BUREAU_FORM),
    ("enforcement:benchmark_create", "post", lambda w: "/enforcement/benchmarks/new/", lambda w: {"name": "新基准"}, BUREAU_POSTS),
    ("enforcement:benchmark_proposal", "get", lambda w: f"/enforcement/benchmarks/proposal/?power={w.urban_power.pk}&conditions=拒不停止建设&base_amount=100000", None, SIGNED_IN),
    ("enforcement:benchmark_detail", "get", lambda w: f"/enforcement/benchmarks/{w.benchmark.pk}/", None, COUNTY),
    ("enforcement:benchmark_draft", "post", lambda w: f"/enforcement/benchmarks/{w.benchmark.pk}/draft/", None, BUREAU_POSTS_SEEN),
    ("enforcement:benchmark_version", "get", lambda w: _version(w) + "?q=建设&tier=general", None, COUNTY),
    ("enforcement:benchmark_version", "get", _draft, None, BUREAU_ONLY),
    ("enforcement:benchmark_import", "post", lambda w: _draft(w) + "import/", None, BUREAU_POSTS_HIDDEN),
    ("enforcement:benchmark_import", "post", lambda w: _version(w) + "import/", None, BUREAU_POSTS_SEEN),
    ("enforcement:benchmark_publish", "post", lambda w: _draft(w) + "publish/", lambda w: {"effective_date": "2025-07-01"}, BUREAU_POSTS_HIDDEN),
    ("enforcement:benchmark_export", "get", lambda w: _version(w) + "export.xlsx", None, COUNTY),
    ("enforcement:benchmark_export", "get", lambda w: _draft(w) + "export.xlsx", None, BUREAU_ONLY),
    ("enforcement:public_benchmarks", "get", lambda w: "/enforcement/public/benchmarks/?q=平阴", None, ALL),
    ("enforcement:public_benchmark", "get", lambda w: f"/enforcement/public/benchmarks/{w.bench_v1.pk}/", None, ALL),
    ("enforcement:public_benchmark", "get", lambda w: f"/enforcement/public/benchmarks/{w.bench_draft.pk}/", None, NOBODY),
    ("enforcement:public_benchmark_export", "get", lambda w: f"/enforcement/public/benchmarks/{w.bench_v1.pk}/export.xlsx", None, ALL),
    ("enforcement:guidance_list", "get", lambda w: "/enforcement/guidance/?sort=code", None, SIGNED_IN),
    ("enforcement:guidance_detail", "get", lambda w: f"/enforcement/guidance/powers/{w.urban_power.pk}/", None, COUNTY),
    ("enforcement:guidance_edit", "get", lambda w: f"/enforcement/guidance/powers/{w.urban_power.pk}/edit/", None, BUREAU_FORM),
    ("enforcement:guidance_edit", "post", lambda w: f"/enforcement/guidance/powers/{w.urban_power.pk}/edit/", lambda w: {"legal_basis": "依据", "publish": "on"}, BUREAU_POSTS),
    ("enforcement:guiding_case_list", "get", lambda w: "/enforcement/guiding-cases/?status=published", None, SIGNED_IN),
    ("enforcement:guiding_case_create", "get", lambda w: "/enforcement/guiding-cases/new/", None, BUREAU_FORM),
    ("enforcement:guiding_case_create", "post", lambda w: "/enforcement/guiding-cases/new/", _guiding, BUREAU_POSTS),
    ("enforcement:guiding_case_detail", "get", lambda w: f"/enforcement/guiding-cases/{w.guiding.pk}/", None, COUNTY),
    ("enforcement:guiding_case_detail", "get", lambda w: f"/enforcement/guiding-cases/{w.collected.pk}/", None, BUREAU_ONLY),
    ("enforcement:guiding_case_review", "post", lambda w: f"/enforcement/guiding-cases/{w.collected.pk}/reviews/", lambda w: {"reviewer": "李", "opinion": "同意", "recommend": "on"}, BUREAU_POSTS_HIDDEN),
    ("enforcement:guiding_case_decide", "post", lambda w: f"/enforcement/guiding-cases/{w.collected.pk}/decide/", lambda w: {"decision": "reject"}, BUREAU_POSTS_HIDDEN),
    ("enforcement:guiding_case_decide", "post", lambda w: f"/enforcement/guiding-cases/{w.guiding.pk}/decide/", lambda w: {"decision": "reject"}, BUREAU_POSTS_SEEN),
    ("enforcement:public_guiding_cases", "get", lambda w: "/enforcement/public/guiding-cases/?q=违法", None, ALL),
    ("enforcement:public_guiding_case", "get", lambda w: f"/enforcement/public/guiding-cases/{w.guiding.pk}/", None, ALL),
    ("enforcement:public_guiding_case", "get", lambda w: f"/enforcement/public/guiding-cases/{w.collected.pk}/", None, NOBODY),
]
API = [
    (B, "get", lambda w: f"{B}?q=城市", None, API_SIGNED_IN),
    (B, "post", lambda w: B, lambda w: {"name": "新基准"}, (401, 403, 201, 403, 403, 403, 403, 403)),
    (f"{B}/{{benchmark_id}}/versions", "get", lambda w: f"{B}/{w.benchmark.pk}/versions", None, API_COUNTY),
    (f"{B}/{{benchmark_id}}/draft", "post", lambda w: f"{B}/{w.benchmark.pk}/draft", None, (401, 403, 422, 403, 403, 403, 403, 404)),
    (f"{B}/versions/{{version_id}}", "get", lambda w: f"{B}/versions/{w.bench_v1.pk}", None, API_COUNTY),
    (f"{B}/versions/{{version_id}}", "get", lambda w: f"{B}/versions/{w.bench_draft.pk}", None, API_HIDDEN),
    (f"{B}/versions/{{version_id}}/import", "post", lambda w: f"{B}/versions/{w.bench_v1.pk}/import", lambda w: {"file_name": "x.xlsx", "content_base64": "!!"}, (401, 403, 422, 403, 403, 403, 403, 404)),
    (f"{B}/versions/{{version_id}}/publish", "post", lambda w: f"{B}/versions/{w.bench_draft.pk}/publish", lambda w: {"effective_date": "2025-07-01"}, API_HIDDEN),
    (f"{B}/versions/{{version_id}}/export.xlsx", "get", lambda w: f"{B}/versions/{w.bench_v1.pk}/export.xlsx", None, API_COUNTY),
    (f"{B}/proposal", "get", lambda w: f"{B}/proposal?power_id={w.urban_power.pk}&on=2025-03-10&base_amount=100000", None, (401, 200, 200, 200, 200, 200, 200, 422)),
    (f"{E}/public/benchmarks", "get", lambda w: f"{E}/public/benchmarks", None, ALL),
    (f"{E}/guidance", "get", lambda w: f"{E}/guidance", None, API_SIGNED_IN),
    (f"{E}/guidance/powers/{{power_id}}", "put", lambda w: f"{E}/guidance/powers/{w.urban_power.pk}", lambda w: {"legal_basis": "依据"}, (401, 403, 200, 403, 403, 403, 403, 404)),
    (G, "get", lambda w: G, None, API_SIGNED_IN),
    (G, "post", lambda w: G, lambda w: {"title": "新案例", "facts": "案情", "power_ids": [w.urban_power.pk]}, (401, 403, 201, 403, 403, 403, 403, 403)),
    (f"{G}/{{case_id}}", "get", lambda w: f"{G}/{w.guiding.pk}", None, API_COUNTY),
    (f"{G}/{{case_id}}", "get", lambda w: f"{G}/{w.collected.pk}", None, API_HIDDEN),
    (f"{G}/{{case_id}}/reviews", "post", lambda w: f"{G}/{w.collected.pk}/reviews", lambda w: {"reviewer": "李", "opinion": "同意"}, (401, 404, 201, 404, 404, 404, 404, 404)),
    (f"{G}/{{case_id}}/decide", "post", lambda w: f"{G}/{w.collected.pk}/decide", lambda w: {"decision": "reject"}, API_HIDDEN),
    (f"{E}/public/guiding-cases", "get", lambda w: f"{E}/public/guiding-cases", None, ALL),
]
# fmt: on
