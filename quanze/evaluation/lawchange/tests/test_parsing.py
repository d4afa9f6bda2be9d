"""The article parser: real statute text, bad input named by line, and properties."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from quanze.catalog.powers.citations import chinese_number
from quanze.evaluation.lawchange.parsing import (
    article_label,
    chinese_numeral,
    clauses,
    parse_article_list,
    parse_articles,
)
from quanze.evaluation.lawchange.titles import title_variants

# 《中华人民共和国行政处罚法》(2021年1月22日第十三届全国人民代表大会常务委员会第二十五次
# 会议修订) articles 1-10, as published by the NPC (official statute text is not subject
# to copyright, 著作权法 art. 5); the wording of chapter two was checked against
# http://www.jianbiaoku.com/webarbs/book/26078/4762772.shtml. Full-width spaces as published.
PENALTY_LAW = """中华人民共和国行政处罚法
（1996年3月17日第八届全国人民代表大会第四次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正　根据2017年9月1日第十二届全国人民代表大会常务委员会第二十九次会议《关于修改〈中华人民共和国法官法〉等八部法律的决定》第二次修正　2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）
目　　录
第一章　总　　则
第二章　行政处罚的种类和设定
第一章　总　　则
第一条　为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益和社会秩序，保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。
第二条　行政处罚是指行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益或者增加义务的方式予以惩戒的行为。
第三条　行政处罚的设定和实施，适用本法。
第四条　公民、法人或者其他组织违反行政管理秩序的行为，应当给予行政处罚的，依照本法由法律、法规、规章规定，并由行政机关依照本法规定的程序实施。
第五条　行政处罚遵循公正、公开的原则。
设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当。
对违法行为给予行政处罚的规定必须公布；未经公布的，不得作为行政处罚的依据。
第六条　实施行政处罚，纠正违法行为，应当坚持处罚与教育相结合，教育公民、法人或者其他组织自觉守法。
第七条　公民、法人或者其他组织对行政机关所给予的行政处罚，享有陈述权、申辩权；对行政处罚不服的，有权依法申请行政复议或者提起行政诉讼。
公民、法人或者其他组织因行政机关违法给予行政处罚受到损害的，有权依法提出赔偿要求。
第八条　公民、法人或者其他组织因违法行为受到行政处罚，其违法行为对他人造成损害的，应当依法承担民事责任。
违法行为构成犯罪，应当依法追究刑事责任的，不得以行政处罚代替刑事处罚。
第二章　行政处罚的种类和设定
第九条　行政处罚的种类：
（一）警告、通报批评；
（二）罚款、没收违法所得、没收非法财物；
（三）暂扣许可证件、降低资质等级、吊销许可证件；
（四）限制开展生产经营活动、责令停产停业、责令关闭、限制从业；
（五）行政拘留；
（六）法律、行政法规规定的其他行政处罚。
第十条　法律可以设定各种行政处罚。
限制人身自由的行政处罚，只能由法律设定。
"""


def test_it_reads_the_administrative_penalty_law():
    articles = parse_articles(PENALTY_LAW)
    assert [a.number for a in articles] == list(range(1, 11))
    assert articles[0].chapter == "第一章 总 则"
    assert articles[8].chapter == "第二章 行政处罚的种类和设定"
    assert articles[8].text.splitlines()[0] == "行政处罚的种类："
    assert len(articles[8].text.splitlines()) == 7  # the heading and six items (项)
    assert len(clauses(articles[4].text)) == 3  # 第五条 has three clauses (款)
    assert len(clauses(articles[8].text)) == 1
    assert articles[9].text.endswith("只能由法律设定。")
    assert articles[6].line == 15  # 第七条, counted from the title line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("第一条 甲\n第三条 乙", "第2行:条号不连续,应为第二条,实为第三条"),
        ("第一条 甲\n第二条 乙\n\n第二条 丙", "第4行:条号重复,应为第三条,实为第二条"),
        ("第二条 甲", "第1行:条号不连续,应为第一条,实为第二条"),
        ("第一条 甲\n第二条", "第2行:第二条没有条文内容"),
        ("第一条 甲\n第二章 乙\n附带说明", "第3行:该行不属于任何条文"),
        ("中华人民共和国某法\n总则", "未找到任何条文"),
        ("第一条 甲\n第一条之二 乙", "第2行:第一条之二的位置不对"),
    ],
)
def test_bad_text_is_refused_naming_the_line(text, message):
    with pytest.raises(ValidationError) as error:
        parse_articles(text)
    assert message in error.value.messages[0]


def test_an_inserted_article_and_a_line_quoting_another_article():
    parsed = parse_articles("第一条 甲\n第一条之一 插入\n第二条 乙\n第三条规定的情形除外。")
    assert [(a.number, a.sub) for a in parsed] == [(1, 0), (1, 1), (2, 0)]
    assert parsed[2].text == "乙\n第三条规定的情形除外。"
    assert article_label(1, 1) == "第一条之一"


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_read_back(n):
    assert chinese_number(chinese_numeral(n)) == n


@given(
    st.lists(
        st.text(alphabet="行政处罚的设定和实施。,;(一)", min_size=1, max_size=30).filter(
            lambda t: t.strip() and not t.startswith("第")
        ),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from([" ", "\u3000", "  "]),
)
def test_rendered_articles_parse_back(bodies, space):
    text = "\n".join(f"第{chinese_numeral(i)}条{space}{b}" for i, b in enumerate(bodies, 1))
    parsed = parse_articles("某法\n第一章 总则\n" + text)
    assert [a.number for a in parsed] == list(range(1, len(bodies) + 1))
    assert [a.text for a in parsed] == [b.strip() for b in bodies]
    assert {a.chapter for a in parsed} == {"第一章 总则"}


@given(st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=10))
def test_article_lists_read_any_spelling(numbers):
    text = "、".join(f"第{chinese_numeral(n)}条" if n % 2 else str(n) for n in numbers)
    assert parse_article_list(text) == list(dict.fromkeys(str(n) for n in numbers))


def test_article_list_names_a_bad_entry():
    with pytest.raises(ValidationError, match="“第X条”不是条号"):
        parse_article_list("23, 第X条")


def test_title_variants_cover_prefix_and_brackets():
    variants = title_variants("中华人民共和国行政处罚法", "处罚法")
    assert {"中华人民共和国行政处罚法", "行政处罚法", "处罚法"} <= set(variants)
    assert "城市道路管理条例(2019)" in title_variants("城市道路管理条例（2019）")
    assert "城市道路管理条例（2019）" in title_variants("城市道路管理条例（2019）")
