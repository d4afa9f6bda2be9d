"""Masking rules (hypothesis) and the public notice pages."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from quanze.enforcement.disclosure import services
from quanze.enforcement.disclosure.masking import mask_name, mask_text
from quanze.enforcement.tests.world import fined

digits = st.text("0123456789", min_size=1, max_size=1)
ids = st.builds(
    lambda a, b: a + b,
    st.text("0123456789", min_size=17, max_size=17),
    st.sampled_from("0123456789X"),
)
mobiles = st.builds(
    lambda p, rest: "1" + p + rest,
    st.sampled_from("3456789"),
    st.text("0123456789", min_size=9, max_size=9),
)
filler = st.text(alphabet="当事人在路口占道经营,电话号码身份证。", min_size=1, max_size=10)


@given(filler, ids, filler, mobiles, filler)
def test_no_id_number_or_mobile_survives(a, id_number, b, mobile, c):
    masked = mask_text(f"{a}{id_number}{b}{mobile}{c}")
    assert id_number not in masked and mobile not in masked
    assert not re.search(r"\d{17}[\dX]", masked) and not re.search(r"1[3-9]\d{9}", masked)


@given(st.text(alphabet="张王李赵欧阳明华伟芳娜", min_size=2, max_size=4), filler)
def test_a_citizens_name_is_masked_wherever_it_occurs(name, text):
    masked = mask_text(f"{text}{name}{text}", names=(name,))
    assert name not in masked.replace(mask_name(name, individual=True), "")
    assert mask_name(name, individual=True) == name[0] + "*" * (len(name) - 1)


def test_examples():
    assert mask_text(
        "张三,身份证370124199001011234,电话13812345678,座机0531-87654321", names=("张三",)
    ) == ("张*,身份证370124********1234,电话138****5678,座机0531-******21")
    assert mask_name("平阴县某某餐饮有限公司", individual=False) == "平阴县某某餐饮有限公司"


def test_a_published_decision_is_masked_and_public(ew, client):
    case = ew.case_a
    case = fined(ew, case, summary="对张三(电话13812345678)罚款100元")
    notice = services.notice_publish(by=ew.cast.town_a_clerk, case=case)
    assert notice.publish_due == date(2025, 3, 26)  # 7 working days (国办发〔2018〕118号)
    page = client.get(f"/enforcement/public/notices/{notice.pk}/").content.decode()
    assert "张*" in page and "张三" not in page and "13812345678" not in page
    assert "138****5678" in page
    assert notice.title in client.get("/enforcement/public/").content.decode()
