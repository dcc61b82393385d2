"""The year's supervision figures (supervision.selectors.figures), every field of a known year, in
a fixed number of queries; and the overview page that shows them."""
import datetime

import pytest
from django.urls import reverse

from supervision.models import Activity, RectificationItem, Training
from supervision.selectors.figures import overdue_items, planned_activities, supervision_figures
from supervision.views.overview import LIST_ROWS
from tests.factories import DeputyFactory, HandlingUnitFactory

from .factories import (
    ActivityFactory,
    FollowUpFactory,
    PlannedActivityFactory,
    RectificationItemFactory,
    ResearchReportFactory,
    SatisfactionVoteFactory,
    TrainingFactory,
)
from .test_training_helpers import TODAY, fix_today

pytestmark = pytest.mark.django_db
K, S, R = Activity.Kind, Activity.Status, RectificationItem.Status
QUERIES = 6
PAST_DEADLINE, FUTURE_DEADLINE = datetime.date(2026, 5, 1), datetime.date(2026, 7, 31)


def day(month, date, year=2026):
    return datetime.date(year, month, date)


def build_2026():
    """The year the figures are checked on (see each figure's comment in the test)."""
    leader, member, p1, p2, p3 = (DeputyFactory() for _ in range(5))
    u1, u2, u3, u4, u5 = (HandlingUnitFactory() for _ in range(5))
    a1 = ActivityFactory(kind=K.INSPECTION, start_date=day(3, 5), leader=leader, participants=[leader, p1, p2],
                         units=[u1, u2])
    ActivityFactory(kind=K.INSPECTION, start_date=day(4, 5), leader=member, participants=[p1], units=[u2, u3])
    ActivityFactory(kind=K.LAW_ENFORCEMENT, start_date=day(6, 5), participants=[p3])
    a4 = ActivityFactory(kind=K.EVALUATION, start_date=day(12, 31), leader=leader)
    FollowUpFactory(follows=a1, start_date=day(1, 1))
    ActivityFactory(kind=K.SURVEY, start_date=day(12, 31, 2025), participants=[p1, p2], units=[u5])  # last year
    PlannedActivityFactory(kind=K.REPORT, start_date=day(9, 1), leader=leader, participants=[p1], units=[u4])
    cancelled = PlannedActivityFactory(kind=K.INQUIRY, status=S.CANCELLED, start_date=day(2, 1), participants=[p2])
    PlannedActivityFactory(kind=K.REPORT, start_date=day(1, 10, 2027))  # next year

    SatisfactionVoteFactory(activity=a4, held_on=day(12, 31))  # satisfied: 26 of 30
    SatisfactionVoteFactory(activity=a4, held_on=day(12, 31), satisfied=5, basically_satisfied=5, unsatisfied=20)
    SatisfactionVoteFactory(activity=a4, held_on=day(12, 31, 2025))  # last year
    SatisfactionVoteFactory(activity=cancelled, held_on=day(2, 1))  # its activity never took place

    def item(status, deadline=FUTURE_DEADLINE, assigned_on=day(3, 1)):
        return RectificationItemFactory(activity=a1, status=status, deadline=deadline, assigned_on=assigned_on)

    item(R.VERIFIED), item(R.VERIFIED, PAST_DEADLINE)
    item(R.RECTIFIED), item(R.RECTIFIED, PAST_DEADLINE)  # late but reported done: not overdue
    item(R.IN_PROGRESS), item(R.IN_PROGRESS, PAST_DEADLINE)
    item(R.PENDING), item(R.PENDING, PAST_DEADLINE)
    item(R.PENDING, TODAY)  # due today: not yet overdue
    item(R.WITHDRAWN, PAST_DEADLINE)
    item(R.PENDING, PAST_DEADLINE, assigned_on=day(12, 1, 2025))  # assigned last year

    TrainingFactory(start_date=day(4, 20), attendees=[leader, p1, p2])
    TrainingFactory(start_date=day(12, 31))
    TrainingFactory(kind=Training.Kind.STUDY_VISIT, start_date=day(5, 8), end_date=day(5, 10), attendees=[p1, p3])
    TrainingFactory(status=Training.Status.PLANNED, start_date=day(11, 1), attendees=[leader, p1, p2, p3])
    TrainingFactory(kind=Training.Kind.STUDY_VISIT, status=Training.Status.CANCELLED, start_date=day(6, 1),
                    attendees=[p1])
    TrainingFactory(start_date=day(12, 30, 2025), attendees=[p1])

    ResearchReportFactory(written_on=day(1, 1)), ResearchReportFactory(written_on=day(12, 31))
    ResearchReportFactory(written_on=day(12, 31, 2025))


def test_every_figure_of_a_known_year(django_assert_num_queries):
    build_2026()
    with django_assert_num_queries(QUERIES):
        figures = supervision_figures(2026, today=TODAY)
    assert figures.year == 2026 and figures.today == TODAY
    assert figures.held_by_kind == {
        K.REPORT: 0, K.INSPECTION: 2, K.LAW_ENFORCEMENT: 1, K.SURVEY: 0, K.EVALUATION: 1, K.INQUIRY: 0, K.FOLLOW_UP: 1,
    }
    assert figures.held(K.INSPECTION) == 2
    assert [(kind.kind, kind.count) for kind in figures.kinds] == list(figures.held_by_kind.items())
    assert figures.activities_held == 5
    assert figures.activities_planned == 1  # the special report of September; not next year's, not the cancelled
    # leader, p1, p2 (the leader listed among them once) + p1 and the leader apart + p3 + the evaluation's leader.
    assert figures.person_times == 3 + 2 + 1 + 1
    assert figures.units_concerned == 3
    assert (figures.votes_held, figures.votes_satisfied, figures.votes_unsatisfied) == (2, 1, 1)
    assert figures.items_total == 9
    assert (figures.items_verified, figures.items_rectified, figures.items_in_progress, figures.items_pending) == (
        2, 2, 2, 3)
    assert figures.items_in_handling == 5
    assert figures.items_overdue == 2
    assert figures.items_withdrawn == 1
    assert str(figures.items_verified_percent) == "22.2"
    assert (figures.trainings_held, figures.study_visits_held, figures.training_person_times) == (2, 1, 5)
    assert figures.research_reports == 2


def test_an_empty_year_is_all_zeros_with_every_kind_listed(django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        figures = supervision_figures(2030, today=TODAY)
    assert figures.held_by_kind == dict.fromkeys(K.values, 0)
    assert figures.activities_held == figures.person_times == figures.items_total == figures.research_reports == 0
    assert figures.items_verified_percent is None


def test_the_number_of_queries_does_not_grow_with_the_rows(django_assert_num_queries):
    build_2026()
    deputies = [DeputyFactory() for _ in range(6)]
    units = [HandlingUnitFactory() for _ in range(4)]
    for month in range(1, 13):
        activity = ActivityFactory(kind=K.SURVEY, start_date=day(month, 2), participants=deputies, units=units)
        RectificationItemFactory(activity=activity, assigned_on=day(month, 2), deadline=day(month, 28))
        TrainingFactory(start_date=day(month, 3), attendees=deputies)
    with django_assert_num_queries(QUERIES):
        figures = supervision_figures(2026, today=TODAY)
    assert figures.held(K.SURVEY) == 12 and figures.person_times == 7 + 72 and figures.units_concerned == 7


def test_today_defaults_to_the_townships_date(monkeypatch):
    fix_today(monkeypatch, day(5, 2))
    RectificationItemFactory(assigned_on=day(3, 1), deadline=day(5, 1))
    assert supervision_figures(2026).items_overdue == 1
    fix_today(monkeypatch, day(5, 1))
    assert supervision_figures(2026).items_overdue == 0


def test_the_lists_of_the_overview(django_assert_num_queries):
    soon = PlannedActivityFactory(start_date=day(6, 1))
    passed = PlannedActivityFactory(start_date=day(3, 1))
    ActivityFactory(start_date=day(3, 1))  # held
    PlannedActivityFactory(start_date=day(1, 5, 2027))
    very_late = RectificationItemFactory(assigned_on=day(2, 1), deadline=day(3, 1))
    late = RectificationItemFactory(assigned_on=day(2, 1), deadline=day(5, 19), status=R.IN_PROGRESS)
    RectificationItemFactory(assigned_on=day(2, 1), deadline=day(5, 19), status=R.RECTIFIED)
    with django_assert_num_queries(2):
        planned, overdue = planned_activities(2026), overdue_items(2026, today=TODAY)
        assert [item.unit.name for item in overdue]  # units come with the items
    assert planned == [passed, soon]
    assert overdue == [very_late, late]
    assert [item.days_overdue for item in overdue] == [80, 1]


# --- the overview page ---------------------------------------------------------------------------

OVERVIEW = reverse("supervision:overview")


@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_readers_of_everything_open_the_overview(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_deputies_and_unit_officers_may_not(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(OVERVIEW).status_code == 403


def figure(html, name):
    import re

    match = re.search(rf'data-figure="{name}">(\d+)<', html)
    return int(match.group(1)) if match else None


def test_the_page_shows_the_figures_the_planned_activities_and_the_overdue_items(client, staff_user, monkeypatch):
    fix_today(monkeypatch, TODAY)
    build_2026()
    client.force_login(staff_user)
    response = client.get(OVERVIEW, {"year": 2026})
    html = response.content.decode()
    expected = {
        "activities-held": 5, "activities-planned": 1, "person-times": 7, "units-concerned": 3,
        "held-inspection": 2, "held-law_enforcement": 1, "held-survey": 0, "held-report": 0, "held-evaluation": 1,
        "held-inquiry": 0, "held-follow_up": 1, "items-total": 9, "items-verified": 2, "items-rectified": 2,
        "items-in-handling": 5, "items-overdue": 2, "votes-held": 2, "votes-satisfied": 1, "votes-unsatisfied": 1,
        "trainings-held": 2, "study-visits-held": 1, "training-person-times": 5, "research-reports": 2,
    }
    assert {name: figure(html, name) for name in expected} == expected
    assert html.count("data-activity=") == 1 and html.count("data-item=") == 2
    planned = Activity.objects.get(status=S.PLANNED, start_date__year=2026)
    assert reverse("supervision:activity_detail", args=[planned.pk]) in html


def test_the_page_runs_the_same_queries_for_one_row_or_many(client, staff_user, monkeypatch,
                                                            django_assert_max_num_queries):
    fix_today(monkeypatch, TODAY)
    PlannedActivityFactory(start_date=day(9, 1))
    RectificationItemFactory(assigned_on=day(2, 1), deadline=day(3, 1))
    client.force_login(staff_user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(OVERVIEW)
    for month in range(1, 12):
        PlannedActivityFactory(start_date=day(month, 25), leader=DeputyFactory())
        RectificationItemFactory(assigned_on=day(1, 2), deadline=day(1, month + 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(OVERVIEW)
    assert response.content.decode().count("data-item=") == LIST_ROWS  # the first ones; the rest a link away


def test_long_lists_show_their_first_rows_and_link_to_the_list_of_them_all(client, staff_user, monkeypatch):
    fix_today(monkeypatch, TODAY)
    for n in range(LIST_ROWS + 2):
        PlannedActivityFactory(start_date=day(7, n + 1))
        RectificationItemFactory(assigned_on=day(1, 2), deadline=day(1, n + 3), status=R.IN_PROGRESS)
    client.force_login(staff_user)
    html = client.get(OVERVIEW, {"year": 2026}).content.decode()
    assert html.count("data-activity=") == html.count("data-item=") == LIST_ROWS
    assert 'data-more="planned"' in html and 'data-more="overdue"' in html
    planned_link = f'{reverse("supervision:activity_list")}?year=2026&amp;status=planned'
    overdue_link = f'{reverse("supervision:item_list")}?year=2026&amp;colour=red'
    assert planned_link in html and overdue_link in html
    planned = client.get(planned_link.replace("&amp;", "&")).context
    overdue = client.get(overdue_link.replace("&amp;", "&")).context
    assert planned["page_obj"].paginator.count == overdue["page_obj"].paginator.count == LIST_ROWS + 2
    assert {row.item.pk for row in overdue["rows"]} == {item.pk for item in overdue_items(2026, today=TODAY)}


def test_short_lists_have_no_link(client, staff_user, monkeypatch):
    fix_today(monkeypatch, TODAY)
    PlannedActivityFactory(start_date=day(7, 1))
    RectificationItemFactory(assigned_on=day(1, 2), deadline=day(1, 3))
    client.force_login(staff_user)
    html = client.get(OVERVIEW, {"year": 2026}).content.decode()
    assert html.count("data-activity=") == html.count("data-item=") == 1 and "data-more=" not in html


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1999"}, {"year": ""}, {"year": "2026x"}])
def test_a_strange_year_shows_this_year(client, staff_user, monkeypatch, query):
    fix_today(monkeypatch, TODAY)
    client.force_login(staff_user)
    response = client.get(OVERVIEW, query)
    assert response.status_code == 200 and response.context["year"] == 2026
