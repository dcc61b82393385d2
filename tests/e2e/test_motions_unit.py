"""A handling unit's officer at a desk acknowledges an item assigned to the unit and replies with
class A and the signed letter; on a phone the unit's pages fit the screen."""
import datetime

import pytest
from django.utils import timezone

from core.roles import Role
from motions.models import Assignment, Event, Reply, Suggestion
from tests.factories import PASSWORD, DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, SuggestionFactory
from tests.motions.factories_unit import PDF, result_class

from .conftest import sign_in


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def assigned_item(unit, number, title, **fields):
    today = timezone.localdate()
    proposer = DeputyFactory(name="张德福", phone="13907310004")
    item = SuggestionFactory(status=Suggestion.Status.ASSIGNED, number=number, title=title, proposer=proposer,
                             content="青山村至白石村机耕道雨天泥泞，农机无法通行，建议硬化路面并修建排水沟。")
    return AssignmentFactory(suggestion=item, unit=unit, assigned_at=today - datetime.timedelta(days=2),
                             due_date=today + datetime.timedelta(days=88), **fields)


def test_a_unit_officer_acknowledges_and_replies_with_class_a_and_the_letter(desktop_page, live_server, screenshot):
    unit = HandlingUnitFactory(name="财政所")
    user_with_role(Role.UNIT_OFFICER, username="czs", name="刘志强", handling_unit=unit)
    class_a, class_b = result_class("A"), result_class("B")
    result_class("C")
    assignment = assigned_item(unit, 8, "关于硬化青山村至白石村机耕道的建议")
    page = desktop_page

    sign_in(page, live_server, "czs", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/suggestions/unit/")
    row = page.locator(f'[data-item="{assignment.pk}"]')
    assert f"{assignment.suggestion.year}-008" in row.inner_text()
    screenshot(page, "unit-items-1280")
    row.click()
    page.wait_for_url(f"{live_server.url}/suggestions/unit/{assignment.pk}/")
    assert page.locator("#reply").count() == 0  # acknowledge first

    page.click("#acknowledge button[type=submit]")
    page.wait_for_selector("#reply")
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACKNOWLEDGED
    assert Event.objects.filter(suggestion=assignment.suggestion, action="acknowledge", unit=unit).exists()

    # The promised date shows only for a class that carries a promise.
    promised = page.locator("[data-promise-field]")
    assert promised.is_hidden()
    page.check(f"input[name=result_class][value='{class_b.pk}']")
    assert promised.is_visible()
    page.check(f"input[name=result_class][value='{class_a.pk}']")
    assert promised.is_hidden()

    page.fill("textarea[name=text]", "已将该机耕道列入今年农村道路硬化计划，5月底前完工。")
    page.fill("input[name=signed_by]", "王所长")
    page.set_input_files("input[name=letter]", files=[
        {"name": "财政所答复函.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    screenshot(page, "unit-reply-form-1280")
    page.click("#reply button[type=submit]")
    page.wait_for_selector('[data-list="replies"]')
    screenshot(page, "unit-replied-1280")

    reply = Reply.objects.get()
    assert (reply.result_class, reply.round, reply.signed_by) == (class_a, 1, "王所长")
    assert reply.letter.name.endswith(".pdf") and "财政所答复函" not in reply.letter.name  # a random stored name
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.REPLIED
    assert assignment.suggestion.status == Suggestion.Status.REPLIED
    assert page.locator("#reply").count() == 0
    # The signed letter opens from the page.
    href = page.locator('[data-list="replies"] a[href*="/letter/"]').get_attribute("href")
    letter = page.request.get(f"{live_server.url}{href}")
    assert letter.status == 200 and letter.body().startswith(b"%PDF")


def test_the_units_pages_fit_a_375px_phone(phone_page, live_server, screenshot):
    unit = HandlingUnitFactory(name="财政所")
    user_with_role(Role.UNIT_OFFICER, username="czs", name="刘志强", handling_unit=unit)
    result_class("A"), result_class("B")
    overdue = assigned_item(unit, 9, "关于增加农业保险保费补贴比例、扩大政策性农业保险覆盖面的建议",
                            status=Assignment.Status.ACKNOWLEDGED)
    overdue.assigned_at = timezone.localdate() - datetime.timedelta(days=100)
    overdue.due_date = timezone.localdate() - datetime.timedelta(days=3)
    overdue.save()
    assigned_item(unit, 10, "关于规范村级财务公开的建议")
    page = phone_page

    sign_in(page, live_server, "czs", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/suggestions/unit/")
    assert page.locator(".unit-row.is-overdue").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "unit-items-375")
    page.goto(f"{live_server.url}/suggestions/unit/{overdue.pk}/")
    assert page.locator("#reply").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    button = page.locator("#reply button[type=submit]").bounding_box()
    assert button["height"] >= 44
    screenshot(page, "unit-item-375")
