"""Every figure of the year-end report is counted from the records: a known year, each figure
checked in the document's text and on the page."""
import pytest
from django.urls import reverse

from reports.annual.document import annual_document, document_text
from reports.annual.figures import annual_figures, percent
from reports.services_annual import annual_report_draft

from .annual_year import EXPECTED_PHRASES, build_known_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_known_year()


def test_the_figures_of_the_known_year(year):
    figures = annual_figures(2026)
    assert (figures.sessions, figures.presidium_meetings) == (2, 3)
    assert (figures.inspections, figures.surveys, figures.law_enforcement_inspections) == (2, 3, 1)
    assert (figures.inspections_and_surveys, figures.supervision_activities) == (5, 6)
    assert (figures.rectification_items, figures.rectification_verified, figures.rectification_in_handling) == (3, 1, 2)
    assert (figures.trainings, figures.study_visits, figures.research_reports) == (2, 1, 1)
    assert (figures.suggestions_received, figures.suggestions_assigned, figures.suggestions_replied,
            figures.suggestions_on_time, figures.suggestions_closed) == (16, 10, 8, 5, 6)
    assert [percent(rate) for rate in (figures.reply_rate, figures.on_time_rate, figures.close_rate,
                                       figures.satisfaction_rate)] == ["80%", "50%", "60%", "83.3%"]
    assert (figures.letters_and_visits, figures.motions_received) == (1, 1)
    assert (figures.receptions, figures.voters_received, figures.matters_raised) == (2, 17, 3)
    assert (figures.deputies_homes, figures.contact_stations, figures.contact_points) == (1, 1, 3)
    assert (figures.deputies_reported, figures.by_elected) == (4, 1)


def test_every_figure_reads_in_the_document(year, staff_user):
    text = document_text(annual_document(annual_report_draft(year=2026, actor=staff_user)))
    missing = [phrase for phrase in EXPECTED_PHRASES if phrase not in text]
    assert not missing, missing
    assert "关于否决事项的决议" not in text  # a resolution voted down was not adopted


def test_every_figure_reads_on_the_page(year, staff_user, client):
    report = annual_report_draft(year=2026, actor=staff_user)
    client.force_login(staff_user)
    page = client.get(reverse("annual:detail", args=[report.pk])).content.decode()
    import html
    import re

    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    text = re.sub(r"\s+", " ", text)
    for phrase in EXPECTED_PHRASES:
        if phrase.startswith("财政所") or phrase.startswith("自然资源所") or phrase.startswith("农业农村 "):
            continue  # table rows: cells apart on the page
        assert re.sub(r"\s+", " ", phrase) in text, phrase


def test_figures_query_count_is_fixed(year, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        annual_figures(2026)


def test_an_empty_year_reads_without_error(db):
    figures = annual_figures(2031)
    assert figures.sessions == 0 and percent(figures.reply_rate) == "—"
