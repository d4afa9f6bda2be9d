"""Permission-matrix rows for the catalog's document downloads (see
tests/test_permission_matrix.py): the same readers as the .xlsx/.csv export."""

import base64

COUNTY = (200, 200, 200, 200, 200, 200, 200, 404)  # the public and the county, not outsiders
OFFICE_AND_REVIEWER = (404, 200, 200, 404, 404, 404, 404, 404)
# fmt: off
PAGES = [
    ("catalog:version_document", "get", lambda w: f"/catalog/versions/{w.published.pk}/document.pdf", None, COUNTY),
    ("catalog:version_document", "get", lambda w: f"/catalog/versions/{w.published.pk}/document.docx", None, COUNTY),
    ("catalog:version_document", "get", lambda w: f"/catalog/versions/{w.draft.pk}/document.docx", None, OFFICE_AND_REVIEWER),
    ("catalog:version_document", "get", lambda w: f"/catalog/versions/{w.urban_draft.pk}/document.docx", None, (404, 200, 200, 200, 404, 404, 404, 404)),
    ("catalog:version_document", "get", lambda w: f"/catalog/versions/{w.foreign_version.pk}/document.docx", None, (200, 404, 404, 404, 404, 404, 404, 200)),
]
CSV = base64.b64encode(
    "事项编码,事项名称,职权类型,实施部门\n330217D09,对乱倒建筑垃圾的处罚,行政处罚,平阴县城市管理局\n".encode()
).decode()
API = [
    ("/api/catalog/catalogs/{catalog_id}/imports", "post", lambda w: f"/api/catalog/catalogs/{w.urban_catalog.pk}/imports", lambda w: {"file_name": "清单.csv", "content_base64": CSV, "mode": "merge"}, (401, 201, 403, 201, 404, 404, 404, 404)),
    ("/api/catalog/imports/{job_id}", "get", lambda w: f"/api/catalog/imports/{w.job.pk}", None, (401, 200, 404, 200, 404, 404, 404, 404)),
    ("/api/catalog/imports/{job_id}/confirm", "post", lambda w: f"/api/catalog/imports/{w.job.pk}/confirm", None, (401, 422, 404, 422, 404, 404, 404, 404)),  # done already: refused
]
# fmt: on
