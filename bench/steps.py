"""One benchmark step per process: `python -m bench.steps STEP [options]`.

Each step prints its figures as `BENCH {json}` lines that `bench.__main__` collects.
"""

import argparse
import csv
import json
import resource
import time
from pathlib import Path

from bench.env import setup_django


def report(name: str, value: float, unit: str, ratio: float | None = None, note: str = "") -> None:
    figure = {"name": name, "value": value, "unit": unit, "ratio": ratio, "note": note}
    print("BENCH " + json.dumps(figure, ensure_ascii=False), flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def manifest(folder: Path) -> list[dict]:
    with (folder / "manifest.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def step_generate(args) -> None:
    from django.core.management import call_command

    setup_django()
    started = time.perf_counter()
    options = [f"--townships={args.townships}", f"--items={args.items}", f"--seed={args.seed}"]
    options += [f"--powers={args.powers}"]
    if args.xlsx_dir:
        options += [f"--xlsx-dir={args.xlsx_dir}"]
    if args.no_lists:
        options += ["--no-lists"]
    call_command("generate", *options)
    # A database that has just been bulk-loaded has no planner statistics yet; a
    # working one has (autovacuum on PostgreSQL, `ANALYZE` on SQLite). Measure that.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report(f"generate.{args.label}", round(time.perf_counter() - started, 2), "s")


def step_read(args) -> None:
    """The bare read: python-calamine over every sheet of every file, nothing else."""
    from python_calamine import CalamineWorkbook

    folder = Path(args.xlsx_dir)
    started, rows = time.perf_counter(), 0
    for entry in manifest(folder):
        book = CalamineWorkbook.from_path(folder / entry["file"])
        for index in range(len(book.sheet_names)):
            rows += len(book.get_sheet_by_index(index).to_python()) - 1
    elapsed = time.perf_counter() - started
    report("import.bare_read", round(elapsed, 3), "s", note=f"python-calamine, {rows} 行")


def step_import(args) -> None:
    """The import of every workbook of the manifest: one job (`import_many`, the default)
    or, with --per-file, one `import_run` (one transaction) per file as before issue 16."""
    setup_django()
    from django.db import reset_queries

    from quanze.catalog.importing import ImportRejected, import_run
    from quanze.catalog.importing.many import ImportFile, import_many
    from quanze.catalog.models import Catalog

    folder = Path(args.xlsx_dir)
    entries = manifest(folder)
    catalogs = {(c.owner.code, c.name): c for c in Catalog.objects.select_related("owner").all()}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, rows, failed = time.perf_counter(), 0, 0
    if args.per_file:
        for entry in entries:
            catalog = catalogs[(entry["division_code"], entry["catalog"])]
            path = folder / entry["file"]
            try:
                plan = import_run(by=None, catalog=catalog, path=path, file_name=path.name)
            except ImportRejected as error:
                failed += 1
                print(f"导入失败 {entry['file']}: {error.messages[:3]}")
                continue
            rows += plan.rows
            # DEBUG keeps the SQL of the last 9,000 queries, bulk inserts included (hundreds
            # of MB); Django clears it at each request, so clear it at each file likewise.
            reset_queries()
    else:
        files = [
            ImportFile(
                catalogs[(entry["division_code"], entry["catalog"])],
                folder / entry["file"],
                Path(entry["file"]).name,
            )
            for entry in entries
        ]
        try:
            result = import_many(by=None, files=files, progress=lambda done, total: reset_queries())
            rows = result.rows
        except ImportRejected as error:
            failed = len(files)
            print(f"导入失败: {error.messages[:3]}")
    elapsed = time.perf_counter() - started
    if profiler is not None:
        import pstats

        profiler.disable()
        with open(args.profile, "w") as out:
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(40)
    read = args.read_seconds
    mode = "逐个文件" if args.per_file else "一个任务"
    report("import.files", len(entries), "files", note=f"{failed} 个失败" if failed else mode)
    report("import.rows", rows, "rows")
    report("import.time", round(elapsed, 2), "s", ratio=elapsed / read if read else None)
    report("import.rows_per_second", round(rows / elapsed), "rows/s")
    report("import.peak_memory", round(peak_rss_mb()), "MB", note="子进程最大常驻内存")


def step_search(args) -> None:
    setup_django()
    from bench.search import run_search

    for figure in run_search(repeat=args.repeat):
        report(**figure)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.steps")
    parser.add_argument("step", choices=["generate", "read", "import", "search"])
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--items", type=int, default=471)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--powers", type=int, default=0)
    parser.add_argument("--xlsx-dir")
    parser.add_argument("--no-lists", action="store_true")
    parser.add_argument("--label", default="")
    parser.add_argument("--read-seconds", type=float, default=0.0)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--per-file", action="store_true", help="逐个文件导入(每个文件一个事务)")
    parser.add_argument("--profile", help="cProfile 结果写入该文件")
    args = parser.parse_args()
    {
        "generate": step_generate,
        "read": step_read,
        "import": step_import,
        "search": step_search,
    }[args.step](args)


if __name__ == "__main__":
    main()
