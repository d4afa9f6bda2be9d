from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from quanze.enforcement.staffing.models import StaffingQuota


def test_the_command_imports_all_or_nothing_and_writes_the_report(cast, tmp_path):
    book = Workbook()
    book.active.append(["单位", "编制类型", "核定编制数", "实有人数"])
    book.active.append(["玫瑰镇", "行政编制", 20, 18])
    book.active.append(["县自然资源局", "事业编制", 12, 12])
    path = tmp_path / "编制.xlsx"
    book.save(path)
    out = StringIO()
    call_command(
        "staffing_quotas", "import", str(path), "--user", "office", "--dry-run", stdout=out
    )
    assert "检查通过(未写入) 编制.xlsx:2 行" in out.getvalue()
    assert not StaffingQuota.objects.exists()
    call_command("staffing_quotas", "import", str(path), "--user", "office", stdout=out)
    assert StaffingQuota.objects.count() == 2
    with pytest.raises(CommandError, match="只有本县"):
        call_command("staffing_quotas", "import", str(path), "--user", "town_a", stdout=out)
    report = tmp_path / "报表.xlsx"
    out = StringIO()
    call_command(
        "staffing_quotas", "report", "--user", "office", "--output", str(report), stdout=out
    )
    assert "玫瑰镇:承接 0 项,持证 0 人,编制 20/18" in out.getvalue()
    assert load_workbook(report)["部门执法力量"].max_row == 3  # header + 2 departments
