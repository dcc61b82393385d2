"""The rectification workflow as a table (supervision.workflow): every (status, action) pair is
walked through the services — an allowed move lands on the table's status and is recorded, a
forbidden one is refused and changes nothing — and every action is tried by every kind of person:
only the ACTORS entry's actor may make it (an officer of THE item's unit; the office). The pairs
come from workflow.Status × Action, so a status or an action added later cannot escape."""
import datetime
import itertools

import pytest
from django.forms.models import model_to_dict

from core.exceptions import ApplicationError
from supervision import workflow
from supervision.models import RectificationEvent, RectificationItem, RectificationReport
from supervision.services import rectification as services
from supervision.services.base import transition
from tests.supervision.test_rectification_setup import item_of, people, today  # noqa: F401

pytestmark = pytest.mark.django_db

R, A = RectificationItem.Status, workflow.Action
NEW_DEADLINE = datetime.date(2026, 9, 30)

# Each move through its service, with what it needs (a text, a reason, a later deadline).
SERVICES = {
    A.START: lambda item, actor: services.item_start(item=item, actor=actor),
    A.REPORT: lambda item, actor: services.item_report(item=item, text="已安排专人清运。", actor=actor),
    A.CLAIM_DONE: lambda item, actor: services.item_claim_done(item=item, text="已全部清运完毕。", actor=actor),
    A.VERIFY: lambda item, actor: services.item_verify(item=item, actor=actor),
    A.REJECT: lambda item, actor: services.item_reject(item=item, reason="仍有两处未清运。", actor=actor),
    A.EXTEND: lambda item, actor: services.item_extend(item=item, deadline=NEW_DEADLINE, reason="需跨季度施工。",
                                                       actor=actor),
    A.WITHDRAW: lambda item, actor: services.item_withdraw(item=item, reason="与第3项重复。", actor=actor),
}
# Steps of the timeline that are not moves between statuses.
NOT_MOVES = {A.CREATE, A.EDIT, A.REMIND}
MOVES = [action for action in A if action not in NOT_MOVES]
PAIRS = list(itertools.product(R.values, MOVES))
RIGHT_ACTOR = {workflow.Actor.UNIT: "officer", workflow.Actor.OFFICE: "staff"}
ACTOR_KINDS = ["officer", "other_officer", "staff", "chairman", "member", "deputy"]
MAY_ACT = {workflow.Actor.UNIT: {"officer"}, workflow.Actor.OFFICE: {"staff", "chairman"}}


def item_in(people, status):
    """An item of 财政所 in `status`, with the dates that status implies."""
    fields = {"status": status}
    if status in (R.RECTIFIED, R.VERIFIED):
        fields["rectified_on"] = datetime.date(2026, 5, 28)
    if status == R.VERIFIED:
        fields["verified_on"] = datetime.date(2026, 5, 30)
    return item_of(people, **fields)


def snapshot(item):
    item = RectificationItem.objects.get(pk=item.pk)
    return (model_to_dict(item), RectificationEvent.objects.filter(item=item).count(),
            RectificationReport.objects.filter(item=item).count())


def first_status_allowing(action):
    return next(status for (status, move) in workflow.TRANSITIONS if move == action)


# --- the table itself ----------------------------------------------------------------------------

def test_every_action_is_either_a_move_with_its_actor_and_service_or_a_plain_timeline_step():
    assert set(A) == set(workflow.ACTORS) | NOT_MOVES
    assert set(workflow.ACTORS) == {action for _status, action in workflow.TRANSITIONS} == set(SERVICES)
    assert workflow.NEEDS_REASON <= set(workflow.ACTORS)


def test_every_status_is_reachable_and_the_closed_ones_are_final():
    reached = {R.PENDING} | set(workflow.TRANSITIONS.values())
    assert reached == set(R.values)
    assert not workflow.allowed_actions(R.VERIFIED) and not workflow.allowed_actions(R.WITHDRAWN)
    assert workflow.OPEN_STATUSES == {R.PENDING, R.IN_PROGRESS, R.RECTIFIED}


def test_a_step_of_a_later_version_shows_as_it_is():
    assert workflow.label(A.VERIFY) == A.VERIFY.label
    assert workflow.label("escalate") == "escalate"


# --- every (status, action) pair through its service --------------------------------------------

@pytest.mark.parametrize(("status", "action"), PAIRS, ids=lambda v: str(v))
def test_every_status_and_action_pair_is_allowed_exactly_as_the_table_says(people, today, status, action):
    item = item_in(people, status)
    actor = people[RIGHT_ACTOR[workflow.ACTORS[action]]]
    if (status, action) in workflow.TRANSITIONS:
        moved = SERVICES[action](item, actor)
        assert moved.status == workflow.TRANSITIONS[(status, action)]
        item.refresh_from_db()
        assert item.status == moved.status
        event = RectificationEvent.objects.get(item=item, action=action)
        assert (event.from_status, event.to_status, event.actor) == (status, moved.status, actor)
    else:
        before = snapshot(item)
        with pytest.raises(ApplicationError):
            SERVICES[action](item, actor)
        assert snapshot(item) == before


# --- every action by every kind of person --------------------------------------------------------

@pytest.mark.parametrize(("action", "kind"), list(itertools.product(MOVES, ACTOR_KINDS)), ids=lambda v: str(v))
def test_only_the_actor_the_table_names_may_make_each_move(people, today, action, kind):
    item = item_in(people, first_status_allowing(action))
    before = snapshot(item)
    if kind in MAY_ACT[workflow.ACTORS[action]]:
        assert SERVICES[action](item, people[kind]).status == workflow.TRANSITIONS[(before[0]["status"], action)]
    else:
        with pytest.raises(ApplicationError):
            SERVICES[action](item, people[kind])
        assert snapshot(item) == before


def test_an_officer_whose_unit_lost_the_item_a_moment_ago_may_no_longer_act(people, today):
    item = item_in(people, R.PENDING)
    RectificationItem.objects.filter(pk=item.pk).update(unit=people["other_unit"])
    with pytest.raises(ApplicationError):
        services.item_start(item=item, actor=people["officer"])  # the page still showed 财政所
    assert RectificationItem.objects.get(pk=item.pk).status == R.PENDING


# --- reasons --------------------------------------------------------------------------------------

WITHOUT_REASON = {
    A.REJECT: lambda item, actor: services.item_reject(item=item, reason="  ", actor=actor),
    A.EXTEND: lambda item, actor: services.item_extend(item=item, deadline=NEW_DEADLINE, reason="", actor=actor),
    A.WITHDRAW: lambda item, actor: services.item_withdraw(item=item, reason="\n", actor=actor),
}


def test_the_moves_that_need_a_reason_are_the_table_s():
    assert set(WITHOUT_REASON) == set(workflow.NEEDS_REASON)


@pytest.mark.parametrize("action", sorted(workflow.NEEDS_REASON), ids=str)
def test_a_move_that_needs_a_reason_is_refused_without_one(people, today, action):
    item = item_in(people, first_status_allowing(action))
    before = snapshot(item)
    with pytest.raises(ApplicationError) as refused:
        WITHOUT_REASON[action](item, people["staff"])
    assert refused.value.field == "reason"
    assert snapshot(item) == before


# --- the one transition of services.base ---------------------------------------------------------

@pytest.mark.parametrize(("move", "target"), sorted(workflow.TRANSITIONS.items()), ids=str)
def test_the_base_transition_moves_and_records_every_allowed_move(people, move, target):
    status, action = move
    item = item_in(people, status)
    moved = transition(item=item, action=action, actor=people["staff"], comment="理由")
    assert moved.status == target
    event = RectificationEvent.objects.get(item=item)
    assert (event.from_status, event.to_status, event.comment) == (status, target, "理由")


def test_a_move_made_by_someone_else_a_moment_ago_is_refused(people, today):
    item = item_in(people, R.RECTIFIED)
    stale = RectificationItem.objects.get(pk=item.pk)
    services.item_verify(item=item, actor=people["staff"])
    with pytest.raises(ApplicationError):
        services.item_reject(item=stale, reason="未整改到位", actor=people["chairman"])
    assert RectificationItem.objects.get(pk=item.pk).status == R.VERIFIED
