"""The hostile-file corpus: every file is built by code at test time, around the valid
rows of the importer under test (so the same attack meets each importer's own header).

A case is a builder `(folder, valid_rows) -> Path` plus what must happen:
`reject` (a Chinese message containing every string in `must`), or `accept` (read
and imported; `warn` must appear among the warnings). `bomb` cases are first run in a
memory-limited subprocess, so a regression fails the test instead of killing pytest.
Add a case with @case(...); add an importer in hostile_importers.IMPORTERS.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from quanze.core.spreadsheets import simplified


@dataclass(frozen=True)
class Case:
    name: str
    build: object
    expect: str  # "reject" | "accept" | "either" (bounded and Chinese, outcome open)
    must: tuple[str, ...] = ()
    warn: str = ""
    bomb: bool = False
    formats: tuple[str, ...] = field(default=(".xlsx", ".csv"))  # importer must take these


CASES: dict[str, Case] = {}


def case(name, expect, *, must=(), warn="", bomb=False, formats=(".xlsx",)):
    def register(build):
        CASES[name] = Case(name, build, expect, tuple(must), warn, bomb, formats)
        return build

    return register


# ---------------------------------------------------------------- building blocks


def workbook_bytes(rows, *, cells=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def repack(data: bytes, path: Path, *, sheet=None, extra=None, compress=zipfile.ZIP_DEFLATED):
    """Copy a workbook, changing the first sheet's XML and adding members."""
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", compress) as out:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet:
                content = sheet(content)
            out.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            out.writestr(name, content)
    return path


def xlsx(folder: Path, rows, name="清单.xlsx", **kwargs) -> Path:
    path = folder / name
    path.write_bytes(workbook_bytes(rows, **kwargs))
    return path


def csv_bytes(rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the cases


@case("far-cell-XFD1048576", "reject", must=("第1048576行", "XFD"), bomb=True)
def _far(folder, rows):
    return xlsx(folder, rows, cells={"XFD1048576": "x"})


@case("far-cell-ZZ200000", "reject", must=("第200000行", "ZZ"), bomb=True)
def _far_zz(folder, rows):
    return xlsx(folder, rows, cells={"ZZ200000": "x"})


@case("far-empty-string-cell", "reject", must=("第1048576行",), bomb=True)
def _far_empty(folder, rows):
    cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'
    return repack(
        workbook_bytes(rows),
        folder / "清单.xlsx",
        sheet=lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"),
    )


def _far_raw(cell: bytes):
    def build(folder, rows):
        return repack(
            workbook_bytes(rows),
            folder / "清单.xlsx",
            sheet=lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"),
        )

    return build


# The same far cell written in ways a careless scanner would miss (XML allows each).
for _name, _cell in {
    "far-cell-tab-before-reference": b'<row r="1048576"><c\tr="XFD1048576"><v>1</v></c></row>',
    "far-cell-single-quoted": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "far-cell-quoted-gt": b'<row r="1048576"><c s="0" t="n" x=">" r="XFD1048576"><v>1</v></c></row>',
    "far-cell-prefixed": (
        b'<row r="1048576"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        b' r="XFD1048576"><x:v>1</x:v></x:c></row>'
    ),
    "far-row-without-cell-references": b'<row r="1048576"><c><v>1</v></c></row>',
}.items():
    case(_name, "reject", must=("第1048576行",), bomb=True)(_far_raw(_cell))


@case("dimension-declares-XFD1048576", "accept", bomb=True)
def _dimension(folder, rows):
    def lie(xml):
        start = xml.index(b'<dimension ref="') + len(b'<dimension ref="')
        return xml[:start] + b"A1:XFD1048576" + xml[xml.index(b'"', start) :]

    return repack(workbook_bytes(rows), folder / "清单.xlsx", sheet=lie)


@case("styled-empty-far-cell", "accept", bomb=True)
def _styled(folder, rows):
    cell = b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return repack(
        workbook_bytes(rows),
        folder / "清单.xlsx",
        sheet=lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"),
    )


@case("merged-range-bomb", "either", bomb=True)
def _merged(folder, rows):
    """Five F2:XFD1048576 merges over a sheet of 3,000 rows (the old reader walked
    16,384 columns of each row for each merge)."""
    merges = b'<mergeCells count="5">' + b'<mergeCell ref="F2:XFD1048576"/>' * 5 + b"</mergeCells>"
    return repack(
        workbook_bytes(rows, cells={"A3001": "x"}),
        folder / "清单.xlsx",
        sheet=lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merges),
    )


@case("zip-bomb-over-the-cap", "reject", must=("压缩炸弹",), bomb=True)
def _zip_bomb(folder, rows):
    path = repack(workbook_bytes(rows), folder / "清单.xlsx")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
        out.open("xl/media/padding.bin", "w", force_zip64=True) as member,
    ):
        block = b"\x00" * (1 << 22)
        for _ in range(52):  # 208 MB unpacked, over the 200 MB cap
            member.write(block)
    return path


@case("deep-compression-ratio", "reject", must=("压缩炸弹",), bomb=True)
def _ratio(folder, rows):
    return repack(
        workbook_bytes(rows),
        folder / "清单.xlsx",
        extra={"xl/media/padding.bin": b"\x00" * (30 * 1024 * 1024)},
    )


@case("header-understates-size", "reject", must=("损坏",), bomb=True)
def _lying(folder, rows):
    """A member whose headers say 100 bytes but which inflates to 30 MB."""
    path = repack(
        workbook_bytes(rows),
        folder / "清单.xlsx",
        extra={"xl/media/padding.bin": b"\x00" * (30 * 1024 * 1024)},
    )
    data = bytearray(path.read_bytes())
    true_size = (30 * 1024 * 1024).to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            if data[at + offset : at + offset + 4] == true_size:
                data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


@case("not-a-zip-renamed-xlsx", "reject", must=("文件已损坏",))
def _not_zip(folder, rows):
    return write(folder, "清单.xlsx", "这不是表格,只是改了扩展名的文本".encode())


@case("zip-signature-then-garbage", "reject", must=("文件已损坏",))
def _garbage(folder, rows):
    return write(folder, "清单.xlsx", b"PK\x03\x04" + b"\x13\x37" * 500)


@case("truncated-zip", "reject", must=("文件已损坏",))
def _truncated(folder, rows):
    data = workbook_bytes(rows)
    return write(folder, "清单.xlsx", data[: len(data) // 2])


@case("zip-without-workbook", "reject", must=("文件已损坏",))
def _no_workbook(folder, rows):
    path = folder / "清单.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("hello.txt", "hi")
    return path


@case("encrypted-or-old-xls", "reject", must=("加密",))
def _ole(folder, rows):
    return write(folder, "清单.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4096)


@case("xlsm-with-macro", "accept", warn="宏", formats=(".xlsm",))
def _macro(folder, rows):
    return repack(
        workbook_bytes(rows),
        folder / "清单.xlsm",
        extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"Attribute VB_Name" * 20},
    )


@case("external-link", "accept", warn="外部链接")
def _external(folder, rows):
    link = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<externalBook/></externalLink>"
    )
    return repack(
        workbook_bytes(rows),
        folder / "清单.xlsx",
        extra={"xl/externalLinks/externalLink1.xml": link},
    )


@case("formula-cell", "reject", must=("第2行", "公式"))
def _formula(folder, rows):
    row = list(rows[1])
    row[2] = '=HYPERLINK("http://example.com","点击")'
    return xlsx(folder, [rows[0], row])


@case("two-megabyte-cell-xlsx", "reject", must=("第2行", "32767"), bomb=True)
def _big_cell(folder, rows):
    row = list(rows[1])
    row[2] = "长" * (2 * 1024 * 1024)
    return xlsx(folder, [rows[0], row])


@case("two-megabyte-cell-csv", "reject", must=("第2行", "32767"), bomb=True, formats=(".csv",))
def _big_cell_csv(folder, rows):
    row = list(rows[1])
    row[2] = "长" * (2 * 1024 * 1024)
    return write(folder, "清单.csv", csv_bytes([rows[0], row]))


@case("unclosed-quote-csv", "reject", must=("第2行",), bomb=True, formats=(".csv",))
def _unclosed(folder, rows):
    text = csv_bytes(rows[:1]) + b'"' + b"x" * 200_000 + b"\n"
    return write(folder, "清单.csv", text)


@case("csv-with-nul", "reject", must=("第1203行", "空字符"), formats=(".csv",))
def _nul(folder, rows):
    padding = [list(rows[1]) for _ in range(1)]
    row = list(rows[1])
    row[2] = "对\x00违法行为的处罚"
    # Past the first 64 KB, where a binary file is told apart from a text one.
    filler = [["", "", "说明" * 20] for _ in range(1200)]
    return write(folder, "清单.csv", csv_bytes([rows[0], *padding, *filler, row]))


@case("control-character-xlsx", "reject", must=("第2行", "控制字符", "U+0001"))
def _control_xlsx(folder, rows):
    # openpyxl refuses to write one; Excel escapes it as _x0001_, which readers decode.
    row = list(rows[1])
    row[2] = "对CONTROL的处罚"
    path = folder / "清单.xlsx"
    return repack(
        workbook_bytes([rows[0], row]),
        path,
        sheet=lambda xml: xml.replace(b"CONTROL", b"_x0001_"),
    )


@case("control-character-csv", "reject", must=("第2行", "控制字符", "U+001B"), formats=(".csv",))
def _control_csv(folder, rows):
    row = list(rows[1])
    row[2] = "对\x1b[31m违法行为的处罚"
    return write(folder, "清单.csv", csv_bytes([rows[0], row]))


@case("csv-binary-content", "reject", must=("二进制",), formats=(".csv",))
def _binary(folder, rows):
    return write(folder, "清单.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)


@case("csv-wrong-encoding", "reject", must=("编码",), formats=(".csv",))
def _encoding(folder, rows):
    return write(folder, "清单.csv", "Café;Größe;ÿÿ\n".encode("latin-1") + b"\xff\xfe\xff" * 10)


@case("csv-gbk", "accept", formats=(".csv",))
def _gbk(folder, rows):
    return write(folder, "清单.csv", csv_bytes(rows, "gbk"))


@case("csv-utf8-bom", "accept", formats=(".csv",))
def _bom(folder, rows):
    return write(folder, "清单.csv", codecs.BOM_UTF8 + csv_bytes(rows))


@case("csv-utf16-bom", "accept", formats=(".csv",))
def _utf16(folder, rows):
    return write(folder, "清单.csv", csv_bytes(rows, "utf-16"))


@case("csv-too-many-columns", "reject", must=("第2行", "列"), bomb=True, formats=(".csv",))
def _wide(folder, rows):
    return write(folder, "清单.csv", csv_bytes([rows[0], list(rows[1]) + ["x"] * 400]))


@case("csv-too-many-rows", "reject", must=("第100001行",), bomb=True, formats=(".csv",))
def _long(folder, rows):
    return write(folder, "清单.csv", csv_bytes([rows[0]] + [["x"]] * 100_001))


@case("empty-xlsx", "reject", must=("空",))
def _empty(folder, rows):
    return write(folder, "清单.xlsx", b"")


@case("empty-csv", "reject", must=("空",), formats=(".csv",))
def _empty_csv(folder, rows):
    return write(folder, "清单.csv", b"")


@case("header-only", "reject")
def _header_only(folder, rows):
    return xlsx(folder, rows[:1])


@case("no-header", "reject")
def _no_header(folder, rows):
    return xlsx(folder, [["姓名", "电话"], ["张三", "123"]])


@case("traditional-headers", "accept")
def _traditional(folder, rows):
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    header = [to_traditional.convert(str(h)) for h in rows[0]]
    assert [simplified(h) for h in header] == [str(h) for h in rows[0]]
    return xlsx(folder, [header, *rows[1:]])


@case("full-width-code", "accept")
def _full_width(folder, rows):
    row = [
        v.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        if isinstance(v, str) and v.isascii() and v.isalnum()
        else v
        for v in rows[1]
    ]
    return xlsx(folder, [rows[0], row])


@case("not-a-spreadsheet-extension", "reject", formats=())
def _docx(folder, rows):
    return write(folder, "清单.docx", b"PK\x03\x04 not a list")


@case("plain-valid-file", "accept")
def _valid(folder, rows):
    return xlsx(folder, rows)
