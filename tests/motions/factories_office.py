"""What the office's tests build on: items waiting for review or assignment, a fixed "today",
receptions with the matters voters raised, and presidium members."""
import datetime

import pytest
from django.utils import timezone, translation

from motions.models import Suggestion
from tests.congress.factories import PresidiumMembershipFactory
from tests.deputies.factories import VoterReceptionFactory
from tests.motions.factories import SuggestionFactory

# The office's tests live on a Monday in March 2026, inside the 11th term of TermFactory.
TODAY = datetime.date(2026, 3, 16)


def fix_today(monkeypatch, day=TODAY):
    """Make `day` today for every part of the portal (services, selectors and pages read it through
    django.utils.timezone.localdate)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return day


@pytest.fixture
def fixed_today(monkeypatch):
    """Today is TODAY (import this fixture into a test module to use it)."""
    return fix_today(monkeypatch)


@pytest.fixture
def english_messages():
    """Services and pages speak English, so that assertions on wording hold whatever the Chinese
    catalogue says (import this fixture into a test module and mark it autouse there)."""
    with translation.override("en"):
        yield


SUBMITTED_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def submitted(**fields):
    """An item a deputy has submitted, waiting for review."""
    fields.setdefault("submitted_at", SUBMITTED_AT)
    return SuggestionFactory(status=fields.pop("status", Suggestion.Status.SUBMITTED), **fields)


def accepted(number, **fields):
    """An item accepted with `number`, waiting to be assigned."""
    fields.setdefault("status", Suggestion.Status.ACCEPTED)
    return submitted(number=number, **fields)


__all__ = ["SUBMITTED_AT", "TODAY", "PresidiumMembershipFactory", "VoterReceptionFactory", "accepted",
           "english_messages", "fix_today", "fixed_today", "submitted"]
