from pathlib import Path

import pytest
from openpyxl import Workbook

from quanze.core.errors import Forbidden
from quanze.enforcement.staffing.importing import QuotasRejected, quotas_import
from quanze.enforcement.staffing.models import PostKind, StaffingQuota

HEADER = ["单位", "编制类型", "核定编制数", "实有人数", "文号", "事由"]


def write(path: Path, rows) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_it_imports_every_row(cast, tmp_path):
    path = write(tmp_path / "编制.xlsx", [
        HEADER,
        ["锦水街道", "行政编制", 30, 28, "平编〔2019〕1号", "三定"],
        ["县城管局", "事业编制", "44", "42", "", ""],
        ["玫瑰镇", "编外辅助", 10, 10, "", ""],
    ])  # fmt: skip
    result = quotas_import(by=cast.office, path=path, file_name=path.name)
    assert (result.rows, result.changed) == (3, 3)
    assert StaffingQuota.objects.get(department=cast.urban).approved == 44
    assert StaffingQuota.objects.get(township=cast.town_b).kind == PostKind.AUXILIARY
    again = quotas_import(by=cast.office, path=path, file_name=path.name)
    assert again.changed == 0


def test_one_bad_row_refuses_the_file_naming_row_and_column(cast, tmp_path):
    path = write(tmp_path / "编制.xlsx", [
        HEADER,
        ["锦水街道", "行政编制", 30, 28],
        ["安城镇", "行政编制", 30, 28],
        ["玫瑰镇", "机关编制", 30, 28],
        ["玫瑰镇", "行政编制", 3.5, 31],
        ["锦水街道", "行政编制", 1, 1],
    ])  # fmt: skip
    with pytest.raises(QuotasRejected) as rejected:
        quotas_import(by=cast.office, path=path, file_name=path.name)
    problems = rejected.value.problems
    assert "第3行“单位”列:「安城镇」不是本县(市、区)的乡镇(街道)或部门" in problems
    assert any(p.startswith("第4行“编制类型”列") for p in problems)
    assert any(p.startswith("第5行“核定编制数”列") for p in problems)
    assert "第6行“单位”列:与第2行重复(同一单位同一编制类型)" in problems
    assert not StaffingQuota.objects.exists()


def test_a_dry_run_writes_nothing_and_only_the_office_imports(cast, tmp_path):
    path = write(tmp_path / "编制.xlsx", [HEADER, ["锦水街道", "行政编制", 30, 28]])
    assert quotas_import(by=cast.office, path=path, file_name=path.name, dry_run=True).rows == 1
    assert not StaffingQuota.objects.exists()
    with pytest.raises(Forbidden):
        quotas_import(by=cast.town_a_clerk, path=path, file_name=path.name)


def test_a_missing_column_is_named(cast, tmp_path):
    path = write(tmp_path / "编制.xlsx", [["单位", "编制类型"], ["锦水街道", "行政编制"]])
    with pytest.raises(QuotasRejected, match="缺少「核定编制数」「实有人数」列"):
        quotas_import(by=cast.office, path=path, file_name=path.name)
