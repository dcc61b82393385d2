"""The working-day calendar: Chinese public holidays are days off, adjusted weekends (调休) are worked.

Expected dates are counted by hand from the State Council's 2026 arrangement.
"""
from datetime import date

import pytest

from core.models import Holiday
from core.workdays import (
    WorkCalendar, add_calendar_months, add_working_days, is_workday, loaded_years, missing_years,
    working_days_between,
)
from tests.factories import HolidayFactory

pytestmark = pytest.mark.django_db


# Plain weeks

def test_without_holiday_rows_monday_to_friday_are_the_working_days():
    assert [is_workday(date(2027, 3, day)) for day in range(1, 8)] == [True] * 5 + [False] * 2


def test_the_start_day_is_not_counted_and_weekends_are_skipped():
    assert add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)  # Friday -> Monday
    assert add_working_days(date(2027, 3, 5), 5) == date(2027, 3, 12)


def test_zero_working_days_is_the_start_day_even_on_a_weekend():
    assert add_working_days(date(2027, 3, 6), 0) == date(2027, 3, 6)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2027, 3, 5), -1)


# Spring Festival 2026: 15-23 Feb off, Saturdays 14 Feb and 28 Feb worked

def test_a_public_holiday_on_a_weekday_is_a_day_off(holidays_2026):
    assert is_workday(date(2026, 2, 16)) is False  # Monday
    assert is_workday(date(2026, 2, 23)) is False  # Monday, the last day of the break


def test_an_adjusted_weekend_day_is_a_working_day(holidays_2026):
    assert is_workday(date(2026, 2, 14)) is True  # Saturday
    assert is_workday(date(2026, 2, 28)) is True  # Saturday


def test_the_day_before_the_break_is_followed_by_the_adjusted_saturday(holidays_2026):
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)


def test_the_adjusted_saturday_is_followed_by_the_first_day_after_the_break(holidays_2026):
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_seven_working_days_across_spring_festival(holidays_2026):
    # 13 Fri, 14 Sat (worked), 24 Tue, 25, 26, 27, 28 Sat (worked)
    assert add_working_days(date(2026, 2, 12), 7) == date(2026, 2, 28)
    assert add_working_days(date(2026, 2, 12), 8) == date(2026, 3, 2)


# National Day 2026: 1-7 Oct off (and Mid-autumn 25-27 Sep), Sun 20 Sep and Sat 10 Oct worked

def test_the_sunday_before_national_day_is_worked(holidays_2026):
    assert add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)


def test_the_national_day_week_is_skipped(holidays_2026):
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)  # Saturday, worked


def test_seven_working_days_across_mid_autumn_and_national_day(holidays_2026):
    # 28, 29, 30 Sep, 8, 9, 10 (Sat, worked), 12 Oct
    assert add_working_days(date(2026, 9, 24), 7) == date(2026, 10, 12)


# Counting the days between two dates

def test_working_days_between_counts_after_start_up_to_and_including_end(holidays_2026):
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2  # 14 and 24 Feb


def test_working_days_between_the_same_day_is_zero(holidays_2026):
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 24)) == 0


def test_working_days_between_is_negative_once_the_end_has_passed(holidays_2026):
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 13)) == -2


def test_working_days_between_undoes_add_working_days(holidays_2026):
    due = add_working_days(date(2026, 9, 24), 7)
    assert working_days_between(date(2026, 9, 24), due) == 7


def test_2026_has_248_working_days(holidays_2026):
    # 261 weekdays - 19 weekday holidays + 6 adjusted weekend days
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 248


# A year the package lacks

def test_a_year_without_rows_counts_only_weekends_as_days_off(holidays_2026):
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    # 2027 Spring Festival is unknown: Fri 5 Feb + 5 working days is the next Friday
    assert add_working_days(date(2027, 2, 5), 5) == date(2027, 2, 12)


def test_a_holiday_entered_by_staff_is_skipped(holidays_2026):
    HolidayFactory(day=date(2027, 1, 1), name="元旦", source=Holiday.Source.MANUAL)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_missing_years_names_the_years_without_any_row(holidays_2026):
    assert loaded_years() == {2026}
    assert missing_years([2026, 2027]) == [2027]
    HolidayFactory(day=date(2027, 1, 1), name="元旦")
    assert missing_years([2026, 2027]) == []


# Reading the table

def test_add_working_days_reads_the_table_once(holidays_2026, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(date(2026, 1, 5), 60) == date(2026, 4, 3)  # Qingming follows


def test_a_year_of_days_is_counted_in_one_query(holidays_2026, django_assert_num_queries):
    with django_assert_num_queries(1):
        working_days_between(date(2025, 12, 31), date(2026, 12, 31))


def test_a_calendar_reads_further_rows_when_a_count_runs_past_them(
    holidays_2026, django_assert_max_num_queries
):
    calendar = WorkCalendar(date(2026, 1, 1), date(2026, 1, 31))
    with django_assert_max_num_queries(2):
        assert add_working_days(date(2026, 2, 12), 7, calendar=calendar) == date(2026, 2, 28)
        assert add_working_days(date(2026, 9, 24), 7, calendar=calendar) == date(2026, 10, 12)


# Calendar months (Deputies Law Art. 51: three months, six for a complex item)

def test_add_calendar_months_keeps_the_day_of_the_month():
    assert add_calendar_months(date(2026, 3, 15), 3) == date(2026, 6, 15)


@pytest.mark.parametrize("start, months, end", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
])
def test_add_calendar_months_falls_to_the_last_day_of_a_shorter_month(start, months, end):
    assert add_calendar_months(start, months) == end
