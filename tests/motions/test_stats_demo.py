"""The demo year of suggestions: every state of the workflow, numbers in order, lawful due dates,
a timeline for every step, the yellow and red items of 24 November 2026, and safe to build twice."""
import datetime
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from motions import rules, workflow
from motions.models import Assignment, CoSigner, Event, NumberSequence, Rating, Reply, Suggestion
from motions.selectors.statistics import suggestion_statistics

pytestmark = pytest.mark.django_db

S = Suggestion.Status
DEMO_TODAY = datetime.date(2026, 11, 24)


def seed_all():
    from congress import demo as congress_demo
    from core import demo as core_demo
    from deputies import demo as deputies_demo
    from motions import demo as motions_demo

    out = io.StringIO()
    for module in (core_demo, deputies_demo, congress_demo, motions_demo):
        module.seed(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module (it takes a moment), and dropped afterwards."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            seed_all()
            yield
            transaction.set_rollback(True)


def test_the_demo_builds_twice_alike(demo):
    from core.models import Notification

    models = (Suggestion, Event, Assignment, Reply, Rating, CoSigner, Notification)
    counts = [model.objects.count() for model in models]
    assert "Suggestions: 0 added; 27 in 2026, 5 in 2025." in seed_all()
    assert [model.objects.count() for model in models] == counts


def test_2026_holds_24_items_from_deputies_two_from_voters_and_a_letter_in_every_state(demo):
    items = Suggestion.objects.filter(year=2026)
    assert Counter(items.values_list("source", flat=True)) == {"deputy": 24, "reception": 2, "letter_visit": 1}
    assert set(items.values_list("status", flat=True)) == set(S.values)
    assert items.filter(kind=Suggestion.Kind.MOTION).count() == 2
    five = items.get(kind=Suggestion.Kind.MOTION, tabled_by=Suggestion.TabledBy.DEPUTIES)
    assert five.cosigners.filter(status=CoSigner.Status.CONFIRMED).count() + 1 == 5
    assert items.filter(source="reception", reception_matter__isnull=False).count() == 2
    assert items.filter(is_published=True).count() == 7
    assert items.filter(session__number=5).count() == 4 and items.filter(session__number=6).count() == 4


def test_every_item_was_submitted_between_january_and_october(demo):
    months = {timezone.localtime(moment).month
              for moment in Suggestion.objects.exclude(status=S.DRAFT).values_list("submitted_at", flat=True)}
    assert min(months) >= 1 and max(months) <= 10


def test_numbers_run_from_001_in_the_order_of_acceptance_and_the_sequence_continues(demo):
    for year, last in ((2026, 21), (2025, 5)):
        accepted = list(Suggestion.objects.filter(year=year, number__isnull=False).order_by("number"))
        assert [item.number for item in accepted] == list(range(1, last + 1))
        days = [Event.objects.get(suggestion=item, action=workflow.Action.ACCEPT).at for item in accepted]
        assert days == sorted(days)
        assert NumberSequence.objects.get(year=year).last_number == last
    assert Suggestion.objects.get(year=2026, number=8).reference == "2026-008"


def test_due_dates_follow_the_rules_and_the_chase_sees_yellow_and_red(demo):
    for assignment in Assignment.objects.filter(role=Assignment.Role.LEAD, suggestion__status=S.ASSIGNED):
        item = assignment.suggestion
        assert assignment.due_date == item.due_date == rules.answer_due_date(
            assignment.assigned_at, complex_item=item.is_complex)
    open_items = Suggestion.objects.filter(status__in=workflow.IN_HANDLING)
    days_left = sorted((item.due_date - DEMO_TODAY).days for item in open_items)
    assert any(0 <= days <= 7 for days in days_left), days_left  # yellow
    assert sum(days < 0 for days in days_left) >= 2, days_left  # red
    assert Assignment.objects.filter(status=Assignment.Status.ASSIGNED, role=Assignment.Role.LEAD).count() == 2
    key = Suggestion.objects.get(is_key=True, status=S.ASSIGNED)
    assert key.due_date < DEMO_TODAY and key.key_leader.name == "李秀英"


def test_every_status_move_is_in_the_timeline_in_order(demo):
    for item in Suggestion.objects.exclude(status=S.DRAFT):
        moves = list(Event.objects.filter(suggestion=item).exclude(to_status="").order_by("at", "pk"))
        assert moves[0].from_status == S.DRAFT and moves[-1].to_status == item.status, item
        for before, after in zip(moves, moves[1:]):
            assert before.to_status == after.from_status, item
            assert before.at <= after.at
        for move in moves:
            assert workflow.TRANSITIONS[(move.from_status, move.action)] == move.to_status


def test_the_demo_deputy_sees_items_in_several_states_and_one_reply_to_rate(demo):
    from deputies.models import Deputy

    zhang = Deputy.objects.get(user__username="deputy")
    states = set(Suggestion.objects.filter(proposer=zhang).values_list("status", flat=True))
    assert {S.DRAFT, S.SUBMITTED, S.REPLIED, S.CLOSED} <= states
    to_rate = Suggestion.objects.get(proposer=zhang, status=S.REPLIED)
    assert to_rate.replies.get().assignment.unit.name == "财政所"
    assert CoSigner.objects.filter(deputy=zhang, status=CoSigner.Status.CONFIRMED).exists()


def test_the_finance_office_officer_has_items_to_acknowledge_and_to_handle(demo):
    finance = Assignment.objects.filter(unit__name="财政所", role=Assignment.Role.LEAD)
    assert finance.filter(status=Assignment.Status.ASSIGNED).exists()
    assert finance.filter(status=Assignment.Status.ACKNOWLEDGED).exists()
    assert Event.objects.filter(actor__username="czs", action=workflow.Action.REPLY).exists()


def test_a_class_b_promise_is_still_open_and_one_item_was_handled_twice(demo):
    open_promise = Reply.objects.get(result_class__code="B", promise_kept_on__isnull=True)
    assert open_promise.suggestion.status == S.CLOSED and open_promise.promised_date > DEMO_TODAY
    twice = Suggestion.objects.get(replies__round=2)
    assert twice.status == S.CLOSED
    assert list(twice.replies.values_list("rating__satisfaction", flat=True)) == ["unsatisfied", "satisfied"]
    assert Suggestion.objects.get(status=S.REHANDLING).due_date == datetime.date(2026, 11, 30)


def test_the_demo_years_figures(demo):
    year = suggestion_statistics(year=2026).overall
    assert (year.received, year.accepted, year.assigned, year.replied, year.closed) == (26, 21, 20, 11, 9)
    assert (year.awaiting_review, year.returned, year.not_accepted, year.merged) == (2, 1, 1, 1)
    assert (year.replied_on_time, year.replied_late, year.promises_open) == (9, 2, 1)
    assert (year.reply_rate, year.satisfaction_rate) == (Decimal("55.0"), Decimal("88.9"))
    older = suggestion_statistics(year=2025).overall
    assert (older.received, older.closed, older.reply_rate, older.satisfaction_rate) == (
        5, 5, Decimal("100.0"), Decimal("100.0"))


def test_the_demo_accounts_find_their_next_step_in_the_inbox(demo):
    from core.models import Notification

    def kinds(username):
        return Counter(Notification.objects.filter(recipient__username=username, kind__startswith="motions.")
                       .values_list("kind", flat=True))

    assert kinds("deputy") == {"motions.reply": 1}
    assert kinds("czs") == {"motions.assign": 1}
    assert kinds("staff") == {"motions.submitted": 2}
    [to_rate] = Notification.objects.filter(recipient__username="deputy", kind="motions.reply")
    item = Suggestion.objects.get(proposer__user__username="deputy", status=S.REPLIED)
    assert to_rate.link.endswith(f"/{item.pk}/") and item.title in to_rate.subject
