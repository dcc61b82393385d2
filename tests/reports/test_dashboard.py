"""The dashboard at "/": one page per role, each with its own figures and nothing of anyone else's."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import HandlingUnit
from core.roles import Role
from deputies.models import Deputy, Mandate
from reports import selectors
from tests.factories import (
    DeputyFactory,
    HandlingUnitFactory,
    HolidayFactory,
    NotificationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

VILLAGE = HandlingUnit.Kind.VILLAGE_COMMITTEE
WOMAN = Deputy.Gender.FEMALE


def today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard"))


def template_names(response):
    return [template.name for template in response.templates]


# --- who sees which page ------------------------------------------------------------------------

def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


@pytest.mark.parametrize(
    "fixture, template",
    [
        ("staff_user", "reports/dashboard_staff.html"),
        ("chairman", "reports/dashboard_chairman.html"),
        ("presidium_member", "reports/dashboard_presidium_member.html"),
        ("deputy_user", "reports/dashboard_deputy.html"),
        ("unit_officer", "reports/dashboard_unit_officer.html"),
    ],
)
def test_each_role_gets_its_own_dashboard(client, request, fixture, template):
    response = dashboard(client, request.getfixturevalue(fixture))
    assert response.status_code == 200
    assert template in template_names(response)


def test_a_chairman_who_is_also_a_deputy_sees_the_chairmans_page(client):
    user = UserFactory(roles=[Role.CHAIRMAN, Role.DEPUTY])
    assert "reports/dashboard_chairman.html" in template_names(dashboard(client, user))


# --- staff: what needs action -------------------------------------------------------------------

def test_staff_see_their_five_latest_unread_messages(client, staff_user):
    for n in range(7):
        NotificationFactory(recipient=staff_user, subject=f"未读{n}")
    NotificationFactory(recipient=staff_user, subject="已读", is_read=True)
    NotificationFactory(subject="别人的")
    response = dashboard(client, staff_user)
    subjects = [n.subject for n in response.context["unread_messages"]]
    assert subjects == ["未读6", "未读5", "未读4", "未读3", "未读2"]
    assert "别人的" not in response.content.decode()


def test_staff_are_warned_of_each_year_whose_holidays_are_missing(client, staff_user):
    year = today().year
    HolidayFactory(day=datetime.date(year, 1, 1), name="元旦")
    response = dashboard(client, staff_user)
    assert response.context["missing_holiday_years"] == [year + 1]
    assert reverse("admin:core_holiday_add") in response.content.decode()


def test_staff_see_no_calendar_warning_when_both_years_are_entered(client, staff_user):
    year = today().year
    HolidayFactory(day=datetime.date(year, 1, 1), name="元旦")
    HolidayFactory(day=datetime.date(year + 1, 1, 1), name="元旦")
    response = dashboard(client, staff_user)
    assert response.context["missing_holiday_years"] == []
    assert reverse("admin:core_holiday_add") not in response.content.decode()


def test_staff_see_the_active_units_nobody_can_sign_in_for(client, staff_user, unit_officer):
    unstaffed = HandlingUnitFactory(name="白沙村村民委员会", kind=VILLAGE)
    disabled_only = HandlingUnitFactory(name="自然资源所")
    user_with_role(Role.UNIT_OFFICER, handling_unit=disabled_only, is_active=False)
    HandlingUnitFactory(name="已撤并的村", active=False)
    response = dashboard(client, staff_user)
    assert [unit.name for unit in response.context["units_without_officer"]] == ["白沙村村民委员会", "自然资源所"]
    assert f"{reverse('admin:core_user_add')}?handling_unit={unstaffed.pk}" in response.content.decode()
    assert response.context["units"]["active"] == 3


def test_staff_see_how_many_deputies_in_office_cannot_sign_in(client, staff_user, deputy_user):
    DeputyFactory.create_batch(3)
    DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=datetime.date(2025, 5, 1))
    response = dashboard(client, staff_user)
    assert response.context["deputies"]["in_office"] == 4
    assert response.context["deputies"]["without_account"] == 3
    assert reverse("admin:deputies_deputy_changelist") in response.content.decode()


# --- chairman and presidium members: the year at a glance ---------------------------------------

@pytest.fixture
def roster(db):
    DeputyFactory(gender=WOMAN)
    DeputyFactory(gender=WOMAN)
    DeputyFactory()
    DeputyFactory(gender=WOMAN, in_office__status=Mandate.Status.DECEASED, in_office__ended_on=datetime.date(2025, 5, 1))
    HandlingUnitFactory(name="党政综合办公室")
    HandlingUnitFactory(name="财政所")
    HandlingUnitFactory(name="青山村村民委员会", kind=VILLAGE)
    HandlingUnitFactory(name="旧村", kind=VILLAGE, active=False)


@pytest.mark.parametrize("fixture", ["chairman", "presidium_member"])
def test_the_year_at_a_glance_counts_deputies_and_units(client, request, roster, fixture):
    context = dashboard(client, request.getfixturevalue(fixture)).context
    assert context["year"] == today().year
    assert (context["deputies"]["in_office"], context["deputies"]["women"]) == (3, 2)
    units = context["units"]
    assert (units["active"], units["government_offices"], units["village_committees"], units["other"]) == (3, 2, 1, 0)


def test_the_working_days_of_the_year_skip_holidays_and_count_adjusted_weekends(chairman):
    # 2025 has 261 weekdays; New Year's Day (a Wednesday) is off, Sunday 26 January is worked.
    HolidayFactory(day=datetime.date(2025, 1, 1), name="元旦")
    HolidayFactory(day=datetime.date(2025, 1, 26), name="春节调休", is_workday=True)
    figures = selectors.chairman_dashboard(chairman, today=datetime.date(2025, 1, 10))["working_days"]
    # 2 to 10 January: Thu, Fri, then Mon to Fri = 7 working days, today included.
    assert (figures["total"], figures["elapsed"], figures["remaining"]) == (261, 7, 254)


def test_the_chairman_is_told_when_the_years_holidays_are_missing(client, chairman):
    assert dashboard(client, chairman).context["calendar_incomplete"] is True
    HolidayFactory(day=datetime.date(today().year, 10, 1), name="国庆节")
    assert dashboard(client, chairman).context["calendar_incomplete"] is False


def test_a_presidium_member_gets_no_link_to_manage_records(client, presidium_member):
    content = dashboard(client, presidium_member).content.decode()
    assert "/admin/" not in content


# --- deputies -----------------------------------------------------------------------------------

def test_a_deputy_sees_their_own_record_and_messages(english, deputy_user):
    deputy = Deputy.objects.get(user=deputy_user)
    deputy.work_unit, deputy.phone = "青山村村民", "13800000001"
    deputy.save()
    DeputyFactory(name="别的代表", work_unit="白沙村")
    NotificationFactory(recipient=deputy_user, subject="会议通知", is_read=True)
    NotificationFactory(subject="别人的消息")
    response = dashboard(english, deputy_user)
    content = response.content.decode()
    assert response.context["deputy"] == deputy
    assert [n.subject for n in response.context["latest_messages"]] == ["会议通知"]
    assert f"Hello, {deputy_user.name}" in content
    assert "青山村村民" in content and "13800000001" in content
    assert "别的代表" not in content and "别人的消息" not in content
    assert reverse("password_change") in content and reverse("notification_list") in content


def test_a_deputy_account_not_yet_linked_to_a_record_is_told_whom_to_ask(english):
    user = user_with_role(Role.DEPUTY)
    response = dashboard(english, user)
    assert response.context["deputy"] is None
    assert "Ask the presidium office" in response.content.decode()


# --- handling-unit officers ---------------------------------------------------------------------

def test_a_unit_officer_sees_their_unit(client, unit_officer):
    unit = unit_officer.handling_unit
    unit.head, unit.phone = "刘志强", "0731-86120002"
    unit.save()
    response = dashboard(client, unit_officer)
    content = response.content.decode()
    assert response.context["unit"] == unit
    assert "财政所" in content and "刘志强" in content and "0731-86120002" in content


def test_a_unit_officer_never_sees_another_unit(client, unit_officer):
    other = HandlingUnitFactory(name="自然资源所", head="吴文斌")
    other_officer = user_with_role(Role.UNIT_OFFICER, handling_unit=other)
    NotificationFactory(recipient=other_officer, subject="自然资源所的交办件")
    NotificationFactory(recipient=unit_officer, subject="财政所的交办件")
    response = dashboard(client, unit_officer)
    content = response.content.decode()
    assert "自然资源所" not in content and "吴文斌" not in content
    assert [n.subject for n in response.context["latest_messages"]] == ["财政所的交办件"]


# --- no role ------------------------------------------------------------------------------------

def test_an_account_without_a_role_is_told_so(english):
    response = dashboard(english, UserFactory())
    assert "reports/dashboard_no_role.html" in template_names(response)
    assert "has no role yet" in response.content.decode()
    assert reverse("admin:index") not in response.content.decode()


def test_a_superuser_without_a_role_gets_a_link_to_the_admin(client):
    response = dashboard(client, UserFactory(is_superuser=True, is_staff=True))
    assert "reports/dashboard_no_role.html" in template_names(response)
    assert reverse("admin:index") in response.content.decode()


# --- every page ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "fixture", ["staff_user", "chairman", "presidium_member", "deputy_user", "unit_officer"]
)
def test_no_dashboard_shows_placeholder_text(english, request, fixture):
    content = dashboard(english, request.getfixturevalue(fixture)).content.decode().lower()
    for placeholder in ("coming soon", "todo", "lorem", "placeholder", "tbd"):
        assert placeholder not in content


@pytest.mark.parametrize(
    "fixture, sees_admin",
    [
        ("staff_user", True),
        ("chairman", True),
        ("presidium_member", False),
        ("deputy_user", False),
        ("unit_officer", False),
    ],
)
def test_only_staff_and_the_chairman_see_administration_in_the_menu(client, request, fixture, sees_admin):
    response = dashboard(client, request.getfixturevalue(fixture))
    menu = [item.url_name for item in response.context["nav_items"]]
    assert ("admin:index" in menu) is sees_admin
    assert (f'href="{reverse("admin:index")}"' in response.content.decode()) is sees_admin
    assert "dashboard" in menu


# --- a fixed number of queries, however many rows -----------------------------------------------

def _fill(rows, *, staff, chairman, deputy_user, unit_officer):
    for n in range(rows):
        unit = HandlingUnitFactory(kind=VILLAGE if n % 2 else HandlingUnit.Kind.GOVERNMENT_OFFICE)
        if n % 3 == 0:
            user_with_role(Role.UNIT_OFFICER, handling_unit=unit)
        DeputyFactory(gender=WOMAN if n % 2 else Deputy.Gender.MALE)
        HolidayFactory(day=datetime.date(today().year, 1, 1) + datetime.timedelta(days=n), name="节日")
        for user in (staff, chairman, deputy_user, unit_officer):
            NotificationFactory(recipient=user)


# The session, the user with their roles and unread count (one query, core.backends) and the township
# of the layout.
LAYOUT_QUERIES = 3
# The chase counts (red and yellow, SPEC §4): one query, the UNION ALL of the chase sources' red
# and yellow parts (core.selectors_chase.chase_alerts).
CHASE_QUERIES = 1
DASHBOARD_QUERIES = {
    # unread messages, missing years, the units with whether each has an officer, the deputies (with
    # those not reported to voters this term); the term, leave requests, deputies absent twice;
    # suggestion counts; supervision activities and rectification items (one UNION ALL); the chase
    "staff_user": 9 + CHASE_QUERIES,
    # deputies, units, the year's calendar (which also says whether its holidays are entered),
    # unread messages; meetings held, receptions, matters raised; the year's suggestion figures
    # (the result classes and one aggregate: the dashboard shows no table); supervision
    # activities and rectification items (one UNION ALL); the chase
    "chairman": 10 + CHASE_QUERIES,
    "presidium_member": 10 + CHASE_QUERIES,
    # the deputy record, the term of today, their mandate in it, notices to answer, latest messages;
    # suggestions to send, to rate, invitations to co-sign; activities coming up
    "deputy_user": 9,
    # the unit, its items by phase, its rectification items, latest messages; its chase
    "unit_officer": 4 + CHASE_QUERIES,
}


@pytest.mark.parametrize("fixture", list(DASHBOARD_QUERIES))
@pytest.mark.parametrize("rows", [1, 12])
def test_each_dashboard_runs_a_fixed_number_of_queries(
    client, request, django_assert_num_queries, fixture, rows, staff_user, chairman, deputy_user, unit_officer
):
    _fill(rows, staff=staff_user, chairman=chairman, deputy_user=deputy_user, unit_officer=unit_officer)
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    with django_assert_num_queries(LAYOUT_QUERIES + DASHBOARD_QUERIES[fixture]):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
