"""Reads of the roster and the figures the year-end summary quotes (deputies/selectors.py)."""
import datetime

import pytest

from deputies import duty, selectors
from deputies.models import Deputy, Mandate
from deputies.selectors import RosterStatus
from tests.factories import DeputyFactory, ElectoralDistrictFactory, MandateFactory, TermFactory

from .factories import (
    GroupActivityFactory,
    ReportToVotersFactory,
    RepresentativeGroupFactory,
    VoterReceptionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def names(rows):
    return sorted(row.deputy.name for row in rows)


@pytest.fixture
def term():
    return TermFactory()


@pytest.fixture
def resigned_on_1_june(term):
    return DeputyFactory(name="辞职代表", in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=D(2026, 6, 1))


# --- the roster of any date ---------------------------------------------------------------------

def test_a_deputy_who_resigned_on_1_june_is_on_the_roster_of_31_may_only(term, resigned_on_1_june):
    DeputyFactory(name="在任代表")
    assert names(selectors.roster(D(2026, 5, 31), term=term)) == ["在任代表", "辞职代表"]
    assert names(selectors.roster(D(2026, 6, 1), term=term)) == ["在任代表"]


def test_on_31_may_the_resigned_deputy_shows_as_in_office_and_from_1_june_as_resigned(term, resigned_on_1_june):
    before = selectors.roster(D(2026, 5, 31), term=term, status=RosterStatus.ALL).get()
    after = selectors.roster(D(2026, 6, 1), term=term, status=RosterStatus.ALL).get()
    assert (before.status_on_day, after.status_on_day) == (Mandate.Status.IN_OFFICE, Mandate.Status.RESIGNED)


def test_a_by_elected_deputy_is_not_on_the_roster_before_the_by_election(term):
    DeputyFactory(name="补选代表", in_office__election=Mandate.Election.BY_ELECTION, in_office__elected_on=D(2024, 6, 20))
    assert names(selectors.roster(D(2024, 6, 19), term=term, status=RosterStatus.ALL)) == []
    assert names(selectors.roster(D(2024, 6, 20), term=term)) == ["补选代表"]


def test_the_roster_filters_by_the_status_on_the_day(term, resigned_on_1_june):
    DeputyFactory(name="调离代表", in_office__status=Mandate.Status.TRANSFERRED, in_office__ended_on=D(2025, 3, 1))
    DeputyFactory(name="在任代表")
    day = D(2026, 7, 1)
    assert names(selectors.roster(day, term=term, status=RosterStatus.LEFT)) == ["调离代表", "辞职代表"]
    assert names(selectors.roster(day, term=term, status=Mandate.Status.RESIGNED)) == ["辞职代表"]
    assert len(selectors.roster(day, term=term, status=RosterStatus.ALL)) == 3


def test_the_roster_filters_by_district_level_and_search(term):
    district = ElectoralDistrictFactory(term=term)
    DeputyFactory(name="张德福", district=district, work_unit="青山村种粮大户")
    DeputyFactory(name="李秀英")
    county = DeputyFactory(name="赵红梅")
    MandateFactory(deputy=county, level=Mandate.Level.COUNTY, term=None)
    day = D(2026, 3, 1)
    assert names(selectors.roster(day, term=term, district=district)) == ["张德福"]
    assert names(selectors.roster(day, term=term, search="种粮")) == ["张德福"]
    assert names(selectors.roster(day, level=Mandate.Level.COUNTY)) == ["赵红梅"]


def test_the_roster_is_read_in_one_query_however_many_deputies(term, django_assert_num_queries):
    DeputyFactory.create_batch(20, district=ElectoralDistrictFactory(term=term))
    with django_assert_num_queries(1):
        rows = list(selectors.roster(D(2026, 3, 1), term=term))
        assert [row.deputy.district.name for row in rows]


def test_the_composition_counts_the_deputies_in_office_by_gender_occupation_and_politics(term, resigned_on_1_june):
    DeputyFactory(gender=Deputy.Gender.FEMALE, occupation=Deputy.Occupation.FARMER,
                  political_status=Deputy.PoliticalStatus.CPC_MEMBER)
    DeputyFactory(gender=Deputy.Gender.MALE, occupation=Deputy.Occupation.FARMER)
    composition = selectors.roster_composition(D(2026, 7, 1), term=term)
    assert composition.total == 2
    assert [(share.count, share.percent) for share in composition.by_gender] == [(1, 50), (1, 50)]
    farmers = Deputy.Occupation.FARMER.label
    assert [(share.label, share.count) for share in composition.by_occupation] == [(farmers, 2)]
    assert sorted(share.count for share in composition.by_political_status) == [1, 1]


def test_the_districts_count_their_deputies_in_office(term, resigned_on_1_june):
    district = ElectoralDistrictFactory(term=term, seats=3)
    DeputyFactory(district=district)
    resigned_on_1_june.district = district
    resigned_on_1_june.save()
    [row] = selectors.districts_with_counts(term, D(2026, 7, 1))
    assert (row.in_office, row.vacant) == (1, 2)


# --- one deputy's record ------------------------------------------------------------------------

def test_a_deputys_record_gathers_mandates_groups_platforms_receptions_and_reports(term, django_assert_num_queries):
    deputy = DeputyFactory()
    MandateFactory(deputy=deputy, level=Mandate.Level.COUNTY, term=None)
    group = RepresentativeGroupFactory(members=[deputy, DeputyFactory(), DeputyFactory()])
    GroupActivityFactory(group=group)
    VoterReceptionFactory(deputies=[deputy], matters=["路灯", "饮水"])
    ReportToVotersFactory(deputy=deputy, term=term)
    with django_assert_num_queries(7):
        record = selectors.deputy_record(deputy, D(2026, 3, 1))
    assert len(record.mandates) == len(record.in_office) == 2
    assert record.groups == [group]
    assert record.receptions[0].matter_count == 2
    assert len(record.reports_to_voters) == len(record.group_activities) == 1


# --- reports to voters --------------------------------------------------------------------------

def test_the_not_reported_list_shows_deputies_in_office_without_a_report_this_term(term, resigned_on_1_june):
    reported = DeputyFactory(name="已述职")
    ReportToVotersFactory(deputy=reported, term=term)
    DeputyFactory(name="未述职")
    ReportToVotersFactory(deputy=DeputyFactory(name="上届述职"), term=TermFactory(
        number=10, start_date=D(2016, 11, 20), end_date=D(2021, 11, 25)))
    assert sorted(d.name for d in selectors.deputies_not_reported(term, D(2026, 7, 1))) == ["上届述职", "未述职"]
    progress = selectors.report_progress(term, D(2026, 7, 1))
    assert (progress["in_office"], progress["reported"], progress["not_reported"]) == (3, 1, 2)


# --- the year's figures -------------------------------------------------------------------------

def test_groups_with_fewer_than_three_activities_a_year_are_flagged(term):
    busy, quiet = RepresentativeGroupFactory(name="甲组"), RepresentativeGroupFactory(name="乙组")
    for month in (3, 6, 9):
        GroupActivityFactory(group=busy, date=D(2026, month, 1))
    GroupActivityFactory(group=quiet, date=D(2026, 3, 1))
    GroupActivityFactory(group=quiet, date=D(2025, 3, 1))
    figures = selectors.group_activity_counts(2026)
    assert {g.name: (g.activity_count, g.below_expectation) for g in figures["groups"]} == {
        "甲组": (3, False), "乙组": (1, True)}
    assert figures["activities"] == 4
    assert figures["below_expectation"] == [quiet]


def test_the_year_counts_receptions_voters_and_matters_raised(django_assert_num_queries):
    VoterReceptionFactory(date=D(2026, 3, 10), voters_received=2, matters=["机耕道硬化"])
    VoterReceptionFactory(date=D(2026, 9, 10), voters_received=5, matters=["路灯", "垃圾清运"])
    VoterReceptionFactory(date=D(2025, 9, 10), voters_received=9)
    with django_assert_num_queries(2):
        figures = selectors.reception_counts(2026)
    assert figures == {"receptions": 2, "voters": 7, "matters": 3}


def test_a_year_without_receptions_counts_zero():
    assert selectors.reception_counts(2026) == {"receptions": 0, "voters": 0, "matters": 0}


# --- duty-record sources ------------------------------------------------------------------------

def test_the_deputies_register_three_duty_sources():
    kinds = {source.kind: source for source in duty.sources()}
    assert (kinds["voter_reception"].order, kinds["voter_reception"].default_points) == (30, 2)
    assert (kinds["report_to_voters"].order, kinds["report_to_voters"].default_points) == (31, 3)
    assert (kinds["group_activity"].order, kinds["group_activity"].default_points) == (32, 1)


def test_each_duty_source_counts_per_deputy_in_one_query(term, django_assert_num_queries):
    deputy, other = DeputyFactory(), DeputyFactory()
    VoterReceptionFactory(date=D(2026, 3, 10), deputies=[deputy, other])
    VoterReceptionFactory(date=D(2026, 4, 10), deputies=[deputy])
    VoterReceptionFactory(date=D(2025, 4, 10), deputies=[deputy])
    ReportToVotersFactory(deputy=deputy, term=term, date=D(2026, 5, 1))
    GroupActivityFactory(group=RepresentativeGroupFactory(members=[deputy, other, DeputyFactory()]),
                         date=D(2026, 6, 1), participants=[deputy])
    start, end = D(2026, 1, 1), D(2026, 12, 31)
    expected = {"voter_reception": {deputy.pk: 2, other.pk: 1}, "report_to_voters": {deputy.pk: 1},
                "group_activity": {deputy.pk: 1}}
    for kind, counts in expected.items():
        with django_assert_num_queries(1):
            assert duty.get(kind).count(start, end) == counts


def test_each_duty_source_lists_the_acts_of_one_deputy_with_dates_and_links(term):
    deputy = DeputyFactory()
    reception = VoterReceptionFactory(date=D(2026, 3, 10), deputies=[deputy], voters_received=4)
    ReportToVotersFactory(deputy=deputy, term=term, date=D(2026, 5, 1))
    group = RepresentativeGroupFactory(members=[deputy, DeputyFactory(), DeputyFactory()])
    activity = GroupActivityFactory(group=group, date=D(2026, 6, 1))
    start, end = D(2026, 1, 1), D(2026, 12, 31)
    [line] = duty.get("voter_reception").lines(deputy, start, end)
    assert (line.date, line.url) == (D(2026, 3, 10), f"/deputies/receptions/{reception.pk}/")
    [line] = duty.get("report_to_voters").lines(deputy, start, end)
    assert line.date == D(2026, 5, 1) and line.url.startswith(f"/deputies/{deputy.pk}/")
    [line] = duty.get("group_activity").lines(deputy, start, end)
    assert (line.date, line.url) == (D(2026, 6, 1), f"/deputies/groups/{activity.group_id}/")
    assert duty.get("voter_reception").lines(deputy, D(2025, 1, 1), D(2025, 12, 31)) == []
