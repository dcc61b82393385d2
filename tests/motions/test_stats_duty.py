"""What suggestions give the deputies' performance record (履职档案, 代表法 Art. 58): items proposed
and items co-signed, counted by the day they were submitted, drafts never."""
import datetime

import pytest
from django.utils import translation
from django.urls import reverse
from django.utils import timezone

from motions.models import CoSigner, Suggestion
from motions.selectors.statistics import (
    cosign_counts_by_deputy,
    cosign_lines,
    suggestion_counts_by_deputy,
    suggestion_lines,
)
from tests.factories import DeputyFactory

from .factories_stats import ConfirmedCoSignerFactory, item

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def in_english(settings):
    """Pages and services speak English here, so wording assertions hold whatever the catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


S = Suggestion.Status
YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def deputies(db):
    return DeputyFactory(name="张德福"), DeputyFactory(name="李秀英"), DeputyFactory(name="王建国")


def test_items_proposed_count_in_every_later_state_but_drafts_never(deputies):
    zhang, li, _ = deputies
    for status in (S.SUBMITTED, S.RETURNED, S.NOT_ACCEPTED, S.MERGED, S.CLOSED):
        item(status, proposer=zhang, category=None)
    item(S.DRAFT, proposer=zhang, category=None)
    item(S.ASSIGNED, proposer=li, category=None)
    item(S.CLOSED, proposer=None, source=Suggestion.Source.LETTER_VISIT, category=None)
    assert suggestion_counts_by_deputy(*YEAR) == {zhang.pk: 5, li.pk: 1}


def test_the_day_of_submission_is_the_township_s_day(deputies, django_assert_num_queries):
    zhang, li, _ = deputies
    item(S.SUBMITTED, proposer=zhang, category=None, submitted_at=at(datetime.date(2026, 12, 31), 23, 30))
    item(S.SUBMITTED, proposer=li, category=None, submitted_at=at(datetime.date(2027, 1, 1), 0, 15))
    item(S.SUBMITTED, proposer=li, category=None, submitted_at=at(datetime.date(2025, 12, 31), 23, 59))
    with django_assert_num_queries(1):
        assert suggestion_counts_by_deputy(*YEAR) == {zhang.pk: 1}
    assert suggestion_counts_by_deputy(datetime.date(2027, 1, 1), datetime.date(2027, 1, 1)) == {li.pk: 1}


def test_confirmed_co_signing_counts_invited_and_declined_do_not(deputies, django_assert_num_queries):
    zhang, li, wang = deputies
    motion = item(S.ACCEPTED, proposer=wang, category=None, kind=Suggestion.Kind.MOTION)
    ConfirmedCoSignerFactory(suggestion=motion, deputy=zhang)
    ConfirmedCoSignerFactory(suggestion=motion, deputy=li, status=CoSigner.Status.DECLINED)
    other = item(S.SUBMITTED, proposer=wang, category=None)
    ConfirmedCoSignerFactory(suggestion=other, deputy=zhang)
    ConfirmedCoSignerFactory(suggestion=other, deputy=li, status=CoSigner.Status.INVITED)
    draft = item(S.DRAFT, proposer=wang, category=None)
    ConfirmedCoSignerFactory(suggestion=draft, deputy=li)
    with django_assert_num_queries(1):
        assert cosign_counts_by_deputy(*YEAR) == {zhang.pk: 2}
    assert suggestion_counts_by_deputy(*YEAR) == {wang.pk: 2}


def test_the_lines_of_one_deputy_s_record(deputies):
    zhang, _, wang = deputies
    mine = item(S.ACCEPTED, proposer=zhang, category=None, number=8, title="关于修缮机耕道的建议",
                submitted_on=datetime.date(2026, 3, 2))
    item(S.SUBMITTED, proposer=zhang, category=None, title="关于清淤山塘的建议", submitted_on=datetime.date(2026, 5, 6))
    item(S.DRAFT, proposer=zhang, category=None, title="草稿")
    motion = item(S.SUBMITTED, proposer=wang, category=None, kind=Suggestion.Kind.MOTION, title="关于民生实事的议案",
                  submitted_on=datetime.date(2026, 1, 8))
    ConfirmedCoSignerFactory(suggestion=motion, deputy=zhang)
    lines = suggestion_lines(zhang, *YEAR)
    assert [(line.date, line.text) for line in lines] == [
        (datetime.date(2026, 3, 2), "Proposed: Suggestion 2026-008: 关于修缮机耕道的建议"),
        (datetime.date(2026, 5, 6), "Proposed: Suggestion: 关于清淤山塘的建议"),
    ]
    assert lines[0].url == reverse("motions:stats_item_link", args=[mine.pk])
    [line] = cosign_lines(zhang, *YEAR)
    assert (line.date, line.text) == (datetime.date(2026, 1, 8), "Co-signed: Motion: 关于民生实事的议案")
    assert cosign_lines(zhang, datetime.date(2026, 2, 1), datetime.date(2026, 12, 31)) == []
    assert len(suggestion_lines(zhang, *YEAR)) == suggestion_counts_by_deputy(*YEAR)[zhang.pk]
