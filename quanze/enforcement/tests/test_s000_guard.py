"""Scenario 000's year of cases is skipped only when its own cases are there: a case of the
demo (or of a user) in the same townships no longer stops it (it used to leave 1 case)."""

from datetime import date

import pytest

from quanze.enforcement.cases import services as cases
from quanze.enforcement.scenarios import s000

pytestmark = pytest.mark.django_db


def _case(ew, facts):
    return cases.case_open(
        by=ew.cast.town_a_clerk, power=ew.urban_power, opened_on=date(2025, 11, 3),
        source="inspection", title="占道经营", party_kind="individual", party_name="某甲",
        facts=facts,
    )  # fmt: skip


def test_only_the_scenarios_own_cases_count_as_generated(ew):
    townships = [ew.cast.town_a]
    _case(ew, "群众举报门前堆放杂物")  # a demo case, say
    assert not s000.already_generated(townships)
    _case(ew, f"{s000.FACTS_OPENING}某甲存在占道经营所指违法行为。")
    assert s000.already_generated(townships)
