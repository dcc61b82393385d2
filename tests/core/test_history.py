"""Every change to a domain record is kept with who, when and what (core/history.py), and the record's
page shows it to those who read every record."""
import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from congress.models import Attendance
from congress.services import attendance_record
from core.history import acting_as, record_history
from core.models import Holiday, User
from core.roles import Role
from core.services import holidays_load_from_package
from motions.models import Suggestion
from motions.services.review import suggestion_accept
from reports.models import ReportSection
from reports.services_annual import annual_report_draft
from tests.congress.factories import SessionFactory
from tests.deputies.factories import ContactPlatformFactory, RepresentativeGroupFactory, VoterReceptionFactory
from tests.factories import DeputyFactory, MandateFactory, user_with_role
from tests.motions.factories import AssignmentFactory, SuggestionFactory
from tests.supervision.factories import (
    ActivityFactory,
    RectificationItemFactory,
    ResearchReportFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def entries_in_english(record):
    with translation.override("en"):
        return record_history(record)


def change_of(entry, label):
    return next(change for change in entry.changes if change.label == label)


# --- who, when, what -----------------------------------------------------------------------------

def test_a_change_made_on_a_page_is_kept_with_the_signed_in_user_the_time_and_old_and_new(client, staff_user):
    item = SuggestionFactory(status=Suggestion.Status.REPLIED)
    client.force_login(staff_user)
    before = timezone.now()

    client.post(reverse("motions:office_publish", args=[item.pk]))

    latest = item.history.latest()
    assert latest.history_user == staff_user
    assert latest.history_date >= before
    entry = entries_in_english(item)[0]
    assert (entry.user, entry.action) == (staff_user, "changed")
    assert (change_of(entry, "published").old, change_of(entry, "published").new) == ("No", "Yes")


def test_a_move_made_outside_a_request_names_the_services_actor(staff_user):
    """A Celery task or a command has no request: the workflow's actor is the author."""
    item = SuggestionFactory(status=Suggestion.Status.SUBMITTED)

    suggestion_accept(suggestion=item, actor=staff_user)

    entry = entries_in_english(item)[0]
    assert entry.user == staff_user
    assert (change_of(entry, "status").old, change_of(entry, "status").new) == ("Submitted", "Accepted")


def test_acting_as_names_the_author_of_plain_saves_outside_a_request(staff_user):
    deputy = DeputyFactory()
    with acting_as(staff_user):
        deputy.occupation = "村党支部书记"
        deputy.save()
    deputy.phone = "13900000000"
    deputy.save()

    newest, previous = deputy.history.order_by("-history_id")[:2]
    assert previous.history_user == staff_user
    assert newest.history_user is None


def test_a_task_without_an_actor_is_recorded_as_the_system(client, staff_user):
    holidays_load_from_package(from_year=2026, to_year=2026)
    assert Holiday.history.exists()
    assert not Holiday.history.exclude(history_user=None).exists()

    item = SuggestionFactory(status=Suggestion.Status.REPLIED)
    item.is_published = True
    item.save()
    client.force_login(staff_user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("motions:office_item", args=[item.pk])).content.decode()
    assert "System" in page


def test_field_values_are_shown_in_words_foreign_keys_choices_and_short_long_texts(staff_user):
    item = SuggestionFactory(status=Suggestion.Status.SUBMITTED)
    old_category = item.category
    new_category = type(old_category).objects.create(name="历史测试类别")
    item.category = new_category
    item.kind = Suggestion.Kind.MOTION
    item.content = "长" * 300
    item.save()

    entry = entries_in_english(item)[0]
    assert (change_of(entry, "category").old, change_of(entry, "category").new) == ("农业农村", "历史测试类别")
    assert change_of(entry, "kind").new == "Motion"
    assert len(change_of(entry, "content").new) <= 80


def test_the_rows_that_belong_to_a_record_show_on_its_history(staff_user):
    assignment = AssignmentFactory()
    with acting_as(staff_user):
        assignment.due_date = datetime.date(2026, 9, 16)
        assignment.save()

    entry = entries_in_english(assignment.suggestion)[0]
    assert entry.subject.startswith("assignment")
    assert entry.user == staff_user
    assert change_of(entry, "due date").new.endswith("2026")


def test_a_save_that_changes_nothing_is_not_listed():
    deputy = DeputyFactory()
    deputy.save()
    deputy.save()

    assert [entry.action for entry in record_history(deputy) if not entry.subject] == ["created"]


def test_reading_a_records_history_takes_a_few_queries(django_assert_max_num_queries, staff_user):
    item = SuggestionFactory(status=Suggestion.Status.SUBMITTED)
    suggestion_accept(suggestion=item, actor=staff_user)
    AssignmentFactory(suggestion=item)
    for _ in range(2):
        AssignmentFactory(suggestion=item, role="co")

    # the record and its six kinds of rows with their authors (one UNION ALL), then the rows named
    with django_assert_max_num_queries(2):
        entries = record_history(item)
    assert len(entries) >= 5


# --- writes in bulk ------------------------------------------------------------------------------

def test_attendance_marked_in_bulk_is_kept_with_its_author(staff_user):
    meeting = SessionFactory(start_date=datetime.date(2026, 3, 10))
    deputies = [MandateFactory().deputy for _ in range(3)]
    attendance_record(meeting=meeting, marks={d.pk: Attendance.Status.PRESENT for d in deputies}, actor=staff_user)
    attendance_record(meeting=meeting, marks={deputies[0].pk: Attendance.Status.ON_LEAVE}, actor=staff_user)

    rows = Attendance.history.filter(meeting_id=meeting.pk)
    assert rows.filter(history_type="+").count() == 3
    changed = rows.get(history_type="~")
    assert (changed.status, changed.history_user) == (Attendance.Status.ON_LEAVE, staff_user)


def test_a_drafted_reports_sections_are_kept(staff_user):
    report = annual_report_draft(year=2026, actor=staff_user)

    assert ReportSection.history.filter(report_id=report.pk, history_user=staff_user).count() == report.sections.count()


# --- no secrets ----------------------------------------------------------------------------------

def test_passwords_never_reach_the_history_tables(staff_user):
    staff_user.set_password("Secret-2026!")
    staff_user.save()

    columns = {field.column for field in User.history.model._meta.fields}
    assert not {"password", "last_login"} & columns
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {User.history.model._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert staff_user.password not in stored
    assert User.history.filter(id=staff_user.pk).exists()


# --- the card on each page -----------------------------------------------------------------------

def _annual_report():
    return annual_report_draft(year=2026, actor=user_with_role(Role.STAFF, username="drafter"))


PAGES = {
    "deputy": (lambda: DeputyFactory(), "deputies:deputy_detail"),
    "group": (lambda: RepresentativeGroupFactory(), "deputies:group_detail"),
    "platform": (lambda: ContactPlatformFactory(), "deputies:platform_detail"),
    "reception": (lambda: VoterReceptionFactory(), "deputies:reception_detail"),
    "meeting": (lambda: SessionFactory(), "congress:meeting_detail"),
    "suggestion": (lambda: SuggestionFactory(status=Suggestion.Status.SUBMITTED), "motions:office_item"),
    "activity": (lambda: ActivityFactory(), "supervision:activity_detail"),
    "rectification item": (lambda: RectificationItemFactory(), "supervision:item_detail"),
    "training": (lambda: TrainingFactory(), "supervision:training_detail"),
    "research report": (lambda: ResearchReportFactory(), "supervision:research_detail"),
    "annual report": (_annual_report, "annual:detail"),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_history_card_shows_on_each_record_page_for_the_office(client, staff_user, page):
    make, url_name = PAGES[page]
    record = make()
    with acting_as(staff_user):
        record.save()  # a saved-again row with no change: the card lists the creation only

    client.force_login(staff_user)
    response = client.get(reverse(url_name, args=[record.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-section="history"' in html
    assert 'data-history="created"' in html


@pytest.mark.parametrize("role", ["chairman", "presidium_member"])
def test_the_chairman_and_presidium_members_see_the_history(client, request, role):
    activity = ActivityFactory()
    client.force_login(request.getfixturevalue(role))

    html = client.get(reverse("supervision:activity_detail", args=[activity.pk])).content.decode()

    assert 'data-section="history"' in html


def test_a_deputy_does_not_see_the_history_of_an_activity_they_took_part_in(client, deputy_user):
    activity = ActivityFactory()
    activity.participants.add(deputy_user.deputy)
    client.force_login(deputy_user)

    response = client.get(reverse("supervision:activity_detail", args=[activity.pk]))

    assert response.status_code == 200
    assert 'data-section="history"' not in response.content.decode()


def test_a_deputy_does_not_see_the_history_of_their_own_suggestion(client, deputy_user):
    item = SuggestionFactory(proposer=deputy_user.deputy, status=Suggestion.Status.SUBMITTED)
    client.force_login(deputy_user)

    response = client.get(reverse("motions:deputy_item", args=[item.pk]))

    assert response.status_code == 200
    assert 'data-section="history"' not in response.content.decode()


def test_a_unit_officer_opening_their_units_item_does_not_see_its_history(client, unit_officer):
    item = RectificationItemFactory(unit=unit_officer.handling_unit, status="in_progress")
    client.force_login(unit_officer)

    response = client.get(reverse("supervision:item_detail", args=[item.pk]), follow=True)

    assert response.status_code == 200
    assert 'data-section="history"' not in response.content.decode()


@pytest.mark.parametrize("role, shown", [("staff_user", True), ("chairman", True), ("presidium_member", True),
                                         ("deputy_user", False), ("unit_officer", False)])
def test_the_card_itself_shows_only_to_those_who_read_every_record(request, role, shown):
    item = SuggestionFactory()

    html = render_to_string("partials/history.html", {"record": item, "user": request.getfixturevalue(role)})

    assert ('data-section="history"' in html) is shown
