"""The rules of supervision activities (SPEC §5), one test per rule: planning (leader, participants,
follow-ups, dates), who may record what (the office vs the presidium member who leads), holding
from planned only and never ahead of time, cancelling with a reason, and the notifications."""
import datetime

import pytest

from core.exceptions import ApplicationError
from core.models import Notification
from supervision.models import Activity
from supervision.services import activities as services
from tests.factories import DeputyFactory, HandlingUnitFactory
from tests.supervision.factories import ActivityFactory, PlannedActivityFactory, SatisfactionVoteFactory

from .test_activity_support import (  # noqa: F401 - fixtures
    ACTIVITY_DAY,
    TODAY,
    deputy_account,
    english_messages,
    media,
    member_account,
    presidium_deputy,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "english_messages")]

A = Activity.Status
K = Activity.Kind
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def plan(actor, **fields):
    values = {"kind": K.INSPECTION, "topic": "农村公路建设视察", "start_date": NEXT_WEEK, "end_date": NEXT_WEEK}
    values.update(fields)
    return services.activity_create(actor=actor, **values)


def refused(call, field=None, words=""):
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.field == field
    assert words in caught.value.message
    return caught.value


def hold(activity, actor, **fields):
    values = {"start_date": activity.start_date, "end_date": activity.end_date, "summary": "实地察看了三个村的道路。",
              "participants": list(activity.participants.all())}
    values.update(fields)
    return services.activity_hold(activity=activity, actor=actor, **values)


# --- planning -----------------------------------------------------------------------------------

def test_the_office_plans_an_activity_which_starts_planned(staff_user):
    leader, units, deputies = presidium_deputy(), HandlingUnitFactory.create_batch(2), DeputyFactory.create_batch(3)
    activity = plan(staff_user, leader=leader, units=units, participants=deputies, place="各村", plan_note="年度计划第3项")
    activity.refresh_from_db()
    assert activity.status == A.PLANNED
    assert activity.leader == leader and activity.created_by == staff_user
    assert set(activity.units.all()) == set(units) and set(activity.participants.all()) == set(deputies)


def test_an_activity_cannot_end_before_it_begins(staff_user):
    refused(lambda: plan(staff_user, end_date=NEXT_WEEK - datetime.timedelta(days=1)), "end_date", "end before")


def test_the_topic_is_required(staff_user):
    refused(lambda: plan(staff_user, topic="   "), "topic")


def test_the_leader_must_be_a_presidium_member(staff_user):
    refused(lambda: plan(staff_user, leader=DeputyFactory()), "leader", "not a member of the presidium")


def test_the_leader_must_serve_on_the_first_day(staff_user):
    left = presidium_deputy(until=NEXT_WEEK - datetime.timedelta(days=1))
    refused(lambda: plan(staff_user, leader=left), "leader")
    joining = presidium_deputy(since=NEXT_WEEK + datetime.timedelta(days=1))
    refused(lambda: plan(staff_user, leader=joining), "leader")
    last_day = presidium_deputy(until=NEXT_WEEK)
    assert plan(staff_user, leader=last_day).leader == last_day


def test_participants_must_be_township_deputies_in_office_on_the_first_day(staff_user):
    stranger = DeputyFactory(name="外地人", in_office=False)
    error = refused(lambda: plan(staff_user, participants=[DeputyFactory(), stranger]), "participants")
    assert "外地人" in error.message


def test_a_unit_no_longer_in_use_cannot_be_chosen(staff_user):
    closed = HandlingUnitFactory(name="已撤销的站所", active=False)
    refused(lambda: plan(staff_user, units=[closed]), "units", "已撤销的站所")


def test_an_inactive_unit_already_named_stays_when_the_activity_is_edited(staff_user):
    unit = HandlingUnitFactory()
    activity = plan(staff_user, units=[unit])
    unit.active = False
    unit.save()
    services.activity_update(activity=activity, actor=staff_user, topic="改名", units=[unit])
    assert list(activity.units.all()) == [unit]


# --- follow-up inspections (回头看) ---------------------------------------------------------------

def test_a_follow_up_must_name_the_earlier_activity(staff_user):
    refused(lambda: plan(staff_user, kind=K.FOLLOW_UP), "follows", "must name")


def test_a_follow_up_names_a_held_earlier_activity(staff_user):
    earlier = ActivityFactory()
    follow_up = plan(staff_user, kind=K.FOLLOW_UP, follows=earlier)
    assert follow_up.follows == earlier
    assert list(earlier.follow_ups.all()) == [follow_up]


def test_the_activity_followed_up_must_have_been_held(staff_user):
    for status in (A.PLANNED, A.CANCELLED):
        earlier = ActivityFactory(status=status, start_date=ACTIVITY_DAY)
        refused(lambda: plan(staff_user, kind=K.FOLLOW_UP, follows=earlier), "follows", "must have been held")


def test_the_activity_followed_up_must_be_earlier(staff_user):
    same_day = ActivityFactory(start_date=NEXT_WEEK)
    refused(lambda: plan(staff_user, kind=K.FOLLOW_UP, follows=same_day), "follows", "must come after")


def test_only_a_follow_up_names_an_earlier_activity(staff_user):
    refused(lambda: plan(staff_user, kind=K.INSPECTION, follows=ActivityFactory()), "follows", "Only a follow-up")


def test_an_activity_cannot_move_to_or_after_its_follow_up(staff_user):
    earlier = ActivityFactory(start_date=datetime.date(2026, 3, 1))
    ActivityFactory(kind=K.FOLLOW_UP, follows=earlier, start_date=datetime.date(2026, 5, 1))
    refused(lambda: services.activity_update(activity=earlier, actor=staff_user, start_date=datetime.date(2026, 5, 1),
                                             end_date=datetime.date(2026, 5, 1)), "start_date", "must come after")


# --- who may plan and change what --------------------------------------------------------------

def test_a_presidium_member_plans_the_activities_they_lead():
    user, deputy = member_account()
    assert plan(user, leader=deputy).leader == deputy


def test_a_presidium_member_cannot_plan_one_led_by_someone_else():
    user, _deputy = member_account()
    refused(lambda: plan(user, leader=presidium_deputy()), "leader", "choose yourself")
    refused(lambda: plan(user), "leader", "choose yourself")


def test_a_presidium_member_without_a_deputy_record_cannot_plan(presidium_member):
    refused(lambda: plan(presidium_member, leader=presidium_deputy()), None, "not linked")


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_deputies_and_units_cannot_plan(request, fixture):
    refused(lambda: plan(request.getfixturevalue(fixture)), None, "Only the office")


def test_a_presidium_member_edits_only_the_activities_they_lead():
    user, deputy = member_account()
    own = PlannedActivityFactory(leader=deputy, start_date=NEXT_WEEK)
    services.activity_update(activity=own, actor=user, topic="新主题")
    assert Activity.objects.get(pk=own.pk).topic == "新主题"
    other = PlannedActivityFactory(leader=presidium_deputy(), start_date=NEXT_WEEK)
    refused(lambda: services.activity_update(activity=other, actor=user, topic="新主题"), None, "Only the office")
    unled = PlannedActivityFactory(start_date=NEXT_WEEK)
    refused(lambda: services.activity_update(activity=unled, actor=user, topic="新主题"), None, "Only the office")


def test_a_presidium_member_cannot_hand_their_activity_to_another_leader():
    user, deputy = member_account()
    own = PlannedActivityFactory(leader=deputy, start_date=NEXT_WEEK)
    refused(lambda: services.activity_update(activity=own, actor=user, leader=presidium_deputy()), "leader")
    assert Activity.objects.get(pk=own.pk).leader == deputy


def test_the_office_edits_every_activity(chairman):
    activity = PlannedActivityFactory(leader=presidium_deputy(), start_date=NEXT_WEEK)
    services.activity_update(activity=activity, actor=chairman, leader=None, place="镇政府")
    activity.refresh_from_db()
    assert (activity.leader, activity.place) == (None, "镇政府")


def test_a_cancelled_activity_can_no_longer_be_edited(staff_user):
    activity = PlannedActivityFactory(status=A.CANCELLED)
    refused(lambda: services.activity_update(activity=activity, actor=staff_user, topic="x"), None, "cancelled")


def test_the_outcome_is_recorded_only_once_held(staff_user):
    with pytest.raises(ValueError):
        services.activity_update(activity=PlannedActivityFactory(), actor=staff_user, findings="问题")


def test_findings_and_opinions_can_be_completed_after_holding(staff_user, media):
    activity = ActivityFactory()
    services.activity_update(activity=activity, actor=staff_user, findings="垃圾清运不及时", opinion_text="建议…",
                             opinion_file=upload(), opinion_sent_on=datetime.date(2026, 5, 20))
    activity.refresh_from_db()
    assert activity.findings == "垃圾清运不及时" and activity.opinion_file.name.endswith(".pdf")
    services.activity_update(activity=activity, actor=staff_user, opinion_file="")
    activity.refresh_from_db()
    assert not activity.opinion_file


def test_an_opinion_document_that_is_not_what_it_says_is_refused(staff_user, media):
    activity = ActivityFactory()
    refused(lambda: services.activity_update(activity=activity, actor=staff_user,
                                             opinion_file=upload("意见.pdf", b"not a pdf at all")), "opinion_file")


def test_a_held_activity_cannot_be_moved_into_the_future(staff_user):
    refused(lambda: services.activity_update(activity=ActivityFactory(), actor=staff_user, start_date=NEXT_WEEK,
                                             end_date=NEXT_WEEK), "start_date", "future")


def test_an_activity_with_votes_stays_an_evaluation_or_a_report(staff_user):
    vote = SatisfactionVoteFactory()
    refused(lambda: services.activity_update(activity=vote.activity, actor=staff_user, kind=K.INSPECTION), "kind")
    services.activity_update(activity=vote.activity, actor=staff_user, kind=K.REPORT)


# --- holding ------------------------------------------------------------------------------------

def test_a_planned_activity_is_held_with_its_actual_dates_record_and_people(staff_user, media):
    planned, came, absent = DeputyFactory(), DeputyFactory(), DeputyFactory()
    activity = PlannedActivityFactory(start_date=datetime.date(2026, 5, 20), participants=[planned, absent])
    hold(activity, staff_user, start_date=datetime.date(2026, 5, 21), end_date=datetime.date(2026, 5, 22),
         findings="两处问题", opinion_text="审议意见", opinion_file=upload(),
         opinion_sent_on=datetime.date(2026, 5, 25), participants=[planned, came])
    activity.refresh_from_db()
    assert activity.status == A.HELD
    assert (activity.start_date, activity.end_date) == (datetime.date(2026, 5, 21), datetime.date(2026, 5, 22))
    assert activity.findings == "两处问题" and activity.opinion_file
    assert set(activity.participants.all()) == {planned, came}


@pytest.mark.parametrize("status", [A.HELD, A.CANCELLED])
def test_only_a_planned_activity_can_be_held(staff_user, status):
    activity = ActivityFactory(status=status)
    refused(lambda: hold(activity, staff_user), None, "only a planned activity")


def test_an_activity_cannot_be_held_before_it_begins(staff_user):
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    refused(lambda: hold(activity, staff_user), "start_date", "not begun")
    tomorrow = TODAY + datetime.timedelta(days=1)
    refused(lambda: hold(activity, staff_user, start_date=tomorrow, end_date=tomorrow), "start_date")
    assert Activity.objects.get(pk=activity.pk).status == A.PLANNED


def test_an_activity_planned_ahead_is_held_on_the_day_it_actually_began(staff_user):
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    hold(activity, staff_user, start_date=TODAY, end_date=TODAY)
    assert Activity.objects.get(pk=activity.pk).status == A.HELD


def test_holding_says_what_was_done(staff_user):
    refused(lambda: hold(PlannedActivityFactory(), staff_user, summary="  "), "summary")


def test_holding_checks_the_dates_and_the_opinions_day(staff_user):
    activity = PlannedActivityFactory()
    refused(lambda: hold(activity, staff_user, end_date=ACTIVITY_DAY - datetime.timedelta(days=1)), "end_date")
    refused(lambda: hold(activity, staff_user, opinion_sent_on=ACTIVITY_DAY - datetime.timedelta(days=1)),
            "opinion_sent_on")
    refused(lambda: hold(activity, staff_user, opinion_sent_on=TODAY + datetime.timedelta(days=1)), "opinion_sent_on")


def test_holding_checks_the_opinion_document(staff_user, media):
    refused(lambda: hold(PlannedActivityFactory(), staff_user, opinion_file=upload("意见.exe", b"MZ")),
            "opinion_file", "cannot be used")


def test_a_presidium_member_holds_only_the_activities_they_lead():
    user, deputy = member_account()
    refused(lambda: hold(PlannedActivityFactory(leader=presidium_deputy()), user), None, "Only the office")
    own = PlannedActivityFactory(leader=deputy)
    hold(own, user)
    assert Activity.objects.get(pk=own.pk).status == A.HELD


def test_holding_checks_the_participants_on_the_actual_day(staff_user):
    refused(lambda: hold(PlannedActivityFactory(), staff_user, participants=[DeputyFactory(in_office=False)]),
            "participants")


# --- cancelling ---------------------------------------------------------------------------------

def test_cancelling_needs_a_reason(staff_user):
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    refused(lambda: services.activity_cancel(activity=activity, actor=staff_user, reason="  "), "reason")


def test_a_planned_activity_is_cancelled_with_its_reason(staff_user):
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    services.activity_cancel(activity=activity, actor=staff_user, reason="汛期防汛任务重")
    activity.refresh_from_db()
    assert (activity.status, activity.cancel_reason) == (A.CANCELLED, "汛期防汛任务重")


@pytest.mark.parametrize("status", [A.HELD, A.CANCELLED])
def test_only_a_planned_activity_can_be_cancelled(staff_user, status):
    activity = ActivityFactory(status=status)
    refused(lambda: services.activity_cancel(activity=activity, actor=staff_user, reason="原因"), None, "only a planned")


def test_a_presidium_member_cancels_only_the_activities_they_lead():
    user, deputy = member_account()
    other = PlannedActivityFactory(start_date=NEXT_WEEK)
    refused(lambda: services.activity_cancel(activity=other, actor=user, reason="原因"), None, "Only the office")
    own = PlannedActivityFactory(leader=deputy, start_date=NEXT_WEEK)
    assert services.activity_cancel(activity=own, actor=user, reason="原因").status == A.CANCELLED


# --- notifications ------------------------------------------------------------------------------

def test_the_leader_and_the_participants_with_an_account_are_told_of_the_plan(staff_user):
    leader_user, leader = member_account()
    deputy_user, deputy = deputy_account()
    without_account = DeputyFactory()
    activity = plan(staff_user, leader=leader, participants=[deputy, without_account])
    notes = Notification.objects.filter(kind="supervision.activity_planned")
    assert {note.recipient for note in notes} == {leader_user, deputy_user}
    assert all(note.link == f"/supervision/activities/{activity.pk}/" for note in notes)
    assert activity.topic in notes.first().subject


def test_the_presidium_member_who_plans_is_not_told_of_their_own_plan():
    user, deputy = member_account()
    deputy_user, participant = deputy_account()
    plan(user, leader=deputy, participants=[participant])
    assert list(Notification.objects.values_list("recipient", flat=True)) == [deputy_user.pk]


def test_only_those_newly_planned_with_an_activity_are_told(staff_user):
    first_user, first = deputy_account()
    second_user, second = deputy_account()
    activity = plan(staff_user, participants=[first])
    services.activity_update(activity=activity, actor=staff_user, participants=[first, second])
    assert Notification.objects.filter(recipient=first_user).count() == 1
    assert Notification.objects.filter(recipient=second_user).count() == 1


def test_those_planned_with_a_cancelled_activity_are_told_why(staff_user):
    leader_user, leader = member_account()
    deputy_user, deputy = deputy_account()
    activity = plan(staff_user, leader=leader, participants=[deputy])
    services.activity_cancel(activity=activity, actor=staff_user, reason="汛期防汛任务重")
    notes = Notification.objects.filter(kind="supervision.activity_cancelled")
    assert {note.recipient for note in notes} == {leader_user, deputy_user}
    assert "汛期防汛任务重" in notes.first().body


def test_an_inactive_account_is_not_told(staff_user):
    deputy_user, deputy = deputy_account()
    deputy_user.is_active = False
    deputy_user.save()
    plan(staff_user, participants=[deputy])
    assert not Notification.objects.exists()

