"""Congress in the browser: staff at a desk record a session's attendance and a vote; a deputy on a
phone asks for leave from the next session."""
import datetime

from django.utils import timezone

from congress.models import AgendaItem, Attendance, Meeting, NoticeReply, Vote
from core.roles import Role
from tests.congress.factories import AgendaItemFactory, NoticeFactory, NoticeReplyFactory, SessionFactory
from tests.factories import PASSWORD, DeputyFactory, TermFactory, user_with_role

from .conftest import sign_in


def test_staff_record_attendance_on_the_tick_page_and_a_vote_that_passes(desktop_page, live_server, screenshot):
    staff = user_with_role(Role.STAFF, username="chenxiaomei", name="陈晓梅")
    session = SessionFactory(number=5, title="青山镇第十一届人民代表大会第五次会议", start_date=datetime.date(2026, 1, 8))
    deputies = [DeputyFactory(name=name) for name in ["张德福", "王建国", "李秀英", "赵红梅", "刘国强", "陈桂芳"]]
    item = AgendaItemFactory(meeting=session, kind=AgendaItem.Kind.RESOLUTION, title="关于镇人民政府工作报告的决议")
    page = desktop_page

    sign_in(page, live_server, "chenxiaomei", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/congress/{session.pk}/")
    assert page.get_attribute("[data-quorum]", "data-quorum") == "short"
    page.click(f"a[href='/congress/{session.pk}/attendance/']")
    page.wait_for_selector("[data-sheet]")

    # Everyone not marked yet is ticked present at once, then one deputy is marked absent.
    page.click("[data-fill-present]")
    assert page.inner_text("[data-live-count=present]") == "6"
    page.click(f"label[for=id_d{deputies[5].pk}_2]")
    assert page.inner_text("[data-live-count=present]") == "5"
    assert page.inner_text("[data-live-count=absent]") == "1"
    screenshot(page, "congress-attendance-1280")
    page.click("button[name=save]")
    page.wait_for_url(f"{live_server.url}/congress/{session.pk}/")
    assert Attendance.objects.filter(meeting=session, status=Attendance.Status.PRESENT).count() == 5
    assert page.get_attribute("[data-quorum]", "data-quorum") == "met"
    assert page.inner_text("[data-figure=required]") == "4"

    page.click(f"a[href='/congress/agenda/{item.pk}/vote/']")
    assert page.get_attribute("[data-votes-needed]", "data-votes-needed") == "4"
    page.fill("input[name=votes_for]", "4")
    page.fill("input[name=votes_against]", "1")
    page.fill("input[name=abstentions]", "0")
    screenshot(page, "congress-vote-1280")
    page.click("form.congress-vote-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/congress/{session.pk}/")
    assert page.get_attribute(f"[data-item='{item.pk}'] [data-vote]", "data-vote") == "passed"
    vote = Vote.objects.get(agenda_item=item)
    assert (vote.deputies_in_office, vote.deputies_present, vote.passed) == (6, 5, True)
    screenshot(page, "congress-meeting-1280")


def test_a_deputy_on_a_phone_asks_for_leave_from_the_next_session(phone_page, live_server, screenshot):
    today = timezone.localdate()
    term = TermFactory(number=12, start_date=today - datetime.timedelta(days=30),
                       end_date=today + datetime.timedelta(days=5 * 365))
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    deputy = DeputyFactory(name="张德福", user=user, in_office__term=term, in_office__elected_on=term.start_date)
    session = SessionFactory(term=term, number=2, title="青山镇第十二届人民代表大会第二次会议",
                             start_date=today + datetime.timedelta(days=20), status=Meeting.Status.PLANNED)
    notice = NoticeFactory(meeting=session, message="定于下月召开第二次会议，请回复是否出席。")
    reply = NoticeReplyFactory(notice=notice, deputy=deputy)
    page = phone_page

    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.click(".navbar-toggler")
    page.click("#portal-nav a[href='/congress/my/']")
    page.wait_for_url(f"{live_server.url}/congress/my/")
    assert page.locator("[data-alert=pending]").count() == 1
    assert "定于下月召开第二次会议" in page.inner_text(f"[data-meeting='{session.pk}']")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "congress-my-meetings-375")

    page.click(f"a[href='/congress/my/replies/{reply.pk}/']")
    # Asking for leave without a reason is explained and nothing is lost.
    page.click("button[value=leave]")
    assert page.locator(".invalid-feedback").count() == 1
    page.fill("textarea[name=leave_reason]", "在县医院住院治疗")
    box = page.locator("button[value=leave]").bounding_box()
    assert box["height"] >= 44
    screenshot(page, "congress-ask-leave-375")
    page.click("button[value=leave]")
    page.wait_for_url(f"{live_server.url}/congress/my/")
    reply.refresh_from_db()
    assert (reply.answer, reply.leave_reason, reply.leave_decision) == (
        NoticeReply.Answer.LEAVE, "在县医院住院治疗", NoticeReply.LeaveDecision.PENDING)
    assert page.locator("[data-alert=pending]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "congress-leave-asked-375")
