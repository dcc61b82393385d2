"""Factories of congress records. A session defaults to 10 March 2026 in the 11th term (TermFactory),
a day every DeputyFactory deputy is in office."""
import datetime

import factory

from congress.models import AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership, Vote
from tests.factories import DeputyFactory, TermFactory

SESSION_DAY = datetime.date(2026, 3, 10)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    term = factory.SubFactory(TermFactory)
    kind = Meeting.Kind.SESSION
    number = factory.Sequence(lambda n: n + 1)
    start_date = SESSION_DAY
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date)
    place = "镇政府四楼大会议室"


class SessionFactory(MeetingFactory):
    kind = Meeting.Kind.SESSION


class PresidiumMeetingFactory(MeetingFactory):
    kind = Meeting.Kind.PRESIDIUM
    number = None
    title = factory.Sequence(lambda n: f"主席团会议{n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(SessionFactory)
    kind = AgendaItem.Kind.RESOLUTION
    title = factory.Sequence(lambda n: f"关于第{n}项事项的决议")
    order = factory.Sequence(lambda n: n + 1)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(SessionFactory)
    deputy = factory.SubFactory(DeputyFactory)
    status = Attendance.Status.PRESENT


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    agenda_item = factory.SubFactory(AgendaItemFactory)
    votes_for = 30
    votes_against = 1
    abstentions = 1
    deputies_in_office = 36
    deputies_present = 32
    passed = True


class PresidiumMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PresidiumMembership

    term = factory.SubFactory(TermFactory)
    deputy = factory.SubFactory(DeputyFactory)
    position = PresidiumMembership.Position.MEMBER
    since = factory.LazyAttribute(lambda membership: membership.term.start_date)


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingNotice

    meeting = factory.SubFactory(SessionFactory)
    message = "请准时出席会议。"


class NoticeReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeReply

    notice = factory.SubFactory(NoticeFactory)
    deputy = factory.SubFactory(DeputyFactory)
    answer = NoticeReply.Answer.PENDING


def mark(meeting, deputies, status=Attendance.Status.PRESENT):
    """Attendance rows for `deputies` at `meeting`, written directly (not through the service)."""
    return Attendance.objects.bulk_create(Attendance(meeting=meeting, deputy=deputy, status=status)
                                          for deputy in deputies)


def session_with(*, in_office, present, on_leave=0, absent=0, **kwargs):
    """A session with `in_office` deputies in office, of whom `present` are marked present (and the
    next ones on leave and absent); returns (session, deputies)."""
    session = SessionFactory(**kwargs)
    deputies = DeputyFactory.create_batch(in_office, in_office__term=session.term)
    mark(session, deputies[:present])
    mark(session, deputies[present:present + on_leave], Attendance.Status.ON_LEAVE)
    mark(session, deputies[present + on_leave:present + on_leave + absent], Attendance.Status.ABSENT)
    return session, deputies
