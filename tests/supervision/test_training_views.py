"""The trainings' pages: who opens which (403 for the wrong role, 404 for a training one may not
see), the list's filters and query count, forms that keep what was typed, and the materials."""
import datetime

import pytest
from django.urls import reverse

from core.models import Notification
from supervision.models import Training, TrainingMaterial
from tests.factories import DeputyFactory, MandateFactory

from .factories import TrainingFactory
from .test_training_helpers import (  # noqa: F401  (fixtures)
    JPEG,
    TODAY,
    deputy_account,
    fix_today,
    media,
    office,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]
LIST = reverse("supervision:training_list")
NEW = reverse("supervision:training_create")


def url(name, training):
    return reverse(f"supervision:{name}", args=[training.pk])


def form_data(**fields):
    return {"kind": "training", "topic": "学习新修订的代表法", "start_date": "2026-06-10", "end_date": "2026-06-10",
            "place": "镇党校", "organiser": "县人大常委会", "summary": ""} | fields


# --- who opens what ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["staff_user", "chairman", "presidium_member"])
def test_readers_of_everything_open_the_list_and_any_training(client, request, fixture):
    training = TrainingFactory()
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 200
    assert client.get(url("training_detail", training)).status_code == 200


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_deputies_and_unit_officers_may_not_open_the_list(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 403


def test_a_deputy_opens_the_trainings_they_attended_and_no_other(client, deputy_user):
    attended, other = TrainingFactory(attendees=[deputy_user.deputy]), TrainingFactory()
    client.force_login(deputy_user)
    assert client.get(url("training_detail", attended)).status_code == 200
    assert client.get(url("training_detail", other)).status_code == 404
    assert client.get(reverse("supervision:training_detail", args=[999_999])).status_code == 404


def test_a_unit_officer_sees_no_training(client, unit_officer):
    client.force_login(unit_officer)
    assert client.get(url("training_detail", TrainingFactory())).status_code == 404


@pytest.mark.parametrize("fixture", ["presidium_member", "deputy_user", "unit_officer"])
def test_only_the_office_records_and_changes_trainings(client, request, fixture):
    training = TrainingFactory(status=Training.Status.PLANNED, start_date=TODAY)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    for name in ("training_update", "training_hold", "training_cancel"):
        assert client.get(url(name, training)).status_code == 403
        assert client.post(url(name, training), {"reason": "x"}).status_code == 403
    assert client.post(url("training_materials_add", training), {"files": upload()}).status_code == 403
    training.refresh_from_db()
    assert training.status == Training.Status.PLANNED and Training.objects.count() == 1


def test_the_detail_shows_the_office_its_buttons_and_readers_none(client, staff_user, presidium_member):
    training = TrainingFactory(status=Training.Status.PLANNED, start_date=TODAY)
    client.force_login(staff_user)
    html = client.get(url("training_detail", training)).content.decode()
    assert url("training_hold", training) in html and url("training_cancel", training) in html
    client.force_login(presidium_member)
    html = client.get(url("training_detail", training)).content.decode()
    assert url("training_hold", training) not in html and url("training_update", training) not in html


# --- the list ------------------------------------------------------------------------------------

def test_the_list_shows_the_year_and_kind_asked_for_with_attendee_counts(client, staff_user):
    deputies = [DeputyFactory() for _ in range(3)]
    spring = TrainingFactory(topic="春季培训", attendees=deputies)
    visit = TrainingFactory(topic="赴外地考察", kind=Training.Kind.STUDY_VISIT, start_date=datetime.date(2026, 3, 1),
                            attendees=deputies[:1])
    TrainingFactory(topic="去年的培训", start_date=datetime.date(2025, 4, 1))
    client.force_login(staff_user)
    response = client.get(LIST)
    assert [training.pk for training in response.context["page_obj"]] == [spring.pk, visit.pk]
    assert [training.attendee_count for training in response.context["page_obj"]] == [3, 1]
    response = client.get(LIST, {"year": 2026, "kind": "study_visit"})
    assert [training.pk for training in response.context["page_obj"]] == [visit.pk]
    response = client.get(LIST, {"year": 2025})
    assert [training.topic for training in response.context["page_obj"]] == ["去年的培训"]


@pytest.mark.parametrize("query", [{"year": "abc"}, {"kind": "bogus"}, {"page": "999"}, {"page": "x"},
                                   {"status": "<script>"}])
def test_strange_filters_never_fail(client, staff_user, query):
    TrainingFactory()
    client.force_login(staff_user)
    assert client.get(LIST, query).status_code == 200


def test_the_list_runs_the_same_queries_for_one_training_or_many(client, staff_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    deputies = [DeputyFactory() for _ in range(4)]
    TrainingFactory(attendees=deputies)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for month in range(1, 13):
        TrainingFactory(start_date=datetime.date(2026, month, 1), attendees=deputies,
                        kind=Training.Kind.STUDY_VISIT if month % 2 else Training.Kind.TRAINING)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page_obj"]) == 13


# --- the form ------------------------------------------------------------------------------------

def test_the_office_plans_a_training_with_its_attendees(client, staff_user):
    attendee = deputy_account("张德福")
    client.force_login(staff_user)
    response = client.post(NEW, form_data(attendees=[attendee.deputy.pk]))
    training = Training.objects.get()
    assert response.status_code == 302 and response.url == url("training_detail", training)
    assert list(training.attendees.all()) == [attendee.deputy]
    assert Notification.objects.filter(recipient=attendee).exists()


def test_a_refused_form_keeps_everything_typed(client, english, staff_user):
    gone = DeputyFactory(name="已离任代表", in_office=False)
    MandateFactory(deputy=gone, ended_on=datetime.date(2026, 1, 1), status="resigned")
    stays = DeputyFactory(name="在任代表")
    client.force_login(staff_user)
    response = client.post(NEW, form_data(topic="乡村振兴专题培训", attendees=[gone.pk, stays.pk]))
    assert response.status_code == 200 and not Training.objects.exists()
    html = response.content.decode()
    assert "Not deputies in office on" in html and "已离任代表" in html
    assert 'value="乡村振兴专题培训"' in html
    assert response.context["form"]["attendees"].value() == [str(gone.pk), str(stays.pk)]


def test_dates_in_the_wrong_order_and_bad_input_are_errors_not_crashes(client, english, staff_user):
    client.force_login(staff_user)
    response = client.post(NEW, form_data(end_date="2026-06-01"))
    assert response.status_code == 200 and "cannot end before it begins" in response.content.decode()
    response = client.post(NEW, form_data(start_date="not a date", kind="party", attendees=["x", "999999"]))
    assert response.status_code == 200 and set(response.context["form"].errors) >= {"start_date", "kind", "attendees"}
    assert not Training.objects.exists()


def test_editing_keeps_an_attendee_who_has_since_left_office(client, staff_user, monkeypatch):
    left = DeputyFactory(name="离任代表", in_office=False)
    MandateFactory(deputy=left, ended_on=datetime.date(2023, 1, 1), status="resigned")
    MandateFactory(deputy=left, term__number=10, term__start_date=datetime.date(2016, 11, 1),
                   term__end_date=datetime.date(2021, 11, 25), elected_on=datetime.date(2016, 11, 1),
                   ended_on=datetime.date(2021, 11, 26), status="term_ended")
    training = TrainingFactory(start_date=datetime.date(2022, 6, 1), attendees=[left])
    client.force_login(staff_user)
    response = client.get(url("training_update", training))
    assert response.context["form"]["attendees"].value() == [left.pk]
    assert "离任代表" in response.content.decode()
    response = client.post(url("training_update", training),
                           form_data(start_date="2022-06-01", end_date="2022-06-01", attendees=[left.pk],
                                     summary="学习了代表法"))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.summary == "学习了代表法" and list(training.attendees.all()) == [left]


# --- held and cancelled ------------------------------------------------------------------------------

def test_the_office_marks_a_begun_training_as_held(client, staff_user):
    training = TrainingFactory(status=Training.Status.PLANNED, start_date=TODAY)
    client.force_login(staff_user)
    assert client.get(url("training_hold", training)).status_code == 200
    response = client.post(url("training_hold", training))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == Training.Status.HELD


def test_holding_a_training_still_to_come_is_refused_with_a_message(client, english, staff_user):
    training = TrainingFactory(status=Training.Status.PLANNED, start_date=TODAY + datetime.timedelta(days=1))
    client.force_login(staff_user)
    response = client.post(url("training_hold", training), follow=True)
    assert "has not begun yet" in response.content.decode()
    training.refresh_from_db()
    assert training.status == Training.Status.PLANNED


def test_cancelling_asks_for_the_reason(client, english, staff_user):
    training = TrainingFactory(status=Training.Status.PLANNED, start_date=TODAY)
    client.force_login(staff_user)
    response = client.post(url("training_cancel", training), {"reason": ""})
    assert response.status_code == 200 and "Please say why" in response.content.decode()
    response = client.post(url("training_cancel", training), {"reason": "暴雨预警"})
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == Training.Status.CANCELLED and training.cancel_reason == "暴雨预警"


# --- materials -------------------------------------------------------------------------------------

def test_the_office_uploads_several_materials_and_attendees_download_them(client, staff_user, deputy_user, media):
    training = TrainingFactory(attendees=[deputy_user.deputy])
    client.force_login(staff_user)
    response = client.post(url("training_materials_add", training),
                           {"files": [upload("讲义.pdf"), upload("照片.jpg", JPEG)]})
    assert response.status_code == 302
    first, second = TrainingMaterial.objects.order_by("pk")
    assert (first.name, second.name) == ("讲义.pdf", "照片.jpg")
    client.force_login(deputy_user)
    response = client.get(url("training_detail", training))
    assert url("training_material", first) in response.content.decode()
    response = client.get(url("training_material", first))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_materials_are_refused_to_those_who_may_not_see_the_training(client, deputy_user, unit_officer,
                                                                      presidium_member, office, media):
    from supervision.services.trainings import training_materials_add

    [material] = training_materials_add(training=TrainingFactory(), files=[upload()], actor=office)
    for user in (deputy_user, unit_officer):
        client.force_login(user)
        assert client.get(url("training_material", material)).status_code == 404
    client.force_login(presidium_member)
    assert client.get(url("training_material", material)).status_code == 200


def test_a_wrong_file_is_shown_on_the_page_and_asked_for_again(client, english, staff_user, media):
    training = TrainingFactory()
    client.force_login(staff_user)
    response = client.post(url("training_materials_add", training), {"files": [upload("病毒.exe", b"MZ")]})
    html = response.content.decode()
    assert response.status_code == 400 and "“病毒.exe” cannot be used" in html and 'data-note="files-again"' in html
    response = client.post(url("training_materials_add", training), {})
    assert response.status_code == 400 and "Choose at least one file" in response.content.decode()
    assert client.get(url("training_materials_add", training)).status_code == 405
    assert not TrainingMaterial.objects.exists()


def test_the_office_removes_a_material(client, staff_user, office, media):
    from supervision.services.trainings import training_materials_add

    training = TrainingFactory()
    [material] = training_materials_add(training=training, files=[upload()], actor=office)
    client.force_login(staff_user)
    response = client.post(url("training_material_remove", material))
    assert response.status_code == 302 and response.url == url("training_detail", training)
    assert not TrainingMaterial.objects.exists()
