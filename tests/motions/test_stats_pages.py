"""The statistics page and its Excel sheet: who may open them, what they show, and the link of a
duty-record line."""
import io

import openpyxl
import pytest
from django.utils import translation
from django.urls import reverse

from motions.models import Suggestion
from tests.congress.factories import SessionFactory
from tests.factories import HandlingUnitFactory, TownshipFactory

from .factories_stats import CO, assign, category, item, known_year, reply

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def in_english(settings):
    """Pages and services speak English here, so wording assertions hold whatever the catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


PAGE = reverse("motions:stats_overview")
EXPORT = reverse("motions:stats_export")


def figure(response, name):
    """The text of the element marked data-figure="name"."""
    html = response.content.decode()
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start:html.index("<", start)].strip()


@pytest.fixture
def year(db):
    TownshipFactory()
    return known_year()


# --- who may open it ------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_readers_of_everything_open_the_page_and_the_sheet(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(PAGE).status_code == 200
    assert client.get(EXPORT).status_code == 200


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_deputies_and_units_may_not(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(PAGE).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


# --- what it shows -----------------------------------------------------------------------------------

def test_the_year_in_big_numbers_rates_and_tables(client, staff_user, year):
    client.force_login(staff_user)
    response = client.get(PAGE, {"year": 2026})
    assert [figure(response, name) for name in ("received", "accepted", "assigned", "replied", "closed")] == [
        "16", "12", "10", "8", "6"]
    assert [figure(response, name) for name in ("reply-rate", "on-time-rate", "close-rate", "satisfaction-rate")] == [
        "80.0%", "50.0%", "60.0%", "83.3%"]
    assert [figure(response, name) for name in ("awaiting-review", "returned", "not-accepted", "merged",
                                                 "in-handling", "promises-open", "class-A", "class-B", "class-C",
                                                 "rated", "satisfied", "basically-satisfied", "unsatisfied")] == [
        "1", "1", "1", "1", "2", "1", "5", "2", "1", "6", "4", "1", "1"]
    tables = {table.key: table for table in response.context["tables"]}
    assert [row.label for row in tables["unit"].rows] == ["财政所", "自然资源所", "Total"]
    assert [cell.text for cell in tables["unit"].rows[0].cells] == [
        "5", "4", "2", "2", "3", "3", "1", "0", "80.0%", "40.0%", "60.0%", "100.0%"]
    assert [row.label for row in tables["category"].rows] == ["城乡建设", "农业农村", "社会事业", "Total"]
    assert [cell.text for cell in tables["category"].rows[-1].cells][:3] == ["16", "12", "10"]
    assert set(tables) == {"unit", "category", "source", "kind"}
    assert 'data-row="财政所"' in response.content.decode()


def test_a_session_of_the_year(client, staff_user, year):
    client.force_login(staff_user)
    response = client.get(PAGE, {"year": 2026, "session": year.session.pk})
    assert response.context["picker"].session == year.session
    assert (figure(response, "received"), figure(response, "closed"), figure(response, "close-rate")) == (
        "3", "1", "33.3%")


def test_a_session_of_another_year_or_an_unknown_year_falls_back(client, staff_user, year):
    other = SessionFactory(number=9, start_date=year.session.start_date.replace(year=2025))
    client.force_login(staff_user)
    response = client.get(PAGE, {"year": 2026, "session": other.pk})
    assert response.context["picker"].session is None and figure(response, "received") == "16"
    response = client.get(PAGE, {"year": "abc", "session": "x"})
    assert response.context["picker"].year == response.context["picker"].years[0]


def test_an_empty_year_shows_zeros_and_no_rates(client, staff_user, year):
    client.force_login(staff_user)
    response = client.get(PAGE, {"year": 2025})
    assert figure(response, "received") == "1"
    item(Suggestion.Status.DRAFT, year=2024, category=None)  # a draft gives no year to pick
    assert 2024 not in client.get(PAGE).context["picker"].years


def test_the_number_of_queries_does_not_grow_with_the_items(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    farming = category("农业农村")
    reply(assign(item(Suggestion.Status.CLOSED, category=farming), HandlingUnitFactory(name="财政所")), "A")
    client.get(PAGE)  # warm the session
    with django_assert_num_queries(QUERIES):
        client.get(PAGE, {"year": 2026})
    for name in ("党政综合办公室", "自然资源所", "镇卫生院"):
        for code in ("A", "B", "C"):
            closed = item(Suggestion.Status.CLOSED, category=category(f"类别{code}"))
            reply(assign(closed, HandlingUnitFactory(name=name)), code)
            assign(closed, HandlingUnitFactory(name="财政所"), role=CO)
    with django_assert_num_queries(QUERIES):
        response = client.get(PAGE, {"year": 2026})
    assert figure(response, "closed") == "10"


# The layout (session, user with roles and unread count, township), the year picker, the sessions of
# the year, the statistics' two (the classes, one aggregate grouped by unit, category, source and
# kind that gives the overall figures and the four tables), the township for the title.
QUERIES = 3 + 2 + 2 + 1


# --- the Excel sheet ----------------------------------------------------------------------------------

def test_the_sheet_holds_the_overview_and_the_tables_under_a_title_with_township_and_year(client, staff_user, year):
    client.force_login(staff_user)
    response = client.get(EXPORT, {"year": 2026})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    overview, by_unit, by_category, by_source, by_kind = book.worksheets
    assert "青山镇" in overview["A1"].value and "2026" in overview["A1"].value
    values = {row[0]: row[1] for row in overview.iter_rows(min_row=3, values_only=True) if row[0]}
    assert values["Received"] == 16 and values["Assigned"] == 10 and values["Closed"] == 6
    assert values["Reply rate (replied / assigned)"] == pytest.approx(0.8)
    assert by_unit["A1"].value.startswith(overview["A1"].value)
    rows = list(by_unit.iter_rows(min_row=2, values_only=True))
    assert rows[0][:6] == ("Lead unit", "Assigned", "Replied", "On time", "Late", "Closed")
    finance = next(row for row in rows if row[0] == "财政所")
    assert finance[1:6] == (5, 4, 2, 2, 3) and finance[9] == pytest.approx(0.8)
    assert by_unit.cell(row=3, column=10).number_format == "0.0%"
    assert next(row for row in rows if row[0] == "Total")[1] == 10
    assert [row[0] for row in by_category.iter_rows(min_row=3, max_row=5, values_only=True)] == [
        "城乡建设", "农业农村", "社会事业"]
    assert by_source.max_row > 3 and by_kind.max_row > 3


def test_a_session_sheet_is_titled_with_the_session(client, staff_user, year):
    client.force_login(staff_user)
    response = client.get(EXPORT, {"year": 2026, "session": year.session.pk})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert str(year.session) in book.worksheets[0]["A1"].value


def test_an_empty_year_still_gives_a_sheet(client, staff_user):
    TownshipFactory()
    client.force_login(staff_user)
    response = client.get(EXPORT)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.worksheets[1]["A3"].value == "No items."


# --- the link of a duty-record line -------------------------------------------------------------------

def test_the_duty_record_link_opens_the_page_of_the_reader(client, staff_user, deputy_user, unit_officer):
    mine = item(Suggestion.Status.SUBMITTED, category=None, proposer=deputy_user.deputy)
    link = reverse("motions:stats_item_link", args=[mine.pk])
    client.force_login(staff_user)
    assert client.get(link).url == reverse("motions:office_item", args=[mine.pk])
    client.force_login(deputy_user)
    assert client.get(link).url == reverse("motions:deputy_item", args=[mine.pk])
    client.force_login(unit_officer)
    assert client.get(link).status_code == 404
    someone_else = item(Suggestion.Status.SUBMITTED, category=None)
    client.force_login(deputy_user)
    assert client.get(reverse("motions:stats_item_link", args=[someone_else.pk])).status_code == 404
