"""The chase board's pages (SPEC §4): the office and presidium members see every unit, a unit
officer only their own whatever the address says, everyone else is refused; rows link to the
item's page for this user and read as words, not colour alone."""
import pytest
from django.urls import reverse

from core import views_chase
from core.roles import Role
from tests.core.test_chase_board_fakes import TODAY, fake_sources, item
from tests.factories import HandlingUnitFactory, user_with_role

pytestmark = pytest.mark.django_db

BOARD = reverse("chase_board")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(views_chase, "_today", lambda: TODAY)



@pytest.fixture
def two_units(unit_officer):
    return unit_officer.handling_unit, HandlingUnitFactory(name="青山村村民委员会")


@pytest.fixture
def board_items(two_units):
    czs, village = two_units
    items = [item(1, due_in=-3, unit=czs, title="财政所的红牌"), item(2, due_in=4, unit=village, title="青山村的黄牌"),
             item(3, due_in=40, unit=czs, title="财政所的正常"), item(4, due_in=-20, unit=village, title="青山村的红牌")]
    with fake_sources(("fake", "建议", items)):
        yield items


def open_board(client, user, query=""):
    client.force_login(user)
    return client.get(f"{BOARD}{query}")


def shown(response):
    return [row.item.title for row in response.context["board"].rows]


@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_the_office_and_presidium_members_see_every_unit_most_urgent_first(english, request, board_items, fixture):
    response = open_board(english, request.getfixturevalue(fixture))
    assert response.status_code == 200
    assert shown(response) == ["青山村的红牌", "财政所的红牌", "青山村的黄牌", "财政所的正常"]
    page = response.content.decode()
    assert 'href="/office/fake/1/"' in page
    assert "Red card" in page and "Yellow card" in page and "On track" in page
    assert "20 days overdue" in page and "4 days left" in page


def test_a_deputy_may_not_open_the_board(client, deputy_user, board_items):
    assert open_board(client, deputy_user).status_code == 403
    assert client.get(reverse("chase_board_export")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(BOARD).status_code == 302


def test_a_unit_officer_sees_only_their_unit_with_their_own_links(english, unit_officer, board_items):
    response = open_board(english, unit_officer)
    assert shown(response) == ["财政所的红牌", "财政所的正常"]
    page = response.content.decode()
    assert 'href="/unit/fake/1/"' in page and "/office/fake/" not in page
    assert "青山村" not in page
    assert 'name="unit"' not in page


def test_a_unit_officer_cannot_see_another_unit_even_when_asking_for_it(client, unit_officer, two_units, board_items):
    _czs, village = two_units
    response = open_board(client, unit_officer, f"?unit={village.pk}")
    assert shown(response) == ["财政所的红牌", "财政所的正常"]
    assert "青山村" not in response.content.decode()


def test_a_unit_officer_without_a_unit_sees_an_explanation_not_every_item(english, board_items):
    officer = user_with_role(Role.UNIT_OFFICER)
    response = open_board(english, officer)
    assert response.status_code == 200
    assert response.context["board"] is None
    assert "not linked to a handling unit" in response.content.decode()


def test_staff_filter_by_unit_and_colour(client, staff_user, two_units, board_items):
    czs, village = two_units
    assert shown(open_board(client, staff_user, f"?unit={village.pk}")) == ["青山村的红牌", "青山村的黄牌"]
    assert shown(open_board(client, staff_user, "?colour=red")) == ["青山村的红牌", "财政所的红牌"]
    assert shown(open_board(client, staff_user, f"?unit={czs.pk}&colour=green")) == ["财政所的正常"]


@pytest.mark.parametrize("query", ["?unit=abc", "?unit=999999", "?colour=purple", "?source=nothing", "?unit="])
def test_a_filter_value_that_makes_no_sense_shows_the_whole_board(client, staff_user, board_items, query):
    response = open_board(client, staff_user, query)
    assert response.status_code == 200
    assert len(shown(response)) == 4


def test_the_colour_tabs_count_each_colour_and_keep_the_unit(client, staff_user, two_units, board_items):
    _czs, village = two_units
    tabs = open_board(client, staff_user, f"?unit={village.pk}").context["colour_tabs"]
    assert [(key, count) for key, _label, count, _query, _active in tabs] == [("", 2), ("red", 1), ("yellow", 1), ("green", 0)]
    assert all(f"unit={village.pk}" in query for _key, _label, _count, query, _active in tabs)


def test_the_source_filter_appears_with_a_second_source(client, staff_user, unit_officer):
    czs = unit_officer.handling_unit
    with fake_sources(("suggestion", "建议", [item(1, due_in=-1, unit=czs, source="suggestion")]),
                      ("rectification", "整改事项", [item(1, due_in=-2, unit=czs, source="rectification")])):
        response = open_board(client, staff_user, "?source=rectification")
        assert [row.item.source for row in response.context["board"].rows] == ["rectification"]
        assert 'name="source"' in response.content.decode()


def test_an_empty_board_says_there_is_nothing_to_chase(english, staff_user):
    with fake_sources():
        response = open_board(english, staff_user)
    assert "Nothing to chase" in response.content.decode()


@pytest.mark.parametrize("fixture", ["staff_user", "unit_officer", "presidium_member"])
def test_the_menu_offers_the_board_to_those_who_may_open_it(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert "chase_board" in [entry.url_name for entry in client.get(reverse("dashboard")).context["nav_items"]]


def test_the_menu_does_not_offer_the_board_to_a_deputy(client, deputy_user):
    client.force_login(deputy_user)
    assert "chase_board" not in [entry.url_name for entry in client.get(reverse("dashboard")).context["nav_items"]]


# The session, the user with their roles and unread count (one query, core.backends) and the township
# of the layout.
LAYOUT_QUERIES = 3


@pytest.mark.parametrize("count", [1, 30])
def test_the_board_page_runs_a_fixed_number_of_queries(client, staff_user, django_assert_num_queries, count):
    units = [HandlingUnitFactory() for _ in range(count)]
    client.force_login(staff_user)
    with fake_sources(("fake", "建议", [item(n, due_in=n - 15, unit=units[n]) for n in range(count)])):
        # the units' names, the latest reminders, the unit filter's choices
        with django_assert_num_queries(LAYOUT_QUERIES + 3):
            response = client.get(BOARD)
    assert len(response.context["board"].rows) == count


def test_an_answered_item_shows_the_day_of_its_answer_not_days_left(english, staff_user, unit_officer):
    with fake_sources(("fake", "建议", [item(1, due_in=6, unit=unit_officer.handling_unit, done=True)])):
        page = open_board(english, staff_user).content.decode()
    assert "Answered" in page and "2026-11-24" in page and "6 days left" not in page
