"""Every hostile file through every importer: a Chinese message (naming the row and
column where there is one), in bounded time and memory, and nothing written.

Cases are in hostile_corpus.CASES, importers in hostile_importers.IMPORTERS; the test
is their product. A bomb case is first read in a subprocess under an address-space
limit and measured there (wall time, peak RSS), so a regression fails the test rather
than aborting pytest.
"""

import json
import re
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from hostile_corpus import CASES
from hostile_importers import IMPORTERS

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog
from quanze.testing import factories as f

# CPU seconds of the reading process (not wall time: a busy CI machine must not fail it).
MAX_SECONDS = 5.0
MAX_PEAK_MB = 300
ADDRESS_SPACE = 2 * 1024 * 1024 * 1024  # the probe dies of a failed allocation, not the machine
ENGLISH = re.compile(r"error|exception|traceback|failed|invalid|calamine|zip file", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")

PROBE = r"""
import json, os, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
os.environ.setdefault("DEBUG", "true")
import django
django.setup()
from importlib import import_module
module, name = sys.argv[1].split(":")
read = getattr(import_module(module), name)
from pathlib import Path
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
try:
    read(Path(sys.argv[2]), sys.argv[3])
    outcome = "read"
except Exception as error:
    outcome = type(error).__name__
seconds = time.process_time() - start
# VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's size on Linux.
peak = base
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "peak_mb": peak / 1024, "outcome": outcome}}))
"""

_probed: dict = {}


def probe(reader: str, path, case: str) -> dict:
    """Read the file in a memory-limited subprocess; its time and peak memory (once per
    reader and case: the catalog's service, command and page share one reader)."""
    key = (reader, case)
    if key not in _probed:
        done = subprocess.run(
            [sys.executable, "-c", PROBE.format(limit=ADDRESS_SPACE), reader, str(path), path.name],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"the reader died: {done.stderr[-2000:]}"
        _probed[key] = json.loads(done.stdout.strip().splitlines()[-1])
    return _probed[key]


@pytest.fixture
def world(cast, client):
    from django.urls import get_resolver

    from quanze.core.spreadsheets import simplified
    from quanze.duties.territorial import services as territorial

    # Once per process, not per file: the first request imports every view and builds
    # the API's schemas, and opencc loads its dictionaries on first use. Done here, the
    # timed import measures the file's work alone.
    assert get_resolver().url_patterns
    simplified("事項名稱")

    catalog = services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    responsibility_list = territorial.list_for_county(by=cast.office, county=cast.county)
    draft = territorial.version_draft(by=cast.office, responsibility_list=responsibility_list)
    return SimpleNamespace(
        office=cast.office,
        county=cast.county,
        catalog=catalog,
        draft=draft,
        client=client,
        **_benchmark_world(cast),
    )


def _benchmark_world(cast) -> dict:
    """A county power the benchmark rows name by code, and a benchmark draft."""
    from quanze.enforcement.benchmarks import services as benchmarks

    f.PowerFactory(owner=cast.county, code="FW000001", name="擅自占用城市道路")
    benchmark = benchmarks.benchmark_create(by=cast.reviewer, name="平阴县行政处罚裁量基准")
    return {"bureau": cast.reviewer, "benchmark_draft": benchmark.versions.get(status="draft")}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("importer_name", list(IMPORTERS))
@pytest.mark.parametrize("case_name", list(CASES))
def test_a_hostile_file(world, tmp_path, case_name, importer_name):
    case, importer = CASES[case_name], IMPORTERS[importer_name]
    folder = tmp_path / "in"
    folder.mkdir()
    path = case.build(folder, importer.rows(world))
    if case.bomb:
        measured = probe(importer.reader, path, case_name)
        assert measured["seconds"] < MAX_SECONDS, measured
        assert measured["peak_mb"] < MAX_PEAK_MB, measured
    before = importer.counts()
    start = time.process_time()
    outcome = importer.run(world, path, path.name)
    seconds = time.process_time() - start
    assert seconds < MAX_SECONDS, f"{seconds:.1f} s"
    for text in outcome.messages + outcome.warnings:
        assert not ENGLISH.search(text), text
    if case.expect == "accept":
        assert outcome.accepted, outcome.messages
    elif case.expect == "reject":
        assert not outcome.accepted, "the file was accepted"
    if not outcome.accepted:
        assert outcome.messages and all(CJK.search(m) for m in outcome.messages), outcome
        assert importer.counts() == before, "a refused file wrote something"
        joined = "\n".join(outcome.messages)
        for needed in case.must:
            assert needed in joined, joined
    if case.warn:
        assert any(case.warn in w for w in outcome.warnings), outcome.warnings


def test_every_case_and_importer_is_registered_once():
    assert len(CASES) >= 30 and len(IMPORTERS) >= 12
    assert {c.expect for c in CASES.values()} <= {"accept", "reject", "either"}
