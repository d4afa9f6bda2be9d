"""The results parser (no database): layouts, cells, and any input stays a Chinese
refusal or a parse, never a crash."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.enforcement.exams.results import ResultsRejected, parse


def test_headers_may_be_traditional_and_in_any_order():
    rows = [
        ["成績", "姓名", "准考證號"],
        [88.5, "孫一", "20250010001"],
        ["缺考", "钱二", "2025001 0002"],
    ]
    parsed = parse(rows)
    assert parsed[0].ticket == "20250010001" and parsed[0].name == "孙一"
    assert parsed[0].score == Decimal("88.5") and parsed[1].score is None


def test_full_width_digits_and_a_numeric_ticket_are_read_as_typed():
    parsed = parse([["准考证号", "姓名", "成绩"], [20250010001.0, "孙一", "８５"]])
    assert parsed[0].ticket == "20250010001" and parsed[0].score == Decimal("85.0")


def test_a_missing_column_is_named():
    with pytest.raises(ResultsRejected, match="缺少「成绩」列"):
        parse([["准考证号", "姓名"], ["1", "孙一"]])


@pytest.mark.parametrize(
    ("score", "message"),
    [
        (101, "101 超出0至100"),
        (-1, "-1 超出0至100"),
        ("", "不能为空"),
        ("NaN", "不是分数"),
        ("Infinity", "不是分数"),
    ],
)
def test_a_bad_score_names_row_and_column(score, message):
    with pytest.raises(ResultsRejected) as rejected:
        parse([["准考证号", "姓名", "成绩"], ["1", "孙一", score]])
    assert rejected.value.problems[0].startswith("第2行第C列「成绩」")
    assert message in rejected.value.problems[0]


def test_a_ticket_twice_is_refused_with_both_rows():
    with pytest.raises(ResultsRejected, match="与第2行重复"):
        parse([["准考证号", "姓名", "成绩"], ["1", "孙一", 80], ["1", "孙一", 81]])


cells = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, max_size=5), max_size=8))
def test_any_sheet_parses_or_is_refused_in_chinese(rows):
    try:
        parsed = parse([["准考证号", "姓名", "成绩"], *rows])
    except ResultsRejected as rejected:
        assert rejected.problems
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in rejected.problems)
    else:
        for row in parsed:
            assert row.score is None or Decimal(0) <= row.score <= Decimal(100)
