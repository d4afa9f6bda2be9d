"""The benchmarks run end to end at a tiny size, so `make bench` cannot rot unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.env import POSTGRES_TEMPLATE, SQLITE_TEMPLATE
from quanze.testing import dbtemplate

pytestmark = pytest.mark.cost(600)

ROOT = Path(__file__).resolve().parent.parent
# The benchmarks build their own databases: on the suite's backend only, so the SQLite run
# proves the SQLite figures and the PostgreSQL run the PostgreSQL ones, each paid once.
DB = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def figures(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith(("sqlite.", "postgresql.")):
            name, *rest = line.split()
            rows[name] = rest
    return rows


def template_env(template) -> dict:
    """The suite's migrated database as the benchmarks' template: they copy it instead of
    migrating their own."""
    name = POSTGRES_TEMPLATE if template.vendor == dbtemplate.POSTGRESQL else SQLITE_TEMPLATE
    return dict(os.environ, **{name: template.name})


def test_it_runs_every_benchmark_and_writes_the_figures(tmp_path, migrated_template):
    out = tmp_path / "latest.txt"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", f"--database={DB}", f"--out={out}"],
        cwd=ROOT,
        env=template_env(migrated_template),
        capture_output=True,
        text=True,
        # Every benchmark in tiny mode on one backend: a few minutes on an idle machine (it
        # builds a database per benchmark); the limit only stops a hung run.
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = figures(out.read_text(encoding="utf-8"))
    assert rows == figures(result.stdout)
    # Every township list and the catalog imported, none refused.
    assert rows[f"{DB}.import.files"][:2] == ["4", "files"]
    assert "失败" not in " ".join(rows[f"{DB}.import.files"])
    assert int(rows[f"{DB}.import.rows"][0].replace(",", "")) > 40
    assert rows[f"{DB}.import.time"][2].endswith("x")  # the ratio to the bare read
    assert rows[f"{DB}.import.peak_memory"][1] == "MB"
    for page in ("list", "search_2char", "search_code", "filtered"):
        assert rows[f"{DB}.search.{page}.median"][1] == "ms"
        assert rows[f"{DB}.search.{page}.median"][2].endswith("x")
    # The page costs the same number of queries wherever it is and however long it is.
    assert rows[f"{DB}.search.list.queries"][0] == rows[f"{DB}.search.list_page50.queries"][0]
    assert rows[f"{DB}.search.queries_at_page_size_10_50_200"][0] != "-1"
    # A township's list: the page against its raw query, and each document rendered.
    assert rows[f"{DB}.documents.list_page.median"][2].endswith("x")
    for name in ("xlsx.median", "docx.median", "pdf.median", "pdf.cached_median"):
        assert rows[f"{DB}.documents.{name}"][1] == "ms"
    assert int(rows[f"{DB}.documents.pdf.pages"][0]) >= 1
    # Dispatch (issue 4): accuracy on the labelled complaints, ratios to raw SQL, no HTTP errors.
    assert float(rows[f"{DB}.dispatch.suggest.with_history.top3"][0]) >= 70  # per cent
    assert rows[f"{DB}.dispatch.sweep.median"][2].endswith("x")
    assert rows[f"{DB}.dispatch.measures.median"][2].endswith("x")
    assert int(rows[f"{DB}.dispatch.route.throughput"][0].replace(",", "")) > 0
    assert rows[f"{DB}.dispatch.intake.errors"][0] == "0"
    # Delegation (issue 3): every township's claims counted, a ratio to raw SQL, a publication.
    assert rows[f"{DB}.claims.rows"][0] == "120"  # 3 townships × 40 items
    assert rows[f"{DB}.claims.report.median"][2].endswith("x")
    assert rows[f"{DB}.publish.townships"][0] == "3"
    assert rows[f"{DB}.publish.queries"][1] == "queries"
    # Law-change impact (issue 12): the lookup over the generated list rows, against raw SQL.
    assert int(rows[f"{DB}.lawchange.rows"][0].replace(",", "")) == 3 * 2 * 1200
    assert rows[f"{DB}.lawchange.impact.lookup"][1] == "ms"
    assert rows[f"{DB}.lawchange.impact.lookup"][2].endswith("x")
    # Force (issue 11): the certificate check, one statement, a ratio to its raw SQL.
    assert rows[f"{DB}.force.check.median"][1] == "ms"
    assert rows[f"{DB}.force.check.median"][2].endswith("x")
    assert rows[f"{DB}.force.check.queries"][0] == "1"
    # Notices: one INSERT whatever the number of recipients, ratios to raw SQL.
    assert rows[f"{DB}.notices.notify.queries"][0] == "1"
    assert rows[f"{DB}.notices.notify.median"][2].endswith("x")
    assert rows[f"{DB}.notices.mail_task.median"][2].endswith("x")  # mail: the worker's
    assert rows[f"{DB}.notices.unread_count.median"][2].endswith("x")
    # Enforcement (issue 10): a year of cases; the queue and a case page against raw SQL.
    assert int(rows[f"{DB}.enforcement.cases"][0]) == 30  # 3 townships × 10
    for page in ("queue.township", "queue.county", "queue.county_search", "case_page"):
        assert rows[f"{DB}.enforcement.{page}.median"][1] == "ms"
        assert rows[f"{DB}.enforcement.{page}.median"][2].endswith("x")
    assert "第 2 版" in " ".join(rows[f"{DB}.generate.cases"])  # the mid-year list versions
    exercise_rows(rows)
    evaluation_rows(rows)
    portal_rows(rows)


def portal_rows(rows: dict[str, list[str]]) -> None:
    """The portal against gunicorn (issue 15): the closed-loop page reads, Open311 intake and
    the open-loop run at the issue's rates; no error, every 201 answer stored."""
    for page in ("item", "township_list", "lookup"):
        assert rows[f"{DB}.portal.{page}.p99"][1] == "ms"
        assert rows[f"{DB}.portal.{page}.errors"][0] == "0"
    # bench/open311.py's client gives up after 30 s, so on a loaded machine it may count
    # errors and abandoned-but-stored requests; portal_load's `unstored` is the strict one.
    assert rows[f"{DB}.portal.open311.p99"][1] == "ms"
    pages = ("item", "township_list", "lookup")
    for name in (*pages, *(f"{page}_spread" for page in pages), "open311_post"):
        assert rows[f"{DB}.portal.load.{name}.rate"][1] == "req/s"
        assert rows[f"{DB}.portal.load.{name}.p99"][1] == "ms"
        assert rows[f"{DB}.portal.load.{name}.errors"][0] == "0"
    assert rows[f"{DB}.portal.load.open311_post.unstored"][0] == "0"


def exercise_rows(rows: dict[str, list[str]]) -> None:
    """The exercise-rate report against the hand-written statement (equal figures are
    checked inside the benchmark before timing)."""
    for period in ("province.year", "province.from_august", "county.year"):
        name = f"{DB}.enforcement.exercise.{period}"
        assert rows[f"{name}.median"][1] == "ms" and rows[f"{name}.median"][2].endswith("x")
        assert rows[f"{name}.raw_sql_exists"][1] == "ms"
        assert rows[f"{name}.raw_sql_join"][1] == "ms"
        assert rows[f"{name}.raw_sql_exists_by_township"][1] == "ms"
    assert "行权率" in " ".join(rows[f"{DB}.enforcement.exercise.province.year.median"])


def test_one_benchmark_runs_alone(tmp_path, migrated_template):
    """`--only`: one benchmark (the notices', the cheapest) and no other figure."""
    out = tmp_path / "latest.txt"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "--only=notices", f"--database={DB}",
         f"--out={out}"],
        cwd=ROOT, env=template_env(migrated_template), capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    rows = figures(out.read_text(encoding="utf-8"))
    assert rows and all(name.startswith(f"{DB}.notices.") for name in rows)


def evaluation_rows(rows: dict[str, list[str]]) -> None:
    median = rows[f"{DB}.evaluation.round.measure.median"]
    assert median[1] == "ms" and median[2].endswith("x")
    assert "75 个乡镇×事项" in " ".join(median)  # 3 townships × their 25 items
    assert rows[f"{DB}.evaluation.round.raw_sql"][1] == "ms"
    assert "条查询" in " ".join(rows[f"{DB}.evaluation.round.compute"])
