"""The office's review of submitted items (SPEC §4 point 2): accept with the year's next number,
return for revision, not accept with a reason, and merge duplicates into one."""
import pytest

from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from motions import workflow
from motions.models import Category, CoSigner, Event, NumberSequence, Suggestion
from motions.services.review import (
    number_take,
    suggestion_accept,
    suggestion_merge,
    suggestion_not_accept,
    suggestion_return,
)
from tests.factories import DeputyFactory, UserFactory, user_with_role
from tests.motions.factories import CoSignerFactory, SuggestionFactory
from tests.motions.factories_office import accepted, english_messages, fixed_today, submitted  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]

S = Suggestion.Status


# --- accepting and numbering --------------------------------------------------------------------

def test_accepting_gives_the_next_number_of_the_year_starting_at_one(staff_user):
    first, second, third = submitted(), submitted(), submitted()
    assert suggestion_accept(suggestion=first, actor=staff_user).reference == "2026-001"
    assert suggestion_accept(suggestion=second, actor=staff_user).reference == "2026-002"
    assert suggestion_accept(suggestion=third, actor=staff_user).reference == "2026-003"
    assert NumberSequence.objects.get(year=2026).last_number == 3


def test_each_year_is_numbered_from_one(staff_user):
    suggestion_accept(suggestion=submitted(year=2026), actor=staff_user)
    suggestion_accept(suggestion=submitted(year=2026), actor=staff_user)
    item_2025 = suggestion_accept(suggestion=submitted(year=2025), actor=staff_user)
    assert item_2025.reference == "2025-001"
    assert suggestion_accept(suggestion=submitted(year=2026), actor=staff_user).reference == "2026-003"


def test_numbering_continues_after_numbers_given_before_the_sequence_existed(staff_user):
    accepted(7)  # e.g. entered by an import
    assert suggestion_accept(suggestion=submitted(), actor=staff_user).number == 8


def test_a_number_is_never_given_twice_even_when_the_sequence_lags_behind(staff_user):
    NumberSequence.objects.create(year=2026, last_number=2)
    accepted(5)
    assert number_take(2026) == 6


def test_accepting_records_the_move_with_the_number_and_tells_the_proposer(staff_user):
    proposer_user = user_with_role(Role.DEPUTY)
    item = submitted(proposer=DeputyFactory(user=proposer_user))
    suggestion_accept(suggestion=item, actor=staff_user)
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.from_status, event.to_status) == ("accept", S.SUBMITTED, S.ACCEPTED)
    assert event.actor == staff_user
    assert "2026-001" in event.comment
    notice = Notification.objects.get(recipient=proposer_user)
    assert notice.kind == "motions.accepted" and "2026-001" in notice.subject


def test_accepting_sets_the_category_and_the_complex_flag(staff_user):
    other = Category.objects.get_or_create(name="城乡建设")[0]
    item = suggestion_accept(suggestion=submitted(), actor=staff_user, category=other, is_complex=True)
    item.refresh_from_db()
    assert item.category == other and item.is_complex


def test_an_item_without_a_category_needs_one_to_be_accepted(staff_user):
    item = submitted(category=None)
    with pytest.raises(ApplicationError) as refused:
        suggestion_accept(suggestion=item, actor=staff_user)
    assert refused.value.field == "category"
    item.refresh_from_db()
    assert item.status == S.SUBMITTED and item.number is None and not NumberSequence.objects.exists()


@pytest.mark.parametrize("status", [S.DRAFT, S.RETURNED, S.ACCEPTED, S.ASSIGNED, S.CLOSED, S.MERGED])
def test_only_a_submitted_item_can_be_accepted_and_no_number_is_used_up(staff_user, status):
    item = SuggestionFactory(status=status)
    with pytest.raises(ApplicationError):
        suggestion_accept(suggestion=item, actor=staff_user)
    assert not NumberSequence.objects.exists()


def test_the_chairman_may_accept(chairman):
    assert suggestion_accept(suggestion=submitted(), actor=chairman).number == 1


@pytest.mark.parametrize("role", [Role.PRESIDIUM_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_the_office_may_review(role):
    actor = user_with_role(role)
    item = submitted()
    for attempt in (lambda: suggestion_accept(suggestion=item, actor=actor),
                    lambda: suggestion_return(suggestion=item, reason="请补充", actor=actor),
                    lambda: suggestion_not_accept(suggestion=item, reason="不属于职权", actor=actor),
                    lambda: suggestion_merge(items=[submitted()], into=item, actor=actor)):
        with pytest.raises(ApplicationError, match="Only the presidium office"):
            attempt()
    item.refresh_from_db()
    assert item.status == S.SUBMITTED and not Event.objects.exists()


def test_an_inactive_staff_account_may_not_review():
    actor = UserFactory(roles=[Role.STAFF], is_active=False)
    with pytest.raises(ApplicationError):
        suggestion_accept(suggestion=submitted(), actor=actor)


# --- returning and not accepting ----------------------------------------------------------------

def test_returning_sends_the_item_back_with_the_reason_to_the_proposer(staff_user):
    proposer_user = user_with_role(Role.DEPUTY)
    item = submitted(proposer=DeputyFactory(user=proposer_user))
    suggestion_return(suggestion=item, reason="  请补充具体地点。 ", actor=staff_user)
    item.refresh_from_db()
    assert item.status == S.RETURNED
    assert Event.objects.get(suggestion=item).comment == "请补充具体地点。"
    assert Notification.objects.get(recipient=proposer_user).body == "请补充具体地点。"


def test_not_accepting_keeps_the_item_for_reference_with_the_reason(staff_user):
    item = submitted()
    suggestion_not_accept(suggestion=item, reason="属于县级事权，转为参考。", actor=staff_user)
    item.refresh_from_db()
    assert item.status == S.NOT_ACCEPTED and item.number is None
    assert Event.objects.get(suggestion=item).comment == "属于县级事权，转为参考。"


@pytest.mark.parametrize("service", [suggestion_return, suggestion_not_accept])
@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_and_not_accepting_need_a_reason(staff_user, service, reason):
    item = submitted()
    with pytest.raises(ApplicationError) as refused:
        service(suggestion=item, reason=reason, actor=staff_user)
    assert refused.value.field == "reason"
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_an_accepted_item_cannot_be_returned_any_more(staff_user):
    with pytest.raises(ApplicationError):
        suggestion_return(suggestion=accepted(1), reason="请修改", actor=staff_user)


# --- merging ------------------------------------------------------------------------------------

def test_merged_items_point_to_the_survivor_and_their_deputies_co_sign_it(staff_user):
    survivor = accepted(3, title="关于硬化青山村机耕道的建议")
    first = submitted(title="关于青山村机耕道硬化的建议")
    second = submitted(title="建议硬化青山村机耕道")
    confirmed = CoSignerFactory(suggestion=second, status=CoSigner.Status.CONFIRMED).deputy
    declined = CoSignerFactory(suggestion=second, status=CoSigner.Status.DECLINED).deputy

    suggestion_merge(items=[first, second], into=survivor, actor=staff_user)

    for item in (first, second):
        item.refresh_from_db()
        assert (item.status, item.merged_into) == (S.MERGED, survivor)
    cosigners = dict(CoSigner.objects.filter(suggestion=survivor).values_list("deputy", "status"))
    assert cosigners == {first.proposer_id: "confirmed", second.proposer_id: "confirmed", confirmed.pk: "confirmed"}
    assert declined.pk not in cosigners
    survivor.refresh_from_db()
    assert survivor.status == S.ACCEPTED and survivor.number == 3


def test_the_survivors_own_proposer_does_not_become_its_co_signer(staff_user):
    survivor = submitted()
    duplicate = submitted(proposer=survivor.proposer)
    suggestion_merge(items=[duplicate], into=survivor, actor=staff_user)
    assert not CoSigner.objects.filter(suggestion=survivor).exists()


def test_an_invited_co_signer_of_the_survivor_who_proposed_a_duplicate_becomes_confirmed(staff_user):
    survivor = submitted()
    duplicate = submitted()
    CoSignerFactory(suggestion=survivor, deputy=duplicate.proposer, status=CoSigner.Status.INVITED)
    suggestion_merge(items=[duplicate], into=survivor, actor=staff_user)
    assert CoSigner.objects.get(suggestion=survivor, deputy=duplicate.proposer).status == CoSigner.Status.CONFIRMED


def test_merging_is_recorded_on_both_sides_and_the_merged_proposers_are_told(staff_user):
    survivor = accepted(2, title="关于整治河道的建议")
    proposer_user = user_with_role(Role.DEPUTY)
    duplicate = submitted(title="关于河道整治的建议", proposer=DeputyFactory(user=proposer_user))
    suggestion_merge(items=[duplicate], into=survivor, actor=staff_user)
    moved = Event.objects.get(suggestion=duplicate)
    assert (moved.action, moved.to_status) == ("merge", S.MERGED) and "2026-002" in moved.comment
    kept = Event.objects.get(suggestion=survivor)
    assert kept.action == "merge" and kept.to_status == "" and "关于河道整治的建议" in kept.comment
    assert duplicate.proposer.name in kept.comment
    assert "2026-002" in Notification.objects.get(recipient=proposer_user, kind="motions.merged").subject


def test_an_accepted_item_can_be_merged_and_keeps_its_number(staff_user):
    survivor = accepted(1)
    duplicate = accepted(2)
    suggestion_merge(items=[duplicate], into=survivor, actor=staff_user)
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.number) == (S.MERGED, 2)


def test_items_cannot_be_merged_into_a_closed_or_merged_item(staff_user):
    for status in (S.CLOSED, S.MERGED, S.REPLIED, S.NOT_ACCEPTED):
        target = SuggestionFactory(status=status)
        with pytest.raises(ApplicationError) as refused:
            suggestion_merge(items=[submitted()], into=target, actor=staff_user)
        assert refused.value.field == "target"


def test_an_assigned_item_can_absorb_a_late_duplicate(staff_user):
    survivor = SuggestionFactory(status=S.ASSIGNED, number=1)
    duplicate = submitted()
    suggestion_merge(items=[duplicate], into=survivor, actor=staff_user)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor


def test_an_assigned_item_cannot_be_merged_away(staff_user):
    with pytest.raises(ApplicationError):
        suggestion_merge(items=[SuggestionFactory(status=S.ASSIGNED)], into=submitted(), actor=staff_user)


def test_a_motion_and_a_suggestion_do_not_merge_and_nothing_changes(staff_user):
    survivor = submitted()
    ok, motion = submitted(), submitted(kind=Suggestion.Kind.MOTION)
    with pytest.raises(ApplicationError):
        suggestion_merge(items=[ok, motion], into=survivor, actor=staff_user)
    assert set(Suggestion.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    assert not Event.objects.exists() and not CoSigner.objects.exists()


def test_an_item_with_others_merged_into_it_cannot_itself_be_merged(staff_user):
    middle = accepted(1)
    suggestion_merge(items=[submitted()], into=middle, actor=staff_user)
    with pytest.raises(ApplicationError):
        suggestion_merge(items=[middle], into=accepted(2), actor=staff_user)


def test_merging_needs_another_item(staff_user):
    item = submitted()
    with pytest.raises(ApplicationError):
        suggestion_merge(items=[item], into=item, actor=staff_user)
    with pytest.raises(ApplicationError):
        suggestion_merge(items=[], into=item, actor=staff_user)


def test_a_letter_without_a_proposing_deputy_merges_without_adding_a_co_signer(staff_user):
    survivor = submitted()
    letter = submitted(source=Suggestion.Source.LETTER_VISIT, proposer=None, petitioner="王大妈")
    suggestion_merge(items=[letter], into=survivor, actor=staff_user)
    letter.refresh_from_db()
    assert letter.status == S.MERGED and not CoSigner.objects.exists()


def test_every_review_move_goes_through_the_transitions_table():
    for action in ("accept", "return", "not_accept", "merge"):
        assert workflow.ACTORS[action] == workflow.Actor.OFFICE
