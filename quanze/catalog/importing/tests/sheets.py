"""Helpers for import tests: write small workbooks and CSVs, count what a run wrote."""

import csv
from pathlib import Path

from openpyxl import Workbook

from quanze.catalog.catalogs.models import CatalogVersion
from quanze.catalog.powers.models import Citation, Field, Power
from quanze.core.models import ChangeRecord
from quanze.org.models import Department

STANDARD = ["序号", "事项编码", "事项名称", "子项名称", "职权类型", "实施部门", "设定依据"]


def xlsx(path: Path, rows: list[list], *, merges=(), title="Sheet1") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def csv_file(path: Path, rows: list[list], encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def world() -> dict:
    """Counts of everything an import may write."""
    return {
        "powers": Power.objects.count(),
        "citations": Citation.objects.count(),
        "records": ChangeRecord.objects.count(),
        "versions": CatalogVersion.objects.count(),
        "departments": Department.objects.count(),
        "fields": Field.objects.count(),
    }


def penalty(code="", name="对擅自占用城市道路行为的处罚", dept="平阴县城市管理局", basis=None):
    basis = basis or "【行政法规】《城市道路管理条例》(2019年修订)第四十二条 违反本条例……"
    return ["1", code, name, "", "行政处罚", dept, basis]
