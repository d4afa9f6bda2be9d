import io

import pytest
from openpyxl import load_workbook

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.exporting import export_csv, export_xlsx
from quanze.catalog.catalogs.layout import COLUMNS
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import import_run
from quanze.catalog.importing.tests.sheets import csv_file, world
from quanze.catalog.powers import services as power_services
from quanze.catalog.powers.models import Power


@pytest.fixture
def version(cast, tmp_path):
    catalog = services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    rows = [
        ["事项编码", "事项名称", "职权类型", "实施部门", "设定依据", "盘类", "监督电话"],
        [
            "000104002000",
            "甲",
            "行政处罚",
            "县城管局",
            "《某条例》第一条\n第二款",
            "基本盘",
            "0531-1",
        ],
        ["CF-2", "乙", "行政检查", "", "", "自选盘", ""],
    ]
    import_run(
        by=cast.office, catalog=catalog, path=csv_file(tmp_path / "a.csv", rows), file_name="a.csv"
    )
    return catalog.versions.get()


def test_xlsx_export_writes_the_standard_layout_then_extra_columns_as_text(version):
    stream = io.BytesIO()
    export_xlsx(version, stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [label for _, label in COLUMNS] + ["监督电话"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["事项编码"] == "000104002000" and sheet["B2"].data_type == "s"
    assert first["设定依据"] == "《某条例》第一条\n第二款"
    assert (first["实施部门"], first["盘类"], first["监督电话"], first["序号"]) == (
        "平阴县城市管理局",
        "基本盘",
        "0531-1",
        "1",
    )
    assert dict(zip(rows[0], rows[2], strict=True))["盘类"] == "自选盘"


def test_csv_export_has_a_byte_order_mark_for_excel(version):
    binary = io.BytesIO()
    export_csv(version, binary)
    assert binary.getvalue().startswith("\ufeff序号,事项编码".encode())
    text = io.StringIO()
    export_csv(version, text)
    assert text.getvalue() == binary.getvalue().decode("utf-8")


def test_a_published_version_exports_what_was_published(cast, version):
    services.version_publish(by=cast.office, version=version)
    power = Power.objects.get(code="CF-2")
    power_services.power_update(by=cast.office, power=power, name="乙(已改名)")
    stream = io.StringIO()
    export_csv(version, stream)
    assert "乙(已改名)" not in stream.getvalue() and ",乙," in stream.getvalue()


def test_exporting_a_published_version_and_importing_it_back_changes_nothing(
    cast, version, tmp_path
):
    services.version_publish(by=cast.office, version=version)
    for exporter, name in ((export_xlsx, "out.xlsx"), (export_csv, "out.csv")):
        path = tmp_path / name
        with path.open("wb") as stream:
            exporter(version, stream)
        before = world()
        plan = import_run(by=cast.office, catalog=version.catalog, path=path, file_name=name)
        assert (plan.created, plan.updated, plan.unchanged, plan.removed) == ([], [], 2, [])
        assert world() == before  # not even a new draft


def test_sub_items_keep_their_main_item_through_export_and_import(cast, tmp_path):
    catalog = services.catalog_create(
        by=cast.office, name="主项子项", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    rows = [
        ["事项编码", "权力名称(主项)", "权力名称(子项)", "权力类型"],
        ["M-1", "对违反河道管理行为的处罚", "", "行政处罚"],
        ["S-1", "", "在河道管理范围内设置阻碍行洪的网箱", "行政处罚"],
        ["S-2", "", "在河道管理范围内弃置矿渣", ""],
    ]
    import_run(
        by=cast.office, catalog=catalog, path=csv_file(tmp_path / "a.csv", rows), file_name="a.csv"
    )
    main = Power.objects.get(code="M-1")
    assert set(main.sub_items.values_list("code", flat=True)) == {"S-1", "S-2"}
    assert Power.objects.get(code="S-2").power_type.name == "行政处罚"  # from its main item
    out = tmp_path / "out.xlsx"
    with out.open("wb") as stream:
        export_xlsx(catalog.versions.get(), stream)
    plan = import_run(by=cast.office, catalog=catalog, path=out, file_name="out.xlsx")
    assert (plan.created, plan.updated, plan.unchanged) == ([], [], 3)
