"""load_holidays copies the chinesecalendar package into the Holiday table; staff's rows win."""
from datetime import date
from io import StringIO

import pytest
from chinese_calendar import constants
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from core.models import Holiday
from core.services import holidays_load_from_package
from core.workdays import add_working_days, loaded_years
from tests.factories import HolidayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today_is_december_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 12, 1))


def load_holidays(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("load_holidays", *args, stdout=out)
    return out.getvalue()


def rows():
    return list(Holiday.objects.values_list("day", "name", "is_workday", "source"))


def test_by_default_the_years_from_2020_to_the_packages_last_are_loaded():
    load_holidays()
    assert loaded_years() == set(range(2020, 2027))


def test_holidays_and_adjusted_working_days_are_copied_from_the_package():
    load_holidays("--from-year", "2026")
    assert Holiday.objects.get(day=date(2026, 10, 1)).is_workday is False
    assert Holiday.objects.get(day=date(2026, 10, 10)).is_workday is True
    assert set(Holiday.objects.values_list("source", flat=True)) == {Holiday.Source.PACKAGE}


def test_holidays_get_their_chinese_names():
    load_holidays("--from-year", "2015", "--to-year", "2026")
    names = dict(Holiday.objects.filter(day__in=[
        date(2026, 1, 1), date(2026, 2, 17), date(2026, 4, 5), date(2026, 5, 1), date(2026, 6, 19),
        date(2026, 9, 25), date(2026, 10, 1), date(2026, 2, 14), date(2015, 9, 3),
    ]).values_list("day", "name"))
    assert names == {
        date(2026, 1, 1): "元旦", date(2026, 2, 17): "春节", date(2026, 4, 5): "清明节",
        date(2026, 5, 1): "劳动节", date(2026, 6, 19): "端午节", date(2026, 9, 25): "中秋节",
        date(2026, 10, 1): "国庆节", date(2026, 2, 14): "春节",
        date(2015, 9, 3): "中国人民抗日战争胜利70周年纪念日",
    }


def test_a_name_without_a_chinese_equivalent_is_kept_as_given(monkeypatch):
    monkeypatch.setitem(constants.holidays, date(2026, 12, 28), "Some New Day")
    load_holidays("--from-year", "2026")
    assert Holiday.objects.get(day=date(2026, 12, 28)).name == "Some New Day"


def test_running_twice_changes_nothing_and_says_so():
    load_holidays()
    before = rows()
    output = load_holidays()
    assert rows() == before
    assert "already match the package: nothing changed" in output


def test_the_counts_are_reported():
    HolidayFactory(day=date(2026, 10, 1), name="National Day", source=Holiday.Source.PACKAGE)
    result = holidays_load_from_package(from_year=2026, to_year=2026)
    assert (result.created, result.updated, result.removed, result.kept_manual) == (38, 1, 0, 0)
    again = holidays_load_from_package(from_year=2026, to_year=2026)
    assert (again.created, again.updated, again.unchanged, again.changed) == (0, 0, 39, False)


def test_a_row_entered_by_staff_is_never_overwritten():
    HolidayFactory(day=date(2026, 2, 23), name="春节（镇里调整）", is_workday=True,
                   source=Holiday.Source.MANUAL)
    output = load_holidays("--from-year", "2026")
    row = Holiday.objects.get(day=date(2026, 2, 23))
    assert (row.name, row.is_workday, row.source) == ("春节（镇里调整）", True, Holiday.Source.MANUAL)
    assert "1 entered by staff kept" in output


def test_a_package_row_the_package_no_longer_lists_is_removed():
    HolidayFactory(day=date(2026, 3, 2), name="春节", source=Holiday.Source.PACKAGE)
    load_holidays("--from-year", "2026")
    assert not Holiday.objects.filter(day=date(2026, 3, 2)).exists()


def test_a_year_the_package_lacks_is_warned_about():
    output = load_holidays()
    assert "2027: the chinesecalendar package has no data; enter the year's holidays in the admin" in output
    assert "2026: the chinesecalendar package" not in output


def test_a_year_the_package_lacks_keeps_the_days_staff_entered():
    load_holidays()
    HolidayFactory(day=date(2027, 1, 1), name="元旦", source=Holiday.Source.MANUAL)
    output = load_holidays("--to-year", "2027")
    assert Holiday.objects.get(day=date(2027, 1, 1)).name == "元旦"
    assert "2027: the chinesecalendar package has no data; using the 1 day entered by staff" in output
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_a_reversed_range_is_refused():
    with pytest.raises(CommandError):
        load_holidays("--from-year", "2026", "--to-year", "2025")
