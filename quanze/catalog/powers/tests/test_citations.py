"""The citation parser: real basis strings from the samples, and generated ones."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.catalog.powers.citations import RANKS, chinese_number, parse_citations

DATA = Path(__file__).resolve().parents[2] / "tests" / "samples"  # copies of shared/data


def cell(file: str, column: str, row: int = 0) -> str:
    with (DATA / file).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))[row][column]


def parts(citation) -> tuple:
    return (
        citation.rank,
        citation.act_title,
        citation.revision_year,
        citation.article,
        citation.clause,
        citation.item,
    )


@pytest.mark.parametrize(
    ("file", "column", "row", "expected"),
    [
        (
            "shanxi_wuxiang_shangsixiang_enforcement_inspection_items.csv",
            "事项依据",
            0,
            [("法律", "中华人民共和国农村土地承包法", 2018, "28", "", "")],
        ),
        (
            "nmg_qingshuihe_township_delegated_powers_batch1.csv",
            "法律法规依据",
            1,
            [
                ("", "中华人民共和国土地管理法", None, "62", "", ""),
                ("", "内蒙古自治区实施<中华人民共和国土地管理法>办法", None, "36", "", ""),
            ],
        ),
        (
            "zhejiang_city_admin_penalty_power_transfer_table_zixin.csv",
            "法律依据",
            0,
            [("", "城市市容和环境卫生管理条例", None, "34", "", "3")],
        ),
        (
            "henan_zhengzhou_jiceng_enforcement_item_pages.csv",
            "依据",
            0,
            [
                ("地方性法规", "郑州市市政工程设施管理条例", None, "56", "", "1"),
                ("", "郑州市市政工程设施管理条例", None, "9", "", ""),
            ],
        ),
        (
            "hunan_huarong_water_bureau_power_item_2015.csv",
            "实施依据",
            0,
            [("", "湖南省洞庭湖区水利管理条例", None, "30", "1", "")],
        ),
        (
            "guizhou_xifeng_water_bureau_enforcement_items_2021.csv",
            "依据",
            0,
            [
                ("", "中华人民共和国水法", None, "48", "", ""),
                ("", "取水许可和水资源费征收管理条例", None, "11", "", ""),
            ],
        ),
        (
            "guizhou_anshun_agri_bureau_power_responsibility_list_2020.csv",
            "责任事项依据",
            0,
            [("", "中华人民共和国行政许可法", None, "30", "", "")],
        ),
        (
            "beijing_shunyi_banshi_enforcement_item.csv",
            "设定依据(依据名称)",
            0,
            [("行政法规", "城市道路管理条例", None, "", "", "")],
        ),
    ],
)
def test_it_parses_real_basis_cells(file, column, row, expected):
    assert [parts(c) for c in parse_citations(cell(file, column, row))] == expected


def test_it_reads_bracketed_references_and_the_latest_revision_year():
    text = "【行政法规】《城市道路管理条例》(1996年6月4日国务院令第198号,2011年1月1日予以修改)【第27条】【第1款】【第4项】城市道路"
    assert [parts(c) for c in parse_citations(text)] == [
        ("行政法规", "城市道路管理条例", 2011, "27", "1", "4")
    ]


def test_it_keeps_each_citations_own_text():
    text = "《甲法》第一条 甲的条文。【法律】《乙法》第二条 乙的条文。"
    first, second = parse_citations(text)
    assert (first.text, second.rank, second.text) == (
        "第一条 甲的条文。",
        "法律",
        "第二条 乙的条文。",
    )


def chinese(n: int) -> str:
    """28 -> 二十八, 105 -> 一百零五 (the way acts number their articles)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numbers_read_back(n):
    assert chinese_number(chinese(n)) == n


titles = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=30
).map(lambda t: t + "条例")
citations = st.tuples(
    st.sampled_from(("", *RANKS)),
    titles,
    st.one_of(st.none(), st.integers(min_value=1950, max_value=2030)),
    st.integers(min_value=1, max_value=400),
    st.one_of(st.none(), st.integers(min_value=1, max_value=9)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=20)),
    st.booleans(),
)


def render(rank, title, year, article, clause, item, arabic) -> str:
    number = str if arabic else chinese
    text = f"【{rank}】" if rank else ""
    text += f"《{title}》"
    if year:
        text += f"({year}年修正)"
    text += f"第{number(article)}条"
    if clause:
        text += f"第{number(clause)}款"
    if item:
        text += f"第({chinese(item)})项"
    return text + " 条文内容。\n"


@given(st.lists(citations, min_size=1, max_size=4))
def test_generated_citations_parse_back_to_their_parts(generated):
    parsed = parse_citations("".join(render(*c) for c in generated))
    assert [parts(c) for c in parsed] == [
        (rank, title, year, str(article), str(clause or ""), str(item or ""))
        for rank, title, year, article, clause, item, _ in generated
    ]


@given(
    st.text(alphabet=st.sampled_from("《》【】()()第条款项一二十百0123456789法律年修正、,\n 甲乙"))
)
def test_it_never_crashes_and_keeps_to_the_columns_limits(text):
    for citation in parse_citations(text):
        assert 0 < len(citation.act_title) <= 200
        assert len(citation.rank) <= 20
        assert all(len(x) <= 20 for x in (citation.article, citation.clause, citation.item))
        assert citation.revision_year is None or 1900 <= citation.revision_year <= 2099


@given(st.text())
def test_it_never_crashes_on_any_text(text):
    assert isinstance(parse_citations(text), list)
