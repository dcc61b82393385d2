"""The deputy's pages: who may open what (404 for others' items), forms that keep what was typed,
the rating form, file downloads behind the access check, and list pages whose queries do not grow."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.roles import Role
from motions.models import Attachment, Category, CoSigner, Rating, Suggestion
from motions.services.base import record_event
from tests.factories import user_with_role
from tests.motions.factories import CoSignerFactory, SuggestionFactory

from .factories_deputy import PDF, deputy_account, replied_item, upload, with_cosigners

pytestmark = pytest.mark.django_db

S = Suggestion.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def proposer(client):
    deputy = deputy_account("张德福")
    client.force_login(deputy.user)
    return deputy


def url(name, *args):
    return reverse(f"motions:{name}", args=args)


def form_data(**changes):
    return {"kind": "suggestion", "title": "关于修缮青山村机耕道的建议", "content": "机耕道雨天无法通行。",
            "category": Category.objects.get(name="农业农村").pk, "period": "between_sessions", "session": "",
            "action": "save", **changes}


# --- who may open the pages ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["deputy_list", "deputy_create", "deputy_cosign_list"])
def test_the_deputy_pages_are_for_deputies(client, staff_user, unit_officer, name):
    for user in (staff_user, unit_officer):
        client.force_login(user)
        assert client.get(url(name)).status_code == 403


def test_an_account_not_linked_to_a_deputy_is_told_so(client):
    client.force_login(user_with_role(Role.DEPUTY))
    response = client.get(url("deputy_list"))
    assert response.status_code == 200 and 'data-state="not-linked"' in response.content.decode()


def test_a_deputy_opening_another_deputys_draft_gets_404(client, proposer):
    other_draft = SuggestionFactory()
    for name in ("deputy_item", "deputy_edit", "deputy_invite", "deputy_delete"):
        assert client.get(url(name, other_draft.pk)).status_code == 404, name
    assert client.post(url("deputy_submit", other_draft.pk)).status_code == 404


def test_a_deputy_not_concerned_by_a_sent_item_gets_404(client, proposer):
    assert client.get(url("deputy_item", SuggestionFactory(status=S.ASSIGNED).pk)).status_code == 404


def test_a_co_signer_reads_the_item_but_cannot_change_it(client, proposer):
    item = SuggestionFactory(status=S.RETURNED)
    CoSignerFactory(suggestion=item, deputy=proposer, status=CoSigner.Status.CONFIRMED)
    response = client.get(url("deputy_item", item.pk))
    assert response.status_code == 200
    assert url("deputy_edit", item.pk) not in response.content.decode()
    assert client.get(url("deputy_edit", item.pk)).status_code == 404
    assert client.post(url("deputy_submit", item.pk)).status_code == 404
    assert client.get(url("deputy_invite", item.pk)).status_code == 404


def test_a_draft_is_not_shown_to_those_invited_to_co_sign_it_except_through_the_invitation(client, proposer):
    draft = SuggestionFactory()
    invitation = CoSignerFactory(suggestion=draft, deputy=proposer)
    assert client.get(url("deputy_item", draft.pk)).status_code == 404
    response = client.get(url("deputy_cosign_respond", invitation.pk))
    assert response.status_code == 200 and draft.content in response.content.decode()


def test_a_sent_item_cannot_be_changed_even_by_its_proposer(client, proposer):
    item = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    assert client.get(url("deputy_edit", item.pk)).status_code == 404


# --- "my suggestions" ------------------------------------------------------------------------------

def test_my_list_shows_my_items_drafts_first_and_those_i_co_sign(client, proposer):
    closed = SuggestionFactory(proposer=proposer, status=S.CLOSED, title="已办结的建议")
    draft = SuggestionFactory(proposer=proposer, title="我的草稿")
    cosigned = SuggestionFactory(status=S.ASSIGNED, title="我附议的建议")
    CoSignerFactory(suggestion=cosigned, deputy=proposer, status=CoSigner.Status.CONFIRMED)
    invited_only = SuggestionFactory(status=S.SUBMITTED, title="只邀请未确认")
    CoSignerFactory(suggestion=invited_only, deputy=proposer)
    someone_elses = SuggestionFactory(status=S.SUBMITTED, title="别人的建议")
    page = client.get(url("deputy_list")).content.decode()
    assert page.index(draft.title) < page.index(closed.title)
    assert cosigned.title in page
    assert invited_only.title not in page and someone_elses.title not in page


def test_the_list_shows_each_status_in_plain_words_with_the_reference_and_due_date(client, proposer):
    SuggestionFactory(proposer=proposer, status=S.ASSIGNED, number=8, due_date="2026-06-16")
    response = client.get(url("deputy_list"))
    page = response.content.decode()
    assert "2026-008" in page and "2026-06-16" in page
    assert "A unit is working on it" in page or "正在" in page


def _list_queries(client, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        assert client.get(url("deputy_list")).status_code == 200


LIST_QUERIES = 9  # session, user with roles and unread count, deputy, page count, rows, 3 waiting counts, township


def test_the_list_runs_the_same_queries_for_one_item_and_many(client, proposer, django_assert_num_queries):
    SuggestionFactory(proposer=proposer)
    _list_queries(client, django_assert_num_queries, LIST_QUERIES)
    for status in (S.DRAFT, S.SUBMITTED, S.ASSIGNED, S.REPLIED, S.CLOSED, S.RETURNED):
        SuggestionFactory.create_batch(3, proposer=proposer, status=status)
    cosigned = SuggestionFactory(status=S.ASSIGNED)
    CoSignerFactory(suggestion=cosigned, deputy=proposer, status=CoSigner.Status.CONFIRMED)
    _list_queries(client, django_assert_num_queries, LIST_QUERIES)


COSIGN_LIST_QUERIES = 6  # session, user with roles and unread count, deputy, pending, answered, township


def test_the_invitations_page_runs_the_same_queries_for_one_and_many(client, proposer, django_assert_num_queries):
    CoSignerFactory(suggestion=SuggestionFactory(), deputy=proposer)
    with django_assert_num_queries(COSIGN_LIST_QUERIES):
        assert client.get(url("deputy_cosign_list")).status_code == 200
    for status in CoSigner.Status.values:
        for _ in range(3):
            CoSignerFactory(suggestion=SuggestionFactory(), deputy=proposer, status=status)
    with django_assert_num_queries(COSIGN_LIST_QUERIES):
        page = client.get(url("deputy_cosign_list")).content.decode()
    assert page.count("data-invitation=") == 4


# --- writing and sending -----------------------------------------------------------------------------

def test_a_deputy_saves_a_draft_from_the_phone_form(client, proposer):
    response = client.post(url("deputy_create"), form_data())
    item = Suggestion.objects.get()
    assert response.status_code == 302 and response.url == url("deputy_item", item.pk)
    assert (item.status, item.proposer, item.title) == (S.DRAFT, proposer, "关于修缮青山村机耕道的建议")


def test_a_form_with_an_error_keeps_everything_typed(client, proposer):
    response = client.post(url("deputy_create"), form_data(title="", content="我写了很长的内容，不能丢。"))
    assert response.status_code == 200 and not Suggestion.objects.exists()
    page = response.content.decode()
    assert "我写了很长的内容，不能丢。" in page
    assert response.context["form"].errors["title"]


def test_sending_from_the_form_needs_content_and_category_and_keeps_the_title(client, proposer):
    response = client.post(url("deputy_create"), form_data(action="send", content="", category=""))
    assert response.status_code == 200 and not Suggestion.objects.exists()
    assert set(response.context["form"].errors) == {"content", "category"}
    assert "关于修缮青山村机耕道的建议" in response.content.decode()


def test_save_and_send_sends_a_suggestion(client, proposer):
    client.post(url("deputy_create"), form_data(action="send"))
    assert Suggestion.objects.get().status == S.SUBMITTED


def test_a_motion_without_enough_co_signers_is_saved_as_a_draft_and_the_page_says_why(client, proposer):
    response = client.post(url("deputy_create"), form_data(action="send", kind="motion"), follow=True)
    item = Suggestion.objects.get()
    assert item.status == S.DRAFT and item.kind == Suggestion.Kind.MOTION
    assert "4" in [str(m) for m in response.context["messages"]][0]


def test_a_file_of_the_wrong_kind_is_refused_on_the_form_and_the_text_kept(client, proposer):
    data = form_data(content="内容要保留", files=[upload("程序.exe", b"MZ\x90")])
    response = client.post(url("deputy_create"), data)
    assert response.status_code == 200 and not Suggestion.objects.exists()
    assert "程序.exe" in str(response.context["form"].errors["files"])
    assert "内容要保留" in response.content.decode()


def test_files_chosen_on_the_form_are_attached(client, proposer):
    client.post(url("deputy_create"), form_data(files=[upload("方案.pdf", PDF), upload()]))
    assert sorted(Attachment.objects.values_list("name", flat=True)) == ["方案.pdf", "现场照片.jpg"]


def test_the_edit_form_starts_with_the_saved_draft_and_saves_changes(client, proposer):
    item = SuggestionFactory(proposer=proposer, title="旧标题")
    assert "旧标题" in client.get(url("deputy_edit", item.pk)).content.decode()
    client.post(url("deputy_edit", item.pk), form_data(title="新标题"))
    item.refresh_from_db()
    assert item.title == "新标题"


def test_the_send_button_on_the_item_page_sends_it(client, proposer):
    item = SuggestionFactory(proposer=proposer, status=S.RETURNED)
    assert client.get(url("deputy_submit", item.pk)).status_code == 405
    response = client.post(url("deputy_submit", item.pk))
    assert response.url == url("deputy_item", item.pk)
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_a_draft_is_deleted_after_confirming(client, proposer):
    item = SuggestionFactory(proposer=proposer)
    assert client.get(url("deputy_delete", item.pk)).status_code == 200
    client.post(url("deputy_delete", item.pk))
    assert not Suggestion.objects.exists()


def test_an_attachment_is_removed_from_the_edit_page(client, proposer):
    item = SuggestionFactory(proposer=proposer)
    attachment = Attachment.objects.create(suggestion=item, name="旧照片.jpg", file=ContentFile(b"x", "a.jpg"))
    response = client.post(url("deputy_attachment_remove", attachment.pk))
    assert response.url == url("deputy_edit", item.pk) and not Attachment.objects.exists()


def test_the_item_page_shows_the_timeline_and_the_co_signers(client, proposer):
    item = SuggestionFactory(proposer=proposer, kind=Suggestion.Kind.MOTION)
    with_cosigners(item, confirmed=2, invited=1)
    client.post(url("deputy_submit", item.pk))  # refused: two missing
    page = client.get(url("deputy_item", item.pk)).content.decode()
    assert page.count("data-cosigner=") == 3
    assert "2 of 4" in page or "2/4" in page or "2 / 4" in page


# --- co-signing --------------------------------------------------------------------------------------

def test_the_proposer_invites_from_a_list_of_deputies_with_accounts(client, proposer):
    item = SuggestionFactory(proposer=proposer)
    colleague = deputy_account("李四")
    page = client.get(url("deputy_invite", item.pk)).content.decode()
    assert "李四" in page and "张德福" not in page.split("data-picker")[1]
    response = client.post(url("deputy_invite", item.pk), {"deputies": [colleague.pk]})
    assert response.url == url("deputy_item", item.pk)
    assert CoSigner.objects.get().deputy == colleague


def test_inviting_nobody_is_explained(client, proposer):
    item = SuggestionFactory(proposer=proposer)
    response = client.post(url("deputy_invite", item.pk), {})
    assert response.status_code == 200 and response.context["form"].errors["deputies"]


def test_the_invited_deputy_confirms_with_one_button(client, proposer):
    invitation = CoSignerFactory(suggestion=SuggestionFactory(), deputy=proposer)
    response = client.post(url("deputy_cosign_respond", invitation.pk), {"answer": "confirm"})
    assert response.url == url("deputy_cosign_list")
    invitation.refresh_from_db()
    assert invitation.status == CoSigner.Status.CONFIRMED


def test_another_deputys_invitation_is_404(client, proposer):
    invitation = CoSignerFactory(suggestion=SuggestionFactory())
    assert client.get(url("deputy_cosign_respond", invitation.pk)).status_code == 404


def test_a_closed_invitation_shows_no_buttons_and_refuses_an_answer(client, proposer):
    invitation = CoSignerFactory(suggestion=SuggestionFactory(status=S.ASSIGNED), deputy=proposer)
    page = client.get(url("deputy_cosign_respond", invitation.pk)).content.decode()
    assert 'value="confirm"' not in page
    client.post(url("deputy_cosign_respond", invitation.pk), {"answer": "confirm"})
    invitation.refresh_from_db()
    assert invitation.status == CoSigner.Status.INVITED


# --- rating ------------------------------------------------------------------------------------------

def test_the_rating_form_is_shown_to_the_proposer_when_the_item_is_replied(client, proposer):
    item, _, reply = replied_item(proposer)
    page = client.get(url("deputy_item", item.pk)).content.decode()
    assert url("deputy_rate", item.pk) in page and reply.text in page


def test_a_co_signer_sees_the_reply_but_no_rating_form(client, proposer):
    item, _, reply = replied_item(deputy_account())
    CoSignerFactory(suggestion=item, deputy=proposer, status=CoSigner.Status.CONFIRMED)
    page = client.get(url("deputy_item", item.pk)).content.decode()
    assert reply.text in page and url("deputy_rate", item.pk) not in page
    response = client.post(url("deputy_rate", item.pk), {"satisfaction": "satisfied"})
    assert response.status_code == 200 and not Rating.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_rating_satisfied_closes_the_item(client, proposer):
    item, _, _ = replied_item(proposer)
    response = client.post(url("deputy_rate", item.pk), {"satisfaction": "satisfied", "comment": "修得很好"})
    assert response.url == url("deputy_item", item.pk)
    item.refresh_from_db()
    assert item.status == S.CLOSED


def test_unsatisfied_without_a_comment_is_explained_and_the_choice_kept(client, proposer):
    item, _, _ = replied_item(proposer)
    response = client.post(url("deputy_rate", item.pk), {"satisfaction": "unsatisfied", "comment": ""})
    assert response.status_code == 200 and response.context["rating_form"].errors["comment"]
    assert 'value="unsatisfied" id="id_satisfaction_2" checked' in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.REPLIED


# --- files -------------------------------------------------------------------------------------------

def test_an_attachment_is_served_to_who_may_read_the_item_and_404_to_others(client, proposer, staff_user):
    item = SuggestionFactory(proposer=proposer, status=S.SUBMITTED)
    attachment = Attachment.objects.create(suggestion=item, name="照片.pdf", file=ContentFile(PDF, "a.pdf"))
    assert client.get(url("deputy_attachment", attachment.pk)).status_code == 200
    client.force_login(staff_user)
    assert client.get(url("deputy_attachment", attachment.pk)).status_code == 200
    client.force_login(deputy_account().user)
    assert client.get(url("deputy_attachment", attachment.pk)).status_code == 404


def test_a_drafts_attachment_is_served_to_a_deputy_invited_to_co_sign(client, proposer):
    draft = SuggestionFactory()
    attachment = Attachment.objects.create(suggestion=draft, name="照片.pdf", file=ContentFile(PDF, "a.pdf"))
    assert client.get(url("deputy_attachment", attachment.pk)).status_code == 404
    CoSignerFactory(suggestion=draft, deputy=proposer)
    assert client.get(url("deputy_attachment", attachment.pk)).status_code == 200


def test_the_signed_letter_is_served_to_the_proposer_and_404_to_other_deputies(client, proposer):
    item, _, reply = replied_item(proposer)
    reply.letter.save("答复函.pdf", ContentFile(PDF))
    response = client.get(url("deputy_reply_letter", reply.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(deputy_account().user)
    assert client.get(url("deputy_reply_letter", reply.pk)).status_code == 404


def test_the_item_page_says_why_the_office_sent_it_back(client, proposer):
    item = SuggestionFactory(proposer=proposer, status=S.RETURNED)
    record_event(suggestion=item, action="return", actor=user_with_role(Role.STAFF), comment="请补充机耕道的具体位置")
    page = client.get(url("deputy_item", item.pk)).content.decode()
    assert "请补充机耕道的具体位置" in page and url("deputy_edit", item.pk) in page
