"""The chase's colours: yellow within seven days of the due date, red after it."""
import datetime

from core.chase import ChaseItem, Colour, colour, days_left

TODAY = datetime.date(2026, 11, 24)


def item(due, done_on=None):
    return ChaseItem(source="test", item_id=1, title="t", url="/", unit_id=None, assigned_on=None,
                     acknowledged=True, due_date=due, done_on=done_on)


def test_more_than_seven_days_left_is_green():
    assert colour(item(TODAY + datetime.timedelta(days=8)), TODAY) == Colour.GREEN


def test_seven_days_left_and_the_due_day_itself_are_yellow():
    assert colour(item(TODAY + datetime.timedelta(days=7)), TODAY) == Colour.YELLOW
    assert colour(item(TODAY), TODAY) == Colour.YELLOW


def test_the_day_after_the_due_date_is_red():
    assert colour(item(TODAY - datetime.timedelta(days=1)), TODAY) == Colour.RED
    assert days_left(item(TODAY - datetime.timedelta(days=1)), TODAY) == -1


def test_an_answered_item_is_green_whatever_its_due_date():
    assert colour(item(TODAY - datetime.timedelta(days=30), done_on=TODAY), TODAY) == Colour.GREEN
