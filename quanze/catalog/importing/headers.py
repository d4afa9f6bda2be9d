"""Finding the header row of a published list and mapping its columns to our fields.

Real lists title the same column many ways (权力名称, 职权名称, 事项名称 …), wrap
it in brackets of either width (权力名称(主项)), split it over two rows
(职权名称 over 项目|子项) and put titles and 填报单位 lines above it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from quanze.core.spreadsheets import simplified

# key -> synonyms, most specific first: when two columns map to one key, the
# column whose header comes earlier in this list wins and the other is kept as extra.
SYNONYMS: dict[str, list[str]] = {
    "position": ["序号", "总序号", "编号", "序列"],
    "code": [
        "事项编码",
        "权力编码",
        "项目编码",
        "职权编码",
        "事项代码",
        "权力代码",
        "编码",
        "代码",
    ],
    "name": [
        "事项名称",
        "权力名称",
        "职权名称",
        "项目名称",
        "赋权事项",
        "执法事项",
        "权力事项名称",
        "权责事项名称",
        "权力事项",
        "主项名称",
        "主项",
        "违法行为",
        "处罚的行为",
        "处罚事项",
        "检查事项",
        "许可事项",
        "事项",
    ],
    "sub_name": ["子项名称", "子项", "事项子项", "子项事项"],
    "power_type": [
        "职权类型",
        "权力类型",
        "事项类型",
        "权力类别",
        "职权类别",
        "权种类型",
        "权责类型",
        "类别",
        "类型",
    ],
    "legal_basis": [
        "设定依据",
        "实施依据",
        "法律依据",
        "权力依据",
        "法律法规依据",
        "事项依据",
        "职权依据",
        "法定依据",
        "设立依据",
        "依据",
    ],
    "department": [
        "实施部门",
        "原实施主体",
        "实施主体",
        "执法主体",
        "法定主体",
        "行使主体",
        "部门名称",
        "部门",
        "所属机构",
    ],
    "field": ["领域", "所属领域", "事项领域"],
    "exercise_level": ["行使层级", "实施层级", "检查层级", "层级"],
    "duties": ["责任事项", "责任事项内容"],
    "duties_basis": ["责任事项依据", "责任依据"],
    "accountability": ["追责情形", "问责情形", "责任追究情形"],
    "accountability_scope": ["追责对象范围", "责任对象范围", "追责对象", "问责对象"],
    "undertaking_unit": [
        "承办机构",
        "承办科室",
        "责任科室",
        "责任处(科)室",
        "责任处室",
        "办理机构",
        "内设机构",
    ],
    "notes": ["备注", "说明"],
    "set_kind": ["盘类", "基本盘/自选盘"],
    "effective_date": ["生效日期", "施行日期"],
    # The sample files' marker of rows cut off when they were copied.
    "truncated": ["excerpt_truncated"],
}
# A name column titled after one kind of power tells the type when no type column exists.
IMPLIED_TYPES = {
    "违法行为": "行政处罚",
    "处罚的行为": "行政处罚",
    "处罚事项": "行政处罚",
    "检查事项": "行政检查",
    "许可事项": "行政许可",
}
REQUIRED = ("name", "power_type")
LABELS = {
    "position": "序号",
    "code": "事项编码",
    "name": "事项名称",
    "sub_name": "子项名称",
    "power_type": "职权类型",
    "legal_basis": "设定依据",
    "department": "实施部门",
    "field": "领域",
    "exercise_level": "行使层级",
    "duties": "责任事项",
    "duties_basis": "责任事项依据",
    "accountability": "追责情形",
    "accountability_scope": "追责对象范围",
    "undertaking_unit": "承办机构",
    "notes": "备注",
    "set_kind": "盘类",
    "effective_date": "生效日期",
    "truncated": "excerpt_truncated",
}
_SUB_NOTES = {"子项", "子项名称"}
_MAIN_NOTES = {"主项", "主项名称", "项目", "项目名称"}
_LOOKUP = {word: (key, rank) for key, words in SYNONYMS.items() for rank, word in enumerate(words)}
_BRACKETED = re.compile(r"^(.*?)\(([^()]*)\)$")
_SCAN_ROWS = 15


def normalise(text) -> str:
    """Full-width to half-width, traditional characters to simplified (事項名稱), no
    whitespace or required-field stars, ASCII lower-cased."""
    text = simplified(unicodedata.normalize("NFKC", str(text or "")))
    text = text.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    text = re.sub(r"[\s*:]+", "", text)
    return text.lower()


def _match(text: str) -> tuple[str, int] | None:
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    bracketed = _BRACKETED.match(text)
    if bracketed:
        base, note = bracketed.groups()
        if note in _SUB_NOTES:
            return ("sub_name", 0)
        found = _match(base)
        if found and note in _MAIN_NOTES and found[0] == "name":
            return found
        if found or not base:
            return found or _match(note)
    if "/" in text:
        for part in text.split("/"):
            found = _match(part)
            if found:
                return found
    return None


def match_header(text) -> str | None:
    """The field key a header names, or None when it is not one of ours."""
    found = _match(normalise(text))
    return found[0] if found else None


@dataclass
class HeaderMap:
    row: int  # 0-based index of the (last) header row
    columns: dict[str, int]  # key -> column index
    labels: dict[int, str]  # column index -> header text as written
    extra: list[int] = field(default_factory=list)  # columns kept as Power.extra
    implied_type: str = ""

    def label(self, key: str) -> str:
        index = self.columns.get(key)
        return self.labels.get(index, LABELS.get(key, key)) if index is not None else LABELS[key]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _labels(rows: list[list], index: int) -> tuple[dict[int, str], bool]:
    """Header texts of row `index`, combined with the row below when that row continues
    the header (职权名称 over 项目|子项); returns (labels, two_rows)."""
    top = [_text(v) for v in rows[index]]
    below = [_text(v) for v in rows[index + 1]] if index + 1 < len(rows) else []
    continued = [v for v in below if v]
    two_rows = bool(continued) and all(
        normalise(v) in _SUB_NOTES | _MAIN_NOTES or match_header(v) for v in continued
    )
    labels = {}
    carried = ""
    for col in range(max(len(top), len(below) if two_rows else 0)):
        head = top[col] if col < len(top) else ""
        sub = below[col] if two_rows and col < len(below) else ""
        if head:
            carried = head
        elif sub:
            head = carried  # a merged header cell spans this column
        if head and sub and normalise(head) != normalise(sub):
            labels[col] = f"{head}({sub})"
        elif head or sub:
            labels[col] = head or sub
    return labels, two_rows


def find_header(rows: list[list]) -> HeaderMap | None:
    """The best header among the first rows: the one naming most of our fields."""
    best = None
    for index in range(min(len(rows), _SCAN_ROWS)):
        labels, two_rows = _labels(rows, index)
        ranked: dict[str, tuple[int, int]] = {}
        for col, label in labels.items():
            found = _match(normalise(label))
            if found and (found[0] not in ranked or found[1] < ranked[found[0]][0]):
                ranked[found[0]] = (found[1], col)
        score = len(ranked.keys() - {"position", "truncated"})
        if score >= 2 and (best is None or score > best[0]):
            columns = {key: col for key, (_, col) in ranked.items()}
            used = set(columns.values())
            extra = [c for c in labels if c not in used]
            last = index + 1 if two_rows else index
            best = (score, HeaderMap(last, columns, labels, extra))
    if best is None:
        return None
    header = best[1]
    # Extra columns are stored by header text: two columns titled alike must not merge.
    seen: set[str] = set()
    for col in header.extra:
        label, n = header.labels[col], 1
        while label in seen:
            n += 1
            label = f"{header.labels[col]}({n})"
        header.labels[col] = label
        seen.add(label)
    if "power_type" not in header.columns and "name" in header.columns:
        header.implied_type = IMPLIED_TYPES.get(
            normalise(header.labels[header.columns["name"]]), ""
        )
    return header
