"""The chase on the dashboards and with the real suggestions' source (SPEC §4): staff, the chairman
and presidium members see the township's red and yellow items, a unit officer their unit's,
each linking to the board filtered by that colour, in a fixed number of queries."""
import datetime

import pytest
from django.urls import reverse

from core.chase import Colour
from core.selectors_chase import chase_board
from motions.models import Assignment, Suggestion
from reports import selectors
from tests.core.test_chase_board_fakes import TODAY
from tests.factories import HandlingUnitFactory
from tests.motions.factories_unit import assigned

pytestmark = pytest.mark.django_db

S = Suggestion.Status


def due(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(selectors, "_today", lambda: TODAY)


@pytest.fixture
def handled(unit_officer):
    """Suggestions with the units: two red and one yellow at 财政所, one red and one green elsewhere."""
    czs, village = unit_officer.handling_unit, HandlingUnitFactory(name="青山村村民委员会")
    for unit, days in [(czs, -10), (czs, -1), (czs, 3), (village, -5), (village, 45)]:
        assigned(unit, due_date=due(days))
    return czs, village


def test_the_board_reads_the_suggestions_still_with_the_units(handled):
    czs, village = handled
    board = chase_board(today=TODAY, source="suggestion")
    assert [(row.unit_name, row.days_left) for row in board.rows] == [
        ("财政所", -10), ("青山村村民委员会", -5), ("财政所", -1), ("财政所", 3), ("青山村村民委员会", 45)]
    assert all(row.item.url == reverse("motions:office_item", args=[row.item.item_id]) for row in board.rows)
    assert all(row.item.unit_url.startswith("/") for row in board.rows)
    assert board.counts == {Colour.RED: 3, Colour.YELLOW: 1, Colour.GREEN: 1}


def test_a_closed_suggestion_leaves_the_board(handled):
    czs, _village = handled
    closed = assigned(czs, due_date=due(-30))
    Suggestion.objects.filter(pk=closed.suggestion_id).update(status=S.CLOSED)
    assert closed.suggestion_id not in [row.item.item_id for row in chase_board(today=TODAY).rows]


@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_the_office_and_presidium_dashboards_count_red_and_yellow_items(client, request, handled, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("dashboard"))
    assert (response.context["chase"]["red"], response.context["chase"]["yellow"]) == (3, 1)
    page = response.content.decode()
    assert f'href="{reverse("chase_board")}?colour=red"' in page
    assert f'href="{reverse("chase_board")}?colour=yellow"' in page


def test_a_unit_officers_dashboard_counts_only_their_unit(client, unit_officer, handled):
    client.force_login(unit_officer)
    response = client.get(reverse("dashboard"))
    assert (response.context["chase"]["red"], response.context["chase"]["yellow"]) == (2, 1)
    assert 'data-figure="chase-red"' in response.content.decode()


def test_a_co_unit_does_not_count_the_lead_units_item(client, unit_officer):
    lead = assigned(HandlingUnitFactory(name="党政综合办公室"), due_date=due(-2))
    assigned(unit_officer.handling_unit, role=Assignment.Role.CO, item=lead.suggestion, due_date=due(-2))
    client.force_login(unit_officer)
    assert client.get(reverse("dashboard")).context["chase"]["red"] == 0


# The session, the user with their roles and unread count (one query, core.backends) and the township
# of the layout.
LAYOUT_QUERIES = 3


@pytest.mark.parametrize("count", [1, 12])
def test_the_staff_dashboard_counts_in_a_fixed_number_of_queries(client, staff_user, django_assert_num_queries, count):
    units = [HandlingUnitFactory() for _ in range(count)]
    for n in range(count):
        assigned(units[n], due_date=due(n - 6))
    client.force_login(staff_user)
    # the staff page's own 9 (tests/reports/test_dashboard.py) and the chase counts: one query for
    # every source (core.selectors_chase.chase_alerts)
    with django_assert_num_queries(LAYOUT_QUERIES + 9 + 1):
        response = client.get(reverse("dashboard"))
    assert sum(response.context["chase"].values()) == count


@pytest.mark.parametrize("count", [1, 12])
def test_the_board_with_suggestions_runs_a_fixed_number_of_queries(client, staff_user, django_assert_num_queries, count):
    units = [HandlingUnitFactory() for _ in range(count)]
    for n in range(count):
        assigned(units[n], due_date=due(n - 6))
    client.force_login(staff_user)
    # the colour counts, the page's rows (one query for every source, with the units' names), the
    # latest reminders, the unit filter's choices
    with django_assert_num_queries(LAYOUT_QUERIES + 1 + 1 + 2):
        response = client.get(reverse("chase_board"))
    assert len(response.context["board"].rows) == count


# --- the suggestions' counts kept in the cache (ChaseSource.counts_cache) ----------------------------

@pytest.fixture
def counts_kept(settings):
    from django.core.cache import cache

    settings.MOTIONS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_kept_counts_are_read_without_counting_the_suggestions_again(handled, counts_kept,
                                                                     django_assert_num_queries):
    first = chase_board(today=TODAY, source="suggestion").counts
    with django_assert_num_queries(2):  # the board's page and its rows' last reminders: no count
        again = chase_board(today=TODAY, source="suggestion")
    assert again.counts == first == {Colour.RED: 3, Colour.YELLOW: 1, Colour.GREEN: 1}
    assert len(again.rows) == 5


def test_a_change_to_a_suggestion_shows_in_the_kept_counts_at_once(handled, counts_kept):
    czs, _village = handled
    assert chase_board(today=TODAY, source="suggestion").counts[Colour.RED] == 3
    newly_late = assigned(czs, due_date=due(-4))
    assert chase_board(today=TODAY, source="suggestion").counts[Colour.RED] == 4
    assignment = Assignment.objects.get(pk=newly_late.pk)
    assignment.due_date = due(30)
    assignment.save()
    counts = chase_board(today=TODAY, source="suggestion").counts
    assert (counts[Colour.RED], counts[Colour.GREEN]) == (3, 2)


def test_kept_counts_belong_to_their_day_and_unit(handled, counts_kept):
    czs, _village = handled
    assert chase_board(today=TODAY, source="suggestion").counts[Colour.RED] == 3
    assert chase_board(today=TODAY, source="suggestion", unit_id=czs.pk).counts[Colour.RED] == 2
    later = chase_board(today=TODAY + datetime.timedelta(days=4), source="suggestion").counts
    assert later[Colour.RED] == 4  # the yellow item due in three days is late by then
