"""Browser journeys: Playwright for Python driving Debian's Chromium against the live server.

Playwright's own browser download does not work on the portal's machines, so the journeys
launch /usr/bin/chromium (installed by `make test`). Screenshots go to tests/e2e/screenshots/,
which git ignores; open them to see what a person sees.
"""
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls
# (building data before the browser acts) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_server):
    context, page = _page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, "name") saves a full-page PNG under tests/e2e/screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, live_server, login, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", password)
    page.click("form.portal-form button[type=submit]")
