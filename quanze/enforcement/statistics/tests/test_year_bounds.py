import pytest
from django.core.exceptions import ValidationError

from quanze.enforcement.statistics.selectors import year_bounds


@pytest.mark.parametrize("year", [0, 1948, 2101, 10000])
def test_a_year_no_report_can_cover_is_refused_naming_the_field(year):
    with pytest.raises(ValidationError) as refused:
        year_bounds(year)
    assert "年度" in refused.value.message_dict["year"][0]


def test_a_year_covers_its_first_and_last_day():
    first, last = year_bounds(2025)
    assert (first.isoformat(), last.isoformat()) == ("2025-01-01", "2025-12-31")
