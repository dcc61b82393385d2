"""seed_scale: the performance suite's data set (issue 9), at a small factor on the test database.

At factor 0.05 it adds 5 deputies, 50 suggestions, 100 reminders, 3 meetings (round half up),
5 supervision activities and 1 handling unit with its officer, on top of the demo township."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from congress.models import Attendance, Meeting
from core import scale
from core.models import HandlingUnit, Reminder, User
from deputies.models import Deputy, Mandate
from motions.models import Assignment, Rating, Reply, Suggestion
from motions.workflow import IN_HANDLING
from supervision.models import Activity, RectificationItem
from supervision.workflow import IN_HANDLING as FIX_IN_HANDLING

FACTOR = 0.05
S = Suggestion.Status
SCALE = "scale-"


def scale_counts():
    """The scale data set's records, per kind, found through its accounts."""
    return {
        "deputies": Deputy.objects.filter(user__username__startswith=SCALE).count(),
        "suggestions": Suggestion.objects.filter(created_by__username__startswith=SCALE).count(),
        "reminders": Reminder.objects.filter(
            Q(source="suggestion", item_id__in=Suggestion.objects.filter(created_by__username__startswith=SCALE)
              .values("pk"))
            | Q(source="rectification", item_id__in=RectificationItem.objects.filter(
                activity__created_by__username__startswith=SCALE).values("pk"))).count(),
        "meetings": Meeting.objects.filter(notices__sent_by__username__startswith=SCALE).distinct().count(),
        "activities": Activity.objects.filter(created_by__username__startswith=SCALE).count(),
        "units": HandlingUnit.objects.filter(officers__username__startswith=SCALE).distinct().count(),
    }


EXPECTED = {"deputies": 5, "suggestions": 50, "reminders": 100, "meetings": 3, "activities": 5, "units": 1}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def scaled(demo):
    call_command("seed_scale", factor=FACTOR, stdout=open("/dev/null", "w"))


def test_counts_scale_with_the_factor(scaled):
    assert scale_counts() == EXPECTED


def test_counts_at_factor_one_are_the_base_counts():
    assert {name: scale.base.scaled(name, 1) for name in EXPECTED} == {
        "deputies": 100, "suggestions": 1000, "reminders": 2000, "meetings": 50, "activities": 100, "units": 1}
    assert scale.base.scaled("deputies", 100) == 10_000 and scale.base.scaled("units", 100) == 30


def test_works_without_the_demo(db):
    """The query-count tests call it on an empty test database."""
    call_command("seed_scale", factor=0.02, stdout=open("/dev/null", "w"))
    assert scale_counts() == {"deputies": 2, "suggestions": 20, "reminders": 40, "meetings": 1, "activities": 2,
                              "units": 1}


def test_every_suggestion_state_is_present(scaled):
    states = set(Suggestion.objects.filter(created_by__username__startswith=SCALE).values_list("status", flat=True))
    assert states == set(S.values)


def test_states_match_their_rows(scaled):
    items = Suggestion.objects.filter(created_by__username__startswith=SCALE)
    today = timezone.localdate()
    for item in items.prefetch_related("assignments", "replies__rating"):
        leads = [a for a in item.assignments.all() if a.role == Assignment.Role.LEAD]
        handled = item.status in (S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED)
        assert len(leads) == (1 if handled else 0), item.status
        assert (item.number is not None) == (item.status in (S.ACCEPTED, *([S.ASSIGNED, S.REPLIED, S.REHANDLING,
                                                                          S.CLOSED]))), item.status
        assert (item.submitted_at is None) == (item.status == S.DRAFT)
        replies = list(item.replies.all())
        if item.status in (S.REPLIED, S.CLOSED):
            assert replies and replies[-1].replied_on < today
        if item.status == S.REHANDLING:
            assert replies and replies[-1].rating.satisfaction == Rating.Satisfaction.UNSATISFIED
        if item.status == S.CLOSED:
            assert item.closed_at is not None
        if item.status == S.MERGED:
            assert item.merged_into_id is not None
        if handled:
            assert leads[0].assigned_at <= leads[0].due_date and item.assigned_at <= today


def test_some_items_are_overdue_today(scaled):
    today = timezone.localdate()
    assert Suggestion.objects.filter(created_by__username__startswith=SCALE, status__in=IN_HANDLING,
                                     due_date__lt=today).exists()
    assert RectificationItem.objects.filter(activity__created_by__username__startswith=SCALE,
                                            status__in=FIX_IN_HANDLING, deadline__lt=today).exists()
    assert RectificationItem.objects.filter(activity__created_by__username__startswith=SCALE,
                                            status=RectificationItem.Status.VERIFIED).exists()


def test_people_are_coherent(scaled):
    deputies = Deputy.objects.filter(user__username__startswith=SCALE)
    assert all(deputy.mandates.filter(level=Mandate.Level.TOWNSHIP).exists() for deputy in deputies)
    assert not User.objects.filter(username__startswith=SCALE, handling_unit=None, groups__name="unit_officer").exists()
    deputy = User.objects.get(username="scale-deputy-1")
    assert deputy.check_password("Demo-2026")
    held = Meeting.objects.filter(notices__sent_by__username__startswith=SCALE, status=Meeting.Status.HELD)
    assert Attendance.objects.filter(meeting__in=held).exists()
    # Every reminder lies in the past, so that the next chase neither skips nor repeats it.
    assert not Reminder.objects.filter(day__gte=timezone.localdate()).exists()


def test_pages_of_scale_records_open(scaled, client):
    client.force_login(User.objects.get(username="staff"))
    items = Suggestion.objects.filter(created_by__username__startswith=SCALE)
    meetings = Meeting.objects.filter(notices__sent_by__username__startswith=SCALE)
    activity = Activity.objects.filter(created_by__username__startswith=SCALE).first()
    fix = RectificationItem.objects.filter(activity__created_by__username__startswith=SCALE).first()
    deputy = Deputy.objects.filter(user__username__startswith=SCALE).first()
    urls = [reverse("motions:office_item_list"), reverse("motions:office_queue"), reverse("deputies:deputy_list"),
            reverse("deputies:deputy_detail", args=[deputy.pk]), reverse("congress:meeting_list"),
            reverse("supervision:activity_list"), reverse("supervision:activity_detail", args=[activity.pk]),
            reverse("supervision:item_list"), reverse("supervision:item_detail", args=[fix.pk]),
            reverse("motions:stats_overview"), reverse("chase_board"), reverse("dashboard")]
    # Not even the office reads a draft: its proposer does.
    urls += [reverse("motions:office_item", args=[items.filter(status=status).first().pk])
             for status in S.values if status != S.DRAFT]
    urls += [reverse("congress:meeting_detail", args=[meeting.pk]) for meeting in meetings]
    for url in urls:
        assert client.get(url).status_code == 200, url
    draft = items.filter(status=S.DRAFT).select_related("proposer__user").first()
    client.force_login(draft.proposer.user)
    for url in [reverse("motions:deputy_item", args=[draft.pk]), reverse("motions:deputy_list"), reverse("dashboard")]:
        assert client.get(url).status_code == 200, url


def test_refuses_to_run_twice_and_resets(scaled):
    before = scale_counts()
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", factor=FACTOR, stdout=open("/dev/null", "w"))
    assert scale_counts() == before
    call_command("seed_scale", factor=FACTOR, reset=True, stdout=open("/dev/null", "w"))
    assert scale_counts() == before == EXPECTED
    # The demo is untouched by the reset.
    assert Suggestion.objects.exclude(created_by__username__startswith=SCALE).filter(year=2026).count() == 27
    assert Reply.objects.filter(suggestion__created_by__username__startswith=SCALE).exists()


def test_same_seed_same_data(demo):
    call_command("seed_scale", factor=0.02, seed=7, stdout=open("/dev/null", "w"))
    first = list(Suggestion.objects.filter(created_by__username__startswith=SCALE).order_by("pk")
                 .values_list("title", "status", "year", "number"))
    call_command("seed_scale", factor=0.02, seed=7, reset=True, stdout=open("/dev/null", "w"))
    again = list(Suggestion.objects.filter(created_by__username__startswith=SCALE).order_by("pk")
                 .values_list("title", "status", "year", "number"))
    assert first == again
