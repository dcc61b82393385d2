"""Trainings and study visits (学习培训、考察学习): who may record them, their attendees, planned →
held or cancelled by the activities' table, the attendees told, and the materials."""
import datetime

import pytest

from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from supervision import workflow
from supervision.models import Training, TrainingMaterial
from supervision.services import trainings as services
from tests.factories import DeputyFactory, MandateFactory, user_with_role

from .factories import TrainingFactory
from .test_training_helpers import (  # noqa: F401  (fixtures)
    DOCX,
    JPEG,
    TODAY,
    deputy_account,
    en,
    fix_today,
    media,
    member,
    office,
    presidium_account,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "en")]
T = Training.Status
LATER = datetime.date(2026, 6, 10)


def create(actor, **fields):
    data = {"kind": Training.Kind.TRAINING, "topic": "代表履职能力培训", "start_date": LATER, "end_date": LATER,
            "place": "镇党校", "organiser": "县人大常委会", "attendees": ()} | fields
    return services.training_create(actor=actor, **data)


# --- who may record trainings -------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.STAFF, Role.CHAIRMAN])
def test_the_office_plans_a_training(role):
    actor = user_with_role(role)
    training = create(actor, summary="")
    assert (training.status, training.created_by, training.topic) == (T.PLANNED, actor, "代表履职能力培训")


@pytest.mark.parametrize("role", [Role.PRESIDIUM_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER])
def test_nobody_else_records_or_moves_a_training(role):
    actor, training = user_with_role(role), TrainingFactory(status=T.PLANNED)
    for call in (lambda: create(actor), lambda: services.training_update(training=training, actor=actor, topic="x"),
                 lambda: services.training_hold(training=training, actor=actor),
                 lambda: services.training_cancel(training=training, reason="雨", actor=actor),
                 lambda: services.training_materials_add(training=training, files=[upload()], actor=actor)):
        with pytest.raises(ApplicationError, match="Only the chairman and the office staff"):
            call()
    assert Training.objects.count() == 1 and not TrainingMaterial.objects.exists()


# --- the rules of a training ------------------------------------------------------------------

def test_a_training_cannot_end_before_it_begins(office):
    with pytest.raises(ApplicationError) as refused:
        create(office, end_date=LATER - datetime.timedelta(days=1))
    assert refused.value.field == "end_date" and not Training.objects.exists()


def test_attendees_are_deputies_in_office_on_the_first_day_presidium_members_included(office):
    deputy, chairman = DeputyFactory(), presidium_account("王建国").deputy
    training = create(office, attendees=[deputy, chairman])
    assert set(training.attendees.all()) == {deputy, chairman}


def test_a_deputy_not_yet_elected_or_already_gone_on_the_first_day_is_refused(office):
    gone = DeputyFactory(name="已离任", in_office=False)
    MandateFactory(deputy=gone, ended_on=LATER, status="resigned")  # the first day out of office is the training's day
    later = DeputyFactory(name="补选代表", in_office=False)
    MandateFactory(deputy=later, elected_on=LATER + datetime.timedelta(days=1))
    nobody = DeputyFactory(name="非代表", in_office=False)
    with pytest.raises(ApplicationError) as refused:
        create(office, attendees=[DeputyFactory(), gone, later, nobody])
    assert refused.value.field == "attendees"
    assert all(name in refused.value.message for name in ("已离任", "补选代表", "非代表"))
    assert not Training.objects.exists()


def test_a_county_deputy_without_a_township_mandate_is_not_an_attendee(office):
    from deputies.models import Mandate

    county = DeputyFactory(name="县代表", in_office=False)
    MandateFactory(deputy=county, level=Mandate.Level.COUNTY)
    with pytest.raises(ApplicationError, match="县代表"):
        create(office, attendees=[county])


def test_moving_the_first_day_checks_the_attendees_again(office):
    leaves = DeputyFactory(in_office=False)
    MandateFactory(deputy=leaves, ended_on=datetime.date(2026, 6, 1), status="resigned")
    training = create(office, start_date=datetime.date(2026, 5, 25), end_date=datetime.date(2026, 5, 25),
                      attendees=[leaves])
    with pytest.raises(ApplicationError) as refused:
        services.training_update(training=training, actor=office, start_date=LATER, end_date=LATER)
    assert refused.value.field == "attendees"
    training.refresh_from_db()
    assert training.start_date == datetime.date(2026, 5, 25)


# --- the attendees are told ---------------------------------------------------------------------

def test_attendees_with_an_account_are_told_of_a_training_still_to_come(office):
    with_login, without = deputy_account("张德福"), DeputyFactory()
    training = create(office, attendees=[with_login.deputy, without])
    [note] = Notification.objects.all()
    assert note.recipient == with_login and training.topic in note.subject
    assert note.link == f"/supervision/trainings/{training.pk}/" and note.kind == "supervision.training"


def test_a_training_recorded_afterwards_tells_nobody(office):
    create(office, start_date=TODAY - datetime.timedelta(days=3), end_date=TODAY,
           attendees=[deputy_account().deputy])
    assert not Notification.objects.exists()


def test_only_the_deputies_added_by_an_edit_are_told(office):
    first, second = deputy_account(), deputy_account()
    training = create(office, attendees=[first.deputy])
    services.training_update(training=training, actor=office, attendees=[first.deputy, second.deputy], topic="新题")
    assert list(Notification.objects.order_by("pk").values_list("recipient", flat=True)) == [first.pk, second.pk]
    training.refresh_from_db()
    assert training.topic == "新题"


def test_an_edit_without_attendees_keeps_them(office):
    deputy = DeputyFactory()
    training = create(office, attendees=[deputy])
    services.training_update(training=training, actor=office, place="县委党校")
    assert list(training.attendees.all()) == [deputy]


# --- planned, held, cancelled ---------------------------------------------------------------------

def test_a_training_is_held_from_its_first_day_on(office, monkeypatch):
    training = create(office)
    with pytest.raises(ApplicationError, match="not begun yet"):
        services.training_hold(training=training, actor=office)
    fix_today(monkeypatch, LATER)
    assert services.training_hold(training=training, actor=office).status == T.HELD


@pytest.mark.parametrize(("status", "move"), [(T.HELD, "hold"), (T.HELD, "cancel"), (T.CANCELLED, "hold"),
                                              (T.CANCELLED, "cancel")])
def test_only_a_planned_training_is_held_or_cancelled(office, status, move):
    training = TrainingFactory(status=status)
    assert not workflow.can_move_activity(status, move)
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        if move == "hold":
            services.training_hold(training=training, actor=office)
        else:
            services.training_cancel(training=training, reason="天气原因", actor=office)
    training.refresh_from_db()
    assert training.status == status


def test_every_move_of_the_table_is_allowed_from_planned():
    assert {move for (status, move) in workflow.ACTIVITY_TRANSITIONS if status == T.PLANNED} == {"hold", "cancel"}


def test_cancelling_needs_a_reason_kept_on_the_record_and_tells_the_attendees(office):
    attendee = deputy_account()
    training = create(office, attendees=[attendee.deputy], summary="议程：学习代表法")
    with pytest.raises(ApplicationError) as refused:
        services.training_cancel(training=training, reason="  ", actor=office)
    assert refused.value.field == "reason"
    services.training_cancel(training=training, reason="县里培训改期", actor=office)
    training.refresh_from_db()
    assert training.status == T.CANCELLED
    assert (training.cancel_reason, training.summary) == ("县里培训改期", "议程：学习代表法")
    assert Notification.objects.filter(recipient=attendee, subject__startswith="Cancelled").exists()


def test_a_cancelled_training_can_no_longer_be_edited(office):
    training = TrainingFactory(status=T.CANCELLED)
    with pytest.raises(ApplicationError, match="cancelled"):
        services.training_update(training=training, actor=office, topic="改")


def test_a_held_training_cannot_move_into_the_future(office):
    training = TrainingFactory()  # held on 20 April
    with pytest.raises(ApplicationError) as refused:
        services.training_update(training=training, actor=office, start_date=LATER, end_date=LATER)
    assert refused.value.field == "start_date"


# --- materials ----------------------------------------------------------------------------------

def test_several_materials_are_added_at_once(office, media):
    training = TrainingFactory()
    added = services.training_materials_add(training=training, actor=office,
                                            files=[upload(), upload("现场.jpg", JPEG), upload("讲稿.docx", DOCX)])
    assert [material.name for material in added] == ["讲义.pdf", "现场.jpg", "讲稿.docx"]
    assert all(material.uploaded_by == office and material.file for material in added)


def test_one_wrong_file_keeps_none_of_them(office, media):
    training = TrainingFactory()
    with pytest.raises(ApplicationError) as refused:
        services.training_materials_add(training=training, actor=office,
                                        files=[upload(), upload("病毒.exe", b"MZ")])
    assert refused.value.field == "files" and "病毒.exe" in refused.value.message
    with pytest.raises(ApplicationError, match="damaged"):
        services.training_materials_add(training=training, actor=office, files=[upload("假.pdf", b"not a pdf")])
    assert not TrainingMaterial.objects.exists()


def test_no_file_or_too_many_files_are_refused(office, media):
    training = TrainingFactory()
    with pytest.raises(ApplicationError, match="at least one"):
        services.training_materials_add(training=training, actor=office, files=[])
    with pytest.raises(ApplicationError, match="at most 10"):
        services.training_materials_add(training=training, actor=office, files=[upload() for _ in range(11)])


def test_a_cancelled_training_takes_no_materials(office, media):
    with pytest.raises(ApplicationError, match="cancelled"):
        services.training_materials_add(training=TrainingFactory(status=T.CANCELLED), actor=office, files=[upload()])


def test_a_material_is_removed_with_its_file(office, media, django_capture_on_commit_callbacks):
    [material] = services.training_materials_add(training=TrainingFactory(), actor=office, files=[upload()])
    path = media / material.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.training_material_remove(material=material, actor=office)
    assert not TrainingMaterial.objects.exists() and not path.exists()
