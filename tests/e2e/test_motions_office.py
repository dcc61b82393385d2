"""The office in the browser: staff at a desk take the oldest submitted item from the review
queue, accept it (it gets the year's next number) and assign it to a lead unit and a co-unit,
seeing the due date the law gives (Deputies Law Art. 51: three months)."""
import datetime

from django.utils import timezone

from core.roles import Role
from motions.models import Assignment, Suggestion
from motions.rules import answer_due_date, co_unit_opinion_due
from tests.factories import PASSWORD, DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import SuggestionFactory

from .conftest import sign_in


def test_staff_accept_a_submitted_item_and_assign_it_to_a_lead_unit_and_a_co_unit(desktop_page, live_server,
                                                                                    screenshot):
    today = timezone.localdate()
    user_with_role(Role.STAFF, username="chenxiaomei", name="陈晓梅")
    for number in (1, 2):  # two items already accepted this year
        SuggestionFactory(year=today.year, number=number, status=Suggestion.Status.ACCEPTED)
    item = SuggestionFactory(
        year=today.year, status=Suggestion.Status.SUBMITTED, title="关于硬化青山村三组机耕道的建议",
        proposer=DeputyFactory(name="张德福"), submitted_at=timezone.now() - datetime.timedelta(days=2),
    )
    HandlingUnitFactory(name="农业农村综合服务中心")
    lead = HandlingUnitFactory(name="财政所")
    co_unit = HandlingUnitFactory(name="青山村村委会")
    page = desktop_page

    sign_in(page, live_server, "chenxiaomei", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/suggestions/office/")
    screenshot(page, "motions-office-queue-1280")
    page.click(f"[data-list=queue] [data-item='{item.pk}']")
    page.wait_for_url(f"{live_server.url}/suggestions/office/items/{item.pk}/")
    screenshot(page, "motions-office-review-1280")

    # Accept: the category the deputy chose is already selected.
    page.click("form[data-form=accept] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/suggestions/office/items/{item.pk}/")
    assert page.inner_text("[data-figure=reference]").strip() == f"{today.year}-003"
    assert page.locator(".alert-success").count() == 1

    # Assign: the panel shows the due date the rule gives for today, before anything is chosen.
    due = answer_due_date(today)
    assert page.inner_text("[data-due=normal]") == f"{due:%Y-%m-%d}"
    page.select_option("form[data-form=assign] select[name=lead_unit]", label="财政所")
    page.check(f"form[data-form=assign] input[name=co_units][value='{co_unit.pk}']")
    screenshot(page, "motions-office-assign-1280")
    page.click("form[data-form=assign] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/suggestions/office/items/{item.pk}/")

    assert page.inner_text("[data-figure=due-date]") == f"{due:%Y-%m-%d}"
    assert page.locator("[data-list=assignments] [data-unit='财政所']").count() == 1
    assert page.locator("[data-list=assignments] [data-unit='青山村村委会']").count() == 1
    screenshot(page, "motions-office-assigned-1280")

    item.refresh_from_db()
    assert (item.status, item.number, item.due_date) == (Suggestion.Status.ASSIGNED, 3, due)
    rows = {(a.unit_id, a.role, a.due_date) for a in Assignment.objects.filter(suggestion=item)}
    assert rows == {(lead.pk, "lead", due), (co_unit.pk, "co", min(due, co_unit_opinion_due(today)))}
