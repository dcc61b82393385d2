"""Minutes and agenda documents: a file too big or not what its name says is refused next to its
field, and the rest of the meeting or agenda item as typed comes back (tests/uploads.py)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.models import AgendaItem, Meeting
from tests.uploads import PDF, PROBLEMS, assert_refused_on_the_field_and_the_rest_kept, small_cap  # noqa: F401

from .factories import AgendaItemFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_cap")]


@pytest.fixture
def office(english, staff_user):
    english.force_login(staff_user)
    return english


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_new_meeting_with_a_bad_minutes_file(office, problem, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_file, message = PROBLEMS[problem]
    term = SessionFactory(number=1).term
    data = {"term": term.pk, "kind": "session", "number": 2, "title": "第二次会议", "start_date": "2026-04-01",
            "end_date": "2026-04-02", "place": "镇政府三楼大会议室", "minutes": "会议听取了政府工作报告。",
            "minutes_file": make_file("会议纪要.pdf")}
    response = office.post(reverse("congress:meeting_create"), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "minutes_file", message, kept={
        "title": "第二次会议", "place": "镇政府三楼大会议室", "minutes": "会议听取了政府工作报告。", "number": 2})
    assert Meeting.objects.count() == 1 and not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize("problem", PROBLEMS)
def test_editing_a_meeting_with_a_bad_minutes_file_keeps_the_stored_one(office, problem, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_file, message = PROBLEMS[problem]
    meeting = SessionFactory(number=1, place="旧会场")
    meeting.minutes_file.save("纪要.pdf", SimpleUploadedFile("纪要.pdf", PDF))
    stored = meeting.minutes_file.name
    data = {"term": meeting.term.pk, "kind": "session", "number": 1, "start_date": meeting.start_date,
            "end_date": meeting.end_date, "place": "新会场", "minutes_file": make_file("新纪要.pdf")}
    response = office.post(reverse("congress:meeting_update", args=[meeting.pk]), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "minutes_file", message, kept={"place": "新会场"})
    meeting.refresh_from_db()
    assert meeting.minutes_file.name == stored and meeting.place == "旧会场"


def test_a_good_minutes_file_is_kept(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = SessionFactory(number=1)
    data = {"term": meeting.term.pk, "kind": "session", "number": 1, "start_date": meeting.start_date,
            "end_date": meeting.end_date, "minutes_file": SimpleUploadedFile("纪要.pdf", PDF)}
    assert office.post(reverse("congress:meeting_update", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_file.read() == PDF


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_new_agenda_item_with_a_bad_document(office, problem):
    make_file, message = PROBLEMS[problem]
    meeting = SessionFactory()
    data = {"kind": AgendaItem.Kind.choices[0][0], "title": "审议政府工作报告", "notes": "镇长作报告",
            "document": make_file("政府工作报告.pdf")}
    response = office.post(reverse("congress:agenda_item_create", args=[meeting.pk]), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "document", message,
                                                  kept={"title": "审议政府工作报告", "notes": "镇长作报告"})
    assert not meeting.agenda.exists()


@pytest.mark.parametrize("problem", PROBLEMS)
def test_editing_an_agenda_item_with_a_bad_document(office, problem):
    make_file, message = PROBLEMS[problem]
    item = AgendaItemFactory(title="旧标题")
    data = {"order": item.order, "kind": item.kind, "title": "新标题", "notes": "",
            "document": make_file("报告.pdf")}
    response = office.post(reverse("congress:agenda_item_update", args=[item.pk]), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "document", message, kept={"title": "新标题"})
    item.refresh_from_db()
    assert item.title == "旧标题" and not item.document
