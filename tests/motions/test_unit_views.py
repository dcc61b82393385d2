"""The unit officer's pages: only unit officers open them (403 for others), only their own unit's
items (404 for another unit's), panels shown only when allowed, forms that keep what was typed
and never fail with a 500, files behind the access check, and list pages whose queries do not grow."""
import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.roles import Role
from motions.models import Assignment, Attachment, Contact, Reply, Suggestion
from tests.factories import HandlingUnitFactory, user_with_role
from tests.motions.factories import ReplyFactory, SuggestionFactory

from .factories_unit import (  # noqa: F401 (fixtures)
    JPEG,
    TODAY,
    acknowledged,
    assigned,
    czs,
    fix_today,
    letter,
    rehandling,
    result_class,
    today,
    unit,
)

pytestmark = pytest.mark.django_db

S, AS = Suggestion.Status, Assignment.Status
CO = Assignment.Role.CO

# Every page: the session, the user with their roles and unread count, the unit, the township
# (header); then the list's own: the assignments, the handling rules and the counts per filter
# for the unit's items; the replies for the follow-up list.
LIST_QUERIES = 7
FOLLOW_UP_QUERIES = 5


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Tests move "today" by months after signing in: the session must outlive the move.
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600


@pytest.fixture
def signed_in(client, czs, today):
    """czs signed in, reading the pages in English (so assertions on wording hold whatever the
    Chinese catalogue says)."""
    client.force_login(czs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def day(value):
    with translation.override("en"):
        return date_format(value, "DATE_FORMAT")


def url(name, *args):
    return reverse(f"motions:{name}", args=args)


def page(response):
    return response.content.decode()


# --- who may open the pages --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["unit_items", "unit_follow_up"])
def test_the_unit_pages_are_for_unit_officers(client, staff_user, deputy_user, chairman, name):
    for user in (staff_user, deputy_user, chairman):
        client.force_login(user)
        assert client.get(url(name)).status_code == 403


def test_staff_and_deputies_opening_a_units_item_get_403(client, staff_user, deputy_user, unit):
    assignment = assigned(unit)
    for user in (staff_user, deputy_user):
        client.force_login(user)
        assert client.get(url("unit_item", assignment.pk)).status_code == 403
        assert client.post(url("unit_acknowledge", assignment.pk)).status_code == 403


ITEM_PAGES = ["unit_item", "unit_acknowledge", "unit_return", "unit_contact", "unit_opinion", "unit_reply"]


@pytest.mark.parametrize("name", ITEM_PAGES)
def test_another_units_item_answers_404(signed_in, name):
    theirs = assigned(HandlingUnitFactory(name="农业服务中心"))
    assert signed_in.get(url(name, theirs.pk)).status_code == 404
    assert signed_in.post(url(name, theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == AS.ASSIGNED


@pytest.mark.parametrize("name", ITEM_PAGES)
def test_an_item_the_unit_returned_answers_404(signed_in, unit, name):
    returned = assigned(unit, status=AS.RETURNED, item=SuggestionFactory(status=S.ACCEPTED, number=31))
    assert signed_in.get(url(name, returned.pk)).status_code == 404


def test_files_are_served_only_for_the_units_own_items(signed_in, unit):
    mine = assigned(unit)
    attachment = Attachment.objects.create(suggestion=mine.suggestion, name="照片.jpg", file=letter("照片.jpg", JPEG))
    theirs = assigned(HandlingUnitFactory())
    other = Attachment.objects.create(suggestion=theirs.suggestion, name="照片.jpg", file=letter("照片.jpg", JPEG))
    assert signed_in.get(url("unit_attachment", mine.pk, attachment.pk)).status_code == 200
    assert signed_in.get(url("unit_attachment", mine.pk, other.pk)).status_code == 404
    assert signed_in.get(url("unit_attachment", theirs.pk, other.pk)).status_code == 404
    my_reply = ReplyFactory(assignment=mine, letter=letter())
    their_reply = ReplyFactory(assignment=theirs, letter=letter())
    response = signed_in.get(url("unit_reply_letter", my_reply.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert signed_in.get(url("unit_reply_letter", their_reply.pk)).status_code == 404
    assert signed_in.get(url("unit_promise_report", their_reply.pk)).status_code == 404


def test_an_account_without_a_unit_is_told_so(client, today):
    client.force_login(user_with_role(Role.UNIT_OFFICER))
    for name in ("unit_items", "unit_follow_up"):
        assert client.get(url(name)).status_code == 200


# --- the list ----------------------------------------------------------------------------------

def test_the_list_shows_the_units_items_with_red_and_yellow_due_dates(signed_in, unit):
    overdue = acknowledged(unit, due_date=TODAY - datetime.timedelta(days=1), assigned_at=datetime.date(2026, 1, 5))
    soon = acknowledged(unit, due_date=TODAY + datetime.timedelta(days=3), assigned_at=datetime.date(2026, 1, 5))
    calm = assigned(unit)
    not_mine = assigned(HandlingUnitFactory())
    html = page(signed_in.get(url("unit_items")))
    assert f'is-overdue" data-item="{overdue.pk}"' in html
    assert f'is-soon" data-item="{soon.pk}"' in html
    assert f'unit-row" data-item="{calm.pk}"' in html
    assert not_mine.suggestion.title not in html


def test_the_filters_show_what_waits_for_acknowledgement_in_handling_or_answered(signed_in, unit):
    waiting = assigned(unit)
    handling = acknowledged(unit)
    answered = assigned(unit, status=AS.REPLIED, item=SuggestionFactory(status=S.REPLIED, number=41))
    for show, expected in (("to_acknowledge", waiting), ("in_handling", handling), ("replied", answered)):
        html = page(signed_in.get(url("unit_items"), {"show": show}))
        shown = {pk for pk in (waiting.pk, handling.pk, answered.pk) if f'data-item="{pk}"' in html}
        assert shown == {expected.pk}, show


def test_the_list_takes_the_same_queries_for_one_item_or_many(signed_in, unit, django_assert_num_queries):
    acknowledged(unit)
    with django_assert_num_queries(LIST_QUERIES):
        signed_in.get(url("unit_items"))
    for number in range(51, 58):
        acknowledged(unit, role=CO, item=assigned(HandlingUnitFactory(), number=number).suggestion)
    with django_assert_num_queries(LIST_QUERIES):
        response = signed_in.get(url("unit_items"))
    assert len(response.context["page_obj"]) == 8


def test_the_follow_up_list_takes_the_same_queries_for_one_promise_or_many(
        signed_in, unit, django_assert_num_queries):
    def promise(number):
        item = SuggestionFactory(status=S.REPLIED, number=number)
        return ReplyFactory(assignment=assigned(unit, status=AS.REPLIED, item=item), result_class=result_class("B"),
                            promised_date=datetime.date(2026, 9, 30))

    promise(61)
    with django_assert_num_queries(FOLLOW_UP_QUERIES):
        signed_in.get(url("unit_follow_up"))
    for number in range(62, 68):
        promise(number)
    with django_assert_num_queries(FOLLOW_UP_QUERIES):
        response = signed_in.get(url("unit_follow_up"))
    assert len(response.context["replies"]) == 7


def test_the_follow_up_list_shows_fifty_promises_a_page_and_reaches_every_one(signed_in, unit):
    replies = [ReplyFactory(assignment=assigned(unit, status=AS.REPLIED,
                                                item=SuggestionFactory(status=S.REPLIED, number=100 + n)),
                            result_class=result_class("B"),
                            promised_date=datetime.date(2026, 9, 1) + datetime.timedelta(n))
               for n in range(51)]
    first = page(signed_in.get(url("unit_follow_up")))
    assert first.count("data-reply=") == 50 and "51 promises to follow up" in first
    last = page(signed_in.get(url("unit_follow_up") + "?page=2"))
    assert last.count("data-reply=") == 1 and f'data-reply="{replies[-1].pk}"' in last  # the latest promise


# --- the item page: panels shown only when allowed ---------------------------------------------

def panels(client, assignment):
    html = page(client.get(url("unit_item", assignment.pk)))
    return {name for name in ("acknowledge", "reply", "opinion", "contact", "return")
            if f'id="{name}"' in html and (name != "opinion" or "unit_opinion" in html or "/opinion/" in html)}


def test_a_new_item_offers_acknowledge_and_return(signed_in, unit):
    assert panels(signed_in, assigned(unit)) == {"acknowledge", "return"}


def test_the_lead_unit_replies_once_it_has_acknowledged(signed_in, unit):
    assert panels(signed_in, acknowledged(unit)) == {"reply", "contact", "return"}


def test_a_co_unit_is_offered_its_opinion_never_the_reply(signed_in, unit):
    co = acknowledged(unit, role=CO, item=acknowledged(HandlingUnitFactory()).suggestion)
    assert panels(signed_in, co) == {"opinion", "contact", "return"}


def test_the_return_panel_shows_its_last_day_and_closes_after_it(signed_in, unit, monkeypatch):
    assignment = assigned(unit)
    assert day(datetime.date(2026, 3, 25)) in page(signed_in.get(url("unit_item", assignment.pk)))
    fix_today(monkeypatch, datetime.date(2026, 3, 26))
    assert "return" not in panels(signed_in, assignment)


def test_the_lead_unit_reads_the_co_units_opinions(signed_in, unit):
    lead = acknowledged(unit)
    acknowledged(HandlingUnitFactory(name="农业服务中心"), role=CO, item=lead.suggestion, status=AS.OPINION_SENT,
                 opinion="建议整合涉农资金", opinion_sent_at=datetime.datetime(2026, 3, 16, 2, tzinfo=datetime.UTC))
    html = page(signed_in.get(url("unit_item", lead.pk)))
    assert "农业服务中心" in html and "建议整合涉农资金" in html


# --- the actions -------------------------------------------------------------------------------

def test_acknowledging_from_the_page(signed_in, unit):
    assignment = assigned(unit)
    response = signed_in.post(url("unit_acknowledge", assignment.pk))
    assert response.status_code == 302 and response.url == url("unit_item", assignment.pk)
    assignment.refresh_from_db()
    assert assignment.status == AS.ACKNOWLEDGED
    assert signed_in.post(url("unit_acknowledge", assignment.pk)).status_code == 302  # again: a message, no 500


def reply_data(**changes):
    return {"result_class": result_class("A").pk, "text": "已安排资金硬化机耕道。", "signed_by": "王所长",
            "letter": letter(), **changes}


def test_replying_with_class_a_and_the_letter(signed_in, unit):
    assignment = acknowledged(unit)
    response = signed_in.post(url("unit_reply", assignment.pk), reply_data())
    assert response.status_code == 302
    answer = Reply.objects.get()
    assert (answer.result_class.code, answer.text, answer.signed_by) == ("A", "已安排资金硬化机耕道。", "王所长")
    assert "reply" not in panels(signed_in, assignment)


def test_class_b_without_a_promised_date_shows_the_error_and_keeps_what_was_typed(signed_in, unit):
    assignment = acknowledged(unit)
    response = signed_in.post(url("unit_reply", assignment.pk),
                              reply_data(result_class=result_class("B").pk, text="列入明年计划，分两年实施。"))
    html = page(response)
    assert response.status_code == 200 and not Reply.objects.exists()
    assert response.context["reply_form"].errors["promised_date"]
    assert "列入明年计划，分两年实施。" in html and 'value="王所长"' in html
    assert response.context["reply_form"]["result_class"].value() == str(result_class("B").pk)
    assert 'data-needs-promise="true"' in html  # the page shows the promised date for class B


def test_a_letter_of_the_wrong_kind_is_refused_on_the_form(signed_in, unit):
    assignment = acknowledged(unit)
    response = signed_in.post(url("unit_reply", assignment.pk), reply_data(letter=letter("答复函.exe", b"MZ")))
    assert response.status_code == 200 and response.context["reply_form"].errors["letter"]
    assert not Reply.objects.exists()


def test_a_co_unit_posting_a_reply_gets_the_refusal_on_the_form(signed_in, unit):
    co = acknowledged(unit, role=CO, item=acknowledged(HandlingUnitFactory()).suggestion)
    response = signed_in.post(url("unit_reply", co.pk), reply_data())
    assert response.status_code == 200 and not Reply.objects.exists()
    assert "Only the lead unit replies" in page(response)


def test_a_second_reply_after_re_handling(signed_in, unit, monkeypatch):
    lead, _ = rehandling(unit)
    fix_today(monkeypatch, datetime.date(2026, 7, 1))
    html = page(signed_in.get(url("unit_item", lead.pk)))
    assert 'id="reply"' in html
    assert signed_in.post(url("unit_reply", lead.pk), reply_data()).status_code == 302
    assert Reply.objects.get(round=2).due_date == datetime.date(2026, 7, 20)


def test_a_late_return_is_refused_with_the_last_day(signed_in, unit, monkeypatch):
    assignment = assigned(unit)
    fix_today(monkeypatch, datetime.date(2026, 3, 26))
    response = signed_in.post(url("unit_return", assignment.pk), {"reason": "属农业服务中心职责"})
    html = page(response)
    assert response.status_code == 200
    assert f"The period to return this item ended on {day(datetime.date(2026, 3, 25))}" in html
    assignment.refresh_from_db()
    assert assignment.status == AS.ASSIGNED


def test_returning_goes_back_to_the_list_and_the_item_is_no_longer_the_units(signed_in, unit):
    assignment = assigned(unit)
    response = signed_in.post(url("unit_return", assignment.pk), {"reason": "属农业服务中心职责"})
    assert response.status_code == 302 and response.url == url("unit_items")
    assert signed_in.get(url("unit_item", assignment.pk)).status_code == 404


def test_recording_a_contact_and_an_empty_note_kept_on_the_form(signed_in, unit):
    assignment = acknowledged(unit)
    response = signed_in.post(url("unit_contact", assignment.pk), {"date": "2026-03-16", "way": "phone", "note": ""})
    assert response.status_code == 200 and response.context["contact_form"].errors["note"]
    assert response.context["panel"] == "contact_form"
    response = signed_in.post(url("unit_contact", assignment.pk),
                              {"date": "2026-03-16", "way": "visit", "note": "上门听取代表意见"})
    assert response.status_code == 302 and Contact.objects.get().note == "上门听取代表意见"
    assert "上门听取代表意见" in page(signed_in.get(url("unit_item", assignment.pk)))


def test_sending_the_co_units_opinion(signed_in, unit):
    co = acknowledged(unit, role=CO, item=acknowledged(HandlingUnitFactory()).suggestion)
    assert signed_in.post(url("unit_opinion", co.pk), {"opinion": "建议整合涉农资金"}).status_code == 302
    co.refresh_from_db()
    assert co.status == AS.OPINION_SENT
    html = page(signed_in.get(url("unit_item", co.pk)))
    assert "建议整合涉农资金" in html and "/opinion/" not in html


def test_a_get_on_an_action_goes_back_to_the_item(signed_in, unit):
    assignment = acknowledged(unit)
    response = signed_in.get(url("unit_reply", assignment.pk))
    assert response.status_code == 302 and response.url == url("unit_item", assignment.pk)


# --- the follow-up list ------------------------------------------------------------------------

def test_reporting_a_promise_done_from_the_follow_up_list(signed_in, unit):
    item = SuggestionFactory(status=S.REPLIED, number=71)
    answer = ReplyFactory(assignment=assigned(unit, status=AS.REPLIED, item=item), result_class=result_class("B"),
                          promised_date=datetime.date(2026, 3, 20))
    html = page(signed_in.get(url("unit_follow_up")))
    assert f'data-reply="{answer.pk}"' in html and "is-soon" in html
    response = signed_in.post(url("unit_promise_report", answer.pk), {"report": ""})
    assert response.status_code == 200 and response.context["form"].errors["report"]
    response = signed_in.post(url("unit_promise_report", answer.pk), {"report": "已完工并验收"})
    assert response.status_code == 302 and response.url == url("unit_follow_up")
    answer.refresh_from_db()
    assert answer.promise_kept_on == TODAY
    assert f'data-reply="{answer.pk}"' not in page(signed_in.get(url("unit_follow_up")))
    html = page(signed_in.get(url("unit_promise_report", answer.pk)))
    assert "already reported done" in html and 'name="report"' not in html
