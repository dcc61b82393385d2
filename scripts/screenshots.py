"""Full-page screenshots of the portal as each demo account sees it, on a phone and on a desktop.

Run against a server that is already up (for example `python manage.py runserver 127.0.0.1:8011`
after `python manage.py seed_demo`):

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8011 staff chairman deputy

Each account is signed in with the demo password; the PNGs land in var/screenshots/ as
<account>-<page>-<width>.png. The browser is Debian's Chromium: Playwright's own download does
not work on the portal's machines.
"""
import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORTS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 800}}
DEMO_PASSWORD = "Demo-2026"
# The pages every account is shown on, after the sign-in page: name -> path.
PAGES = {"dashboard": "/", "inbox": "/inbox/", "password": "/accounts/password/"}


def shoot(page, name):
    path = OUT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    note = f"  (!) {overflow}px wider than the screen" if overflow > 0 else ""
    print(f"{path.relative_to(BASE_DIR)}{note}")


def sign_in(page, base_url, account, password):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", account)
    page.fill("input[name=password]", password)
    page.click("form.portal-form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise SystemExit(f"Could not sign in as {account!r}: check the account and the password.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("accounts", nargs="*", default=["staff", "chairman", "member", "deputy", "czs"])
    parser.add_argument("--base-url", default="http://127.0.0.1:8011")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--locale", default="zh-CN", help="the browser's language (zh-CN or en-US)")
    parser.add_argument("--menu", action="store_true", help="also shoot the phone menu opened")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH",
                        help="shoot these pages instead of the default ones (repeatable)")
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")
    pages = dict(entry.split("=", 1) for entry in args.page) if args.page else PAGES
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width, viewport in VIEWPORTS.items():
                phone = width == "375"
                context = browser.new_context(
                    viewport=viewport, locale=args.locale, timezone_id="Asia/Shanghai",
                    is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1,
                )
                page = context.new_page()
                page.goto(f"{base_url}/accounts/login/")
                shoot(page, f"login-{width}")
                context.close()
                for account in args.accounts:
                    context = browser.new_context(
                        viewport=viewport, locale=args.locale, timezone_id="Asia/Shanghai",
                        is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1,
                    )
                    page = context.new_page()
                    sign_in(page, base_url, account, args.password)
                    for name, path in pages.items():
                        page.goto(f"{base_url}{path}")
                        shoot(page, f"{account}-{name}-{width}")
                    if phone and args.menu:
                        page.goto(f"{base_url}/")
                        page.click(".navbar-toggler")
                        page.wait_for_selector("#portal-nav.show")
                        shoot(page, f"{account}-menu-{width}")
                    context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
