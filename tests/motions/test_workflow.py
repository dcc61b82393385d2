"""The transitions table: every allowed move succeeds and is recorded; every other move is refused."""
import itertools

import pytest

from core.exceptions import ApplicationError
from motions import workflow
from motions.models import Event, Suggestion
from motions.services.base import transition
from tests.factories import UserFactory
from tests.motions.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

S, A = Suggestion.Status, workflow.Action
ALLOWED = sorted(workflow.TRANSITIONS.items())
FORBIDDEN = [(status, action) for status, action in itertools.product(S.values, A.values)
             if (status, action) not in workflow.TRANSITIONS]


@pytest.mark.parametrize(("move", "target"), ALLOWED, ids=lambda v: str(v))
def test_an_allowed_move_changes_the_status_and_is_recorded(move, target):
    status, action = move
    item = SuggestionFactory(status=status)
    actor = UserFactory()
    moved = transition(suggestion=item, action=action, actor=actor, comment="理由")
    assert moved.status == target
    event = Event.objects.get(suggestion=item)
    assert (event.from_status, event.to_status, event.actor, event.comment) == (status, target, actor, "理由")


@pytest.mark.parametrize("move", FORBIDDEN, ids=lambda v: str(v))
def test_a_move_not_in_the_table_is_refused_and_nothing_changes(move):
    status, action = move
    item = SuggestionFactory(status=status)
    with pytest.raises(ApplicationError):
        transition(suggestion=item, action=action, actor=UserFactory())
    item.refresh_from_db()
    assert item.status == status and not Event.objects.exists()


def test_every_move_names_who_may_make_it():
    assert {action for _, action in workflow.TRANSITIONS} == set(workflow.ACTORS)


def test_a_move_made_by_someone_else_a_moment_ago_is_refused():
    item = SuggestionFactory(status=S.SUBMITTED)
    stale = Suggestion.objects.get(pk=item.pk)
    transition(suggestion=item, action=A.ACCEPT, actor=UserFactory())
    with pytest.raises(ApplicationError):
        transition(suggestion=stale, action=A.NOT_ACCEPT, actor=UserFactory())


def test_the_reference_is_the_year_and_a_three_digit_number():
    assert SuggestionFactory(year=2026, number=8).reference == "2026-008"
    assert SuggestionFactory(number=None).reference == ""
