"""Two people editing one record, and one person clicking twice (core.concurrency).

Stale edits: the second of two saves that started from the same version is refused, nothing the
second person typed is lost, and the page says what changed. Double submits: the same rendering of
a create form sent twice creates one record. These run on SQLite and PostgreSQL alike; the
threaded races are in test_concurrency_race.py.
"""
import datetime
import re

import pytest
from django.urls import reverse

from congress.models import Meeting
from core.roles import Role
from deputies.models import Deputy
from motions.models import Suggestion
from tests.factories import DeputyFactory, user_with_role
from tests.motions.factories_office import fixed_today  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

STALE = "This record was changed by someone else after you opened it"


def token(response, name):
    found = re.search(rf'name="{name}" value="([^"]+)"', response.content.decode())
    assert found, f"no {name} in the page"
    return found.group(1)


def deputy_data(deputy, **changes):
    return {"name": deputy.name, "gender": deputy.gender, "ethnicity": deputy.ethnicity,
            "political_status": deputy.political_status, "occupation": deputy.occupation,
            "phone": deputy.phone or "", "note": deputy.note or "", **changes}


@pytest.fixture
def office(client, english):
    client.force_login(user_with_role(Role.STAFF, username="staff"))
    return client


@pytest.fixture
def other_office(django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(user_with_role(Role.STAFF, username="staff2"))
    return other


# --- stale edits ----------------------------------------------------------------------------------

def test_the_edit_page_carries_the_token_of_the_record_as_loaded(office):
    deputy = DeputyFactory(name="张三")
    response = office.get(reverse("deputies:deputy_update", args=[deputy.pk]))
    first = token(response, "edit_token")
    Deputy.objects.filter(pk=deputy.pk).update(phone="13900000000")
    assert token(office.get(reverse("deputies:deputy_update", args=[deputy.pk])), "edit_token") != first


def test_a_save_from_an_outdated_page_is_refused_and_keeps_what_was_typed(office, other_office):
    deputy = DeputyFactory(name="张三", phone="13900000001")
    url = reverse("deputies:deputy_update", args=[deputy.pk])
    loaded = token(office.get(url), "edit_token")
    # Someone else saves a new phone number meanwhile.
    other_token = token(other_office.get(url), "edit_token")
    assert other_office.post(url, deputy_data(deputy, phone="13900000002", edit_token=other_token)).status_code == 302

    response = office.post(url, deputy_data(deputy, name="张三丰", note="我写的备注", edit_token=loaded))

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert "我写的备注" in page and "张三丰" in page  # nothing typed is lost
    assert "it now reads: 13900000002" in page  # the change is shown next to its field
    deputy.refresh_from_db()
    assert (deputy.name, deputy.phone, deputy.note) == ("张三", "13900000002", "")
    # Having read it, saving again from the page goes ahead.
    refreshed = token(response, "edit_token")
    again = office.post(url, deputy_data(deputy, name="张三丰", phone="13900000002", edit_token=refreshed))
    assert again.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.name, deputy.phone) == ("张三丰", "13900000002")


def test_the_same_save_sent_twice_is_not_a_conflict(office):
    deputy = DeputyFactory(name="张三")
    url = reverse("deputies:deputy_update", args=[deputy.pk])
    loaded = token(office.get(url), "edit_token")
    data = deputy_data(deputy, name="张三丰", edit_token=loaded)
    assert office.post(url, data).status_code == 302
    assert office.post(url, data).status_code == 302  # what it would write is already there
    deputy.refresh_from_db()
    assert deputy.name == "张三丰"


def test_a_change_of_a_field_this_save_also_sets_to_the_same_value_is_no_conflict(office, other_office):
    deputy = DeputyFactory(name="张三", phone="13900000001")
    url = reverse("deputies:deputy_update", args=[deputy.pk])
    loaded = token(office.get(url), "edit_token")
    other_token = token(other_office.get(url), "edit_token")
    other_office.post(url, deputy_data(deputy, phone="13900000002", edit_token=other_token))
    response = office.post(url, deputy_data(deputy, phone="13900000002", note="补充", edit_token=loaded))
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.phone, deputy.note) == ("13900000002", "补充")


def test_a_plain_form_edit_is_refused_too(office):
    """The meeting form is not a ModelForm: its token comes from the meeting's fields all the same."""
    from tests.congress.factories import PresidiumMeetingFactory

    meeting = PresidiumMeetingFactory(place="镇政府会议室")
    url = reverse("congress:meeting_update", args=[meeting.pk])
    page = office.get(url)
    loaded = token(page, "edit_token")
    Meeting.objects.filter(pk=meeting.pk).update(place="村委会")
    data = {"term": meeting.term_id, "kind": meeting.kind, "start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(), "place": "党群服务中心", "title": "我的标题",
            "edit_token": loaded}
    response = office.post(url, data)
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert "it now reads: 村委会" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "村委会"


def test_the_attendance_sheet_is_refused_when_a_mark_it_sets_otherwise_changed(office):
    from congress.models import Attendance
    from tests.congress.factories import session_with

    meeting, deputies = session_with(in_office=3, present=0, start_date=datetime.date(2026, 1, 10),
                                     end_date=datetime.date(2026, 1, 10))
    url = reverse("congress:attendance_sheet", args=[meeting.pk])
    loaded = token(office.get(url), "edit_token")
    Attendance.objects.create(meeting=meeting, deputy=deputies[0], status=Attendance.Status.ON_LEAVE)
    marks = {f"d{deputy.pk}": "present" for deputy in deputies}
    response = office.post(url, {**marks, "edit_token": loaded})
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, deputy=deputies[0]).status == Attendance.Status.ON_LEAVE
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    # Leaving that row empty does not overwrite it, so it is no conflict.
    del marks[f"d{deputies[0].pk}"]
    assert office.post(url, {**marks, "edit_token": loaded}).status_code == 302
    assert Attendance.objects.filter(meeting=meeting, status=Attendance.Status.PRESENT).count() == 2


# --- double submits -------------------------------------------------------------------------------

@pytest.fixture
def deputy_client(client, english, deputy_user):
    client.force_login(deputy_user)
    return client


def draft(title="修通青山村的机耕路", **extra):
    return {"kind": Suggestion.Kind.SUGGESTION, "title": title, "period": Suggestion.Period.BETWEEN_SESSIONS,
            "content": "", **extra}


def test_a_create_form_sent_twice_creates_one_record(deputy_client):
    url = reverse("motions:deputy_create")
    once = token(deputy_client.get(url), "submit_token")
    first = deputy_client.post(url, draft(submit_token=once))
    second = deputy_client.post(url, draft(submit_token=once), follow=True)
    assert Suggestion.objects.count() == 1
    item = Suggestion.objects.get()
    assert first.status_code == 302 and first["Location"] == reverse("motions:deputy_item", args=[item.pk])
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "already been sent" in second.content.decode()


def test_each_rendering_of_the_form_may_create_its_own_record(deputy_client):
    url = reverse("motions:deputy_create")
    for title in ("第一条", "第二条"):
        deputy_client.post(url, draft(title=title, submit_token=token(deputy_client.get(url), "submit_token")))
    assert Suggestion.objects.count() == 2


def test_a_form_refused_for_errors_may_be_sent_again_with_the_same_token(deputy_client):
    url = reverse("motions:deputy_create")
    once = token(deputy_client.get(url), "submit_token")
    refused = deputy_client.post(url, draft(title="", submit_token=once))
    assert refused.status_code == 200 and Suggestion.objects.count() == 0
    assert token(refused, "submit_token") == once  # the page that comes back keeps it
    assert deputy_client.post(url, draft(submit_token=once)).status_code == 302
    assert Suggestion.objects.count() == 1


def test_the_token_belongs_to_its_user(deputy_client, deputy_user):
    from django.test import Client

    url = reverse("motions:deputy_create")
    once = token(deputy_client.get(url), "submit_token")
    deputy_client.post(url, draft(submit_token=once))
    other_user = user_with_role(Role.DEPUTY, username="deputy2")
    DeputyFactory(user=other_user)
    other = Client()
    other.force_login(other_user)
    assert other.post(url, draft(submit_token=once)).status_code == 302
    assert Suggestion.objects.count() == 2


def test_an_assignment_sent_twice_goes_to_the_item_page_with_a_message(office, fixed_today):
    from motions.models import Assignment
    from tests.factories import HandlingUnitFactory
    from tests.motions.factories_office import accepted

    item = accepted(1)
    unit = HandlingUnitFactory(name="交通站")
    url = reverse("motions:office_assign", args=[item.pk])
    once = token(office.get(reverse("motions:office_item", args=[item.pk])), "submit_token")
    data = {"lead_unit": unit.pk, "assigned_on": "2026-03-16", "submit_token": once}
    first = office.post(url, data)
    second = office.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "already been sent" in second.content.decode()
    assert Assignment.objects.filter(suggestion=item).count() == 1


def test_the_submit_script_is_on_every_page(office):
    page = office.get(reverse("deputies:deputy_list")).content.decode()
    assert "js/submit-once.js" in page


def test_with_the_cache_down_the_form_is_saved_unguarded(deputy_client, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    url = reverse("motions:deputy_create")
    once = token(deputy_client.get(url), "submit_token")
    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "set", down)
    assert deputy_client.post(url, draft(submit_token=once)).status_code == 302
    assert Suggestion.objects.count() == 1
