"""Items the office enters itself (SPEC §4): matters raised at voter receptions, letters and
visits to the presidium, and motions of the presidium or the government. Each starts submitted,
with its own source, so that the statistics count each source apart."""
import datetime

import pytest

from congress.models import Meeting
from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from deputies.models import ReceptionMatter
from motions.models import Category, Event, Suggestion
from motions.services.intake import motion_table, suggestion_from_letter, suggestion_from_reception
from motions.services.review import suggestion_accept
from tests.congress.factories import SessionFactory
from tests.factories import DeputyFactory, user_with_role
from tests.motions.factories_office import TODAY, VoterReceptionFactory, english_messages, fixed_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]

S = Suggestion.Status


@pytest.fixture
def category():
    return Category.objects.get_or_create(name="农业农村")[0]


@pytest.fixture
def reception():
    deputy_user = user_with_role(Role.DEPUTY)
    on_duty = [DeputyFactory(name="张德福", user=deputy_user), DeputyFactory(name="刘红")]
    return VoterReceptionFactory(deputies=on_duty, matters=["村口路灯坏了三个月没人修", "希望增加公交班次"])


def test_a_reception_matter_becomes_a_submitted_item_of_source_reception(staff_user, reception, category):
    matter = reception.matters.first()
    proposer = reception.deputies.get(name="张德福")
    item = suggestion_from_reception(matter=matter, title="关于修复村口路灯的建议", category=category,
                                     proposer=proposer, actor=staff_user)
    assert (item.status, item.source, item.kind, item.year) == (S.SUBMITTED, "reception", "suggestion", 2026)
    assert (item.reception_matter, item.proposer, item.created_by) == (matter, proposer, staff_user)
    assert item.content == "村口路灯坏了三个月没人修" and item.submitted_at is not None
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.to_status) == ("submit", S.SUBMITTED) and "2026-03-10" in event.comment
    assert Notification.objects.get(recipient=proposer.user).kind == "motions.entered"


def test_a_reception_matter_enters_only_once(staff_user, reception, category):
    matter = reception.matters.first()
    proposer = reception.deputies.first()
    suggestion_from_reception(matter=matter, title="路灯", category=category, proposer=proposer, actor=staff_user)
    with pytest.raises(ApplicationError):
        suggestion_from_reception(matter=matter, title="路灯", category=category, proposer=proposer, actor=staff_user)
    assert Suggestion.objects.count() == 1


def test_the_proposer_must_be_one_of_the_deputies_who_received_the_voters(staff_user, reception, category):
    with pytest.raises(ApplicationError) as refused:
        suggestion_from_reception(matter=reception.matters.first(), title="路灯", category=category,
                                  proposer=DeputyFactory(), actor=staff_user)
    assert refused.value.field == "proposer"


def test_an_item_raised_during_a_session_names_it(staff_user, reception, category):
    matter = ReceptionMatter.objects.filter(reception=reception).last()
    proposer = reception.deputies.first()
    with pytest.raises(ApplicationError) as refused:
        suggestion_from_reception(matter=matter, title="公交", category=category, proposer=proposer, actor=staff_user,
                                  period=Suggestion.Period.DURING_SESSION)
    assert refused.value.field == "session"
    session = SessionFactory()
    item = suggestion_from_reception(matter=matter, title="公交", category=category, proposer=proposer,
                                     actor=staff_user, period=Suggestion.Period.DURING_SESSION, session=session)
    assert (item.period, item.session) == ("during_session", session)
    assert session.kind == Meeting.Kind.SESSION


def test_a_letter_or_visit_becomes_an_item_without_a_proposing_deputy(staff_user, category):
    item = suggestion_from_letter(petitioner="王桂兰", title="关于村组道路积水的反映", content="雨天积水严重。",
                                  category=category, received_on=datetime.date(2026, 3, 12), actor=staff_user)
    assert (item.status, item.source, item.proposer, item.petitioner) == (S.SUBMITTED, "letter_visit", None, "王桂兰")
    assert "2026-03-12" in Event.objects.get(suggestion=item).comment
    assert suggestion_accept(suggestion=item, actor=staff_user).reference == "2026-001"


def test_a_letter_received_last_year_counts_in_that_year(staff_user, category):
    item = suggestion_from_letter(petitioner="王桂兰", title="反映", content="内容", category=category,
                                  received_on=datetime.date(2025, 12, 29), actor=staff_user)
    assert item.year == 2025


def test_a_letter_needs_a_name_and_a_day_not_in_the_future(staff_user, category):
    with pytest.raises(ApplicationError) as no_name:
        suggestion_from_letter(petitioner=" ", title="反映", content="内容", category=category,
                               received_on=TODAY, actor=staff_user)
    with pytest.raises(ApplicationError) as future:
        suggestion_from_letter(petitioner="王桂兰", title="反映", content="内容", category=category,
                               received_on=TODAY + datetime.timedelta(days=1), actor=staff_user)
    assert (no_name.value.field, future.value.field) == ("petitioner", "received_on")
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("tabled_by", [Suggestion.TabledBy.PRESIDIUM, Suggestion.TabledBy.GOVERNMENT])
def test_the_office_enters_a_motion_of_the_presidium_or_the_government(staff_user, category, tabled_by):
    chairman_deputy = DeputyFactory(name="王建国")
    item = motion_table(tabled_by=tabled_by, proposer=chairman_deputy, title="关于实施农村人居环境整治的议案",
                        content="……", category=category, actor=staff_user)
    assert (item.kind, item.tabled_by, item.status) == ("motion", tabled_by, S.SUBMITTED)
    assert item.proposer == chairman_deputy


def test_the_office_does_not_enter_motions_of_deputies_nor_by_a_deputy_out_of_office(staff_user, category):
    with pytest.raises(ApplicationError) as by_deputies:
        motion_table(tabled_by=Suggestion.TabledBy.DEPUTIES, proposer=DeputyFactory(), title="议案", content="内容",
                     category=category, actor=staff_user)
    with pytest.raises(ApplicationError) as out_of_office:
        motion_table(tabled_by=Suggestion.TabledBy.PRESIDIUM, proposer=DeputyFactory(in_office=False), title="议案",
                     content="内容", category=category, actor=staff_user)
    assert (by_deputies.value.field, out_of_office.value.field) == ("tabled_by", "proposer")


@pytest.mark.parametrize("role", [Role.PRESIDIUM_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_the_office_enters_items(role, reception, category):
    actor = user_with_role(role)
    with pytest.raises(ApplicationError):
        suggestion_from_letter(petitioner="王桂兰", title="反映", content="内容", category=category,
                               received_on=TODAY, actor=actor)
    with pytest.raises(ApplicationError):
        suggestion_from_reception(matter=reception.matters.first(), title="路灯", category=category,
                                  proposer=reception.deputies.first(), actor=actor)
    with pytest.raises(ApplicationError):
        motion_table(tabled_by="presidium", proposer=reception.deputies.first(), title="议案", content="内容",
                     category=category, actor=actor)
    assert not Suggestion.objects.exists()
