"""Working-day limits across Chinese public holidays and make-up workdays."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from quanze.enforcement.cases import deadlines


def test_working_days_skip_the_national_day_holiday_and_count_the_make_up_saturday():
    # 2025: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are make-up workdays.
    assert deadlines.add_working_days(date(2025, 9, 26), 1) == deadlines.Due(date(2025, 9, 28))
    assert deadlines.add_working_days(date(2025, 9, 30), 1) == deadlines.Due(date(2025, 10, 9))
    assert deadlines.add_working_days(date(2025, 10, 9), 2) == deadlines.Due(date(2025, 10, 11))


def test_seven_working_days_for_service_across_spring_festival():
    # 2025 Spring Festival: 01-28..02-04 off; Sunday 01-26 and Saturday 02-08 worked.
    # 01-26 (make-up) 1, 01-27 2, 02-05..02-07 3-5, Saturday 02-08 (make-up) 6, 02-10 7
    assert deadlines.add_working_days(date(2025, 1, 24), 7).on == date(2025, 2, 10)


def test_a_calendar_period_ending_on_a_holiday_moves_to_the_next_working_day():
    assert deadlines.add_calendar_days(date(2025, 9, 16), 15).on == date(2025, 10, 9)
    assert deadlines.add_calendar_days(date(2025, 3, 1), 15).on == date(2025, 3, 17)


def test_beyond_the_calendar_data_weekdays_count_and_the_result_is_an_estimate():
    due = deadlines.add_working_days(date(2040, 1, 2), 5)
    assert due.estimated and due.on == date(2040, 1, 9)
    assert not deadlines.add_working_days(date(2025, 1, 2), 5).estimated


@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 6, 30)), st.integers(1, 30))
def test_the_nth_working_day_is_a_working_day_with_n_before_it(start, n):
    due = deadlines.add_working_days(start, n)
    assert deadlines.is_working_day(due.on)[0]
    days = [start + timedelta(days=i) for i in range(1, (due.on - start).days + 1)]
    assert sum(deadlines.is_working_day(d)[0] for d in days) == n
