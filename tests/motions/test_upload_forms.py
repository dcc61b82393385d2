"""Attachments of a suggestion and the unit's signed reply letter: a file too big or not what its
name says is refused next to its field, and what was typed comes back (tests/uploads.py)."""
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.files import MAX_UPLOAD_BYTES
from motions.models import Category, Reply, Suggestion
from tests.uploads import PDF, PROBLEMS, assert_refused_on_the_field_and_the_rest_kept, small_cap  # noqa: F401

from .factories_deputy import deputy_account
from .factories_unit import acknowledged, czs, letter, result_class, today, unit  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def proposer(english):
    deputy = deputy_account("张德福")
    english.force_login(deputy.user)
    return deputy


def suggestion_data(**changes):
    return {"kind": "suggestion", "title": "关于修缮青山村机耕道的建议", "content": "机耕道雨天无法通行。",
            "category": Category.objects.get(name="农业农村").pk, "period": "between_sessions", "session": "",
            "action": "save", **changes}


KEPT = {"title": "关于修缮青山村机耕道的建议", "content": "机耕道雨天无法通行。"}


@pytest.mark.usefixtures("small_cap")
@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_bad_attachment_on_a_new_suggestion(english, proposer, problem, media):
    make_file, message = PROBLEMS[problem]
    response = english.post(reverse("motions:deputy_create"),
                            suggestion_data(files=[SimpleUploadedFile("方案.pdf", PDF), make_file("照片.pdf")]))
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "files", message, kept=KEPT)
    assert not Suggestion.objects.exists() and not any(media.rglob("*.pdf"))


def test_a_file_over_10_mb_reaches_the_form_and_is_refused_there(english, proposer):
    """A real 10 MB + 1 byte upload: Django hands it to the form (no 413, no 500), which refuses it."""
    big = SimpleUploadedFile("扫描件.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES + 1 - len(PDF)))
    response = english.post(reverse("motions:deputy_create"), suggestion_data(files=[big]))
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "files", "at most 10 MB", kept=KEPT)


def test_a_good_file_is_asked_for_again_when_another_field_is_wrong(english, proposer):
    response = english.post(reverse("motions:deputy_create"),
                            suggestion_data(title="", files=[SimpleUploadedFile("方案.pdf", PDF)]))
    form = response.context["form"]
    assert form.errors["title"] and any("Choose the files again" in error for error in form.errors["files"])


@pytest.fixture
def signed_in(english, czs, today):
    english.force_login(czs)
    return english


@pytest.mark.usefixtures("small_cap")
@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_bad_reply_letter(signed_in, unit, problem):
    make_file, message = PROBLEMS[problem]
    assignment = acknowledged(unit)
    data = {"result_class": result_class("A").pk, "text": "已安排资金硬化机耕道。", "signed_by": "王所长",
            "letter": make_file("答复函.pdf")}
    response = signed_in.post(reverse("motions:unit_reply", args=[assignment.pk]), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "reply_form", "letter", message,
                                                  kept={"text": "已安排资金硬化机耕道。", "signed_by": "王所长"})
    assert not Reply.objects.exists()


def test_the_reply_letter_downloads_under_the_item_s_title(signed_in, unit):
    assignment = acknowledged(unit)
    data = {"result_class": result_class("A").pk, "text": "已安排。", "signed_by": "王所长", "letter": letter()}
    assert signed_in.post(reverse("motions:unit_reply", args=[assignment.pk]), data).status_code == 302
    reply = Reply.objects.get()
    response = signed_in.get(reverse("motions:unit_reply_letter", args=[reply.pk]))
    assert quote(f"{assignment.suggestion.title}.pdf") in response["Content-Disposition"]
    assert "答复函" not in reply.letter.name
