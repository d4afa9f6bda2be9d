"""The header matcher: every synonym in any width and spacing, any column order."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.catalog.importing.headers import SYNONYMS, find_header, match_header

PAIRS = [(key, word) for key, words in SYNONYMS.items() for word in words]
WIDE = str.maketrans("()/:", "()/:")
TITLES = ["某某县权责清单(2024年版)", "填报单位(盖章):某某县某局", "", "主要领导:张三 填报人:李四"]


def test_no_synonym_names_two_fields():
    words = [word for _, word in PAIRS]
    assert len(words) == len(set(words))


@st.composite
def spelled(draw, word: str) -> str:
    """The word as people type it: spaces anywhere, brackets of either width, a star."""
    chars = []
    for ch in word:
        chars.append(ch.translate(WIDE) if draw(st.booleans()) else ch)
        chars.append(draw(st.sampled_from(["", "", " ", "\u3000", "\n"])))
    return draw(st.sampled_from(["", "*", " "])) + "".join(chars)


@given(st.data())
def test_every_synonym_is_recognised_however_it_is_spaced(data):
    key, word = data.draw(st.sampled_from(PAIRS))
    assert match_header(data.draw(spelled(word))) == key


@given(st.data())
def test_a_bracketed_note_after_a_synonym_does_not_hide_it(data):
    key, word = data.draw(st.sampled_from([p for p in PAIRS if "(" not in p[1]]))
    note = data.draw(st.sampled_from(["页面所示", "as quoted", "单位:元", "必填"]))
    assert match_header(f"{word}({note})") == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("权力名称(主项)", "name"),
        ("权力名称(子项)", "sub_name"),
        ("职权名称(项目)", "name"),
        ("子项/违法行为", "sub_name"),
        ("实施部门(页面所示)", "department"),
        ("设定依据(依据名称)", "legal_basis"),
        ("责任处(科)室", "undertaking_unit"),
        ("法条(具体规定)内容", None),
        ("适用条件/裁量(页面所示)", None),
        ("划转来源与领域(表内分节标题)", None),
    ],
)
def test_it_reads_the_headers_of_the_real_samples(text, key):
    assert match_header(text) == key


keys = [k for k in SYNONYMS if k not in ("truncated", "position")]


@given(
    st.lists(st.sampled_from(keys), min_size=2, max_size=len(keys), unique=True),
    st.randoms(use_true_random=False),
    st.integers(min_value=0, max_value=8),
)
def test_shuffled_columns_map_the_same_below_any_title_rows(chosen, rng: random.Random, above):
    words = {key: rng.choice(SYNONYMS[key]) for key in chosen}
    order = list(chosen)
    rng.shuffle(order)
    rows = [[rng.choice(TITLES)] for _ in range(above)]
    rows.append([words[key] for key in order])
    rows.append(["数据"] * len(order))
    header = find_header(rows)
    assert header is not None and header.row == above
    assert header.columns == {key: order.index(key) for key in chosen}
    assert header.extra == []


def test_it_reads_a_header_over_two_rows():
    rows = [
        ["序号", "职权类型", "职权名称", None, "职权依据", "实施主体", "备注"],
        [None, None, "项目", "子项", None, None, None],
        ["1", "行政处罚", "对某的处罚", "", "《某法》第一条", "某局", ""],
    ]
    header = find_header(rows)
    assert header.row == 1
    assert header.columns == {
        "position": 0,
        "power_type": 1,
        "name": 2,
        "sub_name": 3,
        "legal_basis": 4,
        "department": 5,
        "notes": 6,
    }


def test_the_more_specific_of_two_columns_for_one_field_wins_and_the_other_is_kept():
    rows = [["部门", "事项名称", "类别", "实施主体", "行使层级"]]
    header = find_header(rows)
    assert header.columns["department"] == 3
    assert header.extra == [0] and header.labels[0] == "部门"


def test_a_name_column_named_after_a_type_implies_the_type():
    assert find_header([["序号", "违法行为", "法律依据"]]).implied_type == "行政处罚"
    assert find_header([["检查事项", "检查层级"]]).implied_type == "行政检查"
    assert find_header([["事项名称", "职权类型"]]).implied_type == ""


def test_two_extra_columns_with_one_title_stay_apart():
    header = find_header([["事项名称", "职权类型", "联系电话", "联系电话"]])
    assert [header.labels[c] for c in header.extra] == ["联系电话", "联系电话(2)"]
