"""The congress pages: who may open what (404 for objects a user may not see, 403 for actions of a
role they do not hold), forms that keep what was typed, and list pages whose queries do not grow."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress import selectors
from congress.models import AgendaItem, Attendance, Meeting, NoticeReply, PresidiumMembership, Vote
from deputies.models import Mandate
from tests.factories import DeputyFactory, TermFactory

from .factories import (
    AgendaItemFactory,
    NoticeFactory,
    NoticeReplyFactory,
    PresidiumMeetingFactory,
    PresidiumMembershipFactory,
    SessionFactory,
    mark,
    session_with,
)

pytestmark = pytest.mark.django_db
ROLES = ["staff_user", "chairman", "presidium_member", "deputy_user", "unit_officer"]


def as_user(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    return user


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# --- who may open what ------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 200, 403, 403])))
def test_the_meeting_list_is_for_those_who_read_everything(client, request, fixture, expected):
    as_user(client, request, fixture)
    assert client.get(reverse("congress:meeting_list")).status_code == expected


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 200, 200, 404])))
def test_a_session_is_seen_by_its_deputies_and_not_by_a_unit(client, request, fixture, expected):
    as_user(client, request, fixture)
    session = SessionFactory()
    assert client.get(reverse("congress:meeting_detail", args=[session.pk])).status_code == expected


def test_a_deputy_does_not_see_a_presidium_meeting_they_are_not_part_of(client, deputy_user):
    client.force_login(deputy_user)
    meeting = PresidiumMeetingFactory()
    assert client.get(reverse("congress:meeting_detail", args=[meeting.pk])).status_code == 404
    PresidiumMembershipFactory(deputy=deputy_user.deputy)
    assert client.get(reverse("congress:meeting_detail", args=[meeting.pk])).status_code == 200


def test_a_deputy_does_not_see_a_session_of_a_term_they_were_not_in(client, deputy_user):
    client.force_login(deputy_user)
    session = SessionFactory(start_date=datetime.date(2021, 11, 1), term__number=10,
                             term__start_date=datetime.date(2016, 11, 1), term__end_date=datetime.date(2021, 11, 25))
    assert client.get(reverse("congress:meeting_detail", args=[session.pk])).status_code == 404


OFFICE_PAGES = ["attendance_sheet", "notice_send", "meeting_update", "meeting_mark_held", "meeting_cancel",
                "agenda_item_create"]


@pytest.mark.parametrize("page", OFFICE_PAGES)
@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 403, 403, 403])))
def test_only_the_office_opens_the_pages_that_record(client, request, fixture, expected, page):
    as_user(client, request, fixture)
    session = SessionFactory()
    assert client.get(reverse(f"congress:{page}", args=[session.pk])).status_code == expected


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 403, 403, 403])))
def test_only_the_office_opens_the_vote_form(client, request, fixture, expected):
    as_user(client, request, fixture)
    item = AgendaItemFactory()
    assert client.get(reverse("congress:vote_record", args=[item.pk])).status_code == expected


def test_a_presidium_member_reads_but_cannot_record(client, presidium_member):
    client.force_login(presidium_member)
    session, deputies = session_with(in_office=3, present=0)
    page = client.get(reverse("congress:meeting_detail", args=[session.pk]))
    assert page.status_code == 200
    assert reverse("congress:attendance_sheet", args=[session.pk]) not in page.content.decode()
    response = client.post(reverse("congress:attendance_sheet", args=[session.pk]), {f"d{deputies[0].pk}": "present"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()
    assert client.get(reverse("congress:notice_replies", args=[session.pk])).status_code == 200
    assert client.get(reverse("congress:absence_list")).status_code == 200


def test_a_unit_officer_sees_nothing_of_the_congress(client, unit_officer):
    client.force_login(unit_officer)
    session = SessionFactory()
    item = AgendaItemFactory(meeting=session)
    reply = NoticeReplyFactory(notice=NoticeFactory(meeting=session))
    for url in [reverse("congress:meeting_list"), reverse("congress:absence_list"), reverse("congress:presidium"),
                reverse("congress:meeting_detail", args=[session.pk]), reverse("congress:vote_record", args=[item.pk]),
                reverse("congress:notice_replies", args=[session.pk]), reverse("congress:my_meetings"),
                reverse("congress:notice_reply", args=[reply.pk])]:
        assert client.get(url).status_code in (403, 404), url


def test_a_deputy_answers_only_their_own_notice(client, deputy_user):
    client.force_login(deputy_user)
    notice = NoticeFactory()
    own = NoticeReplyFactory(notice=notice, deputy=deputy_user.deputy)
    someone_elses = NoticeReplyFactory(notice=notice)
    assert client.get(reverse("congress:notice_reply", args=[own.pk])).status_code == 200
    assert client.get(reverse("congress:notice_reply", args=[someone_elses.pk])).status_code == 404
    response = client.post(reverse("congress:notice_reply", args=[someone_elses.pk]), {"answer": "attend"})
    assert response.status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.answer == NoticeReply.Answer.PENDING


def test_staff_without_a_deputy_record_have_no_meetings_of_their_own(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("congress:my_meetings")).status_code == 404


# --- recording through the pages --------------------------------------------------------------

def test_the_attendance_sheet_saves_every_row_at_once(client, staff_user):
    client.force_login(staff_user)
    session, deputies = session_with(in_office=3, present=0)
    data = {f"d{deputies[0].pk}": "present", f"d{deputies[1].pk}": "on_leave", f"d{deputies[2].pk}": "absent"}
    response = client.post(reverse("congress:attendance_sheet", args=[session.pk]), data)
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("deputy", "status")) == {
        deputies[0].pk: "present", deputies[1].pk: "on_leave", deputies[2].pk: "absent"}


def test_everyone_not_marked_present_fills_the_empty_rows_without_saving(client, staff_user):
    client.force_login(staff_user)
    session, deputies = session_with(in_office=3, present=0)
    data = {f"d{deputies[0].pk}": "absent", "fill_present": ""}
    response = client.post(reverse("congress:attendance_sheet", args=[session.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert [form[f"d{deputy.pk}"].value() for deputy in deputies] == ["absent", "present", "present"]
    assert not Attendance.objects.exists()


def test_the_sheet_ticks_approved_leave_in_advance(client, staff_user):
    client.force_login(staff_user)
    session, deputies = session_with(in_office=2, present=0)
    NoticeReplyFactory(notice=NoticeFactory(meeting=session), deputy=deputies[0], answer=NoticeReply.Answer.LEAVE,
                       leave_reason="住院", leave_decision=NoticeReply.LeaveDecision.APPROVED)
    form = client.get(reverse("congress:attendance_sheet", args=[session.pk])).context["form"]
    assert (form[f"d{deputies[0].pk}"].value(), form[f"d{deputies[1].pk}"].value()) == ("on_leave", "")


def test_the_vote_form_shows_the_votes_needed_and_records_a_vote_that_passes(client, staff_user):
    client.force_login(staff_user)
    session, _ = session_with(in_office=36, present=30)
    item = AgendaItemFactory(meeting=session)
    page = client.get(reverse("congress:vote_record", args=[item.pk]))
    assert 'data-votes-needed="19"' in page.content.decode()
    response = client.post(reverse("congress:vote_record", args=[item.pk]),
                           {"votes_for": 28, "votes_against": 1, "abstentions": 1, "adopted_text": "决议"})
    assert response.status_code == 302
    assert Vote.objects.get(agenda_item=item).passed
    detail = client.get(reverse("congress:meeting_detail", args=[session.pk])).content.decode()
    assert 'data-vote="passed"' in detail


def test_a_vote_without_quorum_is_refused_on_the_form_and_the_figures_are_kept(english, staff_user):
    english.force_login(staff_user)
    session, _ = session_with(in_office=51, present=33)
    item = AgendaItemFactory(meeting=session)
    response = english.post(reverse("congress:vote_record", args=[item.pk]),
                            {"votes_for": 30, "votes_against": 2, "abstentions": 1, "adopted_text": "决议全文"})
    assert response.status_code == 200
    assert "does not have a quorum (33 present, 34 needed)" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["votes_for"].value() == "30"
    assert "决议全文" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_vote_form_for_an_item_not_voted_says_so(english, staff_user):
    english.force_login(staff_user)
    item = AgendaItemFactory(kind=AgendaItem.Kind.REPORT)
    assert "not put to the vote" in english.get(reverse("congress:vote_record", args=[item.pk])).content.decode()


def test_a_duplicate_session_number_is_an_error_on_the_number_and_the_rest_is_kept(english, staff_user):
    english.force_login(staff_user)
    existing = SessionFactory(number=5)
    data = {"term": existing.term.pk, "kind": "session", "number": 5, "title": "第五次会议（重复）",
            "start_date": "2026-04-01", "end_date": "2026-04-01", "place": "大会议室"}
    response = english.post(reverse("congress:meeting_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["number"]
    assert response.context["form"]["place"].value() == "大会议室"
    assert Meeting.objects.count() == 1


def test_the_new_meeting_form_proposes_the_next_session_number(client, staff_user):
    client.force_login(staff_user)
    SessionFactory(number=6)
    form = client.get(reverse("congress:meeting_create") + "?kind=session").context["form"]
    assert form["number"].value() == 7


def test_a_meeting_is_planned_through_the_form(client, staff_user):
    client.force_login(staff_user)
    term = SessionFactory(number=1).term
    data = {"term": term.pk, "kind": "session", "number": "", "start_date": "2026-04-01", "end_date": "2026-04-02",
            "place": "大会议室"}
    response = client.post(reverse("congress:meeting_create"), data)
    meeting = Meeting.objects.get(number=2)
    assert response.url == reverse("congress:meeting_detail", args=[meeting.pk])


def test_leave_without_a_reason_is_an_error_on_the_reply_page(english, deputy_user, current_term, tomorrow):
    Mandate.objects.create(deputy=deputy_user.deputy, term=current_term, elected_on=current_term.start_date)
    english.force_login(deputy_user)
    reply = NoticeReplyFactory(notice=NoticeFactory(meeting=SessionFactory(term=current_term, start_date=tomorrow)),
                               deputy=deputy_user.deputy)
    response = english.post(reverse("congress:notice_reply", args=[reply.pk]), {"answer": "leave", "leave_reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["leave_reason"] == ["Please say why you cannot attend."]
    response = english.post(reverse("congress:notice_reply", args=[reply.pk]),
                            {"answer": "leave", "leave_reason": "孩子生病"})
    assert response.url == reverse("congress:my_meetings")
    reply.refresh_from_db()
    assert (reply.answer, reply.leave_reason, reply.leave_decision) == ("leave", "孩子生病", "pending")


def test_staff_approve_leave_from_the_replies_table(client, staff_user, presidium_member):
    reply = NoticeReplyFactory(answer=NoticeReply.Answer.LEAVE, leave_reason="住院",
                               leave_decision=NoticeReply.LeaveDecision.PENDING)
    url = reverse("congress:leave_decide", args=[reply.pk])
    client.force_login(presidium_member)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(staff_user)
    assert client.post(url, {"decision": "approve"}).status_code == 302
    reply.refresh_from_db()
    assert reply.leave_decision == NoticeReply.LeaveDecision.APPROVED


def test_marking_held_without_every_mark_explains_why(english, staff_user):
    english.force_login(staff_user)
    session, _ = session_with(in_office=3, present=2)
    response = english.post(reverse("congress:meeting_mark_held", args=[session.pk]), follow=True)
    assert "1 of the expected attendees have no attendance mark yet" in response.content.decode()
    session.refresh_from_db()
    assert session.status == Meeting.Status.PLANNED


def test_the_absence_list_names_the_deputy_and_the_sessions(client, staff_user):
    client.force_login(staff_user)
    deputy = DeputyFactory(name="曾凡荣")
    for day in (datetime.date(2026, 1, 8), datetime.date(2026, 8, 27)):
        mark(SessionFactory(start_date=day, status=Meeting.Status.HELD), [deputy], Attendance.Status.ABSENT)
    page = client.get(reverse("congress:absence_list")).content.decode()
    assert "曾凡荣" in page and f'data-deputy="{deputy.pk}"' in page


def test_the_presidium_page_enters_a_member(client, staff_user):
    client.force_login(staff_user)
    deputy = DeputyFactory(name="李秀英")
    response = client.post(reverse("congress:presidium"),
                           {"deputy": deputy.pk, "position": "vice_chairman", "since": "2021-11-26"})
    assert response.status_code == 302
    assert deputy.presidium_memberships.get().position == "vice_chairman"


# --- list pages: the queries do not grow with the rows ---------------------------------------

def test_the_meeting_list_queries_do_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    url = reverse("congress:meeting_list") + "?year=2026"
    session_with(in_office=3, present=2)
    baseline = count_queries(client, url)
    for month in range(1, 12):
        session, _ = session_with(in_office=2, present=1, start_date=datetime.date(2026, month, 5))
        AgendaItemFactory.create_batch(2, meeting=session)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_meeting_page_queries_do_not_grow_with_the_agenda(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    session, _ = session_with(in_office=3, present=3)

    def voted_item():
        Vote.objects.create(agenda_item=AgendaItemFactory(meeting=session), votes_for=2, votes_against=0,
                            abstentions=1, deputies_in_office=3, deputies_present=3, passed=True)

    voted_item()  # one row of each kind, so that the history card reads the same tables before and after
    url = reverse("congress:meeting_detail", args=[session.pk])
    baseline = count_queries(client, url)
    for _ in range(8):
        voted_item()
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_attendance_sheet_queries_do_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    session, deputies = session_with(in_office=1, present=1)
    notice = NoticeFactory(meeting=session)
    url = reverse("congress:attendance_sheet", args=[session.pk])
    baseline = count_queries(client, url)
    for deputy in DeputyFactory.create_batch(30):
        NoticeReplyFactory(notice=notice, deputy=deputy, answer=NoticeReply.Answer.ATTEND)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_replies_table_queries_do_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    notice = NoticeFactory()
    NoticeReplyFactory(notice=notice)
    url = reverse("congress:notice_replies", args=[notice.meeting.pk])
    baseline = count_queries(client, url)
    NoticeReplyFactory.create_batch(60, notice=notice, answer=NoticeReply.Answer.LEAVE, leave_reason="外出",
                                    leave_decision=NoticeReply.LeaveDecision.APPROVED, decided_by=staff_user)
    with django_assert_num_queries(baseline):
        client.get(url)
    with django_assert_num_queries(baseline):
        client.get(url + "?page=2")


def test_the_replies_table_shows_fifty_a_page_with_leave_to_decide_first_and_counts_every_reply(client, staff_user):
    client.force_login(staff_user)
    notice = NoticeFactory()
    NoticeReplyFactory.create_batch(53, notice=notice, answer=NoticeReply.Answer.ATTEND)
    NoticeReplyFactory(notice=notice)
    waiting = NoticeReplyFactory(notice=notice, deputy=DeputyFactory(name="龚自珍"), answer=NoticeReply.Answer.LEAVE,
                                 leave_reason="住院", leave_decision=NoticeReply.LeaveDecision.PENDING)
    url = reverse("congress:notice_replies", args=[notice.meeting.pk])
    first, second = client.get(url), client.get(url + "?page=2")
    first_rows = [reply.pk for reply in first.context["page_obj"]]
    second_rows = [reply.pk for reply in second.context["page_obj"]]
    assert first_rows[0] == waiting.pk
    assert (len(first_rows), len(second_rows)) == (50, 5)
    assert set(first_rows) | set(second_rows) == set(notice.replies.values_list("pk", flat=True))
    for page in (first, second):  # the figures count every reply, not the page's
        assert page.context["figures"] == {"total": 55, "attend": 53, "leave": 1, "pending": 1, "leave_pending": 1,
                                           "leave_approved": 0, "leave_refused": 0}
    assert 'data-figure="attend">53<' in second.content.decode()
    assert "?page=2" in first.content.decode()


def test_a_leave_decision_returns_to_the_page_of_the_table_it_was_taken_on(client, staff_user):
    reply = NoticeReplyFactory(answer=NoticeReply.Answer.LEAVE, leave_reason="住院",
                               leave_decision=NoticeReply.LeaveDecision.PENDING)
    client.force_login(staff_user)
    response = client.post(reverse("congress:leave_decide", args=[reply.pk]), {"decision": "refuse", "page": "2"})
    assert response.url == reverse("congress:notice_replies", args=[reply.notice.meeting_id]) + "?page=2"
    response = client.post(reverse("congress:leave_decide", args=[reply.pk]), {"decision": "approve", "page": "x"})
    assert response.url == reverse("congress:notice_replies", args=[reply.notice.meeting_id])


def test_the_presidium_form_offers_the_deputies_in_office_by_name_and_keeps_the_choice(client, staff_user):
    client.force_login(staff_user)
    deputy = DeputyFactory(name="李<秀>英")
    left = DeputyFactory(name="王离任", in_office__status=Mandate.Status.RESIGNED,
                         in_office__ended_on=datetime.date(2022, 1, 1))
    page = client.get(reverse("congress:presidium")).content.decode()
    assert f'<option value="{deputy.pk}">李&lt;秀&gt;英</option>' in page
    assert f'value="{left.pk}"' not in page
    response = client.post(reverse("congress:presidium"), {"deputy": deputy.pk, "position": "member", "since": ""})
    assert response.status_code == 200
    assert f'<option value="{deputy.pk}" selected>李&lt;秀&gt;英</option>' in response.content.decode()


def test_the_absence_list_queries_do_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    sessions = [SessionFactory(start_date=datetime.date(2026, month, 8), status=Meeting.Status.HELD)
                for month in (1, 8)]
    one = DeputyFactory()
    for session in sessions:
        mark(session, [one], Attendance.Status.ABSENT)
    url = reverse("congress:absence_list")
    baseline = count_queries(client, url)
    many = DeputyFactory.create_batch(12)
    for session in sessions:
        mark(session, many, Attendance.Status.ABSENT)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_my_meetings_queries_do_not_grow(client, deputy_user, django_assert_num_queries):
    client.force_login(deputy_user)
    deputy = deputy_user.deputy
    first = SessionFactory(start_date=datetime.date(2026, 1, 8))
    NoticeReplyFactory(notice=NoticeFactory(meeting=first), deputy=deputy, answer=NoticeReply.Answer.ATTEND)
    url = reverse("congress:my_meetings")
    baseline = count_queries(client, url)
    for month in range(2, 12):
        session = SessionFactory(start_date=datetime.date(2026, month, 8))
        NoticeReplyFactory(notice=NoticeFactory(meeting=session), deputy=deputy)
        mark(session, [deputy])
    with django_assert_num_queries(baseline):
        response = client.get(url)
    assert len(response.context["past"]) == 11


def test_my_meetings_hold_the_presidium_meetings_of_my_term_and_the_chairmans_only_for_a_chair(deputy_user):
    deputy = deputy_user.deputy
    membership = PresidiumMembershipFactory(deputy=deputy)
    presidium = PresidiumMeetingFactory()
    chairs = PresidiumMeetingFactory(kind=Meeting.Kind.PRESIDIUM_MEMBERS)
    earlier_term = TermFactory(number=10, start_date=datetime.date(2016, 11, 26), end_date=datetime.date(2021, 11, 25))
    PresidiumMeetingFactory(term=earlier_term, start_date=datetime.date(2020, 3, 10))

    def mine():
        return {meeting.pk for meeting in selectors.meetings_for_deputy(deputy, day=datetime.date(2026, 12, 1))["past"]}

    assert mine() == {presidium.pk}
    membership.position = PresidiumMembership.Position.VICE_CHAIRMAN
    membership.save()
    assert mine() == {presidium.pk, chairs.pk}


def test_my_meetings_lists_what_is_coming_first_with_my_answer(client, deputy_user, current_term, tomorrow):
    deputy = deputy_user.deputy
    Mandate.objects.create(deputy=deputy, term=current_term, elected_on=current_term.start_date)
    coming = SessionFactory(term=current_term, start_date=tomorrow)
    reply = NoticeReplyFactory(notice=NoticeFactory(meeting=coming, message="请准时参加第八次会议"), deputy=deputy)
    past = SessionFactory(start_date=datetime.date(2026, 1, 8), status=Meeting.Status.HELD)
    mark(past, [deputy])
    client.force_login(deputy_user)
    response = client.get(reverse("congress:my_meetings"))
    assert [meeting.pk for meeting in response.context["upcoming"]] == [coming.pk]
    assert response.context["upcoming"][0].my_reply_pk == reply.pk
    assert [meeting.my_mark for meeting in response.context["past"]] == ["present"]
    assert "请准时参加第八次会议" in response.content.decode()
    assert [pending.pk for pending in response.context["pending"]] == [reply.pk]


def test_a_meeting_not_begun_offers_the_notice_but_not_the_attendance_sheet(client, staff_user, current_term,
                                                                            tomorrow):
    client.force_login(staff_user)
    meeting = SessionFactory(term=current_term, start_date=tomorrow)
    page = client.get(reverse("congress:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("congress:notice_send", args=[meeting.pk]) in page
    assert reverse("congress:attendance_sheet", args=[meeting.pk]) not in page
    assert 'data-quorum="not-begun"' in page
