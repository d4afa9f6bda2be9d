"""The county's vocabulary and learning from confirmations: words a county adds, or an
event a clerk confirms or corrects, change the next suggestion at once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quanze.core.history import history_for
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services as loop
from quanze.dispatch.suggestion import selectors
from quanze.dispatch.suggestion.services import vocabulary_add, vocabulary_remove


def first(cast, text):
    return selectors.suggestions_for(county=cast.county, text=text)[0]


def test_shipped_vocabulary_bridges_citizens_words(cast, matters):
    """叫卖 and 小摊 are nowhere in the matter's name or synonyms: the shipped
    vocabulary brings them to 占道经营管理, and says so."""
    got = first(cast, "楼下天天有小摊叫卖,吵死了")
    assert got["matter_id"] == matters["stalls"].pk
    assert any("口语" in reason for reason in got["reasons"])


def test_a_county_word_teaches_the_index_at_once_and_is_recorded(
    cast, matters, django_capture_on_commit_callbacks
):
    text = "村口那几个卖瓜的又来了"
    selectors.suggestions_for(county=cast.county, text=text)  # the index is cached now
    with django_capture_on_commit_callbacks(execute=True):
        term = vocabulary_add(
            by=cast.office, county=cast.county, words="卖瓜", matter=matters["stalls"], note="方言"
        )
    got = first(cast, text)
    assert got["matter_id"] == matters["stalls"].pk
    assert "本县词表「卖瓜」" in got["reasons"]
    record = history_for(term).get()
    assert record.action == "create" and record.actor == cast.office
    assert record.after["words"] == "卖瓜" and record.after["county"] == str(cast.county)
    with django_capture_on_commit_callbacks(execute=True):
        vocabulary_remove(by=cast.office, term=term, reason="误录")
    changes = list(selectors.vocabulary_changes(county=cast.county))
    assert [c.action for c in changes] == ["delete", "create"]
    assert changes[0].reason == "误录"
    assert not any("本县词表" in r for r in first(cast, text)["reasons"])


def test_vocabulary_refuses_bad_input_naming_the_field(cast, matters):
    with pytest.raises(ValidationError) as empty:
        vocabulary_add(by=cast.office, county=cast.county, words="  ", matter=matters["stalls"])
    assert "群众说法:请填写" in str(empty.value)
    vocabulary_add(by=cast.office, county=cast.county, words="卖瓜", matter=matters["stalls"])
    with pytest.raises(ValidationError) as twice:
        vocabulary_add(by=cast.office, county=cast.county, words="卖瓜", matter=matters["stalls"])
    assert "已在「占道经营管理」的词表中" in str(twice.value)
    with pytest.raises(PermissionDenied):
        vocabulary_add(
            by=cast.town_a_clerk, county=cast.county, words="卖菜", matter=matters["stalls"]
        )
    with pytest.raises(PermissionDenied):
        vocabulary_add(by=cast.outsider, county=cast.county, words="卖菜", matter=matters["stalls"])


def test_a_confirmation_teaches_the_index_at_once(
    cast, matters, django_capture_on_commit_callbacks
):
    """A clerk confirms 生活垃圾收集清运 for words no label has; the next complaint in
    the same words is suggested that matter, citing the confirmed event."""
    words = "后巷那个铁皮箱子满出来了,一股馊味"
    before = first(cast, words)
    event = raise_event(cast, text=words)
    with django_capture_on_commit_callbacks(execute=True):
        loop.event_confirm_matter(by=cast.town_a_clerk, event=event, matter=matters["garbage"])
    after = first(cast, "铁皮箱子满出来了有馊味")
    assert after["matter_id"] == matters["garbage"].pk
    assert any("已确认事件" in r for r in after["reasons"])
    assert before["reasons"] != after["reasons"]
