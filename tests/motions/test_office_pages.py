"""The office's pages: who may open them, what they show, and the action panels that appear only
when the move is allowed. Staff and the chairman act; presidium members read (403 on POST);
deputies and unit officers are refused (403) and a draft is nobody's business but its
proposer's (404)."""
import datetime

import pytest
from django.utils import translation
from django.core.files.base import ContentFile
from django.urls import reverse

from core.roles import Role
from motions.models import Assignment, Attachment, Category, Event, Suggestion
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory
from tests.motions.factories_office import (  # noqa: F401
    PresidiumMembershipFactory,
    accepted,
    english_messages,
    fixed_today,
    submitted,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]

@pytest.fixture(autouse=True)
def in_english(settings):
    """Pages and services speak English here, so wording assertions hold whatever the catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


S = Suggestion.Status


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def item_url(item, action=""):
    name = f"motions:office_{action}" if action else "motions:office_item"
    return reverse(name, args=[item.pk])


# --- who may open what --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["office_queue", "office_item_list"])
@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT_OFFICER])
def test_deputies_and_units_cannot_open_the_office_lists(client, name, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse(f"motions:{name}")).status_code == 403


def test_a_deputy_cannot_open_or_accept_even_their_own_item_on_the_office_side(client, deputy_user):
    item = submitted(proposer=deputy_user.deputy)
    client.force_login(deputy_user)
    assert client.get(item_url(item)).status_code == 403
    assert client.post(item_url(item, "accept"), {"category": item.category_id}).status_code == 403
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_a_presidium_member_reads_every_page_but_sees_no_action_and_may_not_act(client, presidium_member):
    item = submitted()
    client.force_login(presidium_member)
    for url in (reverse("motions:office_queue"), reverse("motions:office_item_list"), item_url(item)):
        assert client.get(url).status_code == 200
    page = client.get(item_url(item)).content.decode()
    assert "data-panels" not in page and "office_accept" not in page and 'data-form="accept"' not in page
    for action in ("accept", "return", "not_accept", "merge_into", "merge_here", "assign", "extend", "key",
                   "key_unmark", "publish", "unpublish", "close"):
        assert client.post(item_url(item, action), {"reason": "x"}).status_code == 403, action
    assert client.get(reverse("motions:office_letter_create")).status_code == 403
    item.refresh_from_db()
    assert item.status == S.SUBMITTED and not Event.objects.exists()


def test_a_draft_is_not_found_even_for_the_office(staff):
    draft = SuggestionFactory(status=S.DRAFT)
    assert staff.get(item_url(draft)).status_code == 404
    assert staff.post(item_url(draft, "accept"), {"category": draft.category_id}).status_code == 404


def test_an_action_answers_only_to_post(staff):
    assert staff.get(item_url(submitted(), "accept")).status_code == 405


def test_the_chairman_acts_like_staff(client, chairman):
    item = submitted()
    client.force_login(chairman)
    response = client.post(item_url(item, "accept"), {"category": item.category_id})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.reference == "2026-001"


# --- the review queue ---------------------------------------------------------------------------

def test_the_queue_lists_submitted_items_oldest_first_with_their_likely_duplicates(staff):
    later = submitted(title="关于机耕道硬化的建议", submitted_at=datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC))
    older = submitted(title="关于硬化机耕道的建议", submitted_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC))
    waiting = accepted(4, title="关于增设村卫生室的建议")
    SuggestionFactory(status=S.DRAFT, title="草稿不该出现")
    response = staff.get(reverse("motions:office_queue"))
    assert [item.pk for item in response.context["queue"]] == [older.pk, later.pk]
    assert [item.pk for item in response.context["to_assign"]] == [waiting.pk]
    page = response.content.decode()
    assert 'data-duplicates="1"' in page and "草稿不该出现" not in page
    assert response.context["counts"]["submitted"] == 2


# session, user with roles and their unread count; submitted items, their likely duplicates, items to
# assign, the counts, reception matters waiting; the township of the page's header
QUEUE_QUERIES = 8


@pytest.mark.parametrize("rows", [1, 12])
def test_the_queue_takes_the_same_queries_for_one_item_or_many(staff, django_assert_num_queries, rows):
    for number in range(rows):
        submitted(title=f"关于第{number}组道路硬化的建议")
        accepted(number + 1)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = staff.get(reverse("motions:office_queue"))
    assert len(response.context["queue"]) == rows


# --- every item ---------------------------------------------------------------------------------

# session, user with roles and their unread count; the years, categories and units of the filters; the
# count and the page of items; the township of the page's header
LIST_QUERIES = 8


@pytest.mark.parametrize("rows", [1, 12])
def test_the_list_takes_the_same_queries_for_one_item_or_many(staff, django_assert_num_queries, rows):
    for number in range(rows):
        item = accepted(number + 1, is_key=True, key_leader=DeputyFactory())
        AssignmentFactory(suggestion=item)
    with django_assert_num_queries(LIST_QUERIES):
        response = staff.get(reverse("motions:office_item_list"))
    assert len(response.context["page_obj"].object_list) == rows


def _found(client, **query):
    return {item.pk for item in client.get(reverse("motions:office_item_list"), query).context["page_obj"]}


def test_the_list_filters_by_year_status_kind_source_category_unit_and_key(staff):
    unit = HandlingUnitFactory(name="财政所")
    other_category = Category.objects.get_or_create(name="城乡建设")[0]
    plain = accepted(1)
    motion = submitted(kind=Suggestion.Kind.MOTION)
    letter = submitted(source=Suggestion.Source.LETTER_VISIT, proposer=None, petitioner="王桂兰")
    built = accepted(2, category=other_category)
    handled = AssignmentFactory(unit=unit, suggestion=accepted(3, status=S.ASSIGNED)).suggestion
    returned = AssignmentFactory(unit=unit, status=Assignment.Status.RETURNED, suggestion=accepted(4)).suggestion
    key = accepted(5, is_key=True)
    old = SuggestionFactory(year=2025, status=S.CLOSED, number=1)
    SuggestionFactory(status=S.DRAFT)

    assert _found(staff) == {plain.pk, motion.pk, letter.pk, built.pk, handled.pk, returned.pk, key.pk, old.pk}
    assert _found(staff, year=2025) == {old.pk}
    assert _found(staff, status="submitted") == {motion.pk, letter.pk}
    assert _found(staff, kind="motion") == {motion.pk}
    assert _found(staff, source="letter_visit") == {letter.pk}
    assert _found(staff, category=other_category.pk) == {built.pk}
    assert _found(staff, unit=unit.pk) == {handled.pk}  # a unit that returned the item no longer has it
    assert _found(staff, key="yes") == {key.pk}
    assert key.pk not in _found(staff, key="no")


def test_the_list_searches_titles_names_and_references(staff):
    road = accepted(8, title="关于硬化机耕道的建议", proposer=DeputyFactory(name="张德福"))
    letter = submitted(source=Suggestion.Source.LETTER_VISIT, proposer=None, petitioner="王桂兰", title="反映积水",
                       content="雨天村口积水严重。")
    assert _found(staff, q="机耕道") == {road.pk}
    assert _found(staff, q="张德福") == {road.pk}
    assert _found(staff, q="王桂兰") == {letter.pk}
    assert _found(staff, q="2026-008") == {road.pk}
    assert _found(staff, q="2026-8") == {road.pk}
    assert _found(staff, q="2025-008") == set()


def test_a_wrong_filter_value_shows_everything_instead_of_failing(staff):
    item = accepted(1)
    response = staff.get(reverse("motions:office_item_list"), {"year": "abc", "status": "nonsense"})
    assert response.status_code == 200
    assert item in response.context["page_obj"]


# --- the item page and its panels ---------------------------------------------------------------

def panels(client, item):
    return set(client.get(item_url(item)).context["panels"])


def test_a_submitted_item_offers_the_review_panels(staff):
    assert {"accept", "return", "not_accept"} <= panels(staff, submitted())


def test_an_accepted_item_offers_assignment_and_shows_the_due_dates_of_the_rule(staff):
    item = accepted(1)
    submitted()  # an open item it could be merged into
    response = staff.get(item_url(item))
    assert set(response.context["panels"]) >= {"assign", "key", "merge_into"}
    assert "accept" not in response.context["panels"]
    page = response.content.decode()
    assert 'data-due="normal">2026-06-16<' in page and 'data-due="complex">2026-09-16<' in page
    assert 'data-due="co-unit">2026-04-16<' in page


def test_an_assigned_item_offers_extension_and_key_but_not_review_nor_assignment(staff):
    item = AssignmentFactory(suggestion=accepted(1, status=S.ASSIGNED, due_date=datetime.date(2026, 6, 16))).suggestion
    assert panels(staff, item) == {"extend", "key"}


def test_a_closed_item_may_be_published_and_nothing_else(staff):
    item = ReplyFactory(assignment__suggestion=accepted(1, status=S.CLOSED)).suggestion
    response = staff.get(item_url(item))
    assert response.context["panels"] == {} and response.context["can_publish"]
    assert 'data-form="publish"' in response.content.decode()


def test_the_page_shows_people_units_replies_and_the_timeline(staff):
    cosigned = DeputyFactory(name="刘红")
    item = accepted(1, status=S.REPLIED, proposer=DeputyFactory(name="张德福"))
    item.cosigners.create(deputy=cosigned, status="confirmed")
    reply = ReplyFactory(assignment__suggestion=item, assignment__unit=HandlingUnitFactory(name="财政所"))
    Event.objects.create(suggestion=item, action="accept", comment="编号2026-001")
    page = staff.get(item_url(item)).content.decode()
    for text in ("张德福", "刘红", "财政所", reply.text, "编号2026-001", "A 已解决或采纳"):
        assert text in page


def test_attachments_and_reply_letters_are_served_to_the_office_only_for_their_item(staff):
    item = accepted(1)
    attachment = Attachment.objects.create(suggestion=item, name="现场照片.pdf",
                                           file=ContentFile(b"%PDF-1.4", name="photo.pdf"))
    reply = ReplyFactory(assignment__suggestion=accepted(2, status=S.REPLIED))
    reply.letter.save("letter.pdf", ContentFile(b"%PDF-1.4"))
    assert staff.get(reverse("motions:office_attachment", args=[item.pk, attachment.pk])).status_code == 200
    assert staff.get(reverse("motions:office_reply_letter", args=[reply.suggestion_id, reply.pk])).status_code == 200
    assert staff.get(reverse("motions:office_attachment", args=[reply.suggestion_id, attachment.pk])).status_code == 404
    assert staff.get(reverse("motions:office_reply_letter", args=[item.pk, reply.pk])).status_code == 404


# --- acting through the panels ------------------------------------------------------------------

def test_accepting_from_the_page_gives_the_number_and_goes_back_to_the_item(staff):
    item = submitted()
    response = staff.post(item_url(item, "accept"), {"category": item.category_id, "is_complex": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == item_url(item)
    assert "2026-001" in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.is_complex) == (S.ACCEPTED, True)


def test_an_item_accepted_a_moment_ago_by_someone_else_shows_why_instead_of_failing(staff, chairman):
    item = submitted()
    from motions.services.review import suggestion_accept

    suggestion_accept(suggestion=item, actor=chairman)
    response = staff.post(item_url(item, "accept"), {"category": item.category_id})
    assert response.status_code == 200
    assert "Only a submitted item can be accepted." in response.content.decode()


def test_a_return_without_a_reason_shows_the_error_and_changes_nothing(staff):
    item = submitted()
    response = staff.post(item_url(item, "return"), {"reason": ""})
    assert response.status_code == 200
    assert response.context["panel"] == "return" and response.context["panels"]["return"].errors
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_not_accepting_from_the_page_keeps_the_reason(staff):
    item = submitted()
    staff.post(item_url(item, "not_accept"), {"reason": "属于县级事权"})
    item.refresh_from_db()
    assert item.status == S.NOT_ACCEPTED
    assert Event.objects.get(suggestion=item).comment == "属于县级事权"


def test_merging_from_the_page_in_both_directions(staff):
    survivor = accepted(1, title="关于硬化机耕道的建议")
    duplicate = submitted(title="关于机耕道硬化的建议")
    later = submitted(title="建议硬化机耕道")
    response = staff.post(item_url(duplicate, "merge_into"), {"target": survivor.pk})
    assert response.status_code == 302 and response.url == item_url(survivor)
    response = staff.post(item_url(survivor, "merge_here"), {"items": [later.pk]})
    assert response.status_code == 302
    assert set(survivor.merged_items.values_list("pk", flat=True)) == {duplicate.pk, later.pk}


def test_merging_into_an_item_not_offered_is_a_form_error(staff):
    item = submitted()
    accepted(1)  # the item that is offered
    closed = SuggestionFactory(status=S.CLOSED, number=9)
    response = staff.post(item_url(item, "merge_into"), {"target": closed.pk})
    assert response.status_code == 200 and response.context["panels"]["merge_into"].errors


def test_assigning_from_the_page_creates_the_lead_and_co_units(staff):
    item = accepted(1)
    lead, co = HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="青山村村委会")
    response = staff.post(item_url(item, "assign"), {"lead_unit": lead.pk, "co_units": [co.pk],
                                                     "assigned_on": "2026-03-16"}, follow=True)
    page = response.content.decode()
    assert 'data-figure="due-date">2026-06-16<' in page and "财政所" in page and "青山村村委会" in page
    assert set(item.assignments.values_list("unit__name", "role")) == {("财政所", "lead"), ("青山村村委会", "co")}


def test_a_refused_assignment_keeps_what_was_chosen(staff):
    item = accepted(1)
    lead, co = HandlingUnitFactory(name="财政所"), HandlingUnitFactory(name="青山村村委会")
    response = staff.post(item_url(item, "assign"), {"lead_unit": lead.pk, "co_units": [lead.pk, co.pk],
                                                     "assigned_on": "2026-03-16", "is_complex": "on"})
    assert response.status_code == 200
    form = response.context["panels"]["assign"]
    assert "co_units" in form.errors
    assert form["lead_unit"].value() == str(lead.pk) and form["is_complex"].value()
    assert set(form["co_units"].value()) == {str(lead.pk), str(co.pk)}
    assert not Assignment.objects.exists()


def test_a_future_assignment_day_is_a_form_error(staff):
    item = accepted(1)
    response = staff.post(item_url(item, "assign"), {"lead_unit": HandlingUnitFactory().pk,
                                                     "assigned_on": "2026-04-01"})
    assert response.context["panels"]["assign"].errors["assigned_on"]


def test_extending_from_the_page_puts_the_reason_in_the_history(staff):
    item = AssignmentFactory(suggestion=accepted(1, status=S.ASSIGNED, due_date=datetime.date(2026, 6, 16)),
                             due_date=datetime.date(2026, 6, 16)).suggestion
    response = staff.post(item_url(item, "extend"), {"new_due_date": "2026-07-31", "reason": "等待县级资金下达"},
                          follow=True)
    page = response.content.decode()
    assert "From 2026-06-16 to 2026-07-31: 等待县级资金下达" in page
    response = staff.post(item_url(item, "extend"), {"new_due_date": "2026-07-01", "reason": "再次延期"})
    assert response.status_code == 200 and "new_due_date" in response.context["panels"]["extend"].errors


def test_marking_and_unmarking_a_key_item_from_the_page(staff):
    leader = PresidiumMembershipFactory(deputy=DeputyFactory(name="李秀英")).deputy
    item = accepted(1)
    assert staff.post(item_url(item, "key"), {"leader": leader.pk}).status_code == 302
    item.refresh_from_db()
    assert item.is_key and item.key_leader == leader
    assert staff.post(item_url(item, "key_unmark")).status_code == 302
    item.refresh_from_db()
    assert not item.is_key


def test_only_presidium_members_are_offered_to_lead_a_key_item(staff):
    leader = PresidiumMembershipFactory(deputy=DeputyFactory(name="李秀英")).deputy
    outsider = DeputyFactory(name="张德福")
    form = staff.get(item_url(accepted(1))).context["panels"]["key"]
    assert list(form.fields["leader"].queryset) == [leader]
    response = staff.post(item_url(accepted(2), "key"), {"leader": outsider.pk})
    assert response.status_code == 200 and response.context["panels"]["key"].errors


def test_publishing_and_withdrawing_from_the_page(staff):
    item = accepted(1, status=S.CLOSED)
    staff.post(item_url(item, "publish"))
    item.refresh_from_db()
    assert item.is_published
    staff.post(item_url(item, "unpublish"))
    item.refresh_from_db()
    assert not item.is_published


def test_publishing_an_open_item_is_refused_with_a_message(staff):
    item = accepted(1)
    response = staff.post(item_url(item, "publish"), follow=True)
    assert "Only an item that has been replied to or closed can be published." in response.content.decode()


def test_closing_an_unrated_item_from_the_page_once_the_deputy_had_thirty_days(staff):
    waiting = ReplyFactory(assignment__suggestion=accepted(1, status=S.REPLIED),
                           replied_on=datetime.date(2026, 3, 1)).suggestion
    page = staff.get(item_url(waiting)).content.decode()
    assert "2026-03-31" in page and 'data-form="close"' not in page
    overdue = ReplyFactory(assignment__suggestion=accepted(2, status=S.REPLIED),
                           replied_on=datetime.date(2026, 2, 1)).suggestion
    assert 'data-form="close"' in staff.get(item_url(overdue)).content.decode()
    assert staff.post(item_url(overdue, "close"), {"reason": "代表多次联系未评价"}).status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == S.CLOSED
