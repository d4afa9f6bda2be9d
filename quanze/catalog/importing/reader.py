"""Reading an uploaded .xlsx or .csv into rows of cell values, refusing unsafe files.

The hot path reads with python-calamine (fast); openpyxl is only opened to point
at formula cells once a quick scan of the sheet XML has found some.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from python_calamine import CalamineWorkbook

from quanze.catalog.importing.headers import HeaderMap, find_header
from quanze.catalog.importing.problems import ImportProblem, ImportRejected

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
# A real workbook unpacks to a few times its size; a zip bomb to hundreds of times.
MAX_RATIO = 200
RATIO_FLOOR = 20 * 1024 * 1024
_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")


@dataclass
class Table:
    """One sheet (or the CSV) with its header found."""

    file: str
    sheet: str  # "" for CSV
    rows: list[list]
    header: HeaderMap
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based
    headings: set[int] = field(default_factory=set)  # rows that are one merged title cell


def _reject(file_name: str, message: str) -> ImportRejected:
    return ImportRejected([ImportProblem(message=message, file=file_name)])


def read_tables(path, file_name: str) -> tuple[list[Table], list[str]]:
    """Every sheet with a recognisable header (a list split by type over several sheets
    is one list), and the names of non-empty sheets skipped for having none."""
    path = Path(path)
    suffix = Path(file_name).suffix.lower()
    size = path.stat().st_size
    if size > settings.QUANZE_IMPORT_MAX_BYTES:
        limit = settings.QUANZE_IMPORT_MAX_BYTES // (1024 * 1024)
        raise _reject(file_name, f"文件过大(上限 {limit} MB)")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise _reject(
            file_name,
            "文件设有打开密码(已加密)或是旧版 .xls 格式,请取消密码并另存为 .xlsx 后再导入",
        )
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(ZIP_MAGIC):
            raise _reject(file_name, "文件已损坏,不是有效的 Excel(.xlsx)文件")
        return _read_xlsx(path, file_name, size)
    if suffix == ".csv":
        return [_read_csv(path, file_name)], []
    raise _reject(file_name, "不是 Excel(.xlsx)或 CSV 文件,请上传 .xlsx 或 .csv 文件")


def _check_zip(path: Path, file_name: str, size: int) -> list[str]:
    """Refuse zip bombs before unpacking anything; returns the worksheet entry names."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _reject(file_name, "文件已损坏,不是有效的 Excel(.xlsx)文件") from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > settings.QUANZE_IMPORT_MAX_BYTES or (
        unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(size, 1)
    ):
        raise _reject(
            file_name,
            f"文件解压后过大({unpacked // (1024 * 1024)} MB,压缩文件仅 {size // 1024} KB),"
            "疑似压缩炸弹,已拒绝",
        )
    names = [info.filename for info in infos]
    if "xl/workbook.xml" not in names:
        raise _reject(file_name, "文件已损坏,不是有效的 Excel(.xlsx)文件")
    return [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]


class LongNumber(str):
    """A number cell of 16+ digits: Excel kept only 15 of them, so a code in it is damaged."""


def _cell(value):
    """Cell values as text where text is meant: no float noise on codes and numbers."""
    if isinstance(value, float) and value.is_integer():
        return LongNumber(int(value)) if abs(value) >= 1e15 else str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _read_xlsx(path: Path, file_name: str, size: int) -> tuple[list[Table], list[str]]:
    sheets_xml = _check_zip(path, file_name, size)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types for every kind of damage
        raise _reject(file_name, "文件已损坏,无法读取其中的工作表") from None
    tables, skipped = [], []
    try:
        for index, name in enumerate(workbook.sheet_names):
            sheet = workbook.get_sheet_by_index(index)
            rows = [
                # Most cells are text: only the others go through _cell.
                [v if v.__class__ is str else _cell(v) for v in row]
                for row in sheet.to_python(skip_empty_area=False)
            ]
            merged = sheet.merged_cell_ranges or []
            _fill_merged(rows, merged)
            header = find_header(rows)
            if header is not None:
                tables.append(
                    Table(file_name, name, rows, header, headings=_headings(rows, merged))
                )
            elif any(v not in ("", None) for row in rows for v in row):
                skipped.append(name)
        if tables and _has_formula(path, sheets_xml):
            for table in tables:
                table.formulas = _formulas(path, table.sheet)
                for (r, c), formula in table.formulas.items():
                    if r < len(table.rows) and c < len(table.rows[r]):
                        table.rows[r][c] = formula  # what the cell says, not an empty result
    except ImportRejected:
        raise
    except Exception:
        raise _reject(file_name, "文件已损坏,无法读取其中的工作表") from None
    finally:
        workbook.close()
    if not tables:
        raise _no_header(file_name)
    return tables, skipped


def _no_header(file_name: str) -> ImportRejected:
    return _reject(
        file_name,
        "前15行中未找到可识别的表头(应含“事项名称”“职权类型”等列名),请检查文件是否为权责清单",
    )


def _fill_merged(rows: list[list], ranges) -> None:
    """A merged cell means one value for the whole range; spread it over every cell."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (r, c) != (r0, c0):
                    row[c] = value


def _headings(rows: list[list], ranges) -> set[int]:
    """Rows that are a single cell merged across most of the table: section titles such
    as “一、城市市容环境卫生管理方面”, not items."""
    width = max((len(row) for row in rows), default=0)
    return {r0 for (r0, c0), (r1, c1) in ranges if r0 == r1 and c1 - c0 + 1 >= max(3, width // 2)}


def _has_formula(path: Path, entries: list[str]) -> bool:
    """A quick scan of the sheets' XML for formula tags, the zip opened once."""
    with zipfile.ZipFile(path) as archive:
        for entry in entries:
            with archive.open(entry) as stream:
                tail = b""
                while chunk := stream.read(1 << 22):
                    window = tail + chunk if tail else chunk
                    # A plain substring test is several times faster than a regex over the
                    # XML; a false alarm only costs the exact (openpyxl) check.
                    # Two passes for the usual sheet without any, four when one may be.
                    if (b"<f" in window or b":f" in window) and any(
                        tag in window for tag in _FORMULA_TAGS
                    ):
                        return True
                    tail = chunk[-16:]
    return False


def _formulas(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """The formula cells of one sheet (only called when the XML scan found formulas)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False)
    try:
        found = {}
        for r, row in enumerate(
            workbook[sheet_name].iter_rows(min_row=1, min_col=1, values_only=True)
        ):
            for c, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    found[(r, c)] = value
        return found
    finally:
        workbook.close()


def _read_csv(path: Path, file_name: str) -> Table:
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise _reject(file_name, "不是 CSV 文本文件(含二进制内容),请上传 .xlsx 或 .csv 文件")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _reject(file_name, "无法识别文件编码,请另存为 UTF-8 或 GB18030 编码的 CSV")
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise _reject(file_name, f"CSV 格式错误:{error}") from None
    header = find_header(rows)
    if header is None:
        raise _no_header(file_name)
    return Table(file_name, "", rows, header)
