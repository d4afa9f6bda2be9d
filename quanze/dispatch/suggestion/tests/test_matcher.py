"""The matter matcher: tokeniser properties and ranking (pure Python, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from quanze.dispatch.suggestion.matcher import STOP, MatterIndex, confident, normalize, tokens

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)  # a small range: repeats
TEXT = st.text(
    alphabet=st.one_of(CJK, st.sampled_from("，。 、abcXYZ019!"), st.sampled_from("垃圾噪声小区")),
    max_size=40,
)
LABELS = [
    (1, "生活垃圾收集清运", "垃圾桶 垃圾满溢 垃圾未清运"),
    (2, "老旧小区改造", "老旧小区 小区改造 加装电梯"),
    (3, "社会生活噪声污染", "噪音 扰民 广场舞"),
    (4, "养犬管理", "狗 犬 遛狗 拴绳"),
    (5, "病媒生物防制", "老鼠 蚊子 蟑螂 灭鼠"),
]


@given(TEXT)
def test_tokens_come_from_the_text(text):
    """Every token is a piece of the text in simplified characters (ASCII words
    lowercased), never a stop word."""
    lowered = normalize(text).lower()
    for token in tokens(text, query=True):
        assert token in lowered
        assert token not in STOP
        assert len(token) >= 1


@given(TEXT)
def test_document_tokens_are_a_subset_of_query_tokens(text):
    """A query adds single characters to the bigrams; it never loses a bigram."""
    assert set(tokens(text)) <= set(tokens(text, query=True))


def test_documents_are_cut_into_bigrams_single_characters_only_alone():
    assert tokens("垃圾桶") == ["垃圾", "圾桶"]
    assert tokens("狗 犬") == ["狗", "犬"]
    assert tokens("垃圾桶", query=True) == ["垃", "圾", "桶", "垃圾", "圾桶"]
    # 市民 and 反映 are stop words; ASCII words are whole and lowercased.
    assert tokens("市民反映LED屏太亮") == ["民反", "led", "屏太", "太亮"]


@given(TEXT)
def test_ascii_words_ignore_case(text):
    assert tokens(text.upper()) == tokens(text.lower())


@given(TEXT, st.integers(min_value=1, max_value=6))
def test_suggest_gives_k_distinct_known_matters_best_first(text, k):
    index = MatterIndex(LABELS, [(3, "楼下广场舞音响太吵"), (1, "垃圾几天没人收")])
    got = index.suggest(text, k)
    ids = [s.matter_id for s in got]
    assert len(ids) == min(k, len(LABELS)) == len(set(ids))
    assert set(ids) <= {m for m, _, _ in LABELS}
    scores = [s.score for s in got]
    assert scores == sorted(scores, reverse=True)
    assert index.suggest(text, k) == got  # deterministic


def test_a_place_word_does_not_outweigh_what_the_complaint_is_about():
    """小区 names where the complaint happens; 垃圾 what it is about."""
    index = MatterIndex(LABELS)
    assert index.suggest("小区里老鼠多")[0].matter_id == 5  # 小区 alone would pick 2
    assert index.suggest("我们小区门口的垃圾三天没人清理")[0].matter_id == 1
    assert index.suggest("想问问我们小区什么时候改造，能不能加装电梯")[0].matter_id == 2


def test_one_character_synonym_is_found_inside_a_longer_run():
    assert MatterIndex(LABELS).suggest("邻居家的大黄狗半夜一直叫")[0].matter_id == 4


def test_traditional_characters_meet_simplified_names():
    """井蓋 (traditional) is 井盖; full-width letters are half-width."""
    index = MatterIndex([(1, "窨井盖缺失破损", "井盖"), (2, "路灯设施维修", "路灯")])
    assert normalize("井蓋沒了，路燈不亮ＬＥＤ") == "井盖没了,路灯不亮LED"
    assert index.suggest("人行道上的井蓋被壓壞了")[0].matter_id == 1
    assert index.suggest("整條路的路燈一直都不亮")[0].matter_id == 2


def test_a_confirmation_teaches_the_index_at_once():
    """A word no label knows (鞭 for a whip cracked in the park) finds its matter after
    one confirmation, without rebuilding the index."""
    index = MatterIndex(LABELS)
    text = "公园里每天清早有人甩鞭子，啪啪响"
    assert index.suggest(text)[0].matter_id != 3
    index.learn(3, "方洲公园清早甩鞭子的声音非常刺耳")
    first = index.suggest(text)[0]
    assert first.matter_id == 3
    assert any("已确认事件" in reason for reason in first.reasons)


def test_vocabulary_words_join_the_matter_and_are_named_as_reasons():
    index = MatterIndex(LABELS)
    assert index.suggest("楼下有人推着车叫卖")[0].matter_id != 3
    index.add_terms(3, "叫卖 喇叭")
    first = index.suggest("楼下有人推着车叫卖")[0]
    assert first.matter_id == 3
    assert "词表「叫卖」" in first.reasons


def test_confidence_needs_a_clear_first_candidate():
    index = MatterIndex(LABELS)
    assert confident(index.suggest("小区垃圾桶垃圾满溢没人清运"))
    assert not confident(index.suggest("有个问题想反映一下"))
    assert not confident([])


def test_a_suggestions_score_is_shown_as_a_plain_strength():
    from quanze.dispatch.suggestion.selectors import match_strength

    assert [match_strength(s) for s in (1.5, 0.75, 0.5, 0.3, 0.1468, 0)] == [
        "高", "高", "中", "中", "低", "低",
    ]  # fmt: skip
