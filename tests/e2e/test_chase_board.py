"""The chase board in the browser (SPEC §4): staff at a desk see the most overdue item first, red
with its word, and open it; a unit officer on a phone sees only their unit's items, as cards."""
import datetime

from django.urls import reverse

from core import views_chase
from core.roles import Role
from motions.models import Suggestion
from tests.factories import PASSWORD, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, SuggestionFactory

from .conftest import sign_in

TODAY = datetime.date(2026, 11, 24)


def with_unit(unit, number, title, due_in):
    item = SuggestionFactory(status=Suggestion.Status.ASSIGNED, number=number, title=title)
    return AssignmentFactory(suggestion=item, unit=unit, assigned_at=TODAY - datetime.timedelta(days=80),
                             due_date=TODAY + datetime.timedelta(days=due_in))


def build(monkeypatch):
    monkeypatch.setattr(views_chase, "_today", lambda: TODAY)
    czs, village = HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="青山村村民委员会")
    with_unit(czs, 1, "关于修缮青山村机耕道的建议", 30)
    with_unit(village, 2, "关于整治白石村垃圾堆放点的建议", 3)
    red = with_unit(village, 3, "关于解决青山村饮水困难的建议", -12)
    with_unit(czs, 4, "关于增加农业补贴发放透明度的建议", -2)
    return czs, village, red


def test_staff_see_the_most_overdue_item_first_and_open_it(desktop_page, live_server, screenshot, monkeypatch):
    _czs, _village, red = build(monkeypatch)
    user_with_role(Role.STAFF, username="staff", name="陈晓梅")
    page = desktop_page
    sign_in(page, live_server, "staff", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/chase/")

    rows = page.locator("[data-list=chase] .chase-row")
    assert rows.count() == 4
    first = rows.first
    assert "关于解决青山村饮水困难的建议" in first.inner_text()
    assert first.get_attribute("data-colour") == "red"
    assert first.locator(".chase-badge").inner_text().strip()  # a word, not colour alone
    assert [rows.nth(n).get_attribute("data-colour") for n in range(4)] == ["red", "red", "yellow", "green"]
    screenshot(page, "chase_board_staff_desktop")

    first.click()
    page.wait_for_url(f"{live_server.url}{reverse('motions:office_item', args=[red.suggestion_id])}")


def test_a_unit_officer_on_a_phone_sees_only_their_unit(phone_page, live_server, screenshot, monkeypatch):
    czs, village, _red = build(monkeypatch)
    user_with_role(Role.UNIT_OFFICER, username="czs", name="刘志强", handling_unit=czs)
    page = phone_page
    sign_in(page, live_server, "czs", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/chase/?unit={village.pk}")

    rows = page.locator("[data-list=chase] .chase-row")
    assert rows.count() == 2
    text = page.locator("[data-list=chase]").inner_text()
    assert "财政所" in text and "青山村村民委员会" not in text
    assert rows.first.get_attribute("data-colour") == "red"
    box = rows.first.bounding_box()
    assert box["width"] <= 375 and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "chase_board_unit_phone")
