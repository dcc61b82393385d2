"""The real duty sources read in one query (issue 9): the UNION ALL of every source's count_query
counts what each source's count() counts, and the lines read by the UNION ALL of their
line_query are the lines their lines() give, in the same order, on the demo township."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deputies import duty
from deputies.models import Deputy
from reports import performance
from tests.perf import datasets

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    datasets.build_demo()


def test_every_real_source_offers_the_queries_read_together(demo):
    for source in duty.sources():
        assert source.count_query and source.line_query and source.line_row, source.kind


@pytest.mark.parametrize("year", [2025, 2026])
def test_one_query_counts_what_every_source_counts(demo, year):
    columns = performance.duty_columns()
    start, end = performance.year_bounds(year)
    with CaptureQueriesContext(connection) as captured:
        counts = performance.duty_counts(columns, start, end)
    assert len(captured) == 1
    expected = {column.kind: duty.get(column.kind).count(start, end) for column in columns}
    assert counts == expected
    assert any(counted for counted in counts.values())
    some = sorted({pk for counted in expected.values() for pk in counted})[:3]
    narrowed = performance.duty_counts(columns, start, end, deputies=some)
    assert narrowed == {kind: {pk: n for pk, n in counted.items() if pk in some}
                        for kind, counted in expected.items()}


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_lines_read_in_one_query_are_every_sources_lines(demo, year):
    seen = 0
    for deputy in Deputy.objects.order_by("pk"):
        record = performance.deputy_record(deputy, year)
        assert record.lines.in_sql
        with CaptureQueriesContext(connection) as captured:
            lines = list(record.lines)
        assert len(captured) == (1 if record.total else 0)
        expected = record.lines.everything()
        assert [(line.date, line.kind, line.label, line.text, line.url) for line in lines] == [
            (line.date, line.kind, line.label, line.text, line.url) for line in expected]
        seen += len(lines)
    assert seen


def test_the_table_page_orders_like_the_whole_table(demo):
    year = 2026
    for sort in ("-score", "score", "name", "-name", "district", "-district", "-total", "-suggestion"):
        whole = [row.deputy.pk for row in performance.performance_table(year, sort=sort)]
        pages, number = [], 1
        while True:
            table, page = performance.performance_table_page(year, sort=sort, page=number, per_page=7)
            pages += [row.deputy.pk for row in table]
            if not page.has_next():
                break
            number += 1
        assert pages == whole, sort


@pytest.mark.parametrize("weights", [None, {"suggestion": "2.5", "session_attendance": "0.5", "supervision": "0"}])
def test_the_database_ordered_page_has_the_whole_tables_rows_figures_and_ties(demo, weights):
    """Ordered by a count or the score, the database tallies and cuts the page: every row of every
    page has the counts, total and score of the whole table, ties read by name, halves exact."""
    from decimal import Decimal

    weights = weights and {kind: Decimal(points) for kind, points in weights.items()}
    year = 2026
    for sort in ("-score", "score", "-total", "total", "-suggestion", "session_attendance"):
        whole = [(row.deputy.pk, row.counts, row.total, row.score, row.served_from, row.left_on)
                 for row in performance.performance_table(year, sort=sort, weights=weights)]
        pages, number = [], 1
        while True:
            with CaptureQueriesContext(connection) as captured:
                table, page = performance.performance_table_page(year, sort=sort, page=number, per_page=5,
                                                                 weights=weights)
            assert len(captured) == (3 if weights else 4), sort  # (the weights,) the count, the page, its deputies
            pages += [(row.deputy.pk, row.counts, row.total, row.score, row.served_from, row.left_on)
                      for row in table]
            if not page.has_next():
                break
            number += 1
        assert pages == whole, sort
        assert page.paginator.count == len(whole)
