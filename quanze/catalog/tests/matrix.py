"""Permission-matrix rows for the catalog's document downloads (see
tests/test_permission_matrix.py): the same readers as the .xlsx/.csv export."""

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
# fmt: on
API = []
