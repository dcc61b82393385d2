"""The demo township's congress: what the walkthrough relies on, and safe to build twice."""
import io

import pytest

from congress import selectors
from congress.models import AbsenceFlag, Attendance, Meeting, NoticeReply, PresidiumMembership, Vote
from core.models import Notification
from deputies.models import Term

pytestmark = pytest.mark.django_db


def seed_all():
    from congress import demo as congress_demo
    from core import demo as core_demo
    from deputies import demo as deputies_demo

    out = io.StringIO()
    for module in (core_demo, deputies_demo, congress_demo):
        module.seed(out)
    return out.getvalue()


def test_the_demo_holds_two_sessions_and_four_presidium_meetings_in_2026_and_builds_twice_alike():
    seed_all()
    counts = [Model.objects.count() for Model in (Meeting, Attendance, NoticeReply, Vote, AbsenceFlag, Notification)]
    seed_all()
    assert [Model.objects.count() for Model in (Meeting, Attendance, NoticeReply, Vote, AbsenceFlag,
                                                Notification)] == counts
    assert selectors.meeting_counts(2026) == {"sessions": 2, "presidium_meetings": 4, "presidium_members_meetings": 0}
    assert PresidiumMembership.objects.count() == 5


def test_every_demo_vote_passes_with_quorum_and_the_absence_list_shows_one_deputy():
    seed_all()
    assert Vote.objects.count() == 4 and all(vote.passed for vote in Vote.objects.all())
    for session in Meeting.objects.filter(kind=Meeting.Kind.SESSION, status=Meeting.Status.HELD):
        quorum = selectors.meeting_quorum(session)
        assert quorum.met and quorum.unrecorded == 0 and quorum.in_office == 36
    assert [deputy.name for deputy in selectors.deputies_absent_twice(Term.objects.get(number=11))] == ["曾凡荣"]


def test_the_demo_deputy_has_a_notice_to_answer():
    seed_all()
    from deputies.models import Deputy

    deputy = Deputy.objects.get(user__username="deputy")
    [reply] = selectors.pending_notice_replies(deputy, day=Meeting.objects.get(number=7).start_date)
    assert reply.notice.meeting.number == 7
