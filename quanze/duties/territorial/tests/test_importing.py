import pytest

from quanze.catalog.importing.problems import ImportRejected
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.exporting import version_xlsx
from quanze.duties.territorial.importing import import_list
from quanze.duties.territorial.models import Matter, ResponsibilityItem
from quanze.duties.territorial.selectors import item_data, version_items
from quanze.duties.territorial.tests.builders import published_list

CSV = """平阴县属地管理事项责任清单
序号,事项名称,领域,主体责任单位,主体责任内容,配合乡镇(街道),配合责任,兜底部门,法律依据,响应时限(小时),办结时限(天),配合部门,说明书
1,占道经营管理,城市管理,县城管局,依法查处占道经营,全部乡镇(街道),巡查劝导并报告,平阴县城市管理局,《城市市容和环境卫生管理条例》,4,5,,
2,非法占用耕地,自然资源,平阴县自然资源局,查处,玫瑰镇,动态巡查,,《土地管理法》,,,平阴县城市管理局:协助拆除,1.乡镇(街道):发现报告(24小时);2.县自然资源局:立案查处(72小时)
"""


def _draft(cast):
    responsibility_list = territorial.list_for_county(by=cast.office, county=cast.county)
    return territorial.version_draft(by=cast.office, responsibility_list=responsibility_list)


def _write(tmp_path, text, name="清单.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_a_csv_with_synonym_headers_short_names_and_instruction_sheets(cast, tmp_path):
    draft = _draft(cast)
    import_list(by=cast.office, version=draft, path=_write(tmp_path, CSV), file_name="清单.csv")
    first, second = version_items(draft)
    assert (first.primary_department, first.accept_hours, first.township_scope) == (
        cast.urban,
        4,
        "all",
    )
    assert second.township_scope == "named" and list(second.townships.all()) == [cast.town_b]
    assert [(s.by_township, s.time_limit_hours) for s in second.steps.all()] == [
        (True, 24),
        (False, 72),
    ]
    assert second.co_departments.get().department == cast.urban


def test_it_refuses_the_whole_file_naming_row_and_column(cast, tmp_path):
    draft = _draft(cast)
    bad = (
        CSV.replace("县城管局", "县环卫处")
        .replace(",玫瑰镇,", ",玫瑰镇、桃园镇,")
        .replace(",4,5,", ",四,5,")
    )
    with pytest.raises(ImportRejected) as error:
        import_list(by=cast.office, version=draft, path=_write(tmp_path, bad), file_name="清单.csv")
    assert error.value.messages == [
        "文件“清单.csv”第3行“主体责任部门”列:找不到本县部门「县环卫处」",
        "文件“清单.csv”第3行“响应时限(小时)”列:「四」不是正整数",
        "文件“清单.csv”第4行“配合乡镇(街道)”列:找不到本县乡镇(街道)「桃园镇」",
    ]
    assert not Matter.objects.exists() and not ResponsibilityItem.objects.exists()


def test_an_exported_version_imports_back_unchanged(cast, tmp_path):
    version = published_list(cast)
    path = tmp_path / "导出.xlsx"
    path.write_bytes(version_xlsx(version))
    draft = territorial.version_draft(
        by=cast.office, responsibility_list=version.responsibility_list
    )
    import_list(by=cast.office, version=draft, path=path, file_name="导出.xlsx")
    assert [item_data(i) for i in version_items(draft)] == [
        item_data(i) for i in version_items(version)
    ]
