"""Minutes and agenda documents are served only to those who may see the meeting."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from congress.models import Meeting
from tests.congress.factories import AgendaItemFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory(status=Meeting.Status.HELD)
    session.minutes_file.save("纪要.txt", ContentFile("会议纪要正文".encode()))
    return session


def test_the_minutes_file_is_served_to_those_who_read_everything(client, meeting, presidium_member):
    client.force_login(presidium_member)
    response = client.get(reverse("congress:meeting_minutes_file", args=[meeting.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "会议纪要正文"


def test_a_unit_officer_cannot_fetch_the_minutes(client, meeting, unit_officer):
    client.force_login(unit_officer)
    assert client.get(reverse("congress:meeting_minutes_file", args=[meeting.pk])).status_code == 404


def test_a_meeting_without_a_file_answers_not_found(client, staff_user):
    client.force_login(staff_user)
    session = SessionFactory()
    assert client.get(reverse("congress:meeting_minutes_file", args=[session.pk])).status_code == 404


def test_an_agenda_document_is_served_with_its_meeting(client, meeting, staff_user):
    item = AgendaItemFactory(meeting=meeting)
    item.document.save("报告.txt", ContentFile("政府工作报告".encode()))
    client.force_login(staff_user)
    response = client.get(reverse("congress:agenda_item_document", args=[item.pk]))
    assert response.status_code == 200
