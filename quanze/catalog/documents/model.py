"""What an official list document shows, whatever kind of list it is.

A content builder per list kind (`content.list_document` for catalog versions,
`quanze.duties.dutylists.documents.duty_document` for township duty lists) fills a
`ListDocument`; `docx.render` and `pdf.render` lay out any of them. The columns
(headers, widths in mm, which are centred, which keep line breaks) belong to the
document, so the renderers know nothing of a particular list.
"""

from dataclasses import dataclass
from datetime import date

from quanze.catalog.documents import style
from quanze.core.textsafety import xml_safe

# A version's status (catalog and duty lists share the values) -> the red line under the title.
NOTICES = {
    "draft": "草稿:尚未发布,不作为正式清单使用",
    "superseded": "本版已被新版本取代,仅供查阅",
}
GROUP_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Columns:
    headers: tuple[str, ...]
    widths_mm: tuple[int, ...]  # summing to the page's text width
    centred: frozenset[int] = frozenset()
    multiline: frozenset[int] = frozenset()  # cells whose line breaks are kept

    def __post_init__(self):
        assert len(self.headers) == len(self.widths_mm), self.headers
        assert sum(self.widths_mm) == style.TEXT_WIDTH_MM, self.widths_mm


@dataclass(frozen=True)
class ListDocument:
    title: str
    document_number: str
    effective_date: date | None
    version_number: int
    notice: str  # empty for a published version
    rows: list[list[str]]  # in `columns.headers` order
    columns: Columns
    # Consecutive groups of `rows` under a heading row, e.g. one per duty class:
    # (heading, number of rows). Empty: one table without headings.
    groups: tuple[tuple[str, int], ...] = ()
    breakdown: str = ""  # e.g. 基本权责133项、配合权责82项 …, shown under the title

    def __post_init__(self):
        # Stored text may hold characters XML (so .docx) and PDF cannot carry: drop them
        # here, once for every renderer, so no stored value can break a download.
        for name in ("title", "document_number", "notice", "breakdown"):
            object.__setattr__(self, name, xml_safe(getattr(self, name) or ""))
        object.__setattr__(
            self,
            "rows",
            [[xml_safe(v) if isinstance(v, str) else v for v in row] for row in self.rows],
        )
        groups = tuple((xml_safe(heading), n) for heading, n in self.groups)
        object.__setattr__(self, "groups", groups)

    @classmethod
    def of_version(cls, version, *, title: str, rows, columns: Columns, **more) -> "ListDocument":
        """The document of a list version: catalog and duty-list versions share the
        fields (number, document number, effective date, status) the heading shows."""
        return cls(
            title=title,
            document_number=version.document_number,
            effective_date=version.effective_date,
            version_number=version.number,
            notice=NOTICES.get(version.status, ""),
            rows=rows,
            columns=columns,
            **more,
        )

    @property
    def headers(self) -> tuple[str, ...]:
        return self.columns.headers

    @property
    def effective_text(self) -> str:
        return chinese_date(self.effective_date) if self.effective_date else ""

    @property
    def meta(self) -> list[tuple[str, str]]:
        """The lines under the title: (label, value), only those with a value."""
        pairs = [
            ("文号", self.document_number),
            ("生效日期", self.effective_text),
            ("版本", f"第{self.version_number}版"),
            ("事项数", f"{len(self.rows)}项"),
            ("其中", self.breakdown),
        ]
        return [(label, value) for label, value in pairs if value]

    @property
    def sections(self) -> list[tuple[str, list[list[str]]]]:
        """(heading, rows) in order; one section with no heading when there are no groups."""
        if not self.groups:
            return [("", self.rows)]
        assert sum(n for _, n in self.groups) == len(self.rows), self.groups
        out, start = [], 0
        for heading, count in self.groups:
            out.append((heading, self.rows[start : start + count]))
            start += count
        return out

    @property
    def file_stem(self) -> str:
        return f"{self.title}_第{self.version_number}版"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def group_heading(index: int, label: str, count: int) -> str:
    """一、基本权责(133项): the heading row of the index-th group (from 0)."""
    numeral = GROUP_NUMERALS[index] if index < len(GROUP_NUMERALS) else str(index + 1)
    return f"{numeral}、{label}({count}项)"
