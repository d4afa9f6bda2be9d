import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from quanze.org.models import Division
from quanze.org.validators import (
    CREDIT_ALPHABET,
    credit_code_check_char,
    normalise_division_code,
    validate_credit_code,
    validate_division_code,
)

credit_bodies = st.text(alphabet=CREDIT_ALPHABET, min_size=17, max_size=17)


@given(credit_bodies)
def test_a_code_with_its_check_character_is_valid(body):
    validate_credit_code(body + credit_code_check_char(body))


@given(credit_bodies, st.sampled_from(CREDIT_ALPHABET))
def test_a_wrong_check_character_is_refused(body, wrong):
    if wrong == credit_code_check_char(body):
        return
    with pytest.raises(ValidationError, match="校验位"):
        validate_credit_code(body + wrong)


def test_a_published_credit_code_is_valid():
    # A published enterprise code.
    validate_credit_code("91110000802100433B")


def test_letters_outside_the_alphabet_are_refused():
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        validate_credit_code("11100000MB014302IO")


def test_short_codes_are_padded_to_twelve_digits():
    assert normalise_division_code("370124") == "370124000000"
    assert normalise_division_code("370124001") == "370124001000"


def test_a_township_code_must_start_with_its_county():
    county = Division(code="370124000000", level=Division.Level.COUNTY)
    validate_division_code("370124001000", Division.Level.TOWNSHIP, county)
    with pytest.raises(ValidationError, match="应以上级代码370124开头"):
        validate_division_code("370125001000", Division.Level.TOWNSHIP, county)


def test_a_county_code_must_end_in_zeros():
    with pytest.raises(ValidationError, match="第7位起应为0"):
        validate_division_code("370124001000", Division.Level.COUNTY, None)
