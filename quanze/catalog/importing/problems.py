"""What an import reports back: problems that stop it, and the plan of what it does."""

from dataclasses import dataclass, field

from quanze.core.sheetimport import SheetRejected


@dataclass(frozen=True)
class ImportProblem:
    """One problem, located as a person looking at the file in Excel would find it."""

    sheet: str = ""  # "" for a CSV file
    row: int | None = None  # 1-based, as Excel shows it
    column: str = ""  # the column's header text
    message: str = ""
    file: str = ""

    def __str__(self) -> str:
        place = ""
        if self.sheet:
            place = f"工作表“{self.sheet}”"
        elif self.file:
            place = f"文件“{self.file}”"
        if self.row:
            place += f"第{self.row}行"
        if self.column:
            place += f"“{self.column}”列"
        return f"{place}:{self.message}" if place else self.message


class ImportRejected(SheetRejected):
    """The file cannot be imported; nothing was written. Its problems are `ImportProblem`s,
    every one of them in the exception's text."""

    separator = "\n"
    shown = None


@dataclass
class ImportPlan:
    """What an import would do (dry run) or did (real run)."""

    rows: int = 0
    created: list[dict] = field(default_factory=list)
    updated: list[tuple[dict, list[tuple[str, object, object]]]] = field(default_factory=list)
    unchanged: int = 0
    new_departments: list[str] = field(default_factory=list)
    new_fields: list[str] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    # "merge" (新增/更新: the catalog keeps items the file does not list) or "replace"
    # (替换: the catalog lists exactly the file's rows); `would_remove` counts what a
    # replace would take out, so the preview shows both modes.
    mode: str = "merge"
    would_remove: int = 0
    # What the import leaves alone (guard.py): poorer values kept, changes to powers of
    # another unit or shown by other catalogs not made; and the other catalogs it changes.
    kept: list[dict] = field(default_factory=list)
    protected: list[dict] = field(default_factory=list)
    other_catalogs: dict[str, int] = field(default_factory=dict)
    # Not problems: rows left out on purpose (e.g. marked as cut off), said in Chinese.
    warnings: list[str] = field(default_factory=list)
    sheet: str = ""
    effective_date: str = ""

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self, limit: int = 500) -> dict:
        """A JSON-safe digest for ImportJob.summary: item lists (at most `limit` each, the
        full counts in "totals"), changes as Chinese text."""
        from quanze.catalog.importing.headers import LABELS

        def change(key, old, new) -> str:
            return f"{LABELS.get(key, key)}:{_short(old)} → {_short(new)}"

        return {
            "rows": self.rows,
            "sheet": self.sheet,
            "created": self.created[:limit],
            "updated": [
                {**item, "changes": [change(*c) for c in changes]}
                for item, changes in self.updated[:limit]
            ],
            "unchanged": self.unchanged,
            "removed": self.removed[:limit],
            "mode": self.mode,
            "would_remove": self.would_remove,
            "kept": [
                {**k, "old": _short(k["old"], 80), "new": _short(k["new"], 80)}
                for k in self.kept[:limit]
            ],
            "protected": self.protected[:limit],
            "other_catalogs": self.other_catalogs,
            "new_departments": self.new_departments,
            "new_fields": self.new_fields,
            "warnings": self.warnings[:limit],
            "effective_date": self.effective_date,
            "totals": {
                "created": len(self.created),
                "updated": len(self.updated),
                "removed": len(self.removed),
                "kept": len(self.kept),
                "protected": len(self.protected),
                "warnings": len(self.warnings),
            },
        }


def _short(value, width: int = 40) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
