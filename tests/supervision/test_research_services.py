"""Research reports (调研报告): written by presidium members, recorded by the office for any of
them or by a presidium member for themselves, from a held activity, with a checked document."""
import datetime

import pytest

from core.exceptions import ApplicationError
from core.roles import Role
from supervision.models import Activity, ResearchReport
from supervision.services import research as services
from tests.factories import DeputyFactory, user_with_role

from .factories import ActivityFactory, PlannedActivityFactory, ResearchReportFactory
from .test_training_helpers import (  # noqa: F401  (fixtures)
    JPEG,
    deputy_account,
    en,
    media,
    member,
    membership_of,
    office,
    presidium_account,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "en")]
WRITTEN = datetime.date(2026, 5, 18)


def create(actor, author, **fields):
    data = {"title": "关于农村饮水安全的调研报告", "written_on": WRITTEN, "summary": "管网老化"} | fields
    return services.research_report_create(actor=actor, author=author, **data)


# --- who writes, who records ----------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.STAFF, Role.CHAIRMAN])
def test_the_office_records_the_report_of_any_presidium_member(role, member):
    actor = user_with_role(role)
    report = create(actor, member.deputy, activity=ActivityFactory())
    assert (report.author, report.created_by, report.written_on) == (member.deputy, actor, WRITTEN)


def test_a_presidium_member_records_their_own_report(member):
    assert create(member, member.deputy).author == member.deputy


def test_a_presidium_member_records_no_report_of_another(member):
    other = presidium_account("王建国")
    with pytest.raises(ApplicationError) as refused:
        create(member, other.deputy)
    assert refused.value.field == "author" and not ResearchReport.objects.exists()


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT_OFFICER])
def test_deputies_and_unit_officers_record_no_report(role):
    actor = deputy_account(role=role)
    membership_of(actor.deputy)  # even one who sits in the presidium, without the role
    with pytest.raises(ApplicationError):
        create(actor, actor.deputy)
    assert not ResearchReport.objects.exists()


def test_the_author_is_a_presidium_member_on_the_day_it_was_written(office):
    with pytest.raises(ApplicationError, match="not a member of the presidium") as refused:
        create(office, DeputyFactory())
    assert refused.value.field == "author"
    left = DeputyFactory()
    membership_of(left, until=WRITTEN - datetime.timedelta(days=1))
    with pytest.raises(ApplicationError, match="not a member of the presidium"):
        create(office, left)
    joined = DeputyFactory()
    membership_of(joined, since=WRITTEN + datetime.timedelta(days=1))
    with pytest.raises(ApplicationError, match="not a member of the presidium"):
        create(office, joined)
    membership_of(last_day := DeputyFactory(), until=WRITTEN)
    assert create(office, last_day).author == last_day


def test_a_report_is_not_written_in_the_future(office, member):
    with pytest.raises(ApplicationError) as refused:
        create(office, member.deputy, written_on=datetime.date(2026, 5, 21))
    assert refused.value.field == "written_on"


# --- the activity it came from ----------------------------------------------------------------------

@pytest.mark.parametrize("status", [Activity.Status.PLANNED, Activity.Status.CANCELLED])
def test_the_activity_was_held(office, member, status):
    with pytest.raises(ApplicationError) as refused:
        create(office, member.deputy, activity=PlannedActivityFactory(status=status))
    assert refused.value.field == "activity"


def test_the_activity_began_before_the_report_was_written(office, member):
    activity = ActivityFactory(start_date=datetime.date(2026, 5, 19))
    with pytest.raises(ApplicationError, match="after the report was written") as refused:
        create(office, member.deputy, activity=activity)
    assert refused.value.field == "activity"


def test_a_report_needs_no_activity(office, member):
    assert create(office, member.deputy).activity is None


# --- the document --------------------------------------------------------------------------------

def test_the_document_is_checked_and_kept(office, member, media):
    report = create(office, member.deputy, file=upload("调研报告.pdf"))
    assert report.file.name.startswith("supervision/research/2026/")
    with pytest.raises(ApplicationError) as refused:
        create(office, member.deputy, file=upload("报告.pdf", JPEG))
    assert refused.value.field == "file"
    assert ResearchReport.objects.count() == 1


# --- changing a report ----------------------------------------------------------------------------

def test_the_author_changes_their_report_and_another_member_cannot(member):
    report = ResearchReportFactory(author=member.deputy, written_on=WRITTEN)
    services.research_report_update(report=report, actor=member, title="新标题")
    report.refresh_from_db()
    assert report.title == "新标题"
    other = presidium_account("王建国")
    with pytest.raises(ApplicationError, match="only research reports you wrote"):
        services.research_report_update(report=report, actor=other, title="别人改")


def test_a_member_cannot_hand_their_report_to_another(member):
    report = ResearchReportFactory(author=member.deputy, written_on=WRITTEN)
    other = presidium_account("王建国")
    with pytest.raises(ApplicationError) as refused:
        services.research_report_update(report=report, actor=member, author=other.deputy)
    assert refused.value.field == "author"
    report.refresh_from_db()
    assert report.author == member.deputy


def test_the_office_replaces_then_takes_off_the_document(office, member, media, django_capture_on_commit_callbacks):
    report = create(office, member.deputy, file=upload("初稿.pdf"))
    first = media / report.file.name
    with django_capture_on_commit_callbacks(execute=True):
        report = services.research_report_update(report=report, actor=office, file=upload("定稿.pdf"))
    assert report.file.name.endswith(".pdf") and report.file.name != first.name and not first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.research_report_update(report=report, actor=office, file="")
    assert not report.file
    report.refresh_from_db()
    assert not report.file


def test_an_unknown_field_is_a_programming_error(office, member):
    with pytest.raises(ValueError):
        services.research_report_update(report=ResearchReportFactory(author=member.deputy, written_on=WRITTEN),
                                        actor=office, created_by=None)
