"""Issue 9 items 3 and 4 for the enforcement exports: whatever text a benchmark or a
report holds (stored before the write checks, or typed as a formula), its .xlsx and CSV
are written, open, and hold no formula and no formula-like text (core.textsafety)."""

import csv
import io

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from quanze.core.textsafety import FORMULA_STARTS
from quanze.enforcement.benchmarks import services, xlsx
from quanze.enforcement.benchmarks.models import BenchmarkItem, BenchmarkRow
from quanze.enforcement.benchmarks.tests import sheets
from quanze.enforcement.statistics import export

FORMULAS = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "\t=1", "\r=1",
            "'=1", "-2+3"]  # fmt: skip
hostile = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x9F), max_size=20),  # C0/C1 controls, NUL, DEL
    st.text(st.characters(categories=["Cs", "Cc", "Lo"]), max_size=20),  # lone surrogates
    st.builds(lambda f, t: f + t, st.sampled_from(FORMULAS), st.text(max_size=10)),
)
SETTINGS = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _no_formula(values) -> None:
    for value in values:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), repr(value[:40])


def _xlsx_values(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                values.append(cell.value)
    return values


@SETTINGS
@given(texts=st.lists(hostile, min_size=1, max_size=4))
def test_a_report_table_is_written_without_formulas_whatever_it_holds(texts):
    rows = [[text, 3, text] for text in texts]
    _no_formula(_xlsx_values(export.xlsx([("表", ["名称", "数", "说明"], rows)])))
    text = export.csv_bytes(["名称", "数", "说明"], rows).decode("utf-8-sig", "surrogatepass")
    for row in csv.reader(io.StringIO(text, newline="")):
        _no_formula(row)


@pytest.fixture
def version(world, tmp_path):
    """One imported benchmark draft for every example (the fixture runs once per test)."""
    bureau = world.cast.reviewer
    benchmark = services.benchmark_create(by=bureau, name="平阴县城市管理行政处罚裁量基准")
    draft = benchmark.versions.get(status="draft")
    path = sheets.write(tmp_path / "基准.xlsx", sheets.rows())
    return services.version_import(by=bureau, version=draft, path=path, file_name="基准.xlsx")


def _storable(text: str) -> str:
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text.replace("\x00", "") if connection.vendor == "postgresql" else text


@SETTINGS
@given(conduct=hostile, basis=hostile, standard=hostile)
def test_a_benchmark_exports_without_formulas_whatever_it_holds(version, conduct, basis, standard):
    item = version.items.order_by("position").first()
    BenchmarkItem.objects.filter(pk=item.pk).update(
        conduct=_storable(conduct)[:500], legal_basis=_storable(basis)
    )
    BenchmarkRow.objects.filter(item=item).update(
        standard=_storable(standard), conditions_text=_storable(basis)
    )
    _no_formula(_xlsx_values(xlsx.export_xlsx(version)))
