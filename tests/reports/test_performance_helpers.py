"""Factories and fake duty sources for the performance record's tests (no tests in this module).

The real sources (sessions attended, receptions, reports to voters…) belong to other apps and
change as they grow; these fakes count rows of deputies' own tables in one query each, so the
performance record can be specified exactly. `fake_sources` swaps them into the registry and
puts the real ones back afterwards.
"""
import datetime
from decimal import Decimal

import factory
import pytest
from django.db.models import Count

from deputies import duty
from deputies.models import Award, DutyWeight, RepresentativeGroup, ReportToVoters, VoterReception
from tests.factories import DeputyFactory, TermFactory

YEAR = 2026


def day(month, date, year=YEAR):
    return datetime.date(year, month, date)


# --- factories ---------------------------------------------------------------------------------

class ReportToVotersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportToVoters

    deputy = factory.SubFactory(DeputyFactory)
    term = factory.SubFactory(TermFactory)
    date = day(5, 10)
    place = "村部会议室"


class VoterReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoterReception
        skip_postgeneration_save = True

    date = day(4, 10)
    summary = "接待选民，听取机耕道硬化的意见"

    @factory.post_generation
    def deputies(self, create, extracted, **kwargs):
        if create and extracted:
            self.deputies.set(extracted)


class RepresentativeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RepresentativeGroup
        skip_postgeneration_save = True

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"第{n + 1}代表小组")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    year = YEAR
    title = "四好代表"
    deputy = factory.SubFactory(DeputyFactory)


class DutyWeightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyWeight
        django_get_or_create = ("kind",)

    points = Decimal("1")


# --- fake duty sources -------------------------------------------------------------------------

def _count_reports(start, end):
    rows = ReportToVoters.objects.filter(date__range=(start, end)).values("deputy_id").annotate(n=Count("pk"))
    return {row["deputy_id"]: row["n"] for row in rows.order_by()}


def _report_lines(deputy, start, end):
    reports = ReportToVoters.objects.filter(deputy=deputy, date__range=(start, end))
    return [duty.DutyLine(report.date, f"在{report.place}向选民述职") for report in reports]


def _count_receptions(start, end):
    through = VoterReception.deputies.through.objects.filter(voterreception__date__range=(start, end))
    rows = through.values("deputy_id").annotate(n=Count("pk")).order_by()
    return {row["deputy_id"]: row["n"] for row in rows}


def _reception_lines(deputy, start, end):
    receptions = deputy.receptions.filter(date__range=(start, end))
    return [duty.DutyLine(reception.date, reception.summary, f"/receptions/{reception.pk}/")
            for reception in receptions]


REPORTS = duty.DutySource(kind="fake_reports", label="向选民述职", count=_count_reports, lines=_report_lines,
                          default_points=Decimal("3"), order=2)
RECEPTIONS = duty.DutySource(kind="fake_receptions", label="接待选民", count=_count_receptions,
                             lines=_reception_lines, default_points=Decimal("2"), order=1)


def _no_acts(*args):
    return {} if len(args) == 2 else []


@pytest.fixture
def registry():
    """An empty registry for the test; the real sources come back afterwards."""
    saved = dict(duty._sources)
    duty._sources.clear()
    yield duty
    duty._sources.clear()
    duty._sources.update(saved)


@pytest.fixture
def fake_sources(registry):
    """Two sources: receptions (order 1, 2 points) and reports to voters (order 2, 3 points)."""
    registry.register(RECEPTIONS)
    registry.register(REPORTS)
    return [RECEPTIONS, REPORTS]


def silent_source(kind, label="无记录", points="1", order=50):
    """A registered kind with no acts at all, for pages that only need the kind to exist."""
    return duty.DutySource(kind=kind, label=label, count=_no_acts, lines=_no_acts,
                           default_points=Decimal(points), order=order)
