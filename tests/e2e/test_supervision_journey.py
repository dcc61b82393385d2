"""Supervision in the browser (issue 6): staff plan an inspection, record it held with two
findings as rectification items; the unit's officer starts one on a phone and reports it done
with a photo; staff verify it (已验收). Every page of the way fits a 375 px phone."""
import pytest
from django.utils import timezone

from core.roles import Role
from supervision.models import Activity, RectificationEvent, RectificationItem
from tests.factories import PASSWORD, DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories_unit import JPEG

from .conftest import sign_in

R = RectificationItem.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_inspection_with_two_findings_and_one_item_taken_to_verified(browser, live_server, screenshot):
    today = timezone.localdate()
    finance = HandlingUnitFactory(name="财政所")
    water = HandlingUnitFactory(name="农业农村综合服务中心")
    user_with_role(Role.STAFF, username="staff", name="陈晓梅")
    user_with_role(Role.UNIT_OFFICER, username="czs", name="刘志强", handling_unit=finance)
    farmer = DeputyFactory(name="张德福")
    DeputyFactory(name="赵红梅")

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = desk.new_page()
    sign_in(page, live_server, "staff", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    # Plan the inspection for today.
    page.goto(f"{live_server.url}/supervision/activities/new/")
    page.select_option("select[name=kind]", Activity.Kind.INSPECTION)
    page.fill("input[name=topic]", "视察全镇农村饮水安全工程建设")
    page.fill("input[name=start_date]", today.isoformat())
    page.fill("input[name=end_date]", today.isoformat())
    page.fill("input[name=place]", "青山村、白沙村")
    page.check(f"input[name=units][value='{finance.pk}']")
    page.check(f"input[name=units][value='{water.pk}']")
    page.check(f"input[name=participants][value='{farmer.pk}']")
    screenshot(page, "supervision-plan-1280")
    page.click("form.portal-form button[type=submit]")
    page.wait_for_selector('[data-action="hold"]')
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.PLANNED
    assert set(activity.units.all()) == {finance, water} and list(activity.participants.all()) == [farmer]

    # Record it held, with its findings and opinions.
    page.click('[data-action="hold"]')
    page.fill("textarea[name=summary]", "视察组实地察看了两个村的集中供水工程，并与村民代表座谈。")
    page.fill("textarea[name=findings]", "资金台账不规范；水质检测记录不全。")
    page.fill("textarea[name=opinion_text]", "请镇人民政府督促相关单位限期整改。")
    page.click("form.portal-form button[type=submit]")
    page.wait_for_selector('[data-action="add-item"]')
    activity.refresh_from_db()
    assert activity.status == Activity.Status.HELD

    # Two findings, one after the other.
    page.click('[data-action="add-item"]')
    page.fill("textarea[name=problem]", "青山村饮水工程资金使用台账不规范，部分支出凭证缺失。")
    page.fill("textarea[name=requirement]", "规范资金台账，补齐支出凭证。")
    page.select_option("select[name=unit]", str(finance.pk))
    page.click('button[name=another]')
    page.wait_for_selector('[data-form="item"]')
    page.fill("textarea[name=problem]", "部分村集中供水点水质检测记录不全。")
    page.select_option("select[name=unit]", str(water.pk))
    screenshot(page, "supervision-item-form-1280")
    page.click('[data-form="item"] button[type=submit]:not([name=another])')
    page.wait_for_load_state()
    assert RectificationItem.objects.filter(activity=activity).count() == 2
    item = RectificationItem.objects.get(unit=finance)
    assert item.status == R.PENDING and item.deadline > today
    page.goto(f"{live_server.url}/supervision/activities/{activity.pk}/")
    screenshot(page, "supervision-activity-1280")

    # The unit's officer, on a phone: start, then report it done with a photo.
    phone = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                                locale="zh-CN")
    mobile = phone.new_page()
    sign_in(mobile, live_server, "czs", PASSWORD)
    mobile.wait_for_url(f"{live_server.url}/")
    mobile.goto(f"{live_server.url}/supervision/unit/items/")
    assert "资金使用台账" in mobile.content() and "水质检测" not in mobile.content()
    assert fits(mobile)
    screenshot(mobile, "supervision-unit-items-375")
    mobile.goto(f"{live_server.url}/supervision/unit/items/{item.pk}/")
    mobile.click('[data-form="start"] button[type=submit]')
    mobile.wait_for_selector('[data-form="done"]', state="attached")
    item.refresh_from_db()
    assert item.status == R.IN_PROGRESS
    mobile.click("#done summary")
    mobile.fill('[data-form="done"] textarea[name=text]', "已补齐全部支出凭证，资金台账经镇财政所复核无误。")
    mobile.set_input_files('[data-form="done"] input[name=files]', files=[
        {"name": "台账照片.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    assert fits(mobile)
    screenshot(mobile, "supervision-unit-done-375")
    mobile.click('[data-form="done"] button[type=submit]')
    mobile.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == R.RECTIFIED and item.rectified_on == today
    assert item.reports.get(is_completion=True).files.get().is_photo
    screenshot(mobile, "supervision-unit-rectified-375")
    phone.close()

    # Back at the desk, staff verify it.
    page.goto(f"{live_server.url}/supervision/items/{item.pk}/")
    assert page.locator(".rect-photos img, img[src*='/rectification/files/']").count() >= 1
    page.fill('[data-form="verify"] textarea[name=comment]', "经核查凭证齐全，验收通过。")
    page.click('[data-form="verify"] button[type=submit]')
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == R.VERIFIED and item.verified_on == today
    assert list(RectificationEvent.objects.filter(item=item).values_list("action", flat=True)) == [
        "create", "start", "claim_done", "verify"]
    screenshot(page, "supervision-item-verified-1280")
    assert "已验收" in page.content()
    desk.close()
