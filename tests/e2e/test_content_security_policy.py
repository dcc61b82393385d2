"""Every page keeps to the Content Security Policy: in a real browser, opening the main pages of each
role in the demo township reports no violation (an inline script or style the policy refuses)."""
import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from .conftest import DESKTOP, PHONE, sign_in

DEMO_PASSWORD = "Demo-2026"


def violations_of(page):
    """Collect the browser's Content Security Policy complaints on `page` as they come."""
    found = []
    page.on("console", lambda message: found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    return found


def pages_for(role):
    from congress.models import Meeting
    from core.models_exports import ExportJob
    from core.models import User
    from deputies.models import Deputy
    from motions.models import Assignment, Suggestion

    session = Meeting.objects.filter(attendance__isnull=False).order_by("-pk").first()
    suggestion = Suggestion.objects.exclude(number__isnull=True).order_by("pk").first()
    user = User.objects.get(username=role)
    job = ExportJob.objects.create(kind="ledger", title="办理台账", requested_by=user, status="running", progress=40)
    common = [reverse("dashboard"), reverse("notification_list"), reverse("password_change"),
              reverse("exports:job", args=[job.pk])]
    if role == "staff":
        return common + [
            reverse("deputies:deputy_list"), reverse("deputies:deputy_detail", args=[Deputy.objects.first().pk]),
            reverse("deputies:reception_create"), reverse("congress:meeting_list"),
            reverse("congress:meeting_detail", args=[session.pk]),
            reverse("congress:attendance_sheet", args=[session.pk]),
            reverse("motions:office_item_list"), reverse("motions:office_item", args=[suggestion.pk]),
            reverse("motions:stats_overview"), reverse("supervision:overview"), reverse("chase_board"),
            reverse("reports:performance_table"), reverse("annual:list"),
            reverse("admin:index"), reverse("admin:axes_accessattempt_changelist"), reverse("admin:core_user_add"),
        ]
    if role == "deputy":
        mine = Suggestion.objects.filter(proposer__user=user).order_by("pk").first()
        return common + [
            reverse("motions:deputy_list"), reverse("motions:deputy_create"),
            reverse("motions:deputy_item", args=[mine.pk]), reverse("reports:my_performance"),
        ]
    if role == "czs":
        assignment = (Assignment.objects.filter(unit=user.handling_unit).exclude(status=Assignment.Status.RETURNED)
                      .order_by("pk").first())
        return common + [reverse("motions:unit_items"), reverse("motions:unit_item", args=[assignment.pk])]
    return common + [reverse("motions:stats_overview"), reverse("supervision:overview"), reverse("chase_board")]


def test_the_main_pages_of_each_role_break_no_content_security_rule(browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    # An earlier transactional test's flush empties what the data migrations wrote; the demo needs it.
    import_module("motions.migrations.0002_default_categories_and_classes").create_defaults(apps, None)
    import_module("core.signals").grant_role_permissions(None)
    call_command("seed_demo", stdout=io.StringIO())

    for role in ["staff", "chairman", "deputy", "czs"]:
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai")
        page = context.new_page()
        found = violations_of(page)
        sign_in(page, live_server, role, DEMO_PASSWORD)
        page.wait_for_url(f"{live_server.url}/")
        for url in pages_for(role):
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == 200, url
        assert found == [], role

        # The watch works: a style attribute written into the page is refused and reported.
        page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<div style="color: red">x</div>')""")
        page.wait_for_timeout(300)
        assert found and "Content Security Policy" in found[0]
        context.close()


def test_the_sign_in_page_and_its_lockout_message_break_no_content_security_rule(
    browser, live_server, settings, screenshot
):
    settings.AXES_ENABLED = True
    for width, viewport, options in [(375, PHONE, {"is_mobile": True, "has_touch": True}), (1280, DESKTOP, {})]:
        context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", **options)
        page = context.new_page()
        found = violations_of(page)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(page, live_server, f"nobody{width}", "wrong-password-1")
        assert "30" in page.inner_text("[data-lockout]")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"login-locked-{width}")
        assert found == []
        context.close()
