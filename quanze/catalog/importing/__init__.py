"""Importing a powers list from .xlsx or .csv into a catalog: dry run, then all-or-nothing.

    plan = import_plan(by=user, catalog=catalog, path=path, file_name="清单.xlsx")
    plan = import_run(by=user, catalog=catalog, path=path, file_name="清单.xlsx")

Both raise ImportRejected (with .problems, in Chinese, naming sheet, row and column)
when the file cannot be imported; then nothing is written. `by=None` is a system job.
Rows the sample files mark as cut off (excerpt_truncated = yes…) are skipped with a
warning in ImportPlan.warnings rather than failing the file.
"""

from quanze.catalog.catalogs.selectors import require_catalog_write
from quanze.catalog.importing.problems import ImportPlan, ImportProblem, ImportRejected

__all__ = ["ImportPlan", "ImportProblem", "ImportRejected", "import_plan", "import_run"]


def require_import_write(by, catalog) -> None:
    """Refuse a user who may not import into `catalog` (`by=None`: a system job may)."""
    require_catalog_write(by, catalog, "无权向该目录导入")


def parse_file(path, file_name: str, progress=None):
    """Read and parse one workbook (`Parsed`); raises ImportRejected when a sheet lacks a
    required column. Shared by the single import and the multi-file one (`many.py`)."""
    from quanze.catalog.importing.headers import LABELS
    from quanze.catalog.importing.reader import read_tables
    from quanze.catalog.importing.rows import parse_tables

    tables, warnings = read_tables(path, file_name)
    problems = []
    for table in tables:
        header = table.header
        missing = [key for key in ("name", "power_type") if key not in header.columns]
        if header.implied_type and "power_type" in missing:
            missing.remove("power_type")
        problems += [
            ImportProblem(
                sheet=table.sheet,
                message=f"缺少必需的列“{LABELS[key]}”(表头在第{header.row + 1}行)",
                file=file_name,
            )
            for key in missing
        ]
    if problems:
        raise ImportRejected(problems)
    parsed = parse_tables(file_name, tables, progress=progress)
    parsed.warnings[:0] = warnings
    return parsed


def import_plan(
    *,
    by,
    catalog,
    path,
    file_name: str,
    create_departments: bool = False,
    mode: str = "merge",
    update_shared: bool = False,
) -> ImportPlan:
    """The dry run: what the import would do. Writes nothing.

    `mode` "merge" (新增/更新) adds and updates the file's rows and keeps the catalog's
    other items; "replace" (替换) makes the catalog list exactly the file's rows.
    `update_shared` (the office only) lets it change powers other catalogs show and
    powers' departments (`guard.py`)."""
    from quanze.catalog.importing.plan import resolve

    require_import_write(by, catalog)
    parsed = parse_file(path, file_name)
    resolution = resolve(
        catalog=catalog,
        parsed=parsed,
        create_departments=create_departments,
        by=by,
        mode=mode,
        update_shared=update_shared,
    )
    if resolution.problems:
        raise ImportRejected(resolution.problems)
    return resolution.plan


def import_run(
    *,
    by,
    catalog,
    path,
    file_name: str,
    create_departments: bool = False,
    progress=None,
    mode: str = "merge",
    update_shared: bool = False,
) -> ImportPlan:
    """The real import, in one transaction; `progress(done, total)` is called as it goes."""
    from quanze.catalog.importing.run import apply

    require_import_write(by, catalog)
    # Reading and checking is the first half of the work, writing the second.
    half = (lambda done, total: progress(done // 2, total)) if progress else None
    parsed = parse_file(path, file_name, progress=half)
    return apply(
        by=by,
        catalog=catalog,
        parsed=parsed,
        create_departments=create_departments,
        progress=progress,
        mode=mode,
        update_shared=update_shared,
    )
