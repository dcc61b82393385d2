"""The demo township's supervision: what the walkthrough relies on, told as the workflow would
have told it, and safe to build twice."""
import datetime
import io

import pytest

from core import chase
from supervision import chase as supervision_chase
from supervision import rules, workflow
from supervision.models import (
    Activity,
    RectificationEvent,
    RectificationItem,
    RectificationReport,
    ResearchReport,
    SatisfactionVote,
    Training,
)

pytestmark = pytest.mark.django_db

R = RectificationItem.Status
MODELS = (Activity, RectificationItem, RectificationEvent, RectificationReport, SatisfactionVote, Training,
          ResearchReport)


def seed_all():
    from congress import demo as congress_demo
    from core import demo as core_demo
    from deputies import demo as deputies_demo
    from supervision import demo as supervision_demo

    out = io.StringIO()
    for module in (core_demo, deputies_demo, congress_demo, supervision_demo):
        module.seed(out)
    return out.getvalue()


def test_the_demo_builds_twice_alike():
    seed_all()
    counts = [Model.objects.count() for Model in MODELS]
    seed_all()
    assert [Model.objects.count() for Model in MODELS] == counts
    assert counts[0] == 8 and counts[1] == 8


def test_the_year_holds_every_kind_of_activity_and_items_in_every_open_and_closed_state():
    seed_all()
    held = Activity.objects.filter(status=Activity.Status.HELD, start_date__year=2026)
    assert set(held.values_list("kind", flat=True)) == set(Activity.Kind.values)
    assert Activity.objects.filter(status=Activity.Status.PLANNED).exists()
    follow_up = Activity.objects.get(kind=Activity.Kind.FOLLOW_UP)
    assert follow_up.follows.kind == Activity.Kind.INSPECTION
    statuses = set(RectificationItem.objects.values_list("status", flat=True))
    assert statuses == {R.PENDING, R.IN_PROGRESS, R.RECTIFIED, R.VERIFIED}
    assert RectificationItem.objects.filter(original_deadline__isnull=False).count() == 1
    assert RectificationItem.objects.filter(unit__name="财政所", status__in=workflow.OPEN_STATUSES).exists()
    assert set(Training.objects.filter(status=Training.Status.HELD).values_list("kind", flat=True)) == set(
        Training.Kind.values)
    assert ResearchReport.objects.filter(activity__isnull=False).count() == 2


def test_every_timeline_follows_the_transitions_table_and_ends_in_the_items_status():
    seed_all()
    for item in RectificationItem.objects.prefetch_related("events"):
        status = R.PENDING
        for event in item.events.exclude(action__in=[workflow.Action.CREATE, workflow.Action.REMIND]):
            assert event.from_status == status, (item, event.action)
            assert workflow.can_transition(status, event.action), (item, event.action)
            status = workflow.next_status(status, event.action)
            assert event.to_status == status
        assert status == item.status, item
        if item.status == R.VERIFIED:
            assert item.verified_on and item.rectified_on and item.verified_by
        if item.status == R.RECTIFIED:
            assert item.rectified_on and item.reports.filter(is_completion=True).exists()


def test_votes_carry_the_result_of_the_rule_and_one_office_is_found_unsatisfied():
    seed_all()
    for vote in SatisfactionVote.objects.all():
        assert vote.result == rules.vote_result(ballots=vote.ballots, satisfied=vote.satisfied,
                                                basically_satisfied=vote.basically_satisfied,
                                                unsatisfied=vote.unsatisfied)
    assert SatisfactionVote.objects.filter(result=SatisfactionVote.Result.UNSATISFIED).count() == 1


def test_on_the_demo_day_the_chase_board_shows_red_yellow_and_green_rectification_items():
    seed_all()
    today = datetime.date(2026, 11, 24)
    items = supervision_chase.open_items()
    colours = {chase.colour(item, today) for item in items}
    assert colours == {chase.Colour.RED, chase.Colour.YELLOW, chase.Colour.GREEN}
