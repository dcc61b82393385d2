"""The rules of each rectification service (SPEC §5): what the office records and edits, what the
unit reports, how the office verifies, sends back, extends once and withdraws — each with its
timeline step, its messages, and a clear refusal naming the field concerned."""
import datetime

import pytest

from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from supervision.models import Activity, RectificationEvent, RectificationFile, RectificationItem
from supervision.services import rectification as services
from supervision.workflow import Action
from tests.factories import HandlingUnitFactory, user_with_role
from tests.supervision.factories import ActivityFactory, PlannedActivityFactory
from tests.supervision.test_rectification_setup import (  # noqa: F401
    JPEG,
    PDF,
    PNG,
    TODAY,
    item_of,
    media,
    people,
    today,
    upload,
)

pytestmark = pytest.mark.django_db

R = RectificationItem.Status
D = datetime.date
DEADLINE = D(2026, 9, 1)


def create(people, **overrides):
    kwargs = {"activity": people["activity"], "problem": "青山村垃圾收集点未按时清运", "requirement": "建立清运台账",
              "unit": people["unit"], "deadline": DEADLINE, "actor": people["staff"], **overrides}
    return services.item_create(**kwargs)


def refused(call, **kwargs):
    with pytest.raises(ApplicationError) as error:
        call(**kwargs)
    return error.value


def inbox(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def events(item):
    return list(RectificationEvent.objects.filter(item=item).order_by("pk").values_list("action", flat=True))


# --- recording an item ---------------------------------------------------------------------------

def test_the_office_records_an_item_assigned_today_and_the_unit_is_told(people, today):
    item = create(people)
    assert (item.status, item.assigned_on, item.deadline, item.created_by) == (R.PENDING, TODAY, DEADLINE,
                                                                               people["staff"])
    assert events(item) == [Action.CREATE]
    [message] = inbox(people["officer"])
    assert message.link == f"/supervision/unit/items/{item.pk}/"
    assert "财政所" in message.subject and "2026-09-01" in message.body
    assert inbox(people["other_officer"]) == [] and inbox(people["staff"]) == []


@pytest.mark.parametrize("kind", ["chairman"])
def test_the_chairman_records_items_too(people, today, kind):
    assert create(people, actor=people[kind]).created_by == people[kind]


@pytest.mark.parametrize("kind", ["member", "officer", "deputy"])
def test_nobody_but_the_office_records_items(people, today, kind):
    refused(create, people=people, actor=people[kind])
    assert not RectificationItem.objects.exists()


@pytest.mark.parametrize("status", [Activity.Status.PLANNED, Activity.Status.CANCELLED])
def test_items_are_recorded_only_for_a_held_activity(people, today, status):
    activity = PlannedActivityFactory(status=status)
    refused(create, people=people, activity=activity)
    assert not RectificationItem.objects.exists()


def test_the_deadline_is_neither_in_the_past_nor_before_the_activity_ended(people, today):
    assert refused(create, people=people, deadline=TODAY - datetime.timedelta(days=1)).field == "deadline"
    late_activity = ActivityFactory(start_date=D(2026, 6, 1), end_date=D(2026, 6, 20))
    error = refused(create, people=people, activity=late_activity, deadline=D(2026, 6, 10))
    assert error.field == "deadline"
    assert create(people, deadline=TODAY).deadline == TODAY  # today itself is allowed


def test_the_problem_must_be_described_and_the_unit_be_active(people, today):
    assert refused(create, people=people, problem="   ").field == "problem"
    closed = HandlingUnitFactory(name="已撤并的站所", active=False)
    assert refused(create, people=people, unit=closed).field == "unit"
    assert not RectificationItem.objects.exists()


# --- editing it ----------------------------------------------------------------------------------

def edit(item, people, **overrides):
    kwargs = {"item": item, "problem": item.problem, "requirement": item.requirement, "unit": item.unit,
              "deadline": item.deadline, "actor": people["staff"], **overrides}
    return services.item_update(**kwargs)


def test_an_edit_says_what_changed_and_a_new_unit_is_told(people, today):
    item = item_of(people)
    edited = edit(item, people, unit=people["other_unit"], deadline=DEADLINE, problem="改写后的问题")
    assert (edited.unit, edited.deadline, edited.problem) == (people["other_unit"], DEADLINE, "改写后的问题")
    event = RectificationEvent.objects.get(item=item, action=Action.EDIT)
    assert "农业服务中心" in event.comment and "2026-09-01" in event.comment
    assert len(inbox(people["other_officer"])) == 1 and len(inbox(people["officer"])) == 1


def test_an_edit_that_changes_nothing_records_nothing(people, today):
    item = item_of(people)
    edit(item, people)
    assert events(item) == []


def test_an_item_is_edited_only_while_the_unit_has_not_started(people, today):
    item = item_of(people, status=R.IN_PROGRESS)
    refused(edit, item=item, people=people, problem="新的问题")
    assert RectificationItem.objects.get(pk=item.pk).problem == item.problem


def test_an_extended_deadline_is_not_changed_by_an_edit(people, today):
    item = item_of(people, original_deadline=D(2026, 7, 1))
    assert refused(edit, item=item, people=people, deadline=D(2026, 10, 1)).field == "deadline"
    assert refused(edit, item=item, people=people, actor=people["member"], problem="x")


def test_an_edit_keeps_a_unit_that_has_since_been_made_inactive(people, today):
    item = item_of(people)
    people["unit"].active = False
    people["unit"].save()
    assert edit(item, people, problem="补充说明").problem == "补充说明"


# --- the unit's steps ----------------------------------------------------------------------------

def test_starting_stamps_the_time_and_the_timeline(people, today):
    started = services.item_start(item=item_of(people), actor=people["officer"])
    assert started.status == R.IN_PROGRESS and started.started_at.date() == TODAY
    assert events(started) == [Action.START]


def test_a_first_progress_report_starts_the_rectification_and_keeps_every_file(people, today, media):
    item = item_of(people)
    files = [upload("现场照片1.jpg", JPEG), upload("现场照片2.png", PNG), upload("清运台账.pdf", PDF)]
    moved = services.item_report(item=item, text="已安排专人清运。", files=files, actor=people["officer"])
    assert moved.status == R.IN_PROGRESS and moved.started_at is not None
    report = item.reports.get()
    assert (report.text, report.is_completion, report.author) == ("已安排专人清运。", False, people["officer"])
    stored = sorted(report.files.values_list("name", "is_photo"))
    assert stored == [("清运台账.pdf", False), ("现场照片1.jpg", True), ("现场照片2.png", True)]
    assert all(f.file.storage.exists(f.file.name) for f in RectificationFile.objects.all())


def test_a_report_needs_its_text_and_refuses_a_disguised_file_without_writing_anything(people, today, media):
    item = item_of(people)
    assert refused(services.item_report, item=item, text=" ", actor=people["officer"]).field == "text"
    disguised = upload("整改报告.pdf", b"just some text, not a PDF")
    error = refused(services.item_report, item=item, text="进展", files=[upload(), disguised], actor=people["officer"])
    assert error.field == "files" and "整改报告.pdf" in error.message
    assert not item.reports.exists() and not list(media.rglob("*.*"))
    assert RectificationItem.objects.get(pk=item.pk).status == R.PENDING


def test_a_report_carries_at_most_ten_files(people, today, media):
    item = item_of(people)
    files = [upload(f"照片{n}.jpg") for n in range(services.MAX_FILES + 1)]
    assert refused(services.item_report, item=item, text="进展", files=files, actor=people["officer"]).field == "files"


def test_reporting_done_needs_a_text_not_a_file_and_tells_the_office(people, today, media):
    item = item_of(people, status=R.IN_PROGRESS)
    assert refused(services.item_claim_done, item=item, text="", actor=people["officer"]).field == "text"
    inactive_staff = user_with_role(Role.STAFF, username="left", is_active=False)
    done = services.item_claim_done(item=item, text="已全部清运，台账已建立。", actor=people["officer"])
    assert (done.status, done.rectified_on) == (R.RECTIFIED, TODAY)
    assert item.reports.get().is_completion
    for user in ("staff", "chairman"):
        [message] = inbox(people[user])
        assert message.link == f"/supervision/items/{item.pk}/"
    assert inbox(people["member"]) == [] and inbox(inactive_staff) == [] and inbox(people["officer"]) == []


# --- the office's steps --------------------------------------------------------------------------

def test_verifying_stamps_who_and_when_and_tells_the_unit(people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 28))
    verified = services.item_verify(item=item, actor=people["chairman"], comment="现场核查属实")
    assert (verified.status, verified.verified_on, verified.verified_by) == (R.VERIFIED, TODAY, people["chairman"])
    assert RectificationEvent.objects.get(item=item).comment == "现场核查属实"
    [message] = inbox(people["officer"])
    assert message.link == f"/supervision/unit/items/{item.pk}/"


def test_sending_back_needs_a_reason_clears_the_done_date_and_tells_the_unit_why(people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 28))
    assert refused(services.item_reject, item=item, reason="", actor=people["staff"]).field == "reason"
    back = services.item_reject(item=item, reason="第二处仍未清运", actor=people["staff"])
    assert (back.status, back.rectified_on) == (R.IN_PROGRESS, None)
    [message] = inbox(people["officer"])
    assert message.body == "第二处仍未清运"


def test_the_deadline_is_extended_once_with_a_reason_to_a_later_day(people, today):
    item = item_of(people)
    error = refused(services.item_extend, item=item, deadline=D(2026, 7, 31), reason="施工", actor=people["staff"])
    assert error.field == "deadline"  # not later than the current deadline
    extended = services.item_extend(item=item, deadline=D(2026, 9, 30), reason="需跨季度施工", actor=people["staff"])
    assert (extended.deadline, extended.original_deadline, extended.extension_reason) == (
        D(2026, 9, 30), D(2026, 7, 31), "需跨季度施工")
    assert "2026-07-31" in RectificationEvent.objects.get(item=item).comment
    assert len(inbox(people["officer"])) == 1
    services.item_start(item=extended, actor=people["officer"])
    again = refused(services.item_extend, item=extended, deadline=D(2026, 12, 31), reason="再延", actor=people["staff"])
    assert "once" in again.message or "一次" in again.message
    assert RectificationItem.objects.get(pk=item.pk).deadline == D(2026, 9, 30)


def test_withdrawing_needs_a_reason_and_tells_the_unit(people, today):
    item = item_of(people, status=R.IN_PROGRESS)
    withdrawn = services.item_withdraw(item=item, reason="与第3项重复", actor=people["staff"])
    assert withdrawn.status == R.WITHDRAWN
    assert inbox(people["officer"])[0].body == "与第3项重复"
