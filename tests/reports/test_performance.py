"""The performance record (履职档案, 代表法 Art. 58) as the selectors gather it: who is in a year's
record, how each act is counted and how the score is made."""
from decimal import Decimal

import pytest

from deputies import duty
from deputies.models import Mandate
from reports import performance
from tests.factories import DeputyFactory, ElectoralDistrictFactory, MandateFactory, TermFactory

from .test_performance_helpers import (  # noqa: F401  (fixtures)
    YEAR,
    AwardFactory,
    DutyWeightFactory,
    RepresentativeGroupFactory,
    ReportToVotersFactory,
    VoterReceptionFactory,
    day,
    fake_sources,
    registry,
)

pytestmark = pytest.mark.django_db


def acts(deputy, *, reports=0, receptions=0, year=YEAR):
    for n in range(reports):
        ReportToVotersFactory(deputy=deputy, date=day(3, n + 1, year))
    for n in range(receptions):
        VoterReceptionFactory(deputies=[deputy], date=day(6, n + 1, year))


def row_of(table, deputy):
    return next(row for row in table if row.deputy == deputy)


# --- the score ---------------------------------------------------------------------------------

def test_the_score_uses_each_sources_default_points_when_the_office_set_none(fake_sources):
    deputy = DeputyFactory()
    acts(deputy, reports=2, receptions=3)
    row = row_of(performance.performance_table(YEAR), deputy)
    assert row.counts == {"fake_receptions": 3, "fake_reports": 2}
    assert row.total == 5
    assert row.score == 2 * 3 + 3 * 2


def test_the_score_uses_the_points_the_office_set(fake_sources):
    DutyWeightFactory(kind="fake_reports", points=Decimal("5"))
    DutyWeightFactory(kind="fake_receptions", points=Decimal("1.5"))
    deputy = DeputyFactory()
    acts(deputy, reports=2, receptions=3)
    assert row_of(performance.performance_table(YEAR), deputy).score == Decimal("14.5")  # 2 × 5 + 3 × 1.5


def test_a_kind_the_office_did_not_set_keeps_its_default(fake_sources):
    DutyWeightFactory(kind="fake_reports", points=Decimal("10"))
    deputy = DeputyFactory()
    acts(deputy, reports=1, receptions=1)
    table = performance.performance_table(YEAR)
    assert row_of(table, deputy).score == 10 + 2
    assert [(column.kind, column.points, column.is_default) for column in table.columns] == [
        ("fake_receptions", Decimal("2"), True), ("fake_reports", Decimal("10"), False),
    ]


def test_weights_passed_in_replace_the_stored_ones(fake_sources):
    DutyWeightFactory(kind="fake_reports", points=Decimal("10"))
    deputy = DeputyFactory()
    acts(deputy, reports=1, receptions=1)
    table = performance.performance_table(YEAR, weights={"fake_reports": Decimal("0"), "fake_receptions": 4})
    assert row_of(table, deputy).score == 4


def test_columns_follow_the_sources_order_and_a_deputy_without_acts_scores_zero(fake_sources):
    deputy = DeputyFactory()
    table = performance.performance_table(YEAR)
    assert [column.label for column in table.columns] == ["接待选民", "向选民述职"]
    row = row_of(table, deputy)
    assert row.cells == [0, 0] and row.total == 0 and row.score == 0


def test_only_acts_dated_within_the_year_count(fake_sources):
    deputy = DeputyFactory()
    ReportToVotersFactory(deputy=deputy, date=day(1, 1))
    ReportToVotersFactory(deputy=deputy, date=day(12, 31))
    ReportToVotersFactory(deputy=deputy, date=day(12, 31, YEAR - 1))
    ReportToVotersFactory(deputy=deputy, date=day(1, 1, YEAR + 1))
    assert row_of(performance.performance_table(YEAR), deputy).counts["fake_reports"] == 2


# --- who is in the year's record -----------------------------------------------------------------

def test_a_deputy_in_office_only_part_of_the_year_is_included_with_the_dates(fake_sources):
    by_elected = DeputyFactory(in_office__elected_on=day(6, 20))
    left = DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=day(3, 18))
    table = performance.performance_table(YEAR)
    assert row_of(table, by_elected).served_from == day(6, 20)
    assert row_of(table, by_elected).left_on is None
    assert row_of(table, left).left_on == day(3, 18)
    assert row_of(table, left).part_year and row_of(table, by_elected).part_year


def test_a_deputy_in_office_all_year_has_no_dates_noted(fake_sources):
    deputy = DeputyFactory()
    row = row_of(performance.performance_table(YEAR), deputy)
    assert (row.served_from, row.left_on, row.part_year) == (None, None, False)


def test_a_deputy_who_left_the_year_before_is_not_in_the_record(fake_sources):
    DeputyFactory(name="去年调离", in_office__status=Mandate.Status.TRANSFERRED, in_office__ended_on=day(5, 1, YEAR - 1))
    # ended_on is the first day out of office: out from 1 January means no day of the year in office.
    DeputyFactory(name="元旦离任", in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=day(1, 1))
    DeputyFactory(name="在任")
    assert [row.deputy.name for row in performance.performance_table(YEAR)] == ["在任"]


def test_deputies_elected_after_the_year_or_without_a_township_mandate_are_not_in_it(fake_sources):
    DeputyFactory(name="明年补选", in_office__elected_on=day(3, 1, YEAR + 1))
    county_only = DeputyFactory(name="县代表", in_office=False)
    MandateFactory(deputy=county_only, level=Mandate.Level.COUNTY, term=None)
    assert list(performance.performance_table(YEAR)) == []


def test_a_deputy_with_two_mandates_in_the_year_is_one_row(fake_sources):
    deputy = DeputyFactory(in_office__status=Mandate.Status.TERM_ENDED, in_office__ended_on=day(1, 15))
    MandateFactory(deputy=deputy, term=TermFactory(number=12, start_date=day(1, 15), end_date=day(1, 14, YEAR + 5)),
                   elected_on=day(1, 15))
    table = performance.performance_table(YEAR)
    assert len(table) == 1
    assert row_of(table, deputy).part_year is False


# --- order ---------------------------------------------------------------------------------------

@pytest.fixture
def three_deputies(fake_sources):
    district = {n: ElectoralDistrictFactory(number=n) for n in (1, 2)}
    low = DeputyFactory(name="甲", district=district[2])
    high = DeputyFactory(name="乙", district=district[1])
    middle = DeputyFactory(name="丙")
    acts(low, receptions=1)
    acts(high, reports=3)
    acts(middle, receptions=2, reports=1)
    return low, high, middle


def names(table):
    return [row.deputy.name for row in table]


@pytest.mark.parametrize("sort, expected", [
    (None, ["乙", "丙", "甲"]),  # highest score first: 9, 7, 2
    ("-score", ["乙", "丙", "甲"]),
    ("score", ["甲", "丙", "乙"]),
    ("name", ["丙", "乙", "甲"]),  # by code point: 丙 U+4E19, 乙 U+4E59, 甲 U+7532
    ("-name", ["甲", "乙", "丙"]),
    ("-fake_receptions", ["丙", "甲", "乙"]),
    ("fake_reports", ["甲", "丙", "乙"]),
    ("-total", ["丙", "乙", "甲"]),  # 3, 3 (a tie reads by name), 1
    ("district", ["乙", "甲", "丙"]),  # district 1, district 2, none last
])
def test_the_table_sorts_by_any_column(three_deputies, sort, expected):
    assert names(performance.performance_table(YEAR, sort=sort)) == expected


@pytest.mark.parametrize("sort", ["deputy__user__password", "--score", "-", "", "pk", "fake_reports;drop", "Score"])
def test_an_unknown_sort_falls_back_to_the_highest_score_first(three_deputies, sort):
    table = performance.performance_table(YEAR, sort=sort)
    assert table.sort == "-score"
    assert names(table) == ["乙", "丙", "甲"]


def test_equal_scores_read_by_name(fake_sources):
    for name in ("丁", "丙", "乙"):
        DeputyFactory(name=name)
    assert names(performance.performance_table(YEAR)) == ["丁", "丙", "乙"]


# --- one deputy's record ---------------------------------------------------------------------------

def test_a_deputys_record_has_the_counts_the_score_and_every_act_by_date(fake_sources):
    deputy = DeputyFactory()
    ReportToVotersFactory(deputy=deputy, date=day(9, 1), place="白沙村村部")
    reception = VoterReceptionFactory(deputies=[deputy], date=day(2, 5), summary="听取饮水安全的意见")
    VoterReceptionFactory(deputies=[deputy], date=day(9, 1), summary="听取路灯的意见")
    VoterReceptionFactory(deputies=[deputy], date=day(9, 1, YEAR - 1), summary="去年的")
    record = performance.deputy_record(deputy, YEAR)
    assert [(item.column.kind, item.count, item.points) for item in record.items] == [
        ("fake_receptions", 2, Decimal("4")), ("fake_reports", 1, Decimal("3")),
    ]
    assert record.score == 7 and record.total == 3
    assert [(line.date, line.label, line.text) for line in record.lines] == [
        (day(2, 5), "接待选民", "听取饮水安全的意见"),
        (day(9, 1), "接待选民", "听取路灯的意见"),  # same day: in the sources' order
        (day(9, 1), "向选民述职", "在白沙村村部向选民述职"),
    ]
    assert record.lines[0].url == f"/receptions/{reception.pk}/"


def test_a_deputys_record_scores_the_same_as_the_table(fake_sources):
    DutyWeightFactory(kind="fake_receptions", points=Decimal("2.5"))
    deputy = DeputyFactory()
    acts(deputy, reports=2, receptions=3)
    assert performance.deputy_record(deputy, YEAR).score == row_of(performance.performance_table(YEAR), deputy).score


def test_a_deputys_record_lists_their_awards_and_their_groups_awards_of_the_year(fake_sources):
    deputy, other = DeputyFactory(), DeputyFactory()
    group = RepresentativeGroupFactory(members=[deputy, other])
    own = AwardFactory(deputy=deputy, title="四好代表")
    AwardFactory(deputy=deputy, title="往年表彰", year=YEAR - 1)
    AwardFactory(deputy=other, title="别人的")
    group_award = AwardFactory(deputy=None, group=group, title="五高代表小组")
    record = performance.deputy_record(deputy, YEAR)
    assert record.awards == [own]
    assert record.group_awards == [group_award]


def test_the_years_of_a_deputys_record_run_from_election_to_this_year_or_departure(registry):
    deputy = DeputyFactory(in_office__elected_on=day(6, 20, 2024), in_office__status=Mandate.Status.RESIGNED,
                           in_office__ended_on=day(1, 1, 2026))
    assert performance.deputy_years(deputy) == [2025, 2024]


# --- the year's summary ----------------------------------------------------------------------------

def test_the_summary_gives_the_average_score_the_totals_and_who_did_nothing(fake_sources):
    busy, idle = DeputyFactory(name="忙"), DeputyFactory(name="闲")
    some = DeputyFactory(name="中")
    acts(busy, reports=2, receptions=1)  # 8
    acts(some, receptions=1)  # 2
    summary = performance.performance_summary(YEAR)
    assert summary["deputies"] == 3
    assert summary["average_score"] == Decimal("3.3")  # 10 / 3
    assert summary["totals"] == {"fake_receptions": 2, "fake_reports": 2}
    assert summary["zero_acts"] == [idle]


def test_the_summary_of_a_year_without_deputies_is_zero(fake_sources):
    summary = performance.performance_summary(YEAR)
    assert summary["deputies"] == 0 and summary["average_score"] == 0 and summary["zero_acts"] == []


# --- a fixed number of queries -----------------------------------------------------------------------

@pytest.mark.parametrize("deputies", [1, 30])
def test_the_table_runs_one_query_per_source_plus_two_however_many_deputies(
    fake_sources, django_assert_num_queries, deputies
):
    for n in range(deputies):
        deputy = DeputyFactory(in_office__elected_on=day(3, 1) if n % 3 == 0 else day(11, 26, 2021))
        acts(deputy, reports=n % 2, receptions=n % 3)
    with django_assert_num_queries(2 + len(fake_sources)):  # the weights, the deputies, one per source
        table = performance.performance_table(YEAR)
        [row.deputy.district for row in table]
    assert len(table) == deputies


# --- whatever the apps have registered ----------------------------------------------------------------

def test_the_table_works_with_every_source_the_apps_registered():
    """No fakes: the real registry, however many sources the other apps have added by now."""
    deputy = DeputyFactory()
    table = performance.performance_table(YEAR)
    kinds = [source.kind for source in duty.sources()]
    assert [column.kind for column in table.columns] == kinds
    row = row_of(table, deputy)
    assert set(row.counts) == set(kinds)
    assert row.score == sum(row.counts[column.kind] * column.points for column in table.columns)
    record = performance.deputy_record(deputy, YEAR)
    assert record.score == row.score
    assert all(line.kind in kinds for line in record.lines)
