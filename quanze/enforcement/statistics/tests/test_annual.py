"""The annual report: act types, penalties under the heaviest kind, zero rows, export."""

import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from quanze.enforcement.cases.models import Case
from quanze.enforcement.statistics import export, rules
from quanze.enforcement.statistics.annual import annual_report, power_rows
from quanze.enforcement.statistics.selectors import division_scope

KINDS = sorted(rules.KINDS)


@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6))
def test_the_heaviest_kind_wins_whatever_the_order(kinds):
    category = rules.heaviest(kinds)
    weight = max(rules.KINDS[k][0] for k in kinds)
    assert category in {rules.KINDS[k][1] for k in kinds if rules.KINDS[k][0] == weight}
    assert rules.heaviest(list(reversed(kinds))) == category
    # adding a lighter penalty never changes the category
    assert rules.heaviest([*kinds, "warning"]) == category or weight < 1


def test_heaviest_examples():
    assert rules.heaviest(["warning", "fine"]) == "罚款"
    assert rules.heaviest(["fine", "confiscation", "suspend_business"]) == "停产停业"
    assert rules.heaviest(["detention", "fine"]) == "拘留"
    assert rules.heaviest(["other"]) == "其他"
    assert rules.heaviest([]) == ""


def decided(ew, kinds, fine, on=date(2025, 6, 1), power=None):
    n = Case.objects.count() + 100
    return Case.objects.create(
        number=f"测试〔2025〕{n}号",
        year=2025,
        sequence=n,
        county=ew.cast.county,
        township=ew.cast.town_a,
        power=power or ew.urban_power,
        mode="entrusted",
        acting_name="测试",
        source="inspection",
        opened_on=on,
        state="decided",
        state_since=on,
        title="测试",
        party_kind="individual",
        party_name="甲",
        outcome="penalty",
        penalty_kinds=kinds,
        fine_amount=fine,
        decided_on=on,
        created_by=ew.cast.town_a_clerk,
    )


def test_a_decision_with_several_penalties_counts_once_under_the_heaviest(ew):
    decided(ew, ["warning", "fine"], 500)
    decided(ew, ["fine", "warning"], 300)
    decided(ew, ["fine", "revoke"], 1000)
    decided(ew, ["warning"], None)
    report = annual_report(division_scope(ew.cast.county), year=2025)
    counts = {r.category: r.decisions for r in report.penalties}
    assert counts["罚款"] == 2 and counts["吊销"] == 1 and counts["警告/通报批评"] == 1
    assert sum(counts.values()) == report.decisions == 4
    assert counts["拘留"] == 0  # every category has a row
    assert report.fines_decided == 1800
    acts = {label: cases for label, cases, _ in report.acts}
    assert acts["处罚"] == 5  # four decisions and case_a
    assert set(acts) == {"许可", "处罚", "强制", "征收", "征用", "检查", "其他"}


def test_powers_without_cases_have_zero_rows(ew):
    decided(ew, ["fine"], 200)
    rows = {
        p.code: (p.cases, p.penalties, p.fines)
        for p in power_rows(division_scope(ew.cast.county), year=2025)
    }
    assert rows[ew.urban_power.code] == (2, 1, 200)
    assert rows[ew.urban_private.code] == (0, 0, None)  # held by town_b, no case


def test_the_xlsx_export_neutralises_formulas(ew):
    ew.urban_private.name = '=HYPERLINK("http://x")'
    ew.urban_private.save()
    report = annual_report(division_scope(ew.cast.county), year=2025)
    content = export.xlsx(
        export.annual_tables(report, power_rows(division_scope(ew.cast.county), year=2025))
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["按行为类别", "按处罚种类", "金额", "按事项"]
    names = [row[1] for row in book["按事项"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    assert export.cell("+1") == "'+1" and export.cell("-x") == "'-x" and export.cell("@a") == "'@a"
    assert export.cell(3) == 3 and export.cell("正常") == "正常"
