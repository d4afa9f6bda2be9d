"""`python -m bench [--quick]`: every benchmark, one line per figure.

    name  value  unit  ratio-to-baseline

Figures go to the terminal and to bench/out/latest.txt. SQLite always; also
PostgreSQL when DATABASE_URL is set (a temporary database on that server).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

from bench.delegation import delegation_figures
from bench.dispatch import dispatch_figures
from bench.duties import duties_figures
from bench.enforcement import enforcement_figures
from bench.env import (
    ROOT,
    child_env,
    migrated_templates,
    postgres_database,
    python,
    sqlite_database,
)
from bench.evaluation import evaluation_figures
from bench.force import force_figures
from bench.lawchange import lawchange_figures
from bench.notices import notices_figures

SIZES = {
    # townships and catalog items for the import; powers for the search
    "full": {"townships": 2500, "items": 471, "powers": 100_000, "repeat": 15, "law_powers": 2600},
    "quick": {"townships": 50, "items": 471, "powers": 20_000, "repeat": 7, "law_powers": 2600},
    "tiny": {"townships": 3, "items": 40, "powers": 300, "repeat": 2, "law_powers": 1200},
}
# The public portal under load (bench/portal_pages.py closed loop, bench/open311.py and
# bench/portal_load.py open loop at the 300 and 100 requests/s).
PORTAL = {
    "full": {"townships": 25, "items": 100, "seconds": 10, "rate": 300, "post_rate": 100,
             "posts": 1000},
    "quick": {"townships": 25, "items": 100, "seconds": 5, "rate": 300, "post_rate": 100,
              "posts": 300},
    "tiny": {"townships": 3, "items": 40, "seconds": 1, "rate": 30, "post_rate": 10, "posts": 10},
}  # fmt: skip
# A nation (bench/nation.py): only with `--only nation` (the full size generates 13 M list
# rows: minutes, and hours of SQLite), never in a whole run. Events: a year of the nation's
# hotline requests (tens of millions), 5% still open.
NATION = {
    "full": {"provinces": 31, "townships": 38_000, "items": 556, "repeat": 7,
             "events": 30_000_000, "open_events": 1_500_000},
    "quick": {"provinces": 4, "townships": 400, "items": 556, "repeat": 5, "events": 300_000,
              "open_events": 15_000},
    "tiny": {"provinces": 2, "townships": 4, "items": 20, "repeat": 1, "events": 2_000,
             "open_events": 100},
}  # fmt: skip
OUT = ROOT / "bench" / "out" / "latest.txt"


def run_step(step: str, env: dict, *options: str, module: str = "bench.steps") -> list[dict]:
    command = [python(), "-m", module, step, *options]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"基准测试步骤 {step} 失败")
    figures = []
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            figures.append(json.loads(line[6:]))
        elif line.strip():
            print(f"  [{step}] {line}")
    return figures


def run_module(module: str, env: dict, *options: str) -> list[dict]:
    """A benchmark module run as `python -m module options`: its BENCH lines."""
    return run_step(options[0], env, *options[1:], module=module)


def portal_figures(size: dict, database, work: Path) -> list[dict]:
    """The portal's pages and Open311 intake against gunicorn: each module in its own
    process and database (each starts and stops its own server on a free port)."""
    mine = PORTAL[size["name"]]
    env = child_env(work, "")
    postgres = os.environ.get("DATABASE_URL", "") if database is not sqlite_database else ""
    if postgres:
        env["DATABASE_URL"] = postgres
    pages = ["run", f"--townships={mine['townships']}", f"--items={mine['items']}"]
    pages += [f"--seconds={mine['seconds']}", f"--threads={8 if mine['rate'] >= 300 else 2}"]
    figures = run_module(
        "bench.portal_pages", env, *pages, *([f"--database={postgres}"] if postgres else [])
    )
    posts = [f"--requests={max(mine['posts'], 20)}", f"--rate={mine['post_rate']}"]
    figures += run_module("bench.open311", env, *posts, *(["--postgres"] if postgres else []))
    with database(work / "load") as url:
        load = ["run", "--here", f"--townships={mine['townships']}", f"--items={mine['items']}"]
        load += [f"--seconds={mine['seconds']}", f"--rate={mine['rate']}"]
        load += [f"--post-rate={mine['post_rate']}", f"--posts={mine['posts']}"]
        figures += run_module("bench.portal_load", child_env(work / "load", url), *load)
    return figures


def import_figures(size: dict, database, work: Path) -> list[dict]:
    xlsx = work / "xlsx"
    with database(work / "import") as url:
        env = child_env(work / "import", url)
        figures = run_step(
            "generate",
            env,
            f"--townships={size['townships']}",
            f"--items={size['items']}",
            f"--xlsx-dir={xlsx}",
            "--no-lists",
            "--label=import_files",
        )
        read = run_step("read", env, f"--xlsx-dir={xlsx}")
        seconds = read[0]["value"]
        figures += read
        figures += run_step("import", env, f"--xlsx-dir={xlsx}", f"--read-seconds={seconds}")
    return figures


def search_figures(size: dict, database, work: Path) -> list[dict]:
    with database(work / "search") as url:
        env = child_env(work / "search", url)
        figures = run_step(
            "generate",
            env,
            "--townships=25",  # one county: its office sees every generated power
            f"--items={size['items']}",
            f"--powers={size['powers']}",
            "--label=search_data",
        )
        figures += run_step("search", env, f"--repeat={size['repeat']}")
    return figures


def documents_figures(size: dict, database, work: Path) -> list[dict]:
    """A township's 350-item list: page, .xlsx, .docx and PDF (bench/documents.py)."""
    with database(work / "documents") as url:
        env = child_env(work / "documents", url)
        figures = run_step(
            "generate",
            env,
            f"--townships={size['townships']}",
            f"--items={size['items']}",
            "--label=documents_data",
        )
        figures += run_step("measure", env, f"--repeat={size['repeat']}", module="bench.documents")
    return figures


def nation_figures(size: dict, database, work: Path) -> list[dict]:
    mine = NATION[size["name"]]
    with database(work / "nation") as url:
        env = child_env(work / "nation", url)
        options = [f"--{key.replace('_', '-')}={value}" for key, value in mine.items()]
        return run_module("bench.nation", env, "measure", *options)


def line(prefix: str, figure: dict) -> str:
    ratio = f"{figure['ratio']:.2f}x" if figure.get("ratio") else "-"
    value = figure["value"]
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.3f}".rstrip("0").rstrip(".")
    note = f"  ({figure['note']})" if figure.get("note") else ""
    return f"{prefix}{figure['name']:<44} {text:>12} {figure['unit']:<9} {ratio:>8}{note}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="小规模(50个乡镇、2万项事项)")
    parser.add_argument("--tiny", action="store_true", help="极小规模,仅供测试本程序")
    parser.add_argument(
        "--only",
        choices=[
            "import",
            "search",
            "documents",
            "dispatch",
            "delegation",
            "duties",
            "notices",
            "enforcement",
            "force",
            "evaluation",
            "lawchange",
            "portal",
            "nation",
        ],
        help="只运行一项",
    )
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgresql"],
        help="只在一种数据库上运行(默认 SQLite,设置了 DATABASE_URL 时再加 PostgreSQL)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    size_name = "tiny" if args.tiny else "quick" if args.quick else "full"
    size = {**SIZES[size_name], "name": size_name}
    backends = [("sqlite", sqlite_database)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        server = os.environ["DATABASE_URL"]
        backends.append(("postgresql", lambda _dir: postgres_database(server)))
    if args.database:
        backends = [(name, db) for name, db in backends if name == args.database]
        if not backends:
            raise SystemExit("在 PostgreSQL 上运行需要设置 DATABASE_URL")
    header = (
        f"# quanze bench {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, size={size_name} {size}, "
        f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    lines = [header]
    print(header)
    # A whole run migrates once per backend; one benchmark alone (--only) builds too few
    # databases for a migrated template to pay for itself.
    server = os.environ.get("DATABASE_URL", "") if "postgresql" in dict(backends) else ""
    with (
        tempfile.TemporaryDirectory(prefix="quanze-bench-template-") as template,
        migrated_templates(Path(template), server, sqlite="sqlite" in dict(backends))
        if not args.only
        else nullcontext(),
    ):
        for backend, database in backends:
            benches = (
                ("import", import_figures),
                ("search", search_figures),
                ("documents", documents_figures),
                ("dispatch", dispatch_figures),
                ("delegation", delegation_figures),
                ("duties", duties_figures),
                ("notices", notices_figures),
                ("enforcement", enforcement_figures),
                ("force", force_figures),
                ("evaluation", evaluation_figures),
                ("lawchange", lawchange_figures),
                ("portal", portal_figures),
                ("nation", nation_figures),
            )
            for name, bench in benches:
                if args.only != name and (args.only or name == "nation"):
                    continue
                started = time.perf_counter()
                with tempfile.TemporaryDirectory(prefix=f"quanze-bench-{name}-") as work:
                    for figure in bench(size, database, Path(work)):
                        lines.append(line(f"{backend}.", figure))
                        print(lines[-1], flush=True)
                print(f"# {backend} {name}: {time.perf_counter() - started:.0f} s", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
