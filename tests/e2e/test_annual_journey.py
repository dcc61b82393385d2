"""The year-end report in the browser (issue 7): the chairman opens the draft, edits a paragraph,
finalises it with an issue number and downloads the PDF from its export job; the page fits a 375 px phone."""
import datetime

import pytest
from django.utils import timezone

from core.roles import Role
from reports.models import AnnualReport
from reports.services_annual import annual_report_draft
from tests.factories import PASSWORD, TownshipFactory, user_with_role
from tests.supervision.factories import TrainingFactory

from .conftest import PHONE, sign_in


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_the_chairman_edits_finalises_and_downloads(browser, live_server, screenshot):
    year = timezone.localdate().year
    TownshipFactory(name="青山镇")
    chairman = user_with_role(Role.CHAIRMAN, username="chairman", name="李秀英")
    TrainingFactory(topic="组织法专题培训", start_date=datetime.date(year, 1, 5))
    report = annual_report_draft(year=year, actor=chairman)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server, "chairman", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/annual/")
    page.click(f"a[href='/annual/{report.pk}/']")
    assert "全年组织学习培训1次" in page.inner_text("[data-document]")

    problems = page.locator("[data-section=problems]")
    problems.locator("summary").click()
    problems.locator("textarea").fill("监督刚性还不够强，跟踪问效需要加强。")
    problems.locator("button[type=submit]").click()
    assert "监督刚性还不够强" in page.inner_text("[data-section=problems]")
    screenshot(page, "annual-draft-desktop")

    page.click("[data-action=finalise]")
    page.fill("input[name=doc_number]", f"青人发〔{year}〕5号")
    page.fill("input[name=issued_on]", f"{year}-12-28")
    page.click("form.portal-form button[type=submit]")
    page.wait_for_selector("[data-alert=frozen]")
    assert page.locator("textarea").count() == 0
    assert f"青人发〔{year}〕5号" in page.inner_text("[data-document]")
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.FINAL

    page.set_viewport_size(PHONE)
    page.reload()
    assert fits(page)
    screenshot(page, "annual-final-phone")

    # The PDF is an export job: the button queues it and opens the job's page (Celery runs
    # eagerly in tests, so the file is ready when the page opens), which offers the file.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("[data-action=pdf]")
    page.wait_for_url(f"{live_server.url}/exports/jobs/**")
    assert "第1版" in page.inner_text("h1")
    screenshot(page, "annual-pdf-job-desktop")
    with page.expect_download() as download:
        page.click("[data-action=download]")
    assert download.value.suggested_filename.endswith(".pdf") and "第1版" in download.value.suggested_filename
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.set_viewport_size(PHONE)
    assert fits(page)
    screenshot(page, "annual-pdf-job-phone")
    context.close()
