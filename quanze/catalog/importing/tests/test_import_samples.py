"""Every real sample in shared/data that holds complete rows imports, with its citations,
and comes back unchanged through export."""

import csv
from pathlib import Path

import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.exporting import export_csv, export_xlsx
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected, import_plan, import_run
from quanze.catalog.powers.models import Citation, Power
from quanze.core.models import ChangeRecord

# Copies of shared/data (published list excerpts; see samples/README.md), kept with the
# tests so a fresh clone runs them.
DATA = Path(__file__).resolve().parents[2] / "tests" / "samples"  # shared with powers' tests
NOT_LISTS = {"catalog_summary_counts_from_notices.csv", "observed_list_schemas.csv"}
SAMPLES = sorted(p.name for p in DATA.glob("*.csv") if p.name not in NOT_LISTS)
MISSING = "(not in excerpt)"


def sample_rows(path: Path) -> tuple[list[str], list[list[str]], int]:
    """The sample without rows that leave cells out, and how many of the rest are whole
    (the importer itself skips the rows marked excerpt_truncated = yes…)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    rows = [row for row in rows if MISSING not in row]
    flag = header.index("excerpt_truncated") if "excerpt_truncated" in header else None
    whole = sum(1 for row in rows if flag is None or not row[flag].startswith("yes"))
    return header, rows, whole


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="样例导入目录", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )


def write_csv(tmp_path, name, header, rows) -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


@pytest.mark.parametrize("name", SAMPLES)
def test_it_imports_every_complete_sample_and_round_trips_it(cast, catalog, tmp_path, name):
    header, rows, whole = sample_rows(DATA / name)
    path = write_csv(tmp_path, name, header, rows)
    if not whole:
        with pytest.raises(ImportRejected) as error:
            import_plan(by=cast.office, catalog=catalog, path=path, file_name=name)
        assert "没有可导入的数据行" in str(error.value)
        assert not Power.objects.exists()
        return
    dry = import_plan(
        by=cast.office, catalog=catalog, path=path, file_name=name, create_departments=True
    )
    assert not Power.objects.exists() and not catalog.versions.exists()
    plan = import_run(
        by=cast.office, catalog=catalog, path=path, file_name=name, create_departments=True
    )
    assert plan.rows == dry.rows == whole
    assert len(plan.created) == len(dry.created) == whole
    assert len(plan.warnings) == len(rows) - whole
    powers = list(Power.objects.filter(owner=cast.county))
    assert len(powers) == whole
    with_act = [p for p in powers if "《" in p.legal_basis]
    cited = Citation.objects.filter(power__in=with_act).values("power").distinct().count()
    assert cited == len(with_act)
    draft = catalog.versions.get()
    assert draft.entries.count() == whole
    records = ChangeRecord.objects.count()
    for exporter, suffix in ((export_xlsx, ".xlsx"), (export_csv, ".csv")):
        out = tmp_path / f"export{suffix}"
        with out.open("wb") as stream:
            exporter(draft, stream)
        again = import_run(by=cast.office, catalog=catalog, path=out, file_name=out.name)
        assert (again.created, again.updated, again.unchanged) == ([], [], whole)
    assert ChangeRecord.objects.count() == records


def test_it_parses_the_citations_of_a_real_basis(cast, catalog):
    name = "shanxi_wuxiang_shangsixiang_enforcement_inspection_items.csv"
    import_run(
        by=cast.office, catalog=catalog, path=DATA / name, file_name=name, create_departments=True
    )
    power = Power.objects.get(name="对个别农户之间承包的耕地和草地适当调整的审批")
    citation = power.citations.get()
    assert (citation.rank, citation.act_title, citation.revision_year, citation.article) == (
        "法律",
        "中华人民共和国农村土地承包法",
        2018,
        "28",
    )


def test_it_refuses_files_that_are_not_powers_lists(cast, catalog):
    for name in sorted(NOT_LISTS):
        with pytest.raises(ImportRejected) as error:
            import_plan(by=cast.office, catalog=catalog, path=DATA / name, file_name=name)
        assert f"文件“{name}”" in str(error.value) and "表头" in str(error.value)
