"""Recording a vote (表决): only at a session with a quorum, never more ballots than deputies present,
and the result is computed against ALL deputies in office on the session's first day."""
import datetime

import pytest
from django.db import IntegrityError

from congress import services
from congress.models import AgendaItem, Meeting, Vote
from core.exceptions import ApplicationError
from core.roles import Role
from deputies.models import Mandate
from tests.factories import DeputyFactory, user_with_role

from .factories import AgendaItemFactory, VoteFactory, session_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


def record(item, staff, votes_for, against=0, abstentions=0, **kwargs):
    return services.vote_record(agenda_item=item, votes_for=votes_for, votes_against=against,
                                abstentions=abstentions, actor=staff, **kwargs)


def resolution(session):
    return AgendaItemFactory(meeting=session, kind=AgendaItem.Kind.RESOLUTION)


@pytest.mark.parametrize("in_office, votes_for, passed",
                         [(51, 26, True), (51, 25, False), (50, 26, True), (50, 25, False)])
def test_a_resolution_passes_with_more_than_half_of_all_deputies_in_office(staff, in_office, votes_for, passed):
    session, _ = session_with(in_office=in_office, present=40)
    vote = record(resolution(session), staff, votes_for, against=40 - votes_for)
    assert vote.passed is passed


def test_however_many_are_present_25_of_50_fails_even_when_all_present_vote_for(staff):
    session, _ = session_with(in_office=50, present=34)
    vote = record(resolution(session), staff, 25, abstentions=9)
    assert not vote.passed


def test_the_vote_keeps_the_figures_its_result_was_computed_from(staff):
    session, _ = session_with(in_office=36, present=30, on_leave=4, absent=2)
    vote = record(resolution(session), staff, 19, 10, 1, adopted_text="决议全文")
    assert (vote.deputies_in_office, vote.deputies_present, vote.votes_needed) == (36, 30, 19)
    assert vote.passed and vote.adopted_text == "决议全文" and vote.recorded_by == staff


def test_a_deputy_who_left_before_the_session_is_not_in_the_base_of_the_majority(staff):
    session, _ = session_with(in_office=50, present=40)
    DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=session.start_date)
    vote = record(resolution(session), staff, 26)
    assert vote.deputies_in_office == 50 and vote.passed


def test_a_session_without_quorum_cannot_vote(staff, english):
    session, _ = session_with(in_office=51, present=33)
    with pytest.raises(ApplicationError) as refusal:
        record(resolution(session), staff, 30)
    assert "does not have a quorum (33 present, 34 needed)" in refusal.value.message
    assert not Vote.objects.exists()


def test_more_ballots_than_deputies_present_are_refused(staff):
    session, _ = session_with(in_office=36, present=30)
    with pytest.raises(ApplicationError, match="31 votes were counted but only 30 deputies are present"):
        record(resolution(session), staff, 20, 10, 1)


@pytest.mark.parametrize("kind", [AgendaItem.Kind.REPORT, AgendaItem.Kind.OPINIONS, AgendaItem.Kind.OTHER])
def test_items_that_are_not_put_to_the_vote_are_refused(staff, kind):
    session, _ = session_with(in_office=3, present=3)
    with pytest.raises(ApplicationError, match="not put to the vote"):
        record(AgendaItemFactory(meeting=session, kind=kind), staff, 3)


@pytest.mark.parametrize("kind", [AgendaItem.Kind.ELECTION, AgendaItem.Kind.DISMISSAL, AgendaItem.Kind.RESOLUTION])
def test_elections_dismissals_and_resolutions_are_voted(staff, kind):
    session, _ = session_with(in_office=3, present=3)
    assert record(AgendaItemFactory(meeting=session, kind=kind), staff, 2).passed


def test_a_presidium_meeting_does_not_vote(staff):
    session, _ = session_with(in_office=3, present=3, kind=Meeting.Kind.PRESIDIUM, number=None)
    with pytest.raises(ApplicationError, match="Only a session"):
        record(resolution(session), staff, 3)


def test_a_session_that_has_not_begun_cannot_vote(staff, current_term, tomorrow):
    session, _ = session_with(in_office=3, present=0, term=current_term, start_date=tomorrow)
    with pytest.raises(ApplicationError, match="not begun"):
        record(resolution(session), staff, 3)


def test_recording_again_replaces_the_vote_and_notes_who_did_it():
    session, _ = session_with(in_office=36, present=30)
    first, second = user_with_role(Role.STAFF), user_with_role(Role.CHAIRMAN)
    item = resolution(session)
    record(item, first, 10)
    vote = record(item, second, 20, 5, 5)
    assert Vote.objects.filter(agenda_item=item).count() == 1
    assert (vote.votes_for, vote.passed, vote.recorded_by) == (20, True, second)


def test_only_the_office_records_votes():
    session, _ = session_with(in_office=3, present=3)
    with pytest.raises(ApplicationError):
        record(resolution(session), user_with_role(Role.PRESIDIUM_MEMBER), 3)


def test_the_database_refuses_a_stored_result_that_contradicts_the_majority_rule():
    with pytest.raises(IntegrityError):
        VoteFactory(votes_for=18, deputies_in_office=36, deputies_present=30, passed=True)


def test_the_database_refuses_a_vote_without_quorum():
    with pytest.raises(IntegrityError):
        VoteFactory(votes_for=20, votes_against=0, abstentions=0, deputies_in_office=36, deputies_present=23,
                    passed=True)


def test_two_votes_on_one_item_are_impossible():
    vote = VoteFactory()
    with pytest.raises(IntegrityError):
        VoteFactory(agenda_item=vote.agenda_item)


def test_the_votes_needed_of_a_stored_vote():
    assert VoteFactory(deputies_in_office=36).votes_needed == 19


def test_a_cancelled_session_does_not_vote(staff):
    session, _ = session_with(in_office=3, present=3, status=Meeting.Status.CANCELLED)
    with pytest.raises(ApplicationError, match="cancelled"):
        record(resolution(session), staff, 3)


def test_a_vote_may_be_recorded_on_the_second_day_of_a_two_day_session(staff):
    session, _ = session_with(in_office=3, present=3, end_date=datetime.date(2026, 3, 11))
    assert record(resolution(session), staff, 2).passed
