"""The working-day calendar behind the legal due dates.

Two kinds of period are counted here (SPEC §4 point 3):

- calendar months: the Deputies Law (代表法) Art. 51 gives a unit three months from assignment to
  answer a suggestion, six for a complex one;
- working days: provincial rules give a unit that got an item by mistake 7 working days to return it.

A working day is Monday to Friday, except the public holidays listed in the Holiday table; a
weekend day the table lists as worked in exchange (调休上班) is a working day too. The table is
seeded from the chinesecalendar package and completed by staff for the years the package lacks.
"""
import datetime

from dateutil.relativedelta import relativedelta

from .models import Holiday

ONE_DAY = datetime.timedelta(days=1)


class WorkCalendar:
    """The Holiday rows of a span of days, read in one query and widened when asked beyond it.

    Counting through the calendar reads the rows of the whole span at once, never one day at a
    time; when a count runs past the span, the next quarter is read in one more query.
    """

    READ_AHEAD = datetime.timedelta(days=92)

    def __init__(self, first=None, last=None):
        self._first = self._last = None
        self._worked = {}  # day -> Holiday.is_workday, for the days the table lists
        if first is not None:
            self.load(first, last or first)

    def load(self, first, last):
        """Make sure the days first..last are held, reading only those not held yet."""
        if self._first is None:
            self._read(first, last)
            self._first, self._last = first, last
            return
        if first < self._first:
            self._read(first, self._first - ONE_DAY)
            self._first = first
        if last > self._last:
            self._read(self._last + ONE_DAY, last)
            self._last = last

    def lists_any_day_of(self, year):
        """Whether the Holiday table has a row in `year`, for a calendar holding the whole year
        (missing_years without another query)."""
        return any(day.year == year for day in self._worked)

    def _read(self, first, last):
        rows = Holiday.objects.filter(day__range=(first, last)).values_list("day", "is_workday")
        self._worked.update(rows)

    def is_workday(self, day):
        """The table decides when it lists the day; otherwise Monday to Friday are working days."""
        if self._first is None or day > self._last:
            self.load(day, day + self.READ_AHEAD)
        elif day < self._first:
            self.load(day - self.READ_AHEAD, day)
        listed = self._worked.get(day)
        return day.weekday() < 5 if listed is None else listed


def is_workday(day, calendar=None):
    """Whether `day` is a working day.

    A Holiday row with is_workday=False (a public holiday) makes it a day off, even a weekday; a
    row with is_workday=True (调休上班) makes it a working day, even on a weekend; a day without a
    row is a working day from Monday to Friday.
    """
    return (calendar or WorkCalendar()).is_workday(day)


def add_working_days(start, n, calendar=None):
    """The date `n` working days after `start`: the day a "within n working days" period ends.

    `start` itself is not counted (a unit that receives an item on a Friday before a plain weekend
    has until the next Friday for 5 working days); n=0 gives `start` back. The Holiday rows of the
    whole period are read in one query.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    calendar = calendar or WorkCalendar()
    # Seven days hold at most five working days; a month more covers the longest holidays.
    calendar.load(start, start + datetime.timedelta(days=n * 7 // 5 + 31))
    day = start
    while n:
        day += ONE_DAY
        if calendar.is_workday(day):
            n -= 1
    return day


def working_days_between(start, end, calendar=None):
    """The number of working days in (start, end]: after `start`, up to and including `end`.

    So working_days_between(today, due) is the "days left" of the chase board: 0 when the item is
    due today (or when start == end), negative once `end` lies before `start` (an item overdue by
    two working days shows -2), since the count from `end` to `start` is then taken with a minus.
    For a working day `end`, add_working_days(start, working_days_between(start, end)) == end.
    """
    if end < start:
        return -working_days_between(end, start, calendar)
    calendar = calendar or WorkCalendar()
    calendar.load(start, end)
    days = (start + datetime.timedelta(days=offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if calendar.is_workday(day))


def add_calendar_months(start, n):
    """The same day of the month, `n` months after `start` (Deputies Law Art. 51: three months).

    When that month is too short the period ends on its last day: 31 January plus one month is
    28 February, or 29 February in a leap year.
    """
    return start + relativedelta(months=n)


def loaded_years():
    """The years that have at least one Holiday row."""
    return {day.year for day in Holiday.objects.dates("day", "year")}


def missing_years(years):
    """The years among `years` with no Holiday row at all, in order: their holidays still need
    entering, and until then only weekends are days off."""
    return sorted(set(years) - loaded_years())


def package_years():
    """The years the installed chinesecalendar package has holidays for."""
    from chinese_calendar import constants

    return {day.year for day in constants.holidays}
