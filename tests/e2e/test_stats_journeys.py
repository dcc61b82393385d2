"""A voter reads the published suggestions on a 375 px phone without an account; staff read the
year's statistics at a desk and take the Excel sheet home."""
import io

import openpyxl

from core.roles import Role
from motions.models import Suggestion
from tests.factories import PASSWORD, DeputyFactory, HandlingUnitFactory, TownshipFactory, user_with_role
from tests.motions.factories_stats import assign, category, item, known_year, reply

from .conftest import sign_in


def test_a_voter_finds_a_published_reply_on_a_phone(phone_page, live_server, screenshot):
    TownshipFactory()
    finance, land = HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="自然资源所")
    roads = category("城乡建设")
    shown = item(Suggestion.Status.CLOSED, category=roads, is_published=True, title="关于硬化果园产业路的建议",
                 proposer=DeputyFactory(name="周志明", phone="13807310009"))
    reply(assign(shown, land), "B")
    other = item(Suggestion.Status.CLOSED, category=category("农业农村"), is_published=True, title="关于农机补贴的建议")
    reply(assign(other, finance), "A")
    item(Suggestion.Status.CLOSED, category=roads, title="未公开的建议")
    page = phone_page

    page.goto(f"{live_server.url}/suggestions/public/")
    assert page.locator("[data-list=published] a").count() == 2
    page.select_option("select[name=category]", str(roads.pk))
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/suggestions/public/?*")
    assert page.locator("[data-list=published] a").all_inner_texts()[0].count("关于硬化果园产业路的建议") == 1
    assert page.locator("[data-list=published] a").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator("form[role=search] button[type=submit]").bounding_box()
    assert box["height"] >= 44
    screenshot(page, "public-list-375")

    page.click("[data-list=published] a")
    page.wait_for_url(f"**/suggestions/public/{shown.pk}/")
    assert "周志明" in page.locator("[data-figure=proposer]").inner_text()
    assert "已安排资金硬化机耕道" in page.locator("[data-list=replies]").inner_text()
    assert "13807310009" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "public-detail-375")


def test_staff_read_the_year_and_export_it(desktop_page, live_server, screenshot):
    TownshipFactory()
    known_year()
    user_with_role(Role.STAFF, username="staff")
    page = desktop_page

    sign_in(page, live_server, "staff", PASSWORD)
    page.goto(f"{live_server.url}/suggestions/statistics/?year=2026")
    assert page.locator("[data-figure=received]").inner_text() == "16"
    assert page.locator("[data-figure=reply-rate]").inner_text() == "80.0%"
    assert page.locator("[data-table=unit] tbody tr").count() == 3  # two units and the total
    screenshot(page, "stats-1280")

    with page.expect_download() as download:
        page.click("a[href^='/suggestions/statistics/export/']")
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "青山镇" in book.worksheets[0]["A1"].value and "2026" in book.worksheets[0]["A1"].value
