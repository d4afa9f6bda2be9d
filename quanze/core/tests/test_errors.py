"""core.errors: the control-character check every service write shares (issue 9)."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from quanze.core.errors import refuses_control_chars
from quanze.core.models import Notice
from quanze.core.textsafety import CONTROL, CONTROL_ONE_LINE, control_chars_message


@refuses_control_chars(reason="理由", items="事项", item_code="事项编码")
def _service(*, by=None, reason="", items=(), **ignored):
    return "ran"


@refuses_control_chars(Notice, others="其他")
def _model_service(*, by=None, **values):
    return "ran"


@dataclass
class _Row:
    name: str
    note: str = ""


@given(st.text(max_size=40))
def test_a_text_is_refused_exactly_when_it_holds_a_control_character(text):
    bad = control_chars_message(text)
    if bad is None:
        assert _service(reason=text) == "ran"
        return
    with pytest.raises(ValidationError) as raised:
        _service(reason=text)
    assert raised.value.message_dict == {"reason": [f"理由:{bad}"]}


@given(st.text(st.characters(blacklist_categories=())), st.booleans())
def test_the_printable_shortcut_decides_as_the_pattern(text, multiline):
    pattern = CONTROL if multiline else CONTROL_ONE_LINE
    found = control_chars_message(text, multiline=multiline)
    assert (found is None) == (pattern.search(text) is None)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\x9f"])
def test_it_refuses_c0_and_c1_controls_naming_the_field(char):
    with pytest.raises(ValidationError) as raised:
        _service(reason=f"违法{char}建设")
    (message,) = raised.value.message_dict["reason"]
    assert message.startswith("理由:含有不可见的控制字符") and "第3个字符" in message


def test_it_keeps_tabs_and_line_breaks():
    assert _service(reason="第一行\n第二行\r\n\t缩进") == "ran"


def test_it_looks_inside_lists_dicts_and_dataclasses():
    for items in (["好", "坏\x02"], [{"意见": "坏\x03"}], [_Row("好", note="坏\x04")]):
        with pytest.raises(ValidationError) as raised:
            _service(items=items)
        assert raised.value.message_dict["items"][0].startswith("事项:")


def test_a_model_names_its_fields_and_others_the_rest():
    with pytest.raises(ValidationError) as raised:
        _model_service(title="通\x01知", extra="x\x02")
    assert raised.value.message_dict["title"][0].startswith("标题:")
    assert raised.value.message_dict["extra"][0].startswith("其他:")


def test_codes_must_be_one_line():
    with pytest.raises(ValidationError) as raised:
        _service(item_code="FW\t000001")
    assert raised.value.message_dict["item_code"][0].startswith("事项编码:")
    assert _service(reason="FW\t000001") == "ran"  # other text may hold a tab
