"""Browser journeys of the deputies' pages: the office records a reception of voters at a desk,
and a deputy opens their own record on a phone."""
import datetime

from core.roles import Role
from deputies.models import VoterReception
from tests.deputies.factories import ContactPlatformFactory, ReportToVotersFactory, VoterReceptionFactory
from tests.factories import PASSWORD, DeputyFactory, TermFactory, user_with_role

from .conftest import sign_in


def test_staff_record_a_voter_reception_with_two_matters_on_a_desktop(desktop_page, live_server, screenshot):
    user_with_role(Role.STAFF, username="chenxiaomei", name="陈晓梅")
    TermFactory()
    zhang, wang = DeputyFactory(name="张德福"), DeputyFactory(name="王建国")
    DeputyFactory.create_batch(10)
    platform = ContactPlatformFactory(name="青山镇人大代表之家", kind="home")
    page = desktop_page

    sign_in(page, live_server, "chenxiaomei", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/deputies/receptions/new/")
    page.fill("input[name=date]", "2026-03-10")
    page.select_option("select[name=platform]", str(platform.pk))
    page.fill("input[name=voters_received]", "6")
    # The search box narrows the tick boxes to the deputy typed.
    page.fill("[data-picker-search]", "张德福")
    page.check(f"input[name=deputies][value='{zhang.pk}']")
    page.fill("[data-picker-search]", "")
    page.check(f"input[name=deputies][value='{wang.pk}']")
    assert page.inner_text("[data-picker-count]") == "2"
    page.fill("textarea[name='matters-0-content']", "青山村三组至五组的机耕道坑洼不平，希望硬化。")
    page.fill("input[name='matters-0-raised_by']", "李大爷")
    page.click("[data-formset-add]")  # a new empty line, and nothing typed is lost
    page.fill("textarea[name='matters-1-content']", "二组山塘多年未清淤，春灌用水紧张。")
    assert page.input_value("input[name='matters-0-raised_by']") == "李大爷"
    screenshot(page, "deputies-reception-form-1280")
    page.click("form.portal-form button[type=submit]:not([name])")

    page.wait_for_url(f"{live_server.url}/deputies/receptions/*/")
    matters = page.locator("[data-list=matters] li")
    assert matters.count() == 2
    assert "机耕道" in matters.nth(0).inner_text() and "山塘" in matters.nth(1).inner_text()
    reception = VoterReception.objects.get()
    assert (reception.voters_received, reception.deputies.count(), reception.matters.count()) == (6, 2, 2)
    screenshot(page, "deputies-reception-detail-1280")


def test_a_deputy_opens_their_own_record_on_a_375px_phone(phone_page, live_server, screenshot):
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    TermFactory()
    deputy = DeputyFactory(name="张德福", user=user, work_unit="青山村村民，种粮大户", phone="13907310004")
    other = DeputyFactory(name="李秀英")
    VoterReceptionFactory(deputies=[deputy], date=datetime.date(2026, 6, 10),
                          platform=ContactPlatformFactory(name="青山村代表联络点"))
    ReportToVotersFactory(deputy=deputy, date=datetime.date(2025, 4, 6), place="青山村村民代表会议室")
    page = phone_page

    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.click(".navbar-toggler")
    page.click("#portal-nav a[href='/deputies/me/']")
    page.wait_for_url(f"{live_server.url}/deputies/{deputy.pk}/")
    assert page.inner_text("h1") == "张德福"
    assert "青山村代表联络点" in page.inner_text("[data-list=receptions]")
    assert "青山村村民代表会议室" in page.inner_text("[data-list=reports]")
    # Readable on a phone: nothing spills sideways and every button is a big target.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "deputies-own-record-375")

    response = page.goto(f"{live_server.url}/deputies/{other.pk}/")
    assert response.status == 404
