"""A deputy on a 375 px phone drafts and sends a suggestion, and later rates the unit's answer 满意
and sees the item finished."""
from motions.models import Assignment, Category, Rating, ResultClass, Suggestion
from core.roles import Role
from tests.factories import PASSWORD, DeputyFactory, user_with_role
from tests.motions.factories import AssignmentFactory, ReplyFactory

from .conftest import sign_in

S = Suggestion.Status


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_deputy_on_a_phone_sends_a_suggestion_and_rates_the_answer_satisfied(phone_page, live_server, screenshot):
    # The live server's database is flushed: the default category and result class come back here.
    Category.objects.get_or_create(name="农业农村", defaults={"sort_order": 3})
    ResultClass.objects.get_or_create(code="A", defaults={"name": "已解决或采纳", "sort_order": 1})
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    deputy = DeputyFactory(name="张德福", user=user)
    page = phone_page

    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/suggestions/my/")
    page.click("a[href='/suggestions/my/new/']")
    page.wait_for_selector("form[data-form=suggestion]")
    page.fill("input[name=title]", "关于修缮青山村至石桥组机耕道的建议")
    page.fill("textarea[name=content]", "机耕道长约1.2公里，雨天泥泞无法通行，影响春耕。建议硬化路面。")
    page.select_option("select[name=category]", label="农业农村")
    screenshot(page, "motions-deputy-write-375")
    no_sideways_scroll(page)
    page.click("button[name=action][value=send]")

    item = Suggestion.objects.get(proposer=deputy)
    page.wait_for_url(f"{live_server.url}/suggestions/my/{item.pk}/")
    assert item.status == S.SUBMITTED
    assert page.get_attribute("[data-status-tone]", "data-status-tone") == "waiting"
    assert page.locator("[data-list=timeline] li").count() == 2  # drafted, submitted
    no_sideways_scroll(page)
    screenshot(page, "motions-deputy-sent-375")

    # The office accepts and assigns it and the unit answers (prepared here, as the other journeys do).
    Suggestion.objects.filter(pk=item.pk).update(status=S.REPLIED, number=8)
    lead = AssignmentFactory(suggestion=item, status=Assignment.Status.REPLIED)
    ReplyFactory(assignment=lead, text="已安排资金硬化机耕道1.2公里，5月底前完工。")

    page.goto(f"{live_server.url}/suggestions/my/")
    assert page.get_attribute(f"[data-item='{item.pk}'] [data-status-tone]", "data-status-tone") == "action"
    page.click(f"[data-item='{item.pk}']")
    page.wait_for_selector("[data-section=rate]")
    assert "已安排资金硬化机耕道" in page.inner_text("[data-reply='1']")
    page.click("label.is-satisfied")
    page.fill("textarea[name=comment]", "路修好了，谢谢。")
    screenshot(page, "motions-deputy-rate-375")
    no_sideways_scroll(page)
    page.click("[data-section=rate] button[type=submit]")
    page.wait_for_selector("[data-rating]")

    item.refresh_from_db()
    assert item.status == S.CLOSED and item.closed_at is not None
    assert Rating.objects.get(reply__suggestion=item).satisfaction == Rating.Satisfaction.SATISFIED
    assert page.get_attribute("[data-status-tone]", "data-status-tone") == "done"
    assert page.locator("[data-section=rate]").count() == 0
    assert page.get_attribute("[data-rating]", "data-rating") == "satisfied"
    screenshot(page, "motions-deputy-closed-375")
