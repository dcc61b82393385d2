"""The research reports' pages: the readers' list, the author's own report, forms for the office
and for a presidium member writing as themselves, errors that keep what was typed, the document."""
import datetime

import pytest
from django.urls import reverse

from core.roles import Role
from supervision.models import ResearchReport
from tests.factories import DeputyFactory, user_with_role

from .factories import ActivityFactory, PlannedActivityFactory, ResearchReportFactory
from .test_training_helpers import (  # noqa: F401  (fixtures)
    JPEG,
    media,
    member,
    office,
    presidium_account,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]
LIST = reverse("supervision:research_list")
NEW = reverse("supervision:research_create")
WRITTEN = datetime.date(2026, 5, 18)


def url(name, report):
    return reverse(f"supervision:{name}", args=[report.pk])


def form_data(author, **fields):
    return {"title": "关于村级道路养护的调研报告", "author": author.pk, "written_on": "2026-05-18",
            "summary": "三个村道路破损严重"} | fields


# --- who opens what -------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_readers_of_everything_open_the_list_and_any_report(client, request, fixture):
    report = ResearchReportFactory(written_on=WRITTEN)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 200
    assert client.get(url("research_detail", report)).status_code == 200


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_deputies_and_unit_officers_may_not_open_the_list_or_write(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403


def test_an_author_who_is_a_deputy_only_opens_their_own_report(client, deputy_user):
    own = ResearchReportFactory(author=deputy_user.deputy, written_on=WRITTEN)
    other = ResearchReportFactory(written_on=WRITTEN)
    client.force_login(deputy_user)
    assert client.get(url("research_detail", own)).status_code == 200
    assert client.get(url("research_detail", other)).status_code == 404
    assert client.get(url("research_update", own)).status_code == 403  # not (or no longer) a presidium member


def test_a_unit_officer_sees_no_report(client, unit_officer):
    client.force_login(unit_officer)
    assert client.get(url("research_detail", ResearchReportFactory())).status_code == 404


def test_a_presidium_member_without_a_deputy_record_cannot_write(client, presidium_member):
    client.force_login(presidium_member)
    assert client.get(NEW).status_code == 403


def test_a_presidium_member_reads_but_does_not_edit_another_members_report(client, member):
    report = ResearchReportFactory(author=presidium_account("王建国").deputy, written_on=WRITTEN)
    client.force_login(member)
    html = client.get(url("research_detail", report)).content.decode()
    assert url("research_update", report) not in html
    assert client.get(url("research_update", report)).status_code == 403
    assert client.post(url("research_update", report), form_data(member.deputy)).status_code == 403


# --- the list ------------------------------------------------------------------------------------

def test_the_list_shows_the_year_asked_for(client, staff_user):
    this_year = ResearchReportFactory(written_on=WRITTEN, activity=ActivityFactory())
    last_year = ResearchReportFactory(written_on=datetime.date(2025, 10, 1))
    client.force_login(staff_user)
    assert [report.pk for report in client.get(LIST).context["page_obj"]] == [this_year.pk]
    assert [report.pk for report in client.get(LIST, {"year": 2025}).context["page_obj"]] == [last_year.pk]
    assert client.get(LIST, {"year": "x", "page": "-1"}).status_code == 200


def test_the_list_runs_the_same_queries_for_one_report_or_many(client, staff_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ResearchReportFactory(written_on=WRITTEN, activity=ActivityFactory())
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for month in range(1, 13):
        ResearchReportFactory(written_on=datetime.date(2026, month, 1), activity=ActivityFactory())
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page_obj"]) == 13


# --- the form ------------------------------------------------------------------------------------

def test_a_presidium_member_records_their_own_report_with_its_document(client, member, media):
    activity = ActivityFactory()
    client.force_login(member)
    response = client.get(NEW)
    assert list(response.context["form"].fields["author"].queryset) == [member.deputy]
    response = client.post(NEW, form_data(member.deputy, activity=activity.pk, file=upload("调研报告.pdf")))
    report = ResearchReport.objects.get()
    assert response.status_code == 302 and response.url == url("research_detail", report)
    assert (report.author, report.activity, report.created_by) == (member.deputy, activity, member)
    response = client.get(url("research_file", report))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_presidium_member_cannot_post_another_author(client, member):
    other = presidium_account("王建国")
    client.force_login(member)
    response = client.post(NEW, form_data(other.deputy))
    assert response.status_code == 200 and response.context["form"].errors["author"]
    assert not ResearchReport.objects.exists()


def test_the_office_picks_any_presidium_member(client, staff_user, member):
    DeputyFactory(name="普通代表")
    client.force_login(staff_user)
    response = client.get(NEW)
    assert list(response.context["form"].fields["author"].queryset) == [member.deputy]
    assert client.post(NEW, form_data(member.deputy)).status_code == 302


def test_a_refused_form_keeps_everything_typed_and_asks_for_the_file_again(client, english, staff_user, member):
    planned = PlannedActivityFactory(start_date=datetime.date(2026, 6, 1))
    client.force_login(staff_user)
    # A planned activity is not offered; posting it anyway is refused by the form.
    response = client.post(NEW, form_data(member.deputy, activity=planned.pk, title="关于饮水的调研",
                                          file=upload("报告.pdf")))
    html = response.content.decode()
    assert response.status_code == 200 and response.context["form"].errors["activity"]
    assert 'value="关于饮水的调研"' in html and "三个村道路破损严重" in html and 'data-note="file-again"' in html
    # The form says at once that the date is in the future.
    response = client.post(NEW, form_data(member.deputy, written_on="2026-12-01", title="关于饮水的调研"))
    assert response.status_code == 200
    assert "cannot be in the future" in str(response.context["form"].errors["written_on"])
    # The service's refusal (not yet in the presidium that day) lands next to its field, everything else kept.
    joined = presidium_account("新成员", since=datetime.date(2026, 5, 19))
    response = client.post(NEW, form_data(joined.deputy, title="关于饮水的调研"))
    assert response.status_code == 200
    assert "was not a member of the presidium" in str(response.context["form"].errors["author"])
    html = response.content.decode()
    assert 'value="关于饮水的调研"' in html and f'value="{joined.deputy.pk}" selected' in html
    assert not ResearchReport.objects.exists()


def test_a_wrong_document_and_bad_input_are_errors_not_crashes(client, english, staff_user, member, media):
    client.force_login(staff_user)
    response = client.post(NEW, form_data(member.deputy, file=upload("报告.pdf", JPEG)))
    assert response.status_code == 200 and "damaged" in str(response.context["form"].errors["file"])
    response = client.post(NEW, {"title": "", "author": "x", "written_on": "2026-02-30", "activity": "999999"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "author", "written_on", "activity"}
    assert not ResearchReport.objects.exists()


def test_editing_keeps_the_document_unless_it_is_cleared_or_replaced(client, staff_user, member, office, media):
    from supervision.services.research import research_report_create

    report = research_report_create(title="初稿", author=member.deputy, written_on=WRITTEN, actor=office,
                                    file=upload("初稿.pdf"))
    kept = report.file.name
    client.force_login(staff_user)
    assert client.get(url("research_update", report)).status_code == 200
    assert client.post(url("research_update", report), form_data(member.deputy, title="定稿")).status_code == 302
    report.refresh_from_db()
    assert (report.title, report.file.name) == ("定稿", kept)
    response = client.post(url("research_update", report), form_data(member.deputy, **{"file-clear": "on"}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.file
    assert client.get(url("research_file", report)).status_code == 404


def test_the_document_is_refused_to_those_who_may_not_see_the_report(client, deputy_user, unit_officer, member,
                                                                      office, media):
    from supervision.services.research import research_report_create

    report = research_report_create(title="报告", author=member.deputy, written_on=WRITTEN, actor=office,
                                    file=upload())
    for user in (deputy_user, unit_officer):
        client.force_login(user)
        assert client.get(url("research_file", report)).status_code == 404
    client.force_login(member)
    assert client.get(url("research_file", report)).status_code == 200


def test_the_detail_links_the_activity_it_came_from(client, staff_user):
    activity = ActivityFactory()
    report = ResearchReportFactory(written_on=WRITTEN, activity=activity)
    client.force_login(staff_user)
    html = client.get(url("research_detail", report)).content.decode()
    assert reverse("supervision:activity_detail", args=[activity.pk]) in html
    assert url("research_update", report) in html


def test_the_chairman_writes_for_any_presidium_member(client, member):
    chairman = user_with_role(Role.CHAIRMAN)
    client.force_login(chairman)
    assert client.post(NEW, form_data(member.deputy)).status_code == 302
