"""Supervision on the dashboards: the office and the presidium count activities and rectification
items, a unit officer counts only their own unit's items, a deputy sees the activities coming up."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision.models import Activity, RectificationItem
from tests.factories import DeputyFactory, HandlingUnitFactory
from tests.supervision.factories import ActivityFactory, PlannedActivityFactory, RectificationItemFactory

pytestmark = pytest.mark.django_db

R = RectificationItem.Status
TODAY = datetime.date(2026, 11, 24)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(autouse=True)
def today(monkeypatch):
    moment = datetime.datetime.combine(TODAY, datetime.time(10), tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response


@pytest.fixture
def year_of_supervision(unit_officer):
    other = HandlingUnitFactory(name="自然资源所")
    mine = unit_officer.handling_unit
    held = ActivityFactory(start_date=datetime.date(2026, 5, 15))
    ActivityFactory(start_date=datetime.date(2025, 5, 15))  # another year
    ActivityFactory(status=Activity.Status.CANCELLED, start_date=datetime.date(2026, 6, 1))
    PlannedActivityFactory(start_date=datetime.date(2026, 12, 10))
    PlannedActivityFactory(start_date=datetime.date(2026, 11, 1))  # planned, its day gone by: not "coming"
    RectificationItemFactory(activity=held, unit=mine, status=R.PENDING, deadline=datetime.date(2026, 12, 31))
    RectificationItemFactory(activity=held, unit=mine, status=R.IN_PROGRESS, deadline=datetime.date(2026, 10, 31))
    RectificationItemFactory(activity=held, unit=other, status=R.IN_PROGRESS, deadline=datetime.date(2026, 11, 1))
    RectificationItemFactory(activity=held, unit=other, status=R.RECTIFIED, deadline=datetime.date(2026, 11, 1),
                             rectified_on=datetime.date(2026, 10, 30))
    RectificationItemFactory(activity=held, unit=other, status=R.VERIFIED)


@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_the_office_and_the_presidium_count_activities_and_items(client, request, year_of_supervision, fixture):
    response = dashboard(client, request.getfixturevalue(fixture))
    assert response.context["activities"] == {"held": 1, "planned": 1}
    # overdue: in handling past the deadline (a rectified one waits for the office, not the unit)
    assert response.context["rectification"] == {"to_start": 1, "in_progress": 2, "awaiting_verification": 1,
                                                 "overdue": 2}
    content = response.content.decode()
    assert 'data-figure="items-to-verify">1<' in content and 'data-figure="items-overdue">2<' in content


def test_a_unit_officer_counts_only_their_own_units_items(client, unit_officer, year_of_supervision):
    response = dashboard(client, unit_officer)
    assert response.context["rectification"] == {"to_start": 1, "in_progress": 1, "awaiting_verification": 0,
                                                 "overdue": 1}
    assert 'data-figure="rectification-overdue">1<' in response.content.decode()


def test_a_deputy_sees_the_activities_coming_up_that_they_take_part_in(client, deputy_user):
    me = deputy_user.deputy
    mine = PlannedActivityFactory(start_date=datetime.date(2026, 12, 10), participants=[me])
    led = PlannedActivityFactory(start_date=datetime.date(2026, 12, 1))
    led.leader = me
    led.save()
    PlannedActivityFactory(start_date=datetime.date(2026, 12, 5), participants=[DeputyFactory()])
    ActivityFactory(start_date=datetime.date(2026, 5, 1), participants=[me])  # held already
    response = dashboard(client, deputy_user)
    assert response.context["upcoming_activities"] == [led, mine]
