"""Trainings and study visits (学习培训、考察学习, SPEC §5): planned, then held or cancelled, with
their attendees and materials. Only the office (the chairman and the staff) records them.

A training moves by the same table as an activity (workflow.ACTIVITY_TRANSITIONS):
planned ──hold──▶ held (from its first day on); planned ──cancel (with a reason)──▶ cancelled.
Held trainings count in the attendees' duty records (履职档案) and in the year's figures.
"""
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.files import upload_check
from core.services import notification_send
from deputies.selectors import deputies_in_office

from .. import workflow
from ..models import Training, TrainingMaterial

TRAINING_FIELDS = ("kind", "topic", "start_date", "end_date", "place", "organiser", "summary")
# Materials chosen in one go: a handful of handouts and slides, not an archive.
MAX_MATERIALS_AT_ONCE = 10


def _require_office(actor):
    if not actor.is_office:
        raise ApplicationError(_("Only the chairman and the office staff may do this."))


def _day(value):
    return date_format(value, "DATE_FORMAT")


def _locked(training):
    return Training.objects.select_for_update().get(pk=training.pk)


def _check(training, attendees):
    """A training's own rules: it ends on or after its first day; its attendees are deputies in
    office on its first day (presidium members are deputies too); a held one has begun."""
    if training.end_date < training.start_date:
        raise ApplicationError(_("The training cannot end before it begins."), field="end_date")
    if training.status == Training.Status.HELD and training.start_date > timezone.localdate():
        raise ApplicationError(_("The training has been held: its first day cannot be in the future."),
                               field="start_date")
    ids = {deputy.pk for deputy in attendees}
    in_office = set(deputies_in_office(training.start_date).filter(pk__in=ids).values_list("pk", flat=True))
    strangers = sorted((deputy for deputy in attendees if deputy.pk not in in_office), key=lambda d: d.name)
    if strangers:
        raise ApplicationError(
            _("Not deputies in office on %(date)s: %(names)s.")
            % {"date": _day(training.start_date), "names": _(", ").join(deputy.name for deputy in strangers)},
            field="attendees",
        )


def _tell_attendees(training, deputies):
    """Tell the attendees who have an account that the training is planned for them, when it is
    still to come (a training recorded afterwards tells nobody)."""
    if training.status != Training.Status.PLANNED or training.start_date < timezone.localdate():
        return
    recipients = [deputy.user for deputy in deputies if deputy.user_id]
    if not recipients:
        return
    notification_send(
        recipients=recipients,
        subject=_("%(kind)s on %(date)s: %(topic)s")
        % {"kind": training.get_kind_display(), "date": _day(training.start_date), "topic": training.topic},
        body=_("Place: %(place)s. Organised by: %(organiser)s.")
        % {"place": training.place or "—", "organiser": training.organiser or "—"},
        link=reverse("supervision:training_detail", args=[training.pk]),
        kind="supervision.training",
    )


def training_create(*, kind, topic, start_date, end_date, actor, place="", organiser="", attendees=(), summary=""):
    """Plan a training or study visit with who is to attend. Attendees with an account are told."""
    _require_office(actor)
    attendees = list(attendees)
    training = Training(kind=kind, topic=topic, start_date=start_date, end_date=end_date, place=place,
                        organiser=organiser, summary=summary, created_by=actor)
    _check(training, attendees)
    with transaction.atomic():
        training.save()
        training.attendees.set(attendees)
        _tell_attendees(training, attendees)
    return training


def training_update(*, training, actor, attendees=None, **changes):
    """Change a training's details or its attendees. A cancelled training stays as it was; the
    deputies newly added to a training still to come are told."""
    _require_office(actor)
    unknown = set(changes) - set(TRAINING_FIELDS)
    if unknown:
        raise ValueError(f"training_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        training = _locked(training)
        if training.status == Training.Status.CANCELLED:
            raise ApplicationError(_("The training was cancelled: it can no longer be changed."))
        for name, value in changes.items():
            setattr(training, name, value)
        before = set(training.attendees.values_list("pk", flat=True))
        attendees = list(training.attendees.select_related("user")) if attendees is None else list(attendees)
        _check(training, attendees)
        training.save()
        training.attendees.set(attendees)
        _tell_attendees(training, [deputy for deputy in attendees if deputy.pk not in before])
    return training


def _move(training, move):
    if not workflow.can_move_activity(training.status, move):
        raise ApplicationError(
            _("This training is now “%(status)s”: it can no longer be changed that way.")
            % {"status": training.get_status_display()}
        )
    training.status = workflow.ACTIVITY_TRANSITIONS[(training.status, move)]


def training_hold(*, training, actor):
    """Record that a planned training took place, from its first day on. Its attendees' duty
    records count it from now."""
    _require_office(actor)
    with transaction.atomic():
        training = _locked(training)
        if training.status == Training.Status.PLANNED and training.start_date > timezone.localdate():
            raise ApplicationError(_("The training has not begun yet: it begins on %(date)s.")
                                   % {"date": _day(training.start_date)})
        _move(training, "hold")
        training.save(update_fields=["status"])
    return training


def training_cancel(*, training, reason, actor):
    """Call a planned training off, saying why; the attendees with an account are told when the
    training was still to come."""
    _require_office(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Please say why the training is cancelled."), field="reason")
    with transaction.atomic():
        training = _locked(training)
        _move(training, "cancel")
        note = _("Cancelled: %(reason)s") % {"reason": reason}
        training.cancel_reason = reason
        training.save(update_fields=["status", "cancel_reason"])
        if training.start_date >= timezone.localdate():
            recipients = [deputy.user for deputy in training.attendees.select_related("user") if deputy.user_id]
            if recipients:
                notification_send(
                    recipients=recipients,
                    subject=_("Cancelled: %(topic)s (%(date)s)")
                    % {"topic": training.topic, "date": _day(training.start_date)},
                    body=note, link=reverse("supervision:training_detail", args=[training.pk]),
                    kind="supervision.training",
                )
    return training


def training_materials_add(*, training, files, actor):
    """Attach handouts, slides or photos to a training: PDF, photos or Word files of at most 10 MB
    each (core.files.upload_check). Every file is checked before any is kept."""
    _require_office(actor)
    files = [upload for upload in files if upload]
    if not files:
        raise ApplicationError(_("Choose at least one file."), field="files")
    if len(files) > MAX_MATERIALS_AT_ONCE:
        raise ApplicationError(_("Choose at most %(count)d files at once.") % {"count": MAX_MATERIALS_AT_ONCE},
                               field="files")
    names = [upload_check(upload, field="files") for upload in files]
    with transaction.atomic():
        training = _locked(training)
        if training.status == Training.Status.CANCELLED:
            raise ApplicationError(_("The training was cancelled: it takes no more materials."), field="files")
        return [TrainingMaterial.objects.create(training=training, file=upload, name=name[:200], uploaded_by=actor)
                for upload, name in zip(files, names)]


def training_material_remove(*, material, actor):
    """Take a material off a training (a wrong file); the file itself goes with it."""
    _require_office(actor)
    with transaction.atomic():
        material = TrainingMaterial.objects.select_for_update().get(pk=material.pk)
        field_file = material.file
        material.delete()
        transaction.on_commit(lambda: field_file.delete(save=False))
