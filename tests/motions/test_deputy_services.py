"""The deputy's rules: drafts, sending, the five-deputy motion rule, co-signing, attachments, rating."""
import datetime

import pytest

from congress.models import Meeting
from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from motions import workflow
from motions.models import Assignment, Attachment, Category, CoSigner, Event, Rating, Suggestion
from motions.services import deputy as services
from tests.factories import DeputyFactory, HandlingUnitFactory, TermFactory, user_with_role
from tests.motions.factories import AssignmentFactory, CoSignerFactory, ReplyFactory, SuggestionFactory

from .factories_deputy import DOC, DOCX, PDF, PNG, deputy_account, replied_item, upload, with_cosigners

pytestmark = pytest.mark.django_db

S = Suggestion.Status
A = workflow.Action


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def proposer():
    return deputy_account("张德福")


def category():
    return Category.objects.get(name="农业农村")


def draft_data(**changes):
    return {"title": "关于修缮青山村机耕道的建议", "content": "机耕道雨天无法通行。", "category": category(),
            "kind": Suggestion.Kind.SUGGESTION, "period": Suggestion.Period.BETWEEN_SESSIONS, "session": None,
            **changes}


def motion(proposer, **fields):
    return SuggestionFactory(proposer=proposer, kind=Suggestion.Kind.MOTION, **fields)


# --- drafts ----------------------------------------------------------------------------------------

def test_a_deputy_saves_a_draft_of_their_own_with_a_drafted_event(proposer):
    item = services.suggestion_draft_save(deputy=proposer, data=draft_data(), actor=proposer.user)
    assert (item.status, item.proposer, item.source, item.created_by) == (S.DRAFT, proposer, "deputy", proposer.user)
    assert list(item.events.values_list("action", flat=True)) == [A.CREATE]


def test_a_draft_needs_only_a_title(proposer):
    item = services.suggestion_draft_save(deputy=proposer, data=draft_data(content="", category=None),
                                          actor=proposer.user)
    assert item.content == "" and item.category is None
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_draft_save(deputy=proposer, data=draft_data(title="  "), actor=proposer.user)
    assert refused.value.field == "title"


def test_an_item_raised_during_a_session_names_a_session(proposer):
    session = Meeting.objects.create(term=TermFactory(), kind=Meeting.Kind.SESSION, number=5,
                                     start_date=datetime.date(2026, 3, 1), end_date=datetime.date(2026, 3, 2))
    during = Suggestion.Period.DURING_SESSION
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_draft_save(deputy=proposer, data=draft_data(period=during), actor=proposer.user)
    assert refused.value.field == "session"
    item = services.suggestion_draft_save(deputy=proposer, data=draft_data(period=during, session=session),
                                          actor=proposer.user)
    assert item.session == session
    between = services.suggestion_draft_save(deputy=proposer, suggestion=item, actor=proposer.user,
                                             data=draft_data(session=session))
    assert between.session is None  # a session is kept only for an item raised during one


def test_a_deputy_cannot_draft_in_another_deputys_name(proposer):
    other = deputy_account()
    with pytest.raises(ApplicationError):
        services.suggestion_draft_save(deputy=proposer, data=draft_data(), actor=other.user)


def test_a_deputy_out_of_office_cannot_draft():
    former = deputy_account(in_office__status="resigned", in_office__ended_on=datetime.date(2024, 1, 1))
    with pytest.raises(ApplicationError):
        services.suggestion_draft_save(deputy=former, data=draft_data(), actor=former.user)


def test_only_the_proposer_changes_a_draft_or_a_returned_item(proposer):
    item = SuggestionFactory(proposer=proposer)
    changed = services.suggestion_draft_save(deputy=proposer, suggestion=item, actor=proposer.user,
                                             data=draft_data(title="新标题"))
    assert changed.title == "新标题"
    cosigner = deputy_account()
    CoSignerFactory(suggestion=item, deputy=cosigner, status=CoSigner.Status.CONFIRMED)
    with pytest.raises(ApplicationError):
        services.suggestion_draft_save(deputy=cosigner, suggestion=item, actor=cosigner.user, data=draft_data())


def test_a_returned_items_revision_is_in_its_timeline_but_a_drafts_is_not(proposer):
    draft = SuggestionFactory(proposer=proposer)
    services.suggestion_draft_save(deputy=proposer, suggestion=draft, actor=proposer.user, data=draft_data())
    assert not draft.events.exists()
    returned = SuggestionFactory(proposer=proposer, status=S.RETURNED)
    services.suggestion_draft_save(deputy=proposer, suggestion=returned, actor=proposer.user, data=draft_data())
    assert list(returned.events.values_list("action", flat=True)) == [A.EDIT]


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.CLOSED])
def test_a_sent_item_can_no_longer_be_changed(proposer, status):
    item = SuggestionFactory(proposer=proposer, status=status)
    with pytest.raises(ApplicationError):
        services.suggestion_draft_save(deputy=proposer, suggestion=item, actor=proposer.user, data=draft_data())


def test_a_draft_never_sent_may_be_deleted_by_its_author_only(proposer):
    item = SuggestionFactory(proposer=proposer)
    with pytest.raises(ApplicationError):
        services.suggestion_draft_delete(suggestion=item, actor=deputy_account().user)
    services.suggestion_draft_delete(suggestion=item, actor=proposer.user)
    assert not Suggestion.objects.filter(pk=item.pk).exists()
    returned = SuggestionFactory(proposer=proposer, status=S.RETURNED)
    with pytest.raises(ApplicationError):
        services.suggestion_draft_delete(suggestion=returned, actor=proposer.user)


# --- sending ---------------------------------------------------------------------------------------

def test_the_proposer_sends_a_suggestion_and_the_office_is_told(proposer, staff_user):
    item = SuggestionFactory(proposer=proposer, year=2020)
    sent = services.suggestion_submit(suggestion=item, actor=proposer.user)
    assert sent.status == S.SUBMITTED and sent.submitted_at is not None
    assert sent.year == services.today().year  # counted in the year it was sent
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.from_status, event.to_status, event.actor) == (A.SUBMIT, S.DRAFT, S.SUBMITTED,
                                                                               proposer.user)
    assert Notification.objects.filter(recipient=staff_user, kind="motions.submitted").exists()


def test_an_item_returned_for_revision_is_sent_again_the_same_way(proposer):
    item = SuggestionFactory(proposer=proposer, status=S.RETURNED)
    sent = services.suggestion_submit(suggestion=item, actor=proposer.user)
    event = Event.objects.get(suggestion=item)
    assert sent.status == S.SUBMITTED and (event.from_status, event.to_status) == (S.RETURNED, S.SUBMITTED)


def test_only_the_proposer_sends(proposer, staff_user):
    item = SuggestionFactory(proposer=proposer)
    cosigner = deputy_account()
    CoSignerFactory(suggestion=item, deputy=cosigner, status=CoSigner.Status.CONFIRMED)
    for actor in (cosigner.user, staff_user):
        with pytest.raises(ApplicationError):
            services.suggestion_submit(suggestion=item, actor=actor)
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_sending_needs_the_content_and_a_category(proposer):
    no_content = SuggestionFactory(proposer=proposer, content="")
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_submit(suggestion=no_content, actor=proposer.user)
    assert refused.value.field == "content"
    no_category = SuggestionFactory(proposer=proposer, category=None)
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_submit(suggestion=no_category, actor=proposer.user)
    assert refused.value.field == "category"


def test_an_item_already_sent_is_not_sent_twice(proposer):
    item = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    with pytest.raises(ApplicationError):
        services.suggestion_submit(suggestion=item, actor=proposer.user)


# --- the five-deputy rule of motions (Organic Law Art. 22) -------------------------------------------

def test_a_motion_with_the_proposer_and_four_confirmed_co_signers_is_sent(proposer):
    item = motion(proposer)
    with_cosigners(item, confirmed=4)
    assert services.suggestion_submit(suggestion=item, actor=proposer.user).status == S.SUBMITTED


def test_a_motion_with_the_proposer_and_three_confirmed_co_signers_is_refused_with_the_count_missing(proposer):
    item = motion(proposer)
    with_cosigners(item, confirmed=3)
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_submit(suggestion=item, actor=proposer.user)
    assert "1" in refused.value.message
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_invited_or_declined_co_signers_do_not_count(proposer):
    item = motion(proposer)
    with_cosigners(item, confirmed=2, invited=3, declined=2)
    assert services.cosigners_missing(item) == 2
    with pytest.raises(ApplicationError) as refused:
        services.suggestion_submit(suggestion=item, actor=proposer.user)
    assert "2" in refused.value.message


def test_a_confirmed_co_signer_who_has_left_office_does_not_count(proposer):
    item = motion(proposer)
    with_cosigners(item, confirmed=3)
    gone = DeputyFactory(in_office__status="resigned", in_office__ended_on=datetime.date(2025, 1, 1))
    CoSignerFactory(suggestion=item, deputy=gone, status=CoSigner.Status.CONFIRMED)
    assert services.cosigners_missing(item) == 1


def test_a_suggestion_needs_no_co_signer(proposer):
    assert services.cosigners_missing(SuggestionFactory(proposer=proposer)) == 0


# --- co-signing ------------------------------------------------------------------------------------

def test_the_proposer_invites_deputies_in_office_and_each_gets_a_link_to_confirm(proposer):
    first, second = deputy_account("李四"), deputy_account("王五")
    item = SuggestionFactory(proposer=proposer)
    invited = services.cosigners_invite(suggestion=item, deputies=[first, second], actor=proposer.user)
    assert {c.status for c in invited} == {CoSigner.Status.INVITED}
    for cosigner in invited:
        message = Notification.objects.get(recipient=cosigner.deputy.user, kind="motions.cosign_invite")
        assert message.link == f"/suggestions/cosign/{cosigner.pk}/"
    event = Event.objects.get(suggestion=item, action=A.COSIGN_INVITE)
    assert "李四" in event.comment and "王五" in event.comment


def test_only_the_proposer_invites(proposer):
    item = SuggestionFactory(proposer=proposer)
    intruder = deputy_account()
    with pytest.raises(ApplicationError):
        services.cosigners_invite(suggestion=item, deputies=[deputy_account()], actor=intruder.user)


def test_the_proposer_cannot_invite_themself(proposer):
    item = SuggestionFactory(proposer=proposer)
    with pytest.raises(ApplicationError):
        services.cosigners_invite(suggestion=item, deputies=[proposer], actor=proposer.user)


def test_a_deputy_out_of_office_or_without_an_account_cannot_be_invited(proposer):
    item = SuggestionFactory(proposer=proposer)
    former = deputy_account(in_office__status="transferred", in_office__ended_on=datetime.date(2025, 5, 1))
    no_account = DeputyFactory()
    for deputy in (former, no_account):
        with pytest.raises(ApplicationError):
            services.cosigners_invite(suggestion=item, deputies=[deputy], actor=proposer.user)
    assert not item.cosigners.exists()


def test_co_signers_are_invited_only_before_the_item_is_sent(proposer):
    item = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    with pytest.raises(ApplicationError):
        services.cosigners_invite(suggestion=item, deputies=[deputy_account()], actor=proposer.user)


def test_a_deputy_who_declined_may_be_asked_again_and_one_asked_already_is_not_asked_twice(proposer):
    item = SuggestionFactory(proposer=proposer)
    declined, waiting = with_cosigners(item, declined=1) + with_cosigners(item, invited=1)
    invited = services.cosigners_invite(suggestion=item, deputies=[declined.deputy, waiting.deputy],
                                        actor=proposer.user)
    assert [c.pk for c in invited] == [declined.pk]
    declined.refresh_from_db()
    assert declined.status == CoSigner.Status.INVITED and declined.responded_at is None
    with pytest.raises(ApplicationError):
        services.cosigners_invite(suggestion=item, deputies=[waiting.deputy], actor=proposer.user)


def test_the_invited_deputy_confirms_and_the_proposer_is_told(proposer):
    item = SuggestionFactory(proposer=proposer)
    (cosigner,) = with_cosigners(item, invited=1)
    services.cosign_respond(cosigner=cosigner, confirm=True, actor=cosigner.deputy.user)
    cosigner.refresh_from_db()
    assert cosigner.status == CoSigner.Status.CONFIRMED and cosigner.responded_at is not None
    event = Event.objects.get(suggestion=item, action=A.COSIGN_CONFIRM)
    assert event.actor == cosigner.deputy.user
    assert Notification.objects.filter(recipient=proposer.user, kind="motions.cosign_answer").exists()


def test_the_invited_deputy_declines(proposer):
    item = SuggestionFactory(proposer=proposer)
    (cosigner,) = with_cosigners(item, invited=1)
    services.cosign_respond(cosigner=cosigner, confirm=False, actor=cosigner.deputy.user)
    cosigner.refresh_from_db()
    assert cosigner.status == CoSigner.Status.DECLINED
    assert Event.objects.filter(suggestion=item, action=A.COSIGN_DECLINE).exists()


def test_only_the_invited_deputy_answers(proposer):
    item = SuggestionFactory(proposer=proposer)
    (cosigner,) = with_cosigners(item, invited=1)
    for actor in (proposer.user, deputy_account().user, user_with_role(Role.STAFF)):
        with pytest.raises(ApplicationError):
            services.cosign_respond(cosigner=cosigner, confirm=True, actor=actor)
    cosigner.refresh_from_db()
    assert cosigner.status == CoSigner.Status.INVITED


def test_a_given_answer_no_longer_changes_once_the_item_is_sent(proposer):
    item = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    (confirmed,) = with_cosigners(item, confirmed=1)
    (waiting,) = with_cosigners(item, invited=1)
    with pytest.raises(ApplicationError):
        services.cosign_respond(cosigner=confirmed, confirm=False, actor=confirmed.deputy.user)
    services.cosign_respond(cosigner=waiting, confirm=True, actor=waiting.deputy.user)  # not yet answered: may
    item.status = S.ACCEPTED
    item.save()
    (late,) = with_cosigners(item, invited=1)
    with pytest.raises(ApplicationError):
        services.cosign_respond(cosigner=late, confirm=True, actor=late.deputy.user)


# --- attachments -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [("方案.pdf", PDF), ("照片.PNG", PNG), ("说明.doc", DOC),
                                               ("说明.docx", DOCX), ("现场.jpeg", b"\xff\xd8\xff\xe1" + b"0" * 20)])
def test_pdf_photos_and_word_files_are_attached_with_their_names(proposer, name, content):
    item = SuggestionFactory(proposer=proposer)
    attachment = services.attachment_add(suggestion=item, upload=upload(name, content), actor=proposer.user)
    assert attachment.name == name and attachment.uploaded_by == proposer.user
    assert attachment.file.name.startswith("motions/attachments/")
    assert attachment.file.read() == content


@pytest.mark.parametrize(("name", "content"), [("病毒.exe", b"MZ\x90\x00"), ("表格.xlsx", DOCX),
                                               ("假的.pdf", b"MZ\x90\x00 not a pdf"), ("空的.pdf", b"")])
def test_other_files_are_refused(proposer, name, content):
    item = SuggestionFactory(proposer=proposer)
    with pytest.raises(ApplicationError) as refused:
        services.attachment_add(suggestion=item, upload=upload(name, content), actor=proposer.user)
    assert name in refused.value.message
    assert not Attachment.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(proposer):
    item = SuggestionFactory(proposer=proposer)
    big = upload("大文件.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ApplicationError):
        services.attachment_add(suggestion=item, upload=big, actor=proposer.user)
    exactly = upload("刚好.pdf", PDF + b"0" * (10 * 1024 * 1024 - len(PDF)))
    assert services.attachment_add(suggestion=item, upload=exactly, actor=proposer.user)


def test_an_item_has_at_most_ten_attachments(proposer):
    item = SuggestionFactory(proposer=proposer)
    for number in range(services.MAX_ATTACHMENTS):
        services.attachment_add(suggestion=item, upload=upload(f"{number}.pdf", PDF), actor=proposer.user)
    with pytest.raises(ApplicationError):
        services.attachment_add(suggestion=item, upload=upload("多余.pdf", PDF), actor=proposer.user)


def test_only_the_proposer_attaches_and_removes_while_the_item_is_editable(proposer,
                                                                          django_capture_on_commit_callbacks):
    item = SuggestionFactory(proposer=proposer)
    attachment = services.attachment_add(suggestion=item, upload=upload(), actor=proposer.user)
    other = deputy_account()
    with pytest.raises(ApplicationError):
        services.attachment_add(suggestion=item, upload=upload(), actor=other.user)
    with pytest.raises(ApplicationError):
        services.attachment_remove(attachment=attachment, actor=other.user)
    stored = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(attachment=attachment, actor=proposer.user)
    assert not Attachment.objects.exists()
    assert not attachment.file.storage.exists(stored)
    sent = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    with pytest.raises(ApplicationError):
        services.attachment_add(suggestion=sent, upload=upload(), actor=proposer.user)


def test_a_draft_saved_with_files_keeps_them(proposer):
    item = services.suggestion_draft_save(deputy=proposer, data=draft_data(), actor=proposer.user,
                                          uploads=[upload("a.pdf", PDF), upload("b.png", PNG)])
    assert sorted(item.attachments.values_list("name", flat=True)) == ["a.pdf", "b.png"]


# --- rating the reply ------------------------------------------------------------------------------

@pytest.fixture
def fixed_today(monkeypatch):
    day = datetime.date(2026, 6, 20)
    monkeypatch.setattr(services, "today", lambda: day)
    return day


@pytest.mark.parametrize("satisfaction", [Rating.Satisfaction.SATISFIED, Rating.Satisfaction.BASICALLY_SATISFIED])
def test_satisfied_or_basically_satisfied_closes_the_item(proposer, satisfaction):
    item, _, reply = replied_item(proposer)
    rating = services.reply_rate(reply=reply, satisfaction=satisfaction, comment="", actor=proposer.user)
    item.refresh_from_db()
    assert item.status == S.CLOSED and item.closed_at is not None
    assert (rating.reply, rating.deputy, rating.satisfaction) == (reply, proposer, satisfaction)
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.to_status) == (A.RATE, S.CLOSED)


def test_unsatisfied_with_the_first_reply_sends_it_back_with_a_due_date_one_month_later(proposer, fixed_today):
    officer = user_with_role(Role.UNIT_OFFICER, handling_unit=HandlingUnitFactory(name="交通站"))
    item, lead, reply = replied_item(proposer)
    lead.unit = officer.handling_unit
    lead.save()
    services.reply_rate(reply=reply, satisfaction=Rating.Satisfaction.UNSATISFIED, comment="路面仍未硬化",
                        actor=proposer.user)
    item.refresh_from_db()
    lead.refresh_from_db()
    assert item.status == S.REHANDLING and item.closed_at is None
    assert item.due_date == lead.due_date == datetime.date(2026, 7, 20)
    assert lead.status == Assignment.Status.ACKNOWLEDGED
    event = Event.objects.get(suggestion=item)
    assert (event.action, event.unit) == (A.REHANDLE, lead.unit) and "路面仍未硬化" in event.comment
    message = Notification.objects.get(recipient=officer, kind="motions.rehandle")
    assert "2026" in message.body


def test_unsatisfied_with_the_second_reply_closes_the_item(proposer):
    item, _, second = replied_item(proposer, round=2)
    services.reply_rate(reply=second, satisfaction=Rating.Satisfaction.UNSATISFIED, comment="还是没解决",
                        actor=proposer.user)
    item.refresh_from_db()
    assert item.status == S.CLOSED and item.closed_at is not None
    assert second.rating.satisfaction == Rating.Satisfaction.UNSATISFIED


def test_unsatisfied_needs_a_comment(proposer):
    item, _, reply = replied_item(proposer)
    with pytest.raises(ApplicationError) as refused:
        services.reply_rate(reply=reply, satisfaction=Rating.Satisfaction.UNSATISFIED, comment=" ",
                            actor=proposer.user)
    assert refused.value.field == "comment"
    item.refresh_from_db()
    assert item.status == S.REPLIED and not Rating.objects.exists()


def test_only_the_proposer_rates(proposer, staff_user):
    item, _, reply = replied_item(proposer)
    cosigner = deputy_account()
    CoSignerFactory(suggestion=item, deputy=cosigner, status=CoSigner.Status.CONFIRMED)
    for actor in (cosigner.user, staff_user):
        with pytest.raises(ApplicationError):
            services.reply_rate(reply=reply, satisfaction=Rating.Satisfaction.SATISFIED, comment="", actor=actor)
    assert not Rating.objects.exists()


def test_only_the_latest_reply_of_a_replied_item_is_rated_once(proposer):
    item, _, second = replied_item(proposer, round=2)
    first = item.replies.get(round=1)
    with pytest.raises(ApplicationError):
        services.reply_rate(reply=first, satisfaction=Rating.Satisfaction.SATISFIED, comment="", actor=proposer.user)
    services.reply_rate(reply=second, satisfaction=Rating.Satisfaction.SATISFIED, comment="", actor=proposer.user)
    with pytest.raises(ApplicationError):
        services.reply_rate(reply=second, satisfaction=Rating.Satisfaction.SATISFIED, comment="",
                            actor=proposer.user)


def test_an_item_not_replied_is_not_rated(proposer):
    lead = AssignmentFactory(suggestion=SuggestionFactory(proposer=proposer, status=S.ASSIGNED))
    reply = ReplyFactory(assignment=lead)
    with pytest.raises(ApplicationError):
        services.reply_rate(reply=reply, satisfaction=Rating.Satisfaction.SATISFIED, comment="", actor=proposer.user)
