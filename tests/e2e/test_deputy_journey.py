"""A deputy, on a phone, signs in with the mobile number and sees the dashboard."""
from core.roles import Role
from tests.factories import PASSWORD, DeputyFactory, user_with_role

from .conftest import sign_in


def test_deputy_signs_in_by_phone_on_a_375px_screen_and_sees_the_dashboard(phone_page, live_server, screenshot):
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    DeputyFactory(name="张德福", user=user, work_unit="青山村村民")
    page = phone_page

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login-375")

    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert "张德福" in page.content()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    # Nothing spills sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "dashboard-deputy-375")


def test_a_wrong_password_is_explained_in_chinese_and_the_login_kept(phone_page, live_server):
    user_with_role(Role.DEPUTY, username="lisi", phone="13907319999")
    sign_in(phone_page, live_server, "13907319999", "wrong-password")
    assert "/accounts/login/" in phone_page.url
    assert "密码" in phone_page.locator(".alert, .errorlist, .invalid-feedback").first.inner_text()
    assert phone_page.input_value("input[name=username]") == "13907319999"
