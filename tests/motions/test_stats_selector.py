"""The one selector of suggestion statistics, against a known year (factories_stats.known_year):
every figure and every rate asserted exactly, and the empty year."""
import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from motions.models import Rating, Suggestion
from motions.selectors.statistics import Figures, rate, statistics_sessions, statistics_years, suggestion_statistics

from tests.factories import HandlingUnitFactory

from .factories_stats import assign, category, item, known_year, reply

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def in_english(settings):
    """Pages and services speak English here, so wording assertions hold whatever the catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


FIGURE_NAMES = ("received", "awaiting_review", "returned", "not_accepted", "merged", "accepted", "assigned",
                "replied", "replied_on_time", "replied_late", "closed", "promises_open", "rated", "satisfied",
                "basically_satisfied", "unsatisfied")


def counts(figures):
    values = {name: getattr(figures, name) for name in FIGURE_NAMES}
    values["classes"] = {entry.code: entry.count for entry in figures.by_class}
    return values


def rates(figures):
    return (figures.reply_rate, figures.on_time_rate, figures.close_rate, figures.satisfaction_rate)


def figures(**values):
    classes = {"A": 0, "B": 0, "C": 0} | values.pop("classes", {})
    return {name: 0 for name in FIGURE_NAMES} | values | {"classes": classes}


@pytest.fixture
def year():
    return known_year()


def test_the_year_overall(year):
    stats = suggestion_statistics(year=2026)
    assert counts(stats.overall) == figures(
        received=16, awaiting_review=1, returned=1, not_accepted=1, merged=1, accepted=12, assigned=10,
        replied=8, replied_on_time=5, replied_late=3, closed=6, promises_open=1,
        rated=6, satisfied=4, basically_satisfied=1, unsatisfied=1, classes={"A": 5, "B": 2, "C": 1},
    )
    # 答复率 8/10, 按时答复率 5/10, 办结率 6/10, 满意率 (4 + 1)/6
    assert rates(stats.overall) == (Decimal("80.0"), Decimal("50.0"), Decimal("60.0"), Decimal("83.3"))
    assert stats.overall.in_handling == 2
    assert [entry.code for entry in stats.result_classes] == ["A", "B", "C"]


def test_the_latest_reply_gives_the_class_and_the_rating_the_first_one_the_timeliness(db):
    """A late first reply of class C rated unsatisfied, re-handled and answered A on time, then
    rated satisfied: late, class A, satisfied. Still in re-handling: its first reply's C and 不满意."""
    unit = HandlingUnitFactory(name="财政所")
    rehandled = item(Suggestion.Status.CLOSED, year=2027, category=None)
    lead = assign(rehandled, unit)
    reply(lead, "C", late=True, rating=Rating.Satisfaction.UNSATISFIED)
    reply(lead, "A", round=2, rating=Rating.Satisfaction.SATISFIED)
    stats = suggestion_statistics(year=2027).overall
    assert counts(stats) == figures(received=1, accepted=1, assigned=1, replied=1, replied_late=1, closed=1,
                                    rated=1, satisfied=1, classes={"A": 1})
    pending = item(Suggestion.Status.REHANDLING, year=2028, category=None)
    reply(assign(pending, unit), "C", rating=Rating.Satisfaction.UNSATISFIED)
    stats = suggestion_statistics(year=2028).overall
    assert counts(stats) == figures(received=1, accepted=1, assigned=1, replied=1, replied_on_time=1,
                                    rated=1, unsatisfied=1, classes={"C": 1})
    assert (stats.close_rate, stats.satisfaction_rate) == (Decimal("0.0"), Decimal("0.0"))


def test_by_lead_unit_co_units_and_returned_assignments_do_not_count(year):
    stats = suggestion_statistics(year=2026)
    assert [(row.key, row.label) for row in stats.by_unit] == [(year.u1.pk, "财政所"), (year.u2.pk, "自然资源所")]
    finance, land = (row.figures for row in stats.by_unit)
    assert counts(finance) == figures(
        received=5, accepted=5, assigned=5, replied=4, replied_on_time=2, replied_late=2, closed=3, promises_open=1,
        rated=3, satisfied=2, basically_satisfied=1, classes={"A": 3, "B": 1},
    )
    assert rates(finance) == (Decimal("80.0"), Decimal("40.0"), Decimal("60.0"), Decimal("100.0"))
    assert counts(land) == figures(
        received=5, accepted=5, assigned=5, replied=4, replied_on_time=3, replied_late=1, closed=3,
        rated=3, satisfied=2, unsatisfied=1, classes={"A": 2, "B": 1, "C": 1},
    )
    assert rates(land) == (Decimal("80.0"), Decimal("60.0"), Decimal("60.0"), Decimal("66.7"))
    assert sum(row.figures.assigned for row in stats.by_unit) == stats.overall.assigned


def test_by_category_in_the_categories_order(year):
    stats = suggestion_statistics(year=2026)
    assert [row.label for row in stats.by_category] == ["城乡建设", "农业农村", "社会事业"]
    building, farming, social = (row.figures for row in stats.by_category)
    assert counts(farming) == figures(
        received=6, awaiting_review=1, merged=1, accepted=4, assigned=4, replied=3, replied_on_time=2,
        replied_late=1, closed=2, rated=2, satisfied=2, classes={"A": 3},
    )
    assert rates(farming) == (Decimal("75.0"), Decimal("50.0"), Decimal("50.0"), Decimal("100.0"))
    assert counts(building) == figures(
        received=5, returned=1, accepted=4, assigned=3, replied=2, replied_on_time=1, replied_late=1, closed=2,
        promises_open=1, rated=2, satisfied=1, basically_satisfied=1, classes={"B": 2},
    )
    assert rates(building) == (Decimal("66.7"), Decimal("33.3"), Decimal("66.7"), Decimal("100.0"))
    assert counts(social) == figures(
        received=5, not_accepted=1, accepted=4, assigned=3, replied=3, replied_on_time=2, replied_late=1,
        closed=2, rated=2, satisfied=1, unsatisfied=1, classes={"A": 2, "C": 1},
    )
    assert rates(social) == (Decimal("100.0"), Decimal("66.7"), Decimal("66.7"), Decimal("50.0"))
    assert sum(row.figures.received for row in stats.by_category) == stats.overall.received


def test_by_source_and_by_kind(year):
    stats = suggestion_statistics(year=2026)
    assert [(row.key, row.figures.received, row.figures.closed) for row in stats.by_source] == [
        (Suggestion.Source.DEPUTY, 14, 4), (Suggestion.Source.RECEPTION, 1, 1), (Suggestion.Source.LETTER_VISIT, 1, 1),
    ]
    assert [(row.key, row.figures.received, row.figures.assigned) for row in stats.by_kind] == [
        (Suggestion.Kind.SUGGESTION, 15, 9), (Suggestion.Kind.MOTION, 1, 1),
    ]


def test_an_item_without_category_has_its_own_row(year):
    item(Suggestion.Status.SUBMITTED, category=None)
    assert suggestion_statistics(year=2026).by_category[-1].label == "No category"


def test_one_session(year):
    stats = suggestion_statistics(session=year.session)
    assert counts(stats.overall) == figures(
        received=3, accepted=3, assigned=3, replied=2, replied_on_time=2, closed=1, rated=1, satisfied=1,
        classes={"A": 2},
    )
    assert rates(stats.overall) == (Decimal("66.7"), Decimal("66.7"), Decimal("33.3"), Decimal("100.0"))
    assert [row.label for row in stats.by_unit] == ["财政所"]


def test_every_year_together_and_one_year_apart(year):
    assert suggestion_statistics().overall.received == 17
    older = suggestion_statistics(year=2025).overall
    assert (older.received, older.assigned, older.closed, older.satisfaction_rate) == (1, 1, 1, Decimal("100.0"))


def test_a_year_without_items_gives_zeros_and_no_rates(db):
    stats = suggestion_statistics(year=2030)
    assert counts(stats.overall) == figures()
    assert rates(stats.overall) == (None, None, None, None)
    assert stats.by_unit == stats.by_category == stats.by_source == stats.by_kind == []


def test_drafts_never_count(db):
    item(Suggestion.Status.DRAFT, category=None)
    assert suggestion_statistics(year=2026).overall.received == 0


def read_every_table(stats):
    return [stats.by_unit, stats.by_category, stats.by_source, stats.by_kind]


def test_the_number_of_queries_does_not_grow_with_the_items(year, django_assert_num_queries):
    # The result classes and one aggregate grouped by unit, category, source and kind; the overall
    # figures and every table are summed from it.
    with django_assert_num_queries(2):
        read_every_table(suggestion_statistics(year=2026))
    for satisfaction in Rating.Satisfaction.values * 3:  # nine more closed items of both units
        closed = item(Suggestion.Status.CLOSED, category=category("生态环境"))
        reply(assign(closed, year.u2), "B", rating=satisfaction)
    with django_assert_num_queries(2):
        stats = suggestion_statistics(year=2026)
        read_every_table(stats)
    assert (stats.overall.received, len(stats.by_category)) == (25, 4)


def test_the_tables_cost_no_further_query(year, django_assert_num_queries):
    with django_assert_num_queries(2):
        stats = suggestion_statistics(year=2026)
    with django_assert_num_queries(0):
        read_every_table(stats)
        stats.overall


def test_the_figures_are_kept_in_the_cache_until_something_counted_changes(year, django_assert_num_queries,
                                                                           settings):
    settings.MOTIONS_CACHE_SECONDS = 60
    first = suggestion_statistics(year=2026)
    with django_assert_num_queries(0):
        again = suggestion_statistics(year=2026)
        assert (again.overall, again.by_unit) == (first.overall, first.by_unit)
    late = item(Suggestion.Status.CLOSED, category=category("生态环境"))
    reply(assign(late, year.u2), "A", rating=Rating.Satisfaction.SATISFIED)
    changed = suggestion_statistics(year=2026).overall
    assert (changed.received, changed.closed) == (first.overall.received + 1, first.overall.closed + 1)


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (24, 24, Decimal("100.0")), (1, 3, Decimal("33.3")), (2, 3, Decimal("66.7")), (1, 8, Decimal("12.5")),
    (1, 16, Decimal("6.3")),  # half up, not to even
    (0, 5, Decimal("0.0")), (0, 0, None), (3, 0, None),
])
def test_rates_are_percentages_with_one_decimal_and_none_without_a_denominator(numerator, denominator, expected):
    assert rate(numerator, denominator) == expected


def test_a_fresh_figures_object_is_all_zero():
    assert (Figures().received, Figures().reply_rate, Figures().count_of_class("A")) == (0, None, 0)


def test_the_pickers_offer_the_years_with_items_and_the_sessions_of_the_year(year, monkeypatch):
    from motions.selectors import statistics

    monkeypatch.setattr(statistics.timezone, "localdate", lambda: datetime.date(2027, 2, 1))
    assert statistics_years() == [2027, 2026, 2025]
    assert statistics_sessions(2026) == [year.session]
    assert statistics_sessions(2025) == []


def test_a_promise_the_deputy_sent_back_leaves_the_follow_up_list(db):
    unit = HandlingUnitFactory(name="财政所")
    waiting = item(Suggestion.Status.REPLIED, year=2029, category=None)
    reply(assign(waiting, unit), "B")
    sent_back = item(Suggestion.Status.REHANDLING, year=2029, category=None)
    reply(assign(sent_back, unit), "B", rating=Rating.Satisfaction.UNSATISFIED)
    kept = item(Suggestion.Status.CLOSED, year=2029, category=None)
    reply(assign(kept, unit), "B", rating=Rating.Satisfaction.SATISFIED, promise_kept_on=datetime.date(2029, 9, 1))
    stats = suggestion_statistics(year=2029).overall
    assert (stats.promises_open, stats.count_of_class("B")) == (1, 3)
