"""Results sheets for the exam tests (and the hostile-file corpus)."""

from pathlib import Path

from openpyxl import Workbook

HEADER = ["准考证号", "姓名", "成绩"]


def write(path: Path, rows) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def rows_for(sitting, scores: dict) -> list[list]:
    """Header + one row per candidate named in `scores` (officer name -> score or 缺考)."""
    rows = [HEADER]
    for c in sitting.candidates.select_related("officer").order_by("ticket"):
        if c.officer.name in scores:
            rows.append([c.ticket, c.officer.name, scores[c.officer.name]])
    return rows
