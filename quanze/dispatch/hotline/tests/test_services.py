"""12345 import: all rows or none, errors naming row and column, xlsx and csv."""

import pytest
from openpyxl import Workbook

from quanze.core.errors import Forbidden
from quanze.dispatch.events.models import Event, EventLog
from quanze.dispatch.hotline.services import HotlineRejected, hotline_import

HEADER = "工单编号,来电时间,诉求内容,乡镇(街道),村(社区),详细地址,来电人,联系电话,事项\n"
GOOD = (
    "GD2025001,2025-03-01 08:30,小区门口垃圾桶满溢三天没有清运,锦水街道,,东关街12号,张先生,13800000000,\n"
    "GD2025002,2025/3/2 9:15,马路上全是流动摊贩,玫瑰镇,,玫瑰大街,李女士,13900000000,占道经营管理\n"
)


def write(tmp_path, text, name="工单.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_imports_a_hotline_sheet_with_suggestions_for_rows_without_a_matter(
    cast, matters, tmp_path
):
    result = hotline_import(
        by=cast.office,
        county=cast.county,
        path=write(tmp_path, HEADER + GOOD),
        file_name="工单.csv",
    )
    assert (result.created, result.suggested) == (2, 1)
    first, second = Event.objects.order_by("external_ref")
    assert first.source == Event.Source.HOTLINE and first.township == cast.town_a
    assert first.suggestions[0]["matter_id"] == matters["garbage"].pk and first.matter is None
    assert second.matter == matters["stalls"] and second.reporter_name == "李女士"
    assert EventLog.objects.filter(action="create").count() == 2


def test_it_reads_gbk_csv_and_xlsx(cast, matters, tmp_path):
    hotline_import(
        by=cast.office,
        county=cast.county,
        path=write(tmp_path, HEADER + GOOD, encoding="gbk"),
        file_name="工单.csv",
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["工单号", "受理时间", "反映内容", "所属乡镇"])
    sheet.append(["GD2025009", "2025-04-01 10:00", "路灯不亮", "锦水街道"])
    book.save(tmp_path / "x.xlsx")
    result = hotline_import(
        by=cast.office, county=cast.county, path=tmp_path / "x.xlsx", file_name="工单.xlsx"
    )
    assert result.created == 1 and Event.objects.count() == 3


def test_a_file_with_bad_rows_is_refused_whole_naming_row_and_column(cast, matters, tmp_path):
    bad = (
        GOOD
        + "GD2025003,昨天,路灯不亮,锦水街道,,,,,\n"
        + "GD2025004,2025-03-04 10:00,,不存在镇,,,,,\n"
        + "GD2025001,2025-03-05 10:00,噪音扰民,锦水街道,王庄村,,,,没有这个事项\n"
    )
    with pytest.raises(HotlineRejected) as caught:
        hotline_import(
            by=cast.office,
            county=cast.county,
            path=write(tmp_path, HEADER + bad),
            file_name="工单.csv",
        )
    problems = caught.value.problems
    assert "第4行「来电时间」无法识别(应为 2026-03-01 08:30)" in problems
    assert "第5行「诉求内容」不能为空" in problems
    assert "第5行「乡镇(街道)」平阴县没有「不存在镇」" in problems
    assert "第6行「工单编号」GD2025001 与第2行重复" in problems
    assert "第6行「村(社区)」「锦水街道」没有「王庄村」" in problems
    assert "第6行「事项」清单中没有「没有这个事项」" in problems
    assert not Event.objects.exists() and not EventLog.objects.exists()


def test_it_names_missing_columns_and_refuses_other_formats(cast, tmp_path):
    # 乡镇(街道) may be missing: the address's place names decide (test_gazetteer.py).
    with pytest.raises(HotlineRejected, match="缺少「来电时间」列"):
        hotline_import(
            by=cast.office,
            county=cast.county,
            path=write(tmp_path, "工单编号,诉求内容\nA1,路灯不亮\n"),
            file_name="a.csv",
        )
    with pytest.raises(HotlineRejected, match="不支持「.pdf」格式"):
        hotline_import(
            by=cast.office, county=cast.county, path=write(tmp_path, "x"), file_name="a.pdf"
        )


def test_a_second_import_of_the_same_orders_is_refused(cast, matters, tmp_path):
    path = write(tmp_path, HEADER + GOOD)
    hotline_import(by=cast.office, county=cast.county, path=path, file_name="工单.csv")
    with pytest.raises(HotlineRejected, match="第2行「工单编号」GD2025001 已导入过"):
        hotline_import(by=cast.office, county=cast.county, path=path, file_name="工单.csv")
    assert Event.objects.count() == 2


def test_only_the_county_office_imports(cast, tmp_path):
    for user in (cast.town_a_clerk, cast.dept_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            hotline_import(
                by=user,
                county=cast.county,
                path=write(tmp_path, HEADER + GOOD),
                file_name="工单.csv",
            )
