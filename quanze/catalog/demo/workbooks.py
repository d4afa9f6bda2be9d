"""A province plan as xlsx files in the standard layout, the way counties hand them in.

One workbook for the guiding catalog and one per township list (each township
submits its own list), under one folder per county, plus `manifest.csv` naming
each file's division and catalog so a benchmark can import them in order.
"""

import csv
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from quanze.catalog.catalogs.layout import COLUMNS, SET_KIND_LABELS
from quanze.catalog.demo.province import GUIDING_NAME, PROVINCE, Item, Plan, township_list_name

MANIFEST = "manifest.csv"


def _row(item: Item) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "sub_name": item.sub_name,
        "power_type": item.power_type,
        "field": item.field,
        "exercise_level": "县级",
        "legal_basis": item.legal_basis,
        "duties": item.duties,
        "accountability": item.accountability,
        "undertaking_unit": item.undertaking_unit,
    }


# A minimal SpreadsheetML package. Cells hold inline strings, so each item's cells
# are rendered once and only the row number changes from file to file; this writes
# the 2,500 lists of a province in seconds where openpyxl takes minutes.
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"
_ROW = "\x00"  # stands for the row number inside pre-rendered cells


def _column(index: int) -> str:
    return chr(ord("A") + index)  # the layout has fewer than 26 columns


def _cell(index: int, value, row=_ROW) -> str:
    ref = f"{_column(index)}{row}"
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if not value:
        return ""
    return (
        f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
    )


_SLOTS = {"position": "\x01", "set_kind": "\x02"}  # filled in per file


def _cells(values: dict) -> str:
    """An item's cells in column order, with the row number, 序号 and 盘类 left open."""
    return "".join(
        _SLOTS.get(key) or _cell(i, values.get(key, "")) for i, (key, _) in enumerate(COLUMNS)
    )


_POSITION = [i for i, (key, _) in enumerate(COLUMNS) if key == "position"][0]
_SET_KIND = [i for i, (key, _) in enumerate(COLUMNS) if key == "set_kind"][0]


def _write(path: Path, title: str, cells: list[str], set_kinds: list[str]) -> int:
    header = "".join(_cell(i, label, 1) for i, (_, label) in enumerate(COLUMNS))
    parts = [_SHEET_HEAD, f'<row r="1">{header}</row>']
    for number, (rendered, kind) in enumerate(zip(cells, set_kinds, strict=True), start=2):
        row = (
            rendered.replace(_ROW, str(number))
            .replace(_SLOTS["position"], _cell(_POSITION, number - 1, number))
            .replace(_SLOTS["set_kind"], _cell(_SET_KIND, SET_KIND_LABELS.get(kind, ""), number))
        )
        parts.append(f'<row r="{number}">{row}</row>')
    parts.append(_SHEET_TAIL)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, text in _PARTS.items():
            package.writestr(name, text)
        package.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(title[:31])))
        package.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return len(cells)


def write_workbooks(
    plan: Plan,
    folder: Path,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> int:
    """Write every workbook and the manifest; returns the number of data rows written."""
    folder = Path(folder)
    rows = [_cells(_row(item)) for item in plan.items]
    kinds = [item.set_kind for item in plan.items]
    manifest = [("catalog.xlsx", PROVINCE[0], GUIDING_NAME)]
    total = _write(folder / "catalog.xlsx", "指导目录", rows, kinds)
    for index, (township, claimed) in enumerate(zip(plan.townships, plan.claims, strict=True)):
        county = plan.counties[township.parent]
        name = f"{county.code[:6]}{county.name}/{township.code[:9]}{township.name}.xlsx"
        total += _write(
            folder / name, township.name, [rows[i] for i in claimed], [kinds[i] for i in claimed]
        )
        manifest.append((name, township.code, township_list_name(township.name)))
        if progress:
            progress("xlsx", index + 1)
    with (folder / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "division_code", "catalog"])
        writer.writerows(manifest)
    return total
