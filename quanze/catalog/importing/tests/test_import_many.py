"""Many files as one import (issue 16): the same outcome as importing them one by one,
all-or-nothing over every file, a constant number of queries per batch of files."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion
from quanze.catalog.importing import ImportRejected, import_run
from quanze.catalog.importing.many import ImportFile, import_many
from quanze.catalog.importing.run import CITATION_COLUMNS
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, world
from quanze.catalog.powers.models import Citation, Power
from quanze.catalog.powers.search_index import filter_text, index_texts
from quanze.core.models import ChangeRecord
from quanze.testing import factories as f

HEADER = [*STANDARD, "领域"]
BASIS = "【法律】《中华人民共和国城乡规划法》(2019年修正)第六十五条"


def _rows(code_stem: str, count: int, *, dept="平阴县城市管理局", field="城乡建设"):
    rows = [HEADER, ["1", "", "对违法建设的处罚", "", "行政处罚", dept, BASIS, field]]
    rows.append(["2", "", "", "情节严重的", "", "", "", ""])  # a sub-item of the row above
    for n in range(count):
        rows.append([str(n + 3), f"{code_stem}{n:03d}", f"事项{code_stem}{n}", "", "行政检查",
                     dept, f"《城市道路管理条例》第{n + 1}条", field])  # fmt: skip
    return rows


class Rollback(Exception):
    pass


def _fingerprint() -> dict:
    """What an import wrote, by codes and names rather than ids (PostgreSQL does not take
    back the ids of a rolled-back run: a field made again has another id)."""
    code = {p.pk: (p.owner_id, p.code) for p in Power.objects.all()}
    powers = sorted(
        (p.owner_id, p.code, p.name, p.sub_name, p.legal_basis, str(p.department), str(p.field),
         code.get(p.parent_id), p.search_text)
        for p in Power.objects.select_related("department", "field")
    )  # fmt: skip
    entries = sorted(
        (e.version.catalog_id, e.version.number, e.version.status, code[e.power_id], e.position,
         e.set_kind)
        for e in CatalogEntry.objects.select_related("version")
    )  # fmt: skip
    records = sorted(
        (r.content_type_id, r.object_repr, r.action, str(r.before), str(r.after), r.reason)
        for r in ChangeRecord.objects.all()
    )
    citations = sorted(
        (code[c.power_id], *(str(getattr(c, n)) for n in CITATION_COLUMNS[1:]))
        for c in Citation.objects.all()
    )
    found = sorted(code[p.pk] for p in filter_text(Power.objects.all(), ["处罚"]))
    return {"powers": powers, "entries": entries, "records": records, "citations": citations,
            "versions": CatalogVersion.objects.count(), "search": found}  # fmt: skip


@pytest.fixture
def setup(cast, tmp_path):
    """The county's catalog with a draft (one existing power), two townships' empty lists,
    and their files: new powers, an update, a new field, a sub-item."""
    power = f.PowerFactory(owner=cast.county, code="C001", name="旧名称",
                           power_type=f.power_type("行政检查"), department=cast.urban)  # fmt: skip
    county = services.catalog_create(
        by=cast.office, name="县清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    draft = services.version_draft(by=cast.office, catalog=county)
    services.version_set_entries(by=cast.office, version=draft, entries=[(power, "")])
    towns = [
        services.catalog_create(
            by=cast.office, name=f"{town.name}清单", kind=Catalog.Kind.POWERS_LIST, owner=town
        )
        for town in (cast.town_a, cast.town_b)
    ]
    files = [ImportFile(county, csv_file(tmp_path / "county.csv", _rows("C", 3)), "county.csv")]
    for n, catalog in enumerate(towns):
        path = csv_file(tmp_path / f"t{n}.csv", _rows(f"T{n}-", 4, field="新领域"))
        files.append(ImportFile(catalog, path, f"t{n}.csv"))
    return files


def test_one_job_writes_what_importing_each_file_does(setup):
    files = setup
    try:
        with transaction.atomic():
            result = import_many(by=None, files=files, create_departments=True)
            together = _fingerprint()
            raise Rollback
    except Rollback:
        pass
    assert result.rows == 5 + 6 + 6 and result.updated == 1
    for file in files:
        import_run(by=None, catalog=file.catalog, path=file.path, file_name=file.file_name,
                   create_departments=True)  # fmt: skip
    assert together == _fingerprint()


def test_a_problem_in_any_file_writes_nothing_and_names_the_file_row_and_column(setup, tmp_path):
    files = setup
    bad = _rows("B", 2)
    bad[4][4] = "行政魔法"
    files[2] = ImportFile(files[2].catalog, csv_file(tmp_path / "bad.csv", bad), "bad.csv")
    before = world()
    with pytest.raises(ImportRejected) as caught:
        import_many(by=None, files=files, batch_files=1)  # the bad file in a later batch
    assert before == world()
    assert [p.file for p in caught.value.problems] == ["bad.csv"]
    assert caught.value.messages == ["文件“bad.csv”第5行“职权类型”列:未知的职权类型“行政魔法”"]


def test_new_powers_may_take_ids_the_search_index_still_holds(setup):
    """A flush (another test file's module world, earlier in the same xdist worker) empties
    the powers' table but not the search index, and restarts the ids; the import replaces
    the index rows it finds at its new ids (it raised IntegrityError on SQLite)."""
    files = setup
    try:
        with transaction.atomic():
            last = Power.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            import_many(by=None, files=files, create_departments=True)
            taken = list(Power.objects.filter(pk__gt=last).values_list("pk", flat=True))
            raise Rollback
    except Rollback:
        pass
    index_texts([(pk, "陈旧的文本") for pk in taken])  # rows of powers that are gone
    import_many(by=None, files=files, create_departments=True)
    assert not filter_text(Power.objects.all(), ["陈旧"]).exists()
    assert filter_text(Power.objects.all(), ["处罚"]).count() == 3 * 2  # main and sub-item


def test_queries_do_not_grow_with_the_number_of_files(cast, tmp_path):
    counts = []
    for size in (1, 2, 6):  # the first warms Django's caches (content types)
        catalogs = []
        for n in range(size):
            town = f.township(cast.county, f"3701249{size}{n}000", f"镇{size}-{n}")
            catalogs.append(services.catalog_create(
                by=cast.office, name=f"{town.name}清单", kind=Catalog.Kind.POWERS_LIST, owner=town
            ))  # fmt: skip
        files = [
            ImportFile(c, csv_file(tmp_path / f"{size}-{n}.csv", _rows("X", 5)), "x.csv")
            for n, c in enumerate(catalogs)
        ]
        with CaptureQueriesContext(connection) as queries:
            import_many(by=None, files=files)
        counts.append(len(queries))
    assert counts[1] == counts[2]


def test_a_second_file_of_one_owner_sees_the_first(cast, tmp_path):
    first, second = (
        services.catalog_create(
            by=cast.office, name=name, kind=Catalog.Kind.POWERS_LIST, owner=cast.town_a
        )
        for name in ("甲清单", "乙清单")
    )
    rows = _rows("S", 2)
    files = [
        ImportFile(first, csv_file(tmp_path / "a.csv", rows), "a.csv"),
        ImportFile(second, csv_file(tmp_path / "b.csv", rows), "b.csv"),
    ]
    result = import_many(by=None, files=files)
    assert [o.created for o in result.files] == [4, 0]
    assert [o.unchanged for o in result.files] == [0, 4]
    versions = CatalogVersion.objects.filter(catalog__in=[first, second])
    assert sorted(v.entries.count() for v in versions) == [4, 4]
