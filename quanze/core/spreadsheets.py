"""Reading an uploaded .xlsx or .csv safely: the one reader every importer uses.

    book = read_spreadsheet(path, "清单.xlsx")          # every sheet
    book = read_spreadsheet(path, name, first_sheet_only=True)
    book.sheets[0].rows, book.sheets[0].merged, book.sheets[0].formulas, book.warnings

Nothing in a file can make this allocate or loop more than its limits allow
(`Limits`, from settings): before python-calamine sees a workbook, the zip's
entries are counted and their unpacked sizes checked against the cap and the
compression ratio, every entry is unpacked once through a counting stream (so a
header that lies about its size is caught, as is a bad checksum), and each sheet's
XML is scanned in chunks for the real extent of the cells that hold a value. A cell
at XFD1048576 is refused by its position before calamine would allocate rows x
columns for the empty area between. Merged ranges are clipped to that extent before
they are spread. Macros (vbaProject.bin) and external links (xl/externalLinks/) are
reported as warnings. A cell holding a control character (core.textsafety: XML, the
database and the exports cannot carry it; .xlsx writes them as _x0001_) is refused by
its place. A CSV is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030
(a superset of GBK), and parsed row by row under the same caps.

Problems raise SpreadsheetError with a Chinese message and, where there is one, the
sheet, row (1-based) and column (1-based); importers turn it into their own error.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from quanze.core.textsafety import control_chars_message

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_CELL_CHARS = 32_767  # what one Excel cell can hold
_CHUNK = 1 << 20
_MAX_FORMULAS = 1000  # a file with more is refused anyway; only this many are reported


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024  # the file as uploaded, and all its entries unpacked
    max_ratio: int = 200  # unpacked / packed, once the unpacked size is over ratio_floor
    ratio_floor: int = 20 * 1024 * 1024
    max_entries: int = 2000  # zip members
    max_rows: int = 100_000
    max_columns: int = 256
    max_cells: int = 2_000_000  # rows x columns of the area read, and of merged ranges
    max_merged: int = 50_000  # merged ranges in one sheet
    max_cell_chars: int = EXCEL_CELL_CHARS


def limits_from_settings() -> Limits:
    from django.conf import settings

    return Limits(
        max_bytes=settings.QUANZE_IMPORT_MAX_BYTES,
        max_rows=getattr(settings, "QUANZE_IMPORT_MAX_ROWS", Limits.max_rows),
        max_columns=getattr(settings, "QUANZE_IMPORT_MAX_COLUMNS", Limits.max_columns),
    )


class SpreadsheetError(Exception):
    """The file cannot be read; `message` is Chinese, row/column 1-based where known."""

    def __init__(self, message: str, *, sheet: str = "", row: int | None = None, column=None):
        self.message, self.sheet, self.row, self.column = message, sheet, row, column
        super().__init__(self.located())

    @property
    def column_letters(self) -> str:
        return column_letters(self.column) if self.column else ""

    def located(self) -> str:
        """The message with its place, as a person looking at the file would find it."""
        place = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row:
            place += f"第{self.row}行"
        if self.column:
            place += f"第{self.column_letters}列"
        return f"{place}:{self.message}" if place else self.message


@dataclass
class Sheet:
    name: str  # "" for a CSV
    rows: list[list]  # cell values as calamine gives them (str, int, float, bool, date…)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # 0-based -> "=…"
    declared: str = ""  # the <dimension ref> the file states, which may lie


@dataclass
class Spreadsheet:
    file_name: str
    kind: str  # "xlsx" or "csv"
    sheets: list[Sheet]
    warnings: list[str] = field(default_factory=list)


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + (byte - 64)
    return number


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """Traditional characters to simplified (事項名稱 -> 事项名称), for matching headers."""
    if not text or text.isascii():
        return text
    return _t2s().convert(text)


def code_text(text: str) -> str:
    """A code as typed, made comparable: full-width letters and digits to ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text).strip()


def read_spreadsheet(
    path, file_name: str, *, first_sheet_only: bool = False, limits: Limits | None = None
) -> Spreadsheet:
    """The file's sheets (merged ranges spread), or SpreadsheetError."""
    limits = limits or limits_from_settings()
    path = Path(path)
    suffix = PurePosixPath(file_name).suffix.lower()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise SpreadsheetError(f"文件过大(上限 {limits.max_bytes // (1024 * 1024)} MB)")
    if size == 0:
        raise SpreadsheetError("文件是空的(0 字节),请检查是否上传了正确的文件")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise SpreadsheetError(
            "文件设有打开密码(已加密)或是旧版 .xls 格式,请取消密码并另存为 .xlsx 后再导入"
        )
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(ZIP_MAGIC):
            raise SpreadsheetError("文件已损坏,不是有效的 Excel(.xlsx)文件")
        return _read_xlsx(path, file_name, size, first_sheet_only, limits)
    if suffix == ".csv":
        return Spreadsheet(file_name, "csv", [_read_csv(path, limits)])
    raise SpreadsheetError("不是 Excel(.xlsx)或 CSV 文件,请上传 .xlsx 或 .csv 文件")


# ---------------------------------------------------------------- xlsx: the zip


def _corrupt() -> SpreadsheetError:
    return SpreadsheetError("文件已损坏,不是有效的 Excel(.xlsx)文件")


def _check_zip(archive: zipfile.ZipFile, size: int, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise SpreadsheetError(f"文件内含 {len(infos)} 个部件,超过上限 {limits.max_entries},已拒绝")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_bytes or (
        unpacked > limits.ratio_floor and unpacked > limits.max_ratio * max(size, 1)
    ):
        raise _bomb(unpacked, size)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise _corrupt()
    return infos


def _bomb(unpacked: int, size: int) -> SpreadsheetError:
    return SpreadsheetError(
        f"文件解压后过大({unpacked // (1024 * 1024)} MB,压缩文件仅 {size // 1024} KB),"
        "疑似压缩炸弹,已拒绝"
    )


def _verify_entries(archive, infos, size: int, limits: Limits, skip: set[str]) -> None:
    """Unpack every entry calamine may read once, counting what really comes out:
    a member whose header understates its size, or whose checksum is wrong, is refused."""
    total = 0
    for info in infos:
        if info.filename in skip or info.is_dir():
            continue
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    if total > limits.max_bytes:
                        raise _bomb(total, size)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
            raise _corrupt() from None
        except NotImplementedError:  # an unknown compression method
            raise _corrupt() from None


def _warnings(names: set[str]) -> list[str]:
    found = []
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        found.append("文件含有宏(VBA 代码);导入只读取单元格内容,宏不会运行")
    links = sorted(n for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml"))
    if links:
        found.append(
            f"文件含有 {len(links)} 个外部链接(引用其他工作簿);链接不会更新,"
            "按单元格当前保存的内容导入,请核对相关数值"
        )
    return found


# Attribute values in either quotes (XML allows both).
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_R = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {name: double or single for name, double, single in _ATTR.findall(raw)}


def _r(raw: bytes) -> bytes | None:
    found = _R.search(raw)
    return (found[1] if found[1] is not None else found[2]) if found else None


def _sheet_entries(archive: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(sheet name, worksheet XML entry or None for a chart sheet) in workbook order."""
    from defusedxml import ElementTree

    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        try:
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            rels = None
    except Exception:  # defusedxml's refusals, bad XML, bad members
        raise _corrupt() from None
    targets = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = str(PurePosixPath(target))
    out = []
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet") and sheet.tag != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid)
        worksheet = target if target and "/worksheets/" in target else None
        out.append((sheet.get("name", ""), worksheet))
    return out


# ---------------------------------------------------------------- xlsx: a sheet's XML

# A tag's attributes may hold ">" inside quotes.
_TOKEN = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|v|is|f|mergeCell|dimension)(?=[\s/>])"
    rb"""((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>"""
)
_REF = re.compile(rb"^\$?([A-Z]{1,4})\$?([0-9]{1,12})$")


@dataclass
class SheetExtent:
    rows: int = 0  # 1-based last row / column holding a value
    columns: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: int = 0
    declared: str = ""


def _regions(stream):
    """The XML in chunks of about 1 MB, each cut before a "<" so no tag is split."""
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = carry + chunk
        if not chunk:
            if data:
                yield data
            return
        cut = data.rfind(b"<")
        if cut <= 0:
            carry = data
            continue
        yield data[:cut]
        carry = data[cut:]


# Each cell's start with its reference when that comes first ("", "" when it does not),
# formulas ("f"), and any prefixed cell or formula (<x:c>): one pass over the XML.
_FAST_REF = re.compile(
    rb'<(?:c[\s>/](?:r="([A-Z]{1,3})([0-9]{1,7})")?|(f)[\s>/]|[A-Za-z_][\w.-]*:([cf])[\s>/])'
)
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref="([^"]{0,40})"')


def scan_sheet(open_stream, sheet: str, limits: Limits) -> SheetExtent:
    """The real extent of a sheet's valued cells and its formulas, read in chunks,
    never building the sheet: refuses a cell past the limits by its position.

    The usual sheet (every cell's reference first among its attributes, no formula,
    no namespace prefix on cells) is measured by its cell references alone, which is fast; any
    other, or one whose references reach past the limits (perhaps only by cells that
    hold no value, which calamine ignores), gets the exact cell-by-cell pass."""
    extent, precise = SheetExtent(), False
    with open_stream() as stream:
        for index, region in enumerate(_regions(stream)):
            if index == 0 and (found := _DIMENSION.search(region, 0, 4096)):
                extent.declared = found[1].decode("ascii", "replace")
            refs = _FAST_REF.findall(region)
            extent.merged += region.count(b"<mergeCell ")
            if refs:
                letters, numbers, formulas, prefixed = (
                    set(part) for part in zip(*refs, strict=True)
                )
                # A cell without its reference first, a formula or a prefixed cell:
                # the exact pass decides.
                if b"" in letters or formulas != {b""} or prefixed != {b""}:
                    precise = True
                    break
                # By length, then by value: a leading zero can only overstate the extent.
                rows = int(max(numbers, key=lambda n: (len(n), n)))
                last = max(letters, key=lambda c: (len(c), c))
                extent.rows = max(extent.rows, rows)
                extent.columns = max(extent.columns, _column_number(last))
    if precise or (
        extent.rows > limits.max_rows
        or extent.columns > limits.max_columns
        or extent.merged > limits.max_merged
    ):
        with open_stream() as stream:
            extent = scan_precisely(stream, sheet, limits)
    if extent.rows * extent.columns > limits.max_cells:
        raise SpreadsheetError(
            f"表格范围过大({extent.rows}行×{extent.columns}列,"
            f"上限 {limits.max_cells} 个单元格),请删除多余的行列后再导入",
            sheet=sheet,
        )
    return extent


def scan_precisely(stream, sheet: str, limits: Limits) -> SheetExtent:
    """Cell by cell: which cells hold a value (<v> or <is>), where cells without a
    reference sit, and the formulas."""
    extent = SheetExtent()
    shared: dict[bytes, str] = {}
    row = col = 0
    in_cell = has_value = False
    for region in _regions(stream):
        for match in _TOKEN.finditer(region):
            closing, tag, raw, empty = match.groups()
            if tag == b"c":
                if closing:
                    if in_cell and has_value:
                        _valued(extent, row, col, sheet, limits)
                    in_cell = False
                    continue
                ref = _r(raw)
                found = _REF.match(ref) if ref is not None else None
                if found:
                    col, row = _column_number(found[1]), int(found[2])
                elif ref is None:
                    col += 1
                else:  # a reference we cannot place, which calamine might
                    raise SpreadsheetError("文件已损坏,单元格位置无法识别", sheet=sheet)
                in_cell, has_value = not empty, False
            elif tag == b"row":
                if not closing:
                    number = _r(raw)
                    if number is not None and not number.isdigit():
                        raise SpreadsheetError("文件已损坏,行号无法识别", sheet=sheet)
                    row = int(number) if number is not None else row + 1
                    col = 0
            elif tag in (b"v", b"is"):
                if not closing and in_cell:
                    has_value = True
            elif tag == b"f":
                if closing or not in_cell:
                    continue
                attrs = _attrs(raw)
                text = b""
                if not empty:
                    end = region.find(b"<", match.end())
                    text = region[match.end() : end if end >= 0 else len(region)]
                formula = _xml_text(text)
                if attrs.get(b"t") == b"shared" and b"si" in attrs:
                    formula = shared.setdefault(attrs[b"si"], formula) if formula else ""
                    formula = formula or shared.get(attrs[b"si"], "")
                if (
                    len(extent.formulas) < _MAX_FORMULAS
                    and row <= limits.max_rows
                    and col <= limits.max_columns
                ):
                    extent.formulas[(row - 1, col - 1)] = "=" + formula
            elif tag == b"mergeCell":
                extent.merged += 1
                if extent.merged > limits.max_merged:
                    raise SpreadsheetError(
                        f"合并单元格超过 {limits.max_merged} 处,已拒绝", sheet=sheet
                    )
            elif tag == b"dimension" and not extent.declared:
                extent.declared = _attrs(raw).get(b"ref", b"").decode("ascii", "replace")[:40]
    return extent


def _valued(extent: SheetExtent, row: int, col: int, sheet: str, limits: Limits) -> None:
    if row > limits.max_rows or col > limits.max_columns:
        raise SpreadsheetError(
            f"该单元格有内容,超出可导入的范围(最多 {limits.max_rows} 行、"
            f"{limits.max_columns} 列);请删除表格之外的内容后再导入",
            sheet=sheet,
            row=row,
            column=col,
        )
    if row > extent.rows:
        extent.rows = row
    if col > extent.columns:
        extent.columns = col


def _xml_text(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    text = raw.decode("utf-8", "replace")
    text = re.sub(r"&#x([0-9a-fA-F]+);", lambda m: chr(int(m[1], 16)), text)
    text = re.sub(r"&#([0-9]+);", lambda m: chr(int(m[1])), text)
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def _read_xlsx(path: Path, file_name, size, first_sheet_only, limits) -> Spreadsheet:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _corrupt() from None
    with archive:
        infos = _check_zip(archive, size, limits)
        entries = _sheet_entries(archive)
        if first_sheet_only:
            entries = entries[:1]
        wanted = {entry for _, entry in entries if entry}
        _verify_entries(archive, infos, size, limits, skip=wanted)
        extents = {}
        for name, entry in entries:
            if entry is None:
                continue
            try:
                extents[entry] = scan_sheet(
                    lambda entry=entry: _Counted(archive.open(entry), size, limits), name, limits
                )
            except KeyError:
                raise _corrupt() from None
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
                raise _corrupt() from None
        warnings = _warnings({info.filename for info in infos})
    sheets = _calamine_sheets(path, entries, extents, limits)
    return Spreadsheet(file_name, "xlsx", sheets, warnings)


class _Counted:
    """A zip member's stream that refuses to give more than the cap, whatever its header said."""

    def __init__(self, stream, size: int, limits: Limits):
        self.stream, self.size, self.limits, self.total = stream, size, limits, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stream.close()

    def read(self, n: int) -> bytes:
        chunk = self.stream.read(n)
        self.total += len(chunk)
        if self.total > self.limits.max_bytes:
            raise _bomb(self.total, self.size)
        return chunk


def _calamine_sheets(path: Path, entries, extents, limits: Limits) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types for every kind of damage
        raise SpreadsheetError("文件已损坏,无法读取其中的工作表") from None
    sheets = []
    try:
        for name, entry in entries:
            extent = extents.get(entry)
            if extent is None:  # a chart sheet: no cells
                sheets.append(Sheet(name, []))
                continue
            if extent.rows == 0:
                sheets.append(Sheet(name, [], declared=extent.declared))
                continue
            sheet = workbook.get_sheet_by_name(name)
            end = sheet.end
            if end is not None and (end[0] >= extent.rows or end[1] >= extent.columns):
                # The scan and calamine disagree: never hand over more than was checked.
                raise SpreadsheetError("文件已损坏,无法读取其中的工作表", sheet=name)
            rows = sheet.to_python(skip_empty_area=False)
            _check_cells(rows, name, limits)
            merged = _clip(sheet.merged_cell_ranges or [], rows, name, limits)
            _fill_merged(rows, merged)
            sheets.append(Sheet(name, rows, merged, extent.formulas, extent.declared))
    except SpreadsheetError:
        raise
    except Exception:
        raise SpreadsheetError("文件已损坏,无法读取其中的工作表") from None
    finally:
        workbook.close()
    return sheets


def _check_cells(rows: list[list], sheet: str, limits: Limits) -> None:
    # calamine cuts a longer string to Excel's 32,767 characters without a word, so a
    # cell that long may have been cut: refused as over the cap.
    cap = min(limits.max_cell_chars, EXCEL_CELL_CHARS - 1)
    for r, row in enumerate(rows):
        joined = "".join(map(str, row))  # one C-level pass clears the usual row
        if len(joined) <= cap and control_chars_message(joined) is None:
            continue
        for c, value in enumerate(row):
            if value.__class__ is str and (len(value) > cap or control_chars_message(value)):
                raise _cell_error(value, limits.max_cell_chars, sheet, r + 1, c + 1)


def _cell_error(value: str, cap: int, sheet: str, row: int, col: int) -> SpreadsheetError:
    if "\x00" in value:
        message = "单元格含有空字符(NUL),请删除后再导入"
    elif len(value) <= cap and (control := control_chars_message(value)):
        message = f"单元格{control}"  # PostgreSQL, .xlsx and .docx cannot hold them
    elif len(value) >= EXCEL_CELL_CHARS:
        message = f"单元格内容长度达到或超过 {cap} 字的上限(超出部分会被截断),请拆分后再导入"
    else:
        message = f"单元格内容长度为 {len(value)} 字,超过上限 {cap} 字"
    return SpreadsheetError(message, sheet=sheet, row=row, column=col)


def _clip(ranges, rows: list[list], sheet: str, limits: Limits):
    """Merged ranges cut to the cells that exist: F2:XFD1048576 over 7 columns is F2:G…"""
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    clipped, area = [], 0
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= height or c0 >= width or r1 < r0 or c1 < c0:
            continue
        r1, c1 = min(r1, height - 1), min(c1, width - 1)
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
        if area > limits.max_cells:
            raise SpreadsheetError(
                "合并单元格的范围相互重叠或过大,无法读取,请取消多余的合并后再导入", sheet=sheet
            )
        clipped.append(((r0, c0), (r1, c1)))
    return clipped


def _fill_merged(rows: list[list], ranges) -> None:
    """A merged cell means one value for the whole range; spread it over every cell."""
    for (r0, c0), (r1, c1) in ranges:
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, r1 + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if r != r0 or c != c0:
                    row[c] = value


# ---------------------------------------------------------------- csv


def _encodings(head: bytes) -> tuple[str, ...]:
    if head.startswith(codecs.BOM_UTF8):
        return ("utf-8-sig",)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    if b"\x00" in head:
        raise SpreadsheetError("不是 CSV 文本文件(含二进制内容),请上传 .xlsx 或 .csv 文件")
    return ("utf-8", "gb18030")


def _read_csv(path: Path, limits: Limits) -> Sheet:
    """Decoded while it is parsed (the file is never held as one string): UTF-8 first,
    then GB18030 from the start again if UTF-8 fails anywhere."""
    with path.open("rb") as handle:
        encodings = _encodings(handle.read(65536))
        for encoding in encodings:
            handle.seek(0)
            text = io.TextIOWrapper(handle, encoding=encoding, newline="")
            try:
                return Sheet("", _csv_rows(text, limits))
            except UnicodeDecodeError:
                continue
            finally:
                text.detach()
    raise SpreadsheetError("无法识别文件编码,请另存为 UTF-8 或 GBK(GB18030)编码的 CSV")


def _csv_rows(text, limits: Limits) -> list[list]:
    rows: list[list] = []
    reader = csv.reader(text)
    cap = limits.max_cell_chars
    while True:
        number = len(rows) + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            message = str(error)
            if "field limit" in message:
                message = f"有单元格超过 {cap} 字(Excel 单元格的上限),请检查引号是否成对"
            elif "NUL" in message:
                message = "含有空字符(NUL),请删除后再导入"
            else:
                message = "CSV 格式错误,请检查引号是否成对"
            raise SpreadsheetError(message, row=number) from None
        if number > limits.max_rows:
            raise SpreadsheetError(f"行数超过上限 {limits.max_rows} 行", row=number)
        if len(row) > limits.max_columns:
            raise SpreadsheetError(
                f"有 {len(row)} 列,超过上限 {limits.max_columns} 列",
                row=number,
                column=limits.max_columns + 1,
            )
        if control_chars_message("".join(row)) or any(len(value) > cap for value in row):
            for c, value in enumerate(row):
                if len(value) > cap or control_chars_message(value):
                    raise _cell_error(value, cap, "", number, c + 1)
        rows.append(row)
    return rows
