"""The chase board's rows (SPEC §4): every open item of every source with its colour, days left,
unit and last reminder; red first, then yellow, then green; filtered by unit, colour and source."""
import datetime

import pytest

from core.chase import Colour
from core.models import Reminder
from core.selectors_chase import chase_board, chase_counts
from tests.core.test_chase_board_fakes import TODAY, fake_sources, item
from tests.factories import HandlingUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    return HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="青山村村民委员会")


def titles(board):
    return [row.item.title for row in board.rows]


def test_each_row_has_its_colour_days_left_and_unit_name(units):
    czs, village = units
    with fake_sources(("fake", "建议", [item(1, due_in=-3, unit=czs), item(2, due_in=5, unit=village),
                                        item(3, due_in=30, unit=czs)])):
        board = chase_board(today=TODAY)
    by_id = {row.item.item_id: row for row in board.rows}
    assert (by_id[1].colour, by_id[1].days_left, by_id[1].days_overdue, by_id[1].unit_name) == (Colour.RED, -3, 3, "财政所")
    assert (by_id[2].colour, by_id[2].days_left, by_id[2].unit_name) == (Colour.YELLOW, 5, "青山村村民委员会")
    assert (by_id[3].colour, by_id[3].days_left) == (Colour.GREEN, 30)
    assert board.counts == {Colour.RED: 1, Colour.YELLOW: 1, Colour.GREEN: 1}


def test_red_comes_first_most_overdue_first_then_yellow_then_green_by_due_date(units):
    czs, _village = units
    items = [item(1, due_in=20, unit=czs), item(2, due_in=-1, unit=czs), item(3, due_in=7, unit=czs),
             item(4, due_in=-15, unit=czs), item(5, due_in=0, unit=czs), item(6, due_in=None, unit=czs),
             item(7, due_in=-40, unit=czs, done=True)]
    with fake_sources(("fake", "建议", items)):
        board = chase_board(today=TODAY)
    assert [row.item.item_id for row in board.rows] == [4, 2, 5, 3, 7, 1, 6]


def test_an_answered_item_is_green_however_late(units):
    with fake_sources(("fake", "建议", [item(1, due_in=-40, unit=units[0], done=True)])):
        assert chase_board(today=TODAY).rows[0].colour == Colour.GREEN


def test_the_board_filters_by_unit(units):
    czs, village = units
    with fake_sources(("fake", "建议", [item(1, due_in=-3, unit=czs), item(2, due_in=5, unit=village)])):
        board = chase_board(today=TODAY, unit_id=village.pk)
    assert [row.item.item_id for row in board.rows] == [2]
    assert board.counts == {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 0}


def test_the_colour_filter_keeps_the_counts_of_every_colour(units):
    czs, _village = units
    with fake_sources(("fake", "建议", [item(1, due_in=-3, unit=czs), item(2, due_in=5, unit=czs),
                                        item(3, due_in=-9, unit=czs)])):
        board = chase_board(today=TODAY, colour=Colour.RED)
    assert [row.item.item_id for row in board.rows] == [3, 1]
    assert board.counts == {Colour.RED: 2, Colour.YELLOW: 1, Colour.GREEN: 0}


def test_the_board_gathers_every_source_and_filters_by_one(units):
    czs, _village = units
    suggestions = ("suggestion", "建议", [item(1, due_in=-3, unit=czs, source="suggestion")])
    rectifications = ("rectification", "整改事项", [item(1, due_in=-8, unit=czs, source="rectification")])
    with fake_sources(suggestions, rectifications):
        both = chase_board(today=TODAY)
        only = chase_board(today=TODAY, source="suggestion")
    assert [(row.item.source, row.source_label) for row in both.rows] == [
        ("rectification", "整改事项"), ("suggestion", "建议")]
    assert [row.item.source for row in only.rows] == ["suggestion"]


def test_the_last_reminder_is_the_latest_of_that_item_and_source(units):
    czs, _village = units
    someone = UserFactory()
    for source, item_id, kind, days_ago in [("fake", 1, Reminder.Kind.DUE_SOON, 10), ("fake", 1, Reminder.Kind.OVERDUE, 2),
                                            ("other", 1, Reminder.Kind.NOT_RATED, 0), ("fake", 2, Reminder.Kind.OVERDUE, 0)]:
        Reminder.objects.create(source=source, item_id=item_id, kind=kind, recipient=someone,
                                day=TODAY - datetime.timedelta(days=days_ago), title="催办")
    with fake_sources(("fake", "建议", [item(1, due_in=-3, unit=czs), item(3, due_in=-3, unit=czs)])):
        rows = {row.item.item_id: row for row in chase_board(today=TODAY).rows}
    assert (rows[1].last_reminder.kind, rows[1].last_reminder.day) == (Reminder.Kind.OVERDUE, TODAY - datetime.timedelta(days=2))
    assert rows[3].last_reminder is None


def test_the_dashboard_counts_are_those_of_the_board(units):
    czs, village = units
    with fake_sources(("fake", "建议", [item(1, due_in=-3, unit=czs), item(2, due_in=5, unit=village),
                                        item(3, due_in=2, unit=czs), item(4, due_in=60, unit=czs)])):
        assert chase_counts(today=TODAY) == {Colour.RED: 1, Colour.YELLOW: 2, Colour.GREEN: 1}
        assert chase_counts(today=TODAY, unit_id=czs.pk) == {Colour.RED: 1, Colour.YELLOW: 1, Colour.GREEN: 1}


@pytest.mark.parametrize("count", [1, 30])
def test_the_board_runs_two_queries_whatever_the_number_of_items(django_assert_num_queries, count):
    someone = UserFactory()
    units = [HandlingUnitFactory() for _ in range(count)]
    items = [item(n, due_in=n - 10, unit=units[n]) for n in range(count)]
    for n in range(count):
        Reminder.objects.create(source="fake", item_id=n, kind=Reminder.Kind.OVERDUE, recipient=someone, day=TODAY, title="催办")
    with fake_sources(("fake", "建议", items)):
        with django_assert_num_queries(2):  # the units' names, the latest reminders
            board = chase_board(today=TODAY)
    assert len(board.rows) == count
    assert all(row.unit_name and row.last_reminder for row in board.rows)
