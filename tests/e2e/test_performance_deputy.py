"""A deputy, on a phone, opens 我的履职档案 from the menu and reads what they did this year."""
import datetime

from django.utils import timezone, translation

from core.roles import Role
from tests.factories import PASSWORD, DeputyFactory, user_with_role
from tests.reports.test_performance_helpers import (  # noqa: F401  (fixtures)
    AwardFactory,
    ReportToVotersFactory,
    VoterReceptionFactory,
    fake_sources,
    registry,
)

from .conftest import sign_in


def test_a_deputy_opens_my_performance_record_on_a_375px_phone(phone_page, live_server, screenshot, fake_sources):
    year = timezone.localdate().year
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    deputy = DeputyFactory(name="张德福", user=user, work_unit="青山村村民")
    other = DeputyFactory(name="赵红梅")
    VoterReceptionFactory(deputies=[deputy, other], date=datetime.date(year, 1, 10),
                          summary="在青山村代表联络点听取机耕道硬化的意见")
    VoterReceptionFactory(deputies=[deputy], date=datetime.date(year, 1, 20), summary="听取路灯的意见")
    ReportToVotersFactory(deputy=deputy, date=datetime.date(year, 1, 25), place="青山村村部")
    AwardFactory(deputy=deputy, title="四好代表", year=year)
    page = phone_page

    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.click(".navbar-toggler")
    page.wait_for_selector("#portal-nav.show")
    page.click("#portal-nav a[href='/performance/mine/']")
    page.wait_for_url(f"{live_server.url}/performance/mine/")

    with translation.override("zh-hans"):
        heading = translation.gettext("My performance record")
    assert heading in page.locator("h1").inner_text()
    assert page.locator("[data-kind=fake_receptions] .perf-count-value").inner_text() == "2"
    assert page.locator("[data-kind=fake_reports] .perf-count-value").inner_text() == "1"
    assert page.locator("[data-figure=score]").inner_text() == "7"  # 2 × 2 + 1 × 3
    lines = page.locator("[data-list=lines] li").all_inner_texts()
    assert len(lines) == 3 and "机耕道硬化" in lines[0] and "青山村村部" in lines[2]
    assert "四好代表" in page.locator("[data-list=awards]").inner_text()
    # Big enough to tap, and nothing spills sideways on a phone.
    box = page.locator(".perf-count").first.bounding_box()
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "performance-mine-375")

    # Another deputy's record is not there to be found.
    response = page.goto(f"{live_server.url}/performance/deputies/{other.pk}/")
    assert response.status == 404
