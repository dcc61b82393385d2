"""Satisfaction votes (满意度测评) at a work evaluation or a special report: the tallies, the result
computed by supervision.rules, and tallies over the ballots refused with a message (never a 500)."""
import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from supervision.models import Activity, SatisfactionVote
from supervision.selectors.activities import votes_with_rates
from supervision.services import activities as services
from tests.factories import HandlingUnitFactory
from tests.supervision.factories import ActivityFactory, PlannedActivityFactory, SatisfactionVoteFactory

from .test_activity_support import (  # noqa: F401 - fixtures
    ACTIVITY_DAY,
    TODAY,
    english_messages,
    member_account,
    presidium_deputy,
    today,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "english_messages")]

K = Activity.Kind
R = SatisfactionVote.Result


def evaluation(**fields):
    return ActivityFactory(kind=K.EVALUATION, **fields)


def record(activity, actor, **fields):
    values = {"held_on": ACTIVITY_DAY, "ballots": 30, "satisfied": 20, "basically_satisfied": 6, "unsatisfied": 3,
              "subject": "" if "unit" in fields else "镇政府工作"}
    values.update(fields)
    return services.vote_create(activity=activity, actor=actor, **values)


def refused(call, field=None, words=""):
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.field == field and words in caught.value.message
    return caught.value


def test_a_vote_on_a_unit_takes_the_units_name_and_a_computed_result(staff_user):
    unit = HandlingUnitFactory(name="财政所")
    vote = record(evaluation(), staff_user, unit=unit)
    vote.refresh_from_db()
    assert (vote.subject, vote.result, vote.recorded_by) == ("财政所", R.SATISFIED, staff_user)
    assert votes_with_rates([vote])[0].rate == Decimal("86.7")


def test_a_vote_on_a_special_report_names_what_was_evaluated(staff_user):
    activity = ActivityFactory(kind=K.REPORT)
    assert record(activity, staff_user, subject="镇政府关于财政预算执行情况的报告").unit is None
    refused(lambda: record(activity, staff_user, subject="  "), "subject")


def test_more_votes_than_ballots_are_refused_without_an_integrity_error(staff_user):
    error = refused(lambda: record(evaluation(), staff_user, ballots=20, satisfied=15, basically_satisfied=5,
                                   unsatisfied=1), "ballots", "21 votes are counted")
    assert "20 ballots" in error.message
    assert not SatisfactionVote.objects.exists()


def test_all_ballots_counted_is_fine(staff_user):
    assert record(evaluation(), staff_user, ballots=29).ballots == 29


def test_exactly_half_favourable_is_unsatisfied(staff_user):
    vote = record(evaluation(), staff_user, ballots=30, satisfied=10, basically_satisfied=5, unsatisfied=15)
    assert vote.result == R.UNSATISFIED
    assert votes_with_rates([vote])[0].rate == Decimal("50.0")


@pytest.mark.parametrize("field, value", [("ballots", 0), ("satisfied", -1), ("unsatisfied", 10000)])
def test_impossible_numbers_are_refused(staff_user, field, value):
    refused(lambda: record(evaluation(), staff_user, **{field: value}), field)


@pytest.mark.parametrize("kind", [K.INSPECTION, K.SURVEY, K.FOLLOW_UP, K.INQUIRY, K.LAW_ENFORCEMENT])
def test_votes_are_taken_at_evaluations_and_special_reports_only(staff_user, kind):
    activity = ActivityFactory(kind=kind, follows=ActivityFactory(start_date=datetime.date(2026, 1, 5))
                               if kind == K.FOLLOW_UP else None)
    refused(lambda: record(activity, staff_user), None, "work evaluation or a special work report")


def test_votes_are_recorded_once_the_activity_is_held(staff_user):
    refused(lambda: record(PlannedActivityFactory(kind=K.EVALUATION), staff_user), None, "as held")


def test_a_vote_is_not_dated_before_the_activity_nor_in_the_future(staff_user):
    activity = evaluation()
    refused(lambda: record(activity, staff_user, held_on=ACTIVITY_DAY - datetime.timedelta(days=1)), "held_on")
    refused(lambda: record(activity, staff_user, held_on=TODAY + datetime.timedelta(days=1)), "held_on")


def test_a_unit_is_voted_on_once_per_activity(staff_user):
    activity, unit = evaluation(), HandlingUnitFactory()
    record(activity, staff_user, unit=unit)
    refused(lambda: record(activity, staff_user, unit=unit), "unit", "already has a vote")
    record(evaluation(), staff_user, unit=unit)  # another activity is another vote


def test_editing_the_tallies_computes_the_result_again(staff_user):
    vote = SatisfactionVoteFactory()
    services.vote_update(vote=vote, actor=staff_user, satisfied=5, basically_satisfied=5, unsatisfied=20)
    assert SatisfactionVote.objects.get(pk=vote.pk).result == R.UNSATISFIED
    refused(lambda: services.vote_update(vote=vote, actor=staff_user, ballots=10), "ballots")
    assert SatisfactionVote.objects.get(pk=vote.pk).ballots == 30


def test_changing_the_unit_replaces_a_subject_that_was_the_old_units_name(staff_user):
    vote = SatisfactionVoteFactory(unit=HandlingUnitFactory(name="财政所"))
    services.vote_update(vote=vote, actor=staff_user, unit=HandlingUnitFactory(name="农业服务中心"), subject="财政所")
    assert SatisfactionVote.objects.get(pk=vote.pk).subject == "农业服务中心"


def test_a_vote_is_removed(staff_user):
    vote = SatisfactionVoteFactory()
    services.vote_delete(vote=vote, actor=staff_user)
    assert not SatisfactionVote.objects.exists()


def test_a_presidium_member_records_votes_only_at_the_activities_they_lead():
    user, deputy = member_account()
    refused(lambda: record(evaluation(leader=presidium_deputy()), user), None, "Only the office")
    assert record(evaluation(leader=deputy), user).recorded_by == user
    other_vote = SatisfactionVoteFactory()
    refused(lambda: services.vote_delete(vote=other_vote, actor=user), None, "Only the office")
