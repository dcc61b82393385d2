"""The handling unit's services as specifications: who may act (an officer of THE assignment's
unit), and each rule of SPEC §4 point 4 — acknowledge, return within 7 working days, contacts,
the co-unit's opinion, the lead unit's reply with its class and signed letter, re-handling, and
the class-B promise."""
import datetime
import re

import pytest
from django.utils.formats import date_format

from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from motions import rules
from motions.models import Assignment, Contact, CoSigner, Event, HandlingRules, Reply, Suggestion
from motions.selectors.unit import unit_follow_up
from motions.services.handling import (
    assignment_acknowledge,
    assignment_return,
    co_unit_opinion_send,
    contact_record,
    promise_report,
    reply_submit,
)
from motions.workflow import Action
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import ReplyFactory, SuggestionFactory

from .factories_unit import (  # noqa: F401 (fixtures)
    DOCX,
    JPEG,
    PNG,
    TODAY,
    acknowledged,
    assigned,
    confirmed_cosigner,
    czs,
    english,
    fix_today,
    letter,
    national_day_2026,
    officer,
    proposer_with_login,
    rehandling,
    result_class,
    today,
    unit,
)

pytestmark = pytest.mark.django_db

S, AS = Suggestion.Status, Assignment.Status


@pytest.fixture(autouse=True)
def _english(english):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def day(value):
    return date_format(value, "DATE_FORMAT")


def inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def reply(assignment, actor, code="A", **changes):
    fields = {"assignment": assignment, "result_class": result_class(code), "text": "已硬化机耕道1.2公里。",
              "signed_by": "王所长", "letter": letter(), "actor": actor, **changes}
    return reply_submit(**fields)


# --- who may act -------------------------------------------------------------------------------

def test_only_an_officer_of_the_assignments_unit_may_act(unit, staff_user, deputy_user, today):
    assignment = assigned(unit)
    stranger = officer(HandlingUnitFactory(name="农业服务中心"))
    for actor in (stranger, staff_user, deputy_user, user_with_role(Role.UNIT_OFFICER)):
        with pytest.raises(ApplicationError):
            assignment_acknowledge(assignment=assignment, actor=actor)
    assignment.refresh_from_db()
    assert assignment.status == AS.ASSIGNED and not Event.objects.exists()


def test_a_returned_assignment_is_no_longer_the_units(unit, czs, today):
    assignment = assigned(unit, status=AS.RETURNED)
    with pytest.raises(ApplicationError, match="returned"):
        assignment_acknowledge(assignment=assignment, actor=czs)


# --- acknowledge -------------------------------------------------------------------------------

def test_acknowledging_keeps_the_moment_and_shows_on_the_timeline_with_the_unit(unit, czs, today):
    assignment = assigned(unit)
    assignment_acknowledge(assignment=assignment, actor=czs)
    assignment.refresh_from_db()
    assert assignment.status == AS.ACKNOWLEDGED
    assert assignment.acknowledged_at.date() == TODAY
    event = Event.objects.get()
    assert (event.action, event.actor, event.unit, event.from_status) == (Action.ACKNOWLEDGE, czs, unit, "")
    assert assignment.suggestion.status == S.ASSIGNED  # a step of the timeline, not a move


def test_an_item_is_acknowledged_once(unit, czs, today):
    assignment = acknowledged(unit)
    with pytest.raises(ApplicationError, match="already acknowledged"):
        assignment_acknowledge(assignment=assignment, actor=czs)


def test_a_co_unit_acknowledges_too(unit, czs, today):
    lead = assigned(HandlingUnitFactory())
    co = assigned(unit, role=Assignment.Role.CO, item=lead.suggestion)
    assignment_acknowledge(assignment=co, actor=czs)
    co.refresh_from_db()
    assert co.status == AS.ACKNOWLEDGED


# --- return a misassigned item within 7 working days -------------------------------------------

def test_the_return_period_skips_the_national_day_week_and_counts_the_saturday_worked(db):
    """Assigned on Tuesday 29 September 2026: 30 Sep is the 1st working day; 1–7 October are off;
    Thu 8, Fri 9, Sat 10 (worked, 调休), Mon 12, Tue 13 and Wed 14 October are the 2nd to 7th."""
    national_day_2026()
    assert rules.return_deadline(datetime.date(2026, 9, 29)) == datetime.date(2026, 10, 14)


def test_an_item_can_be_returned_on_the_last_day_of_the_period(unit, czs, monkeypatch):
    national_day_2026()
    assignment = assigned(unit, assigned_at=datetime.date(2026, 9, 29), due_date=datetime.date(2026, 12, 29))
    fix_today(monkeypatch, datetime.date(2026, 10, 14))
    assignment_return(assignment=assignment, reason="属农业服务中心职责", actor=czs)
    assignment.refresh_from_db()
    assert assignment.status == AS.RETURNED


def test_a_return_after_the_period_is_refused_with_the_last_day_in_the_message(unit, czs, monkeypatch):
    national_day_2026()
    assignment = assigned(unit, assigned_at=datetime.date(2026, 9, 29), due_date=datetime.date(2026, 12, 29))
    fix_today(monkeypatch, datetime.date(2026, 10, 15))
    with pytest.raises(ApplicationError) as refusal:
        assignment_return(assignment=assignment, reason="属农业服务中心职责", actor=czs)
    assert day(datetime.date(2026, 10, 14)) in refusal.value.message
    assignment.refresh_from_db()
    assert assignment.status == AS.ASSIGNED and assignment.suggestion.status == S.ASSIGNED


def test_the_return_period_is_a_setting(unit, czs, monkeypatch):
    HandlingRules.objects.update(return_working_days=3)
    assignment = assigned(unit, assigned_at=datetime.date(2026, 3, 16))  # a Monday
    fix_today(monkeypatch, datetime.date(2026, 3, 20))  # the 4th working day
    with pytest.raises(ApplicationError, match=day(datetime.date(2026, 3, 19))):
        assignment_return(assignment=assignment, reason="不属本单位", actor=czs)


def test_a_returned_lead_assignment_sends_the_item_back_for_staff_to_assign_again(
        unit, czs, staff_user, chairman, deputy_user, today):
    assignment = acknowledged(unit)
    assignment_return(assignment=assignment, reason="属农业服务中心职责", actor=czs)
    assignment.refresh_from_db()
    item = assignment.suggestion
    item.refresh_from_db()
    assert (assignment.status, assignment.return_reason) == (AS.RETURNED, "属农业服务中心职责")
    assert item.status == S.ACCEPTED
    event = Event.objects.get(action=Action.UNIT_RETURN)
    assert (event.from_status, event.to_status, event.unit, event.comment) == (
        S.ASSIGNED, S.ACCEPTED, unit, "属农业服务中心职责")
    assert len(inbox(staff_user)) == len(inbox(chairman)) == 1 and inbox(deputy_user) == []
    assert "财政所" in inbox(staff_user)[0]


def test_a_returned_co_unit_assignment_only_ends_that_units_part(unit, czs, staff_user, today):
    lead = acknowledged(HandlingUnitFactory())
    co = assigned(unit, role=Assignment.Role.CO, item=lead.suggestion)
    assignment_return(assignment=co, reason="与本单位无关", actor=czs)
    co.refresh_from_db()
    lead.refresh_from_db()
    assert co.status == AS.RETURNED and lead.status == AS.ACKNOWLEDGED
    assert lead.suggestion.status == S.ASSIGNED
    event = Event.objects.get(action=Action.UNIT_RETURN)
    assert (event.from_status, event.to_status, event.unit) == ("", "", unit)
    assert len(inbox(staff_user)) == 1


def test_a_return_needs_a_reason(unit, czs, today):
    with pytest.raises(ApplicationError) as refusal:
        assignment_return(assignment=assigned(unit), reason="  ", actor=czs)
    assert refusal.value.field == "reason"


def test_an_answered_item_cannot_be_returned(unit, czs, today):
    assignment = assigned(unit, status=AS.REPLIED, item=SuggestionFactory(status=S.REPLIED, number=9))
    with pytest.raises(ApplicationError, match="already answered"):
        assignment_return(assignment=assignment, reason="不属本单位", actor=czs)


# --- contact with the deputy -------------------------------------------------------------------

def test_a_contact_is_recorded_and_shows_on_the_timeline(unit, czs, today):
    assignment = acknowledged(unit)
    contact = contact_record(assignment=assignment, date=TODAY, way=Contact.Way.PHONE,
                             note="电话联系代表，约定实地查看。", actor=czs)
    assert (contact.assignment, contact.recorded_by, contact.way) == (assignment, czs, "phone")
    event = Event.objects.get(action=Action.CONTACT)
    assert event.unit == unit and "电话联系代表，约定实地查看。" in event.comment


@pytest.mark.parametrize(("when", "field"), [
    (TODAY + datetime.timedelta(days=1), "date"),  # a day still to come
    (datetime.date(2026, 3, 15), "date"),  # before the assignment
])
def test_a_contact_date_lies_between_the_assignment_and_today(unit, czs, today, when, field):
    with pytest.raises(ApplicationError) as refusal:
        contact_record(assignment=acknowledged(unit), date=when, way="visit", note="上门走访", actor=czs)
    assert refusal.value.field == field and not Contact.objects.exists()


def test_a_contact_needs_the_item_acknowledged_and_a_note(unit, czs, today):
    with pytest.raises(ApplicationError, match="Acknowledge"):
        contact_record(assignment=assigned(unit), date=TODAY, way="phone", note="电话", actor=czs)
    with pytest.raises(ApplicationError) as refusal:
        contact_record(assignment=acknowledged(unit), date=TODAY, way="phone", note=" ", actor=czs)
    assert refusal.value.field == "note"


# --- the co-unit's opinion ---------------------------------------------------------------------

@pytest.fixture
def lead_and_co(unit):
    """An item led by 农业服务中心 (with its officer) with 财政所 as co-unit, both acknowledged."""
    lead_unit = HandlingUnitFactory(name="农业服务中心")
    lead = acknowledged(lead_unit)
    co = acknowledged(unit, role=Assignment.Role.CO, item=lead.suggestion)
    return lead, co, officer(lead_unit)


def test_a_co_unit_sends_its_opinion_once_and_the_lead_unit_is_told(czs, lead_and_co, today):
    lead, co, lead_officer = lead_and_co
    co_unit_opinion_send(assignment=co, opinion="建议从涉农整合资金中安排。", actor=czs)
    co.refresh_from_db()
    assert (co.status, co.opinion, co.opinion_sent_at.date()) == (AS.OPINION_SENT, "建议从涉农整合资金中安排。", TODAY)
    event = Event.objects.get(action=Action.OPINION)
    assert event.unit == co.unit and event.comment == ""  # on time
    message = Notification.objects.get(recipient=lead_officer)
    assert message.link == f"/suggestions/unit/{lead.pk}/" and "建议从涉农整合资金中安排。" in message.body
    with pytest.raises(ApplicationError, match="already sent"):
        co_unit_opinion_send(assignment=co, opinion="补充意见", actor=czs)


def test_a_late_opinion_is_taken_and_marked_late(czs, lead_and_co, monkeypatch):
    lead, co, lead_officer = lead_and_co
    due = rules.co_unit_opinion_due(co.assigned_at)  # one month after 16 March: 16 April
    assert due == datetime.date(2026, 4, 16)
    fix_today(monkeypatch, datetime.date(2026, 4, 17))
    co_unit_opinion_send(assignment=co, opinion="意见", actor=czs)
    event = Event.objects.get(action=Action.OPINION)
    assert day(due) in event.comment and "after its due date" in event.comment


def test_an_opinion_on_the_due_date_is_on_time(czs, lead_and_co, monkeypatch):
    _, co, _ = lead_and_co
    fix_today(monkeypatch, datetime.date(2026, 4, 16))
    co_unit_opinion_send(assignment=co, opinion="意见", actor=czs)
    assert Event.objects.get(action=Action.OPINION).comment == ""


def test_the_lead_unit_sends_no_opinion_and_a_co_unit_acknowledges_first(unit, czs, today):
    with pytest.raises(ApplicationError, match="Only a co-unit"):
        co_unit_opinion_send(assignment=acknowledged(unit), opinion="意见", actor=czs)
    co = assigned(unit, role=Assignment.Role.CO, item=acknowledged(HandlingUnitFactory()).suggestion)
    with pytest.raises(ApplicationError, match="Acknowledge"):
        co_unit_opinion_send(assignment=co, opinion="意见", actor=czs)


# --- the reply ---------------------------------------------------------------------------------

def test_the_lead_unit_replies_with_its_class_and_signed_letter(unit, czs, today):
    assignment = acknowledged(unit)
    answer = reply(assignment, czs, letter=letter("财政所答复函.pdf"))
    assert (answer.round, answer.result_class.code, answer.signed_by, answer.created_by) == (1, "A", "王所长", czs)
    assert answer.due_date == assignment.due_date and answer.replied_on == TODAY and answer.on_time
    assert answer.promised_date is None
    # stored under a random name (core.files.RandomName), never the person's own
    assert re.fullmatch(r"motions/letters/\d{4}/[0-9a-f]{32}\.pdf", answer.letter.name)
    assignment.refresh_from_db()
    item = assignment.suggestion
    item.refresh_from_db()
    assert (assignment.status, item.status) == (AS.REPLIED, S.REPLIED)
    event = Event.objects.get(action=Action.REPLY)
    assert (event.from_status, event.to_status, event.unit) == (S.ASSIGNED, S.REPLIED, unit)


def test_a_reply_after_the_due_date_is_late(unit, czs, monkeypatch):
    assignment = acknowledged(unit)  # due 16 June 2026
    fix_today(monkeypatch, datetime.date(2026, 6, 17))
    assert not reply(assignment, czs).on_time


@pytest.mark.parametrize("content_name", [("答复函.jpg", JPEG), ("答复函.png", PNG), ("答复函.docx", DOCX)])
def test_the_letter_may_be_a_photo_or_a_word_file(unit, czs, today, content_name):
    name, content = content_name
    assert reply(acknowledged(unit), czs, letter=letter(name, content)).letter


@pytest.mark.parametrize("bad_letter", [
    None,  # no letter
    letter("答复函.txt", b"plain text"),  # a kind not accepted
    letter("答复函.pdf", JPEG),  # renamed: the content is not a PDF
    letter("答复函.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024)),  # over 10 MB
], ids=["missing", "text", "renamed", "too-big"])
def test_the_signed_letter_is_required_and_must_be_a_document_or_image_of_at_most_10_mb(
        unit, czs, today, bad_letter):
    assignment = acknowledged(unit)
    with pytest.raises(ApplicationError) as refusal:
        reply(assignment, czs, letter=bad_letter)
    assert refusal.value.field == "letter" and not Reply.objects.exists()
    assignment.refresh_from_db()
    assert assignment.suggestion.status == S.ASSIGNED


def test_class_b_needs_a_promised_date_after_today(unit, czs, today):
    assignment = acknowledged(unit)
    for promised in (None, TODAY, TODAY - datetime.timedelta(days=1)):
        with pytest.raises(ApplicationError) as refusal:
            reply(assignment, czs, code="B", promised_date=promised)
        assert refusal.value.field == "promised_date"
    answer = reply(assignment, czs, code="B", promised_date=TODAY + datetime.timedelta(days=1))
    assert answer.promised_date == datetime.date(2026, 3, 17)


def test_a_class_without_a_promise_keeps_no_promised_date(unit, czs, today):
    answer = reply(acknowledged(unit), czs, code="C", promised_date=datetime.date(2026, 9, 1))
    assert answer.promised_date is None


def test_a_result_class_taken_out_of_use_is_refused(unit, czs, today):
    retired = result_class("C")
    retired.active = False
    retired.save()
    with pytest.raises(ApplicationError) as refusal:
        reply(acknowledged(unit), czs, code="C")
    assert refusal.value.field == "result_class"


def test_a_co_unit_cannot_reply(czs, lead_and_co, today):
    _, co, _ = lead_and_co
    with pytest.raises(ApplicationError, match="Only the lead unit replies"):
        reply(co, czs)
    assert not Reply.objects.exists()


def test_only_the_lead_units_officer_replies(unit, czs, lead_and_co, today):
    lead, _, _ = lead_and_co
    with pytest.raises(ApplicationError):
        reply(lead, czs)  # 财政所 is the co-unit of this item


def test_the_lead_unit_acknowledges_before_replying(unit, czs, today):
    with pytest.raises(ApplicationError, match="Acknowledge"):
        reply(assigned(unit), czs)


def test_an_item_that_is_not_waiting_for_a_reply_is_refused(unit, czs, today):
    assignment = acknowledged(unit, item=SuggestionFactory(status=S.REPLIED, number=7))
    with pytest.raises(ApplicationError, match="not waiting for a reply"):
        reply(assignment, czs)


def test_after_re_handling_the_second_reply_is_round_two_with_the_new_due_date(unit, czs, monkeypatch):
    lead, first = rehandling(unit, due_date=datetime.date(2026, 7, 20))
    fix_today(monkeypatch, datetime.date(2026, 7, 10))
    second = reply(lead, czs, code="A")
    assert (second.round, second.due_date, second.on_time) == (2, datetime.date(2026, 7, 20), True)
    lead.suggestion.refresh_from_db()
    assert lead.suggestion.status == S.REPLIED
    event = Event.objects.get(action=Action.REPLY)
    assert (event.from_status, event.to_status) == (S.REHANDLING, S.REPLIED)


def test_the_proposer_and_every_confirmed_co_signer_with_a_login_receive_the_reply(unit, czs, today):
    proposer = proposer_with_login()
    assignment = acknowledged(unit, item=SuggestionFactory(status=S.ASSIGNED, number=5, proposer=proposer))
    item = assignment.suggestion
    cosigners = [confirmed_cosigner(item), confirmed_cosigner(item)]
    without_login = confirmed_cosigner(item, with_login=False)
    invited = CoSigner.objects.create(suggestion=item, deputy=DeputyFactory(user=user_with_role(Role.DEPUTY)))
    reply(assignment, czs)
    told = set(Notification.objects.filter(kind="motions.reply").values_list("recipient", flat=True))
    assert told == {proposer.user_id, *(cosigner.deputy.user_id for cosigner in cosigners)}
    assert without_login.deputy.user_id is None and invited.deputy.user_id not in told
    message = Notification.objects.filter(recipient=proposer.user).get()
    assert message.link == f"/suggestions/my/{item.pk}/" and "财政所" in message.subject


def test_the_reply_to_a_letter_or_visit_goes_to_the_office(unit, czs, staff_user, today):
    item = SuggestionFactory(status=S.ASSIGNED, number=6, proposer=None, source=Suggestion.Source.LETTER_VISIT,
                             petitioner="李大爷")
    reply(acknowledged(unit, item=item), czs)
    assert len(inbox(staff_user)) == 1


# --- the class-B promise -----------------------------------------------------------------------

def test_reporting_the_promised_work_done_takes_the_item_off_the_follow_up_list(unit, czs, staff_user, today):
    proposer = proposer_with_login()
    assignment = acknowledged(unit, item=SuggestionFactory(status=S.ASSIGNED, number=8, proposer=proposer))
    answer = reply(assignment, czs, code="B", promised_date=datetime.date(2026, 9, 30))
    assert unit_follow_up(unit) == [answer]
    promise_report(reply=answer, report="机耕道已硬化完工并验收。", actor=czs)
    answer.refresh_from_db()
    assert (answer.promise_kept_on, answer.promise_report) == (TODAY, "机耕道已硬化完工并验收。")
    assert unit_follow_up(unit) == []
    event = Event.objects.get(action=Action.PROMISE_KEPT)
    assert (event.unit, event.comment) == (unit, "机耕道已硬化完工并验收。")
    assert len(inbox(staff_user)) == 1
    assert Notification.objects.filter(recipient=proposer.user, kind="motions.promise_kept").exists()


def test_a_promise_is_reported_once_only_on_a_class_that_carries_one(unit, czs, today):
    class_a = ReplyFactory(assignment=assigned(unit, status=AS.REPLIED), result_class=result_class("A"))
    with pytest.raises(ApplicationError, match="no promised date"):
        promise_report(reply=class_a, report="已完成", actor=czs)
    kept = ReplyFactory(assignment=assigned(unit, status=AS.REPLIED), result_class=result_class("B"),
                        promised_date=datetime.date(2026, 9, 30), promise_kept_on=datetime.date(2026, 3, 1))
    with pytest.raises(ApplicationError, match="already reported"):
        promise_report(reply=kept, report="已完成", actor=czs)


def test_only_the_unit_that_replied_reports_its_promise_and_says_what_was_done(unit, czs, today):
    answer = ReplyFactory(assignment=assigned(unit, status=AS.REPLIED), result_class=result_class("B"),
                          promised_date=datetime.date(2026, 9, 30))
    with pytest.raises(ApplicationError):
        promise_report(reply=answer, report="已完成", actor=officer())
    with pytest.raises(ApplicationError) as refusal:
        promise_report(reply=answer, report=" ", actor=czs)
    assert refusal.value.field == "report"


def test_a_promise_of_a_reply_being_handled_again_is_not_reported(unit, czs, today):
    _, first = rehandling(unit, first_class="B")
    with pytest.raises(ApplicationError, match="handled again"):
        promise_report(reply=first, report="已完成", actor=czs)
