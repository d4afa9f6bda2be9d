"""Every hostile file through every importer: a Chinese message (naming the row and
column where there is one), in bounded time and memory, and nothing written.

Cases are in hostile_corpus.CASES, importers in hostile_importers.IMPORTERS; the test
is their product. A bomb case is first read in a process of its own under an
address-space limit and measured there (CPU time, peak RSS; hostile_probe), so a
regression fails the test rather than aborting pytest.
"""

import re
import time
from types import SimpleNamespace

import pytest
from django.db import transaction
from hostile_corpus import CASES
from hostile_importers import IMPORTERS
from hostile_probe import probe_read

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog
from quanze.testing import factories as f

# CPU seconds of the reading process (not wall time: a busy CI machine must not fail it).
MAX_SECONDS = 5.0
MAX_PEAK_MB = 300
ADDRESS_SPACE = 2 * 1024 * 1024 * 1024  # the probe dies of a failed allocation, not the machine
ENGLISH = re.compile(r"error|exception|traceback|failed|invalid|calamine|zip file", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")

_probed: dict = {}


def probe(reader: str, path, case: str) -> dict:
    """Read the file in a memory-limited process; its time and peak memory (once per
    reader and case: the catalog's service, command and page share one reader)."""
    key = (reader, case)
    if key not in _probed:
        measured = probe_read(reader, path, path.name, limit=ADDRESS_SPACE)
        assert "died" not in measured, f"the reader died: {measured['died']}"
        _probed[key] = measured
    return _probed[key]


@pytest.fixture(scope="module")
def hostile_world(django_db_setup, django_db_blocker):
    """The county, catalog, territorial draft and benchmark draft every case imports into,
    built once for the module and rolled back after its last test: each test runs in its
    own savepoint inside it (`db`), so what one test writes the next does not see."""
    from django.urls import get_resolver

    from quanze.core.spreadsheets import simplified
    from quanze.duties.territorial import services as territorial
    from quanze.testing.world import build_cast

    # Once per process, not per file: the first request imports every view and builds
    # the API's schemas, and opencc loads its dictionaries on first use. Done here, the
    # timed import measures the file's work alone.
    assert get_resolver().url_patterns
    simplified("事項名稱")

    with django_db_blocker.unblock(), transaction.atomic():
        cast = build_cast()
        catalog = services.catalog_create(
            by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
        )
        responsibility_list = territorial.list_for_county(by=cast.office, county=cast.county)
        draft = territorial.version_draft(by=cast.office, responsibility_list=responsibility_list)
        yield dict(
            office=cast.office,
            county=cast.county,
            catalog=catalog,
            draft=draft,
            **_benchmark_world(cast),
        )
        transaction.set_rollback(True)


@pytest.fixture
def world(hostile_world, db, client):
    """The module's world for one test: its rows as the database holds them now (a test
    that changed one in memory leaves the next a stale copy otherwise), a fresh client,
    and room for what an importer builds lazily (an exam sitting, a rating round)."""
    for instance in hostile_world.values():
        instance.refresh_from_db()
    return SimpleNamespace(**hostile_world, client=client)


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
