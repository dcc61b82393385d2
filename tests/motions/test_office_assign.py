"""Assignment with lawful due dates (SPEC §4 point 3, Deputies Law Art. 51), extensions, key
items, publishing and the office's closing of an item left unrated."""
import datetime

import pytest

from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from core.services import holidays_load_from_package
from motions.models import Assignment, Event, HandlingRules, Suggestion
from motions.services.review import (
    due_extend,
    key_mark,
    key_unmark,
    office_close,
    suggestion_assign,
    suggestion_publish,
    suggestion_unpublish,
)
from tests.factories import DeputyFactory, HandlingUnitFactory, TermFactory, user_with_role
from tests.motions.factories import AssignmentFactory, CoSignerFactory, ReplyFactory, SuggestionFactory
from tests.motions.factories_office import (  # noqa: F401
    TODAY,
    PresidiumMembershipFactory,
    accepted,
    english_messages,
    fix_today,
    fixed_today,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]

S = Suggestion.Status
D = datetime.date


@pytest.fixture
def units():
    return HandlingUnitFactory(name="农业农村综合服务中心"), HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="青山村村委会")


def assign(item, units, actor, **kwargs):
    lead, *co = units
    return suggestion_assign(suggestion=item, lead_unit=lead, co_units=co, actor=actor, **kwargs)


# --- due dates ----------------------------------------------------------------------------------

def test_an_item_is_due_three_calendar_months_after_assignment(staff_user, units):
    item = assign(accepted(1), units[:1], staff_user)
    assert (item.status, item.assigned_at, item.due_date) == (S.ASSIGNED, TODAY, D(2026, 6, 16))


def test_a_complex_item_is_due_six_months_after_assignment(staff_user, units):
    item = assign(accepted(1), units[:1], staff_user, is_complex=True)
    assert item.due_date == D(2026, 9, 16) and item.is_complex


def test_an_item_accepted_as_complex_keeps_six_months_unless_the_office_says_otherwise(staff_user, units):
    assert assign(accepted(1, is_complex=True), units[:1], staff_user).due_date == D(2026, 9, 16)
    assert assign(accepted(2, is_complex=True), units[:1], staff_user, is_complex=False).due_date == D(2026, 6, 16)


def test_a_period_ending_on_a_missing_day_ends_on_the_months_last_day(staff_user, units, monkeypatch):
    fix_today(monkeypatch, D(2026, 11, 30))
    assert assign(accepted(1), units[:1], staff_user).due_date == D(2027, 2, 28)
    assert assign(accepted(2), units[:1], staff_user, assigned_on=D(2026, 3, 31)).due_date == D(2026, 6, 30)


def test_the_working_days_rule_skips_the_spring_festival_and_counts_the_worked_weekends(staff_user, units, monkeypatch):
    """2026: 15–23 February off; Saturdays 14 and 28 February worked (调休)."""
    holidays_load_from_package(from_year=2026, to_year=2026)
    rules = HandlingRules.current()
    rules.due_rule, rules.working_days_normal, rules.working_days_complex = HandlingRules.DueRule.WORKING_DAYS, 10, 20
    rules.save()
    fix_today(monkeypatch, D(2026, 2, 12))  # a Thursday
    early = {"submitted_at": datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.timezone.utc)}
    # 13 Feb (Fri), 14 (worked Sat), 24, 25, 26, 27, 28 (worked Sat), 2 Mar, 3, 4 → the 10th working day.
    assert assign(accepted(1, **early), units[:1], staff_user).due_date == D(2026, 3, 4)
    assert assign(accepted(2, **early), units[:1], staff_user, is_complex=True).due_date == D(2026, 3, 18)


def test_a_past_assignment_day_counts_from_that_day(staff_user, units):
    item = assign(accepted(1), units[:1], staff_user, assigned_on=D(2026, 3, 5))
    assert (item.assigned_at, item.due_date) == (D(2026, 3, 5), D(2026, 6, 5))


def test_the_assignment_day_cannot_be_in_the_future_or_before_submission(staff_user, units):
    with pytest.raises(ApplicationError) as future:
        assign(accepted(1), units[:1], staff_user, assigned_on=D(2026, 3, 17))
    with pytest.raises(ApplicationError) as early:
        assign(accepted(2), units[:1], staff_user, assigned_on=D(2026, 3, 1))
    assert future.value.field == early.value.field == "assigned_on"


# --- assignments --------------------------------------------------------------------------------

def test_assigning_creates_one_lead_and_the_co_units_with_their_due_dates(staff_user, units):
    item = assign(accepted(1), units, staff_user)
    rows = {a.unit.name: (a.role, a.status, a.assigned_at, a.due_date) for a in item.assignments.select_related("unit")}
    assert rows == {
        "农业农村综合服务中心": ("lead", "assigned", TODAY, D(2026, 6, 16)),
        # co-units send their opinion to the lead unit within one month
        "财政所": ("co", "assigned", TODAY, D(2026, 4, 16)),
        "青山村村委会": ("co", "assigned", TODAY, D(2026, 4, 16)),
    }


def test_assigning_is_recorded_with_the_units_and_the_due_date(staff_user, units):
    item = assign(accepted(1), units, staff_user)
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.from_status, event.to_status) == ("assign", S.ACCEPTED, S.ASSIGNED)
    assert "农业农村综合服务中心" in event.comment and "财政所" in event.comment and "2026-06-16" in event.comment


def test_assigning_tells_each_units_officers_and_the_proposer(staff_user, units):
    lead_officer = user_with_role(Role.UNIT_OFFICER, handling_unit=units[0])
    co_officer = user_with_role(Role.UNIT_OFFICER, handling_unit=units[1])
    user_with_role(Role.UNIT_OFFICER, handling_unit=units[1], is_active=False)
    proposer_user = user_with_role(Role.DEPUTY)
    item = assign(accepted(1, proposer=DeputyFactory(user=proposer_user)), units[:2], staff_user)
    lead_notice = Notification.objects.get(recipient=lead_officer)
    assert lead_notice.kind == "motions.assigned" and "2026-001" in lead_notice.subject
    assert "2026-06-16" in lead_notice.body
    assert "2026-04-16" in Notification.objects.get(recipient=co_officer).body
    assert Notification.objects.get(recipient=proposer_user).kind == "motions.assigned"
    assert Notification.objects.filter(kind="motions.assigned").count() == 3
    assert item.status == S.ASSIGNED


def test_the_lead_unit_cannot_also_be_a_co_unit(staff_user, units):
    item = accepted(1)
    with pytest.raises(ApplicationError) as refused:
        suggestion_assign(suggestion=item, lead_unit=units[0], co_units=[units[0]], actor=staff_user)
    assert refused.value.field == "co_units"
    assert not Assignment.objects.exists()


def test_an_inactive_unit_cannot_be_assigned(staff_user):
    closed = HandlingUnitFactory(name="已撤并单位", active=False)
    with pytest.raises(ApplicationError):
        suggestion_assign(suggestion=accepted(1), lead_unit=closed, co_units=[], actor=staff_user)


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ASSIGNED, S.REPLIED, S.CLOSED])
def test_only_an_accepted_item_is_assigned(staff_user, units, status):
    with pytest.raises(ApplicationError):
        assign(SuggestionFactory(status=status, number=1), units[:1], staff_user)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("role", [Role.PRESIDIUM_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_the_office_assigns(units, role):
    with pytest.raises(ApplicationError):
        assign(accepted(1), units[:1], user_with_role(role))


def test_an_item_a_lead_unit_returned_is_assigned_again_to_a_new_set_of_units(staff_user, units):
    wrong, right, village = units
    item = AssignmentFactory(unit=wrong, suggestion=accepted(1), status=Assignment.Status.RETURNED,
                             assigned_at=D(2026, 3, 2), due_date=D(2026, 6, 2)).suggestion
    stays = AssignmentFactory(suggestion=item, unit=village, role=Assignment.Role.CO, assigned_at=D(2026, 3, 2),
                              due_date=D(2026, 4, 2), status=Assignment.Status.OPINION_SENT)
    dropped = AssignmentFactory(suggestion=item, unit=HandlingUnitFactory(name="党政综合办公室"), role=Assignment.Role.CO,
                                assigned_at=D(2026, 3, 2), due_date=D(2026, 4, 2))

    item = suggestion_assign(suggestion=item, lead_unit=right, co_units=[village], actor=staff_user)

    live = item.assignments.exclude(status=Assignment.Status.RETURNED)
    assert {(a.unit_id, a.role) for a in live} == {(right.pk, "lead"), (village.pk, "co")}
    stays.refresh_from_db()
    assert stays.status == Assignment.Status.OPINION_SENT  # its opinion is kept
    dropped.refresh_from_db()
    assert dropped.status == Assignment.Status.RETURNED and dropped.return_reason
    assert item.due_date == D(2026, 6, 16)


# --- extending the due date ---------------------------------------------------------------------

@pytest.fixture
def handled(staff_user, units):
    return assign(accepted(1), units[:2], staff_user)


def test_extending_moves_the_item_and_its_lead_units_due_date_and_keeps_the_reason(staff_user, handled):
    officer = user_with_role(Role.UNIT_OFFICER, handling_unit=handled.assignments.get(role="lead").unit)
    item = due_extend(suggestion=handled, new_due_date=D(2026, 7, 31), reason="需待县级资金下达", actor=staff_user)
    assert item.due_date == D(2026, 7, 31)
    assert handled.assignments.get(role="lead").due_date == D(2026, 7, 31)
    assert handled.assignments.get(role="co").due_date == D(2026, 4, 16)
    event = Event.objects.filter(suggestion=handled).latest("pk")
    assert event.action == "extend_due" and event.to_status == ""
    assert event.comment == "From 2026-06-16 to 2026-07-31: 需待县级资金下达"
    assert Notification.objects.get(recipient=officer, kind="motions.due_extended")


def test_an_extension_needs_a_reason_and_a_later_date(staff_user, handled):
    with pytest.raises(ApplicationError) as no_reason:
        due_extend(suggestion=handled, new_due_date=D(2026, 7, 31), reason=" ", actor=staff_user)
    with pytest.raises(ApplicationError) as earlier:
        due_extend(suggestion=handled, new_due_date=D(2026, 6, 16), reason="提前", actor=staff_user)
    assert (no_reason.value.field, earlier.value.field) == ("reason", "new_due_date")
    handled.refresh_from_db()
    assert handled.due_date == D(2026, 6, 16)


def test_only_an_item_in_handling_can_be_extended(staff_user):
    with pytest.raises(ApplicationError):
        due_extend(suggestion=accepted(1), new_due_date=D(2026, 12, 31), reason="延期", actor=staff_user)


def test_a_presidium_member_cannot_extend(presidium_member, handled):
    with pytest.raises(ApplicationError):
        due_extend(suggestion=handled, new_due_date=D(2026, 7, 31), reason="延期", actor=presidium_member)


# --- key items ----------------------------------------------------------------------------------

@pytest.fixture
def member_deputy():
    leader_user = user_with_role(Role.PRESIDIUM_MEMBER)
    return PresidiumMembershipFactory(deputy=DeputyFactory(name="李秀英", user=leader_user)).deputy


def test_a_key_item_is_led_by_a_presidium_member_who_is_told(staff_user, handled, member_deputy):
    item = key_mark(suggestion=handled, leader=member_deputy, actor=staff_user)
    assert item.is_key and item.key_leader == member_deputy
    assert Event.objects.filter(suggestion=handled, action="mark_key", comment="Led by 李秀英").exists()
    assert Notification.objects.get(recipient=member_deputy.user).kind == "motions.key_leader"


def test_a_deputy_outside_the_presidium_cannot_lead_a_key_item(staff_user, handled):
    with pytest.raises(ApplicationError) as refused:
        key_mark(suggestion=handled, leader=DeputyFactory(), actor=staff_user)
    assert refused.value.field == "leader"


def test_a_member_who_has_left_the_presidium_cannot_lead_a_key_item(staff_user, handled):
    left = PresidiumMembershipFactory(until=D(2026, 1, 31)).deputy
    with pytest.raises(ApplicationError):
        key_mark(suggestion=handled, leader=left, actor=staff_user)


def test_a_member_of_another_terms_presidium_cannot_lead_a_key_item(staff_user, handled):
    old_term = TermFactory(number=10, start_date=D(2016, 11, 20), end_date=D(2021, 11, 25))
    with pytest.raises(ApplicationError):
        key_mark(suggestion=handled, leader=PresidiumMembershipFactory(term=old_term).deputy, actor=staff_user)


@pytest.mark.parametrize("status", [S.SUBMITTED, S.CLOSED, S.MERGED, S.NOT_ACCEPTED])
def test_only_an_accepted_open_item_becomes_a_key_item(staff_user, member_deputy, status):
    with pytest.raises(ApplicationError):
        key_mark(suggestion=SuggestionFactory(status=status), leader=member_deputy, actor=staff_user)


def test_a_key_item_can_be_unmarked_and_the_step_is_recorded(staff_user, handled, member_deputy):
    key_mark(suggestion=handled, leader=member_deputy, actor=staff_user)
    item = key_unmark(suggestion=handled, actor=staff_user)
    assert not item.is_key and item.key_leader is None
    assert "李秀英" in Event.objects.filter(suggestion=handled).latest("pk").comment
    with pytest.raises(ApplicationError):
        key_unmark(suggestion=handled, actor=staff_user)


def test_a_presidium_member_cannot_mark_key_items(presidium_member, handled, member_deputy):
    with pytest.raises(ApplicationError):
        key_mark(suggestion=handled, leader=member_deputy, actor=presidium_member)


# --- publishing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [S.REPLIED, S.CLOSED])
def test_a_replied_or_closed_item_can_be_published_and_withdrawn(staff_user, status):
    item = SuggestionFactory(status=status, number=1)
    assert suggestion_publish(suggestion=item, actor=staff_user).is_published
    assert not suggestion_unpublish(suggestion=item, actor=staff_user).is_published
    assert list(Event.objects.filter(suggestion=item).values_list("action", flat=True)) == ["publish", "unpublish"]


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING, S.NOT_ACCEPTED])
def test_an_item_not_yet_answered_cannot_be_published(staff_user, status):
    with pytest.raises(ApplicationError):
        suggestion_publish(suggestion=SuggestionFactory(status=status), actor=staff_user)


def test_publishing_twice_or_withdrawing_an_unpublished_item_is_refused(staff_user):
    item = SuggestionFactory(status=S.CLOSED, number=1)
    with pytest.raises(ApplicationError):
        suggestion_unpublish(suggestion=item, actor=staff_user)
    suggestion_publish(suggestion=item, actor=staff_user)
    with pytest.raises(ApplicationError):
        suggestion_publish(suggestion=item, actor=staff_user)


def test_a_presidium_member_cannot_publish(presidium_member):
    with pytest.raises(ApplicationError):
        suggestion_publish(suggestion=SuggestionFactory(status=S.CLOSED), actor=presidium_member)


# --- closing an item left unrated ---------------------------------------------------------------

def replied(replied_on, **fields):
    reply = ReplyFactory(assignment__suggestion__status=S.REPLIED, assignment__suggestion__number=1,
                         replied_on=replied_on, **fields)
    return reply.suggestion


def test_the_office_closes_a_reply_left_unrated_for_thirty_days_with_a_reason(staff_user):
    deputy_user = user_with_role(Role.DEPUTY)
    item = replied(D(2026, 2, 14))
    item.proposer.user = deputy_user
    item.proposer.save()
    closed = office_close(suggestion=item, reason="多次电话联系代表未评价", actor=staff_user)
    assert closed.status == S.CLOSED and closed.closed_at is not None
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.comment) == ("close", "多次电话联系代表未评价")
    assert Notification.objects.get(recipient=deputy_user).kind == "motions.closed"


def test_the_deputy_has_thirty_days_to_rate_before_the_office_may_close(staff_user):
    item = replied(D(2026, 2, 15))  # 30 days before 16 March would be 14 February
    with pytest.raises(ApplicationError, match="2026-03-17"):
        office_close(suggestion=item, reason="未评价", actor=staff_user)


def test_closing_needs_a_reason_and_a_replied_item(staff_user):
    with pytest.raises(ApplicationError):
        office_close(suggestion=replied(D(2026, 1, 5)), reason="", actor=staff_user)
    with pytest.raises(ApplicationError):
        office_close(suggestion=SuggestionFactory(status=S.ASSIGNED), reason="关闭", actor=staff_user)


def test_cosigners_hear_of_the_closing_too(staff_user):
    item = replied(D(2026, 1, 5))
    cosigner_user = user_with_role(Role.DEPUTY)
    CoSignerFactory(suggestion=item, deputy=DeputyFactory(user=cosigner_user), status="confirmed")
    office_close(suggestion=item, reason="代表未评价", actor=staff_user)
    assert Notification.objects.filter(recipient=cosigner_user, kind="motions.closed").exists()
