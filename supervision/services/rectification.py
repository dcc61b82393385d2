"""Every write of a rectification item (整改事项, SPEC §5): the office records the problems an
activity found, each for one responsible unit with a deadline; the unit starts, reports progress
(text, files, photos) and reports it done; the office verifies it or sends it back with a reason,
extends the deadline once with a reason, or withdraws it with a reason.

Each service checks the person against THE item (an officer of the item's unit for the unit's
steps, the chairman or staff for the office's), locks the row, checks the move against
supervision.workflow, and records a step of the item's timeline in the same transaction. The
people concerned are told through core's inbox, whose e-mail and text copies go out after commit.
"""
import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.files import is_photo, upload_check
from core.models import User
from core.roles import Role
from core.services import notification_send

from .. import workflow
from ..models import Activity, RectificationFile, RectificationItem, RectificationReport
from ..permissions import is_officer_of
from .base import lock, record_event, transition

Action = workflow.Action
R = RectificationItem.Status

# Files one progress report may carry: enough photos of the work, not a whole album.
MAX_FILES = 10


def _today():
    return timezone.localdate()


def _day(value):
    return date_format(value, "Y-m-d")


# --- who may act ----------------------------------------------------------------------------------

def _office_only(actor):
    if not actor.is_office:
        raise ApplicationError(_("Only the presidium office (the chairman or staff) may do this."))


def _unit_only(actor, item):
    if not is_officer_of(actor, item.unit_id):
        raise ApplicationError(_("Only an officer of the item's responsible unit may do this."))


def _check_actor(actor, item, action):
    if workflow.ACTORS[action] == workflow.Actor.UNIT:
        _unit_only(actor, item)
    else:
        _office_only(actor)


def _locked(item, action, actor):
    """The item re-read under lock, once the actor may make `action` and the move is open from the
    item's status now (someone may have moved it since the page was shown)."""
    _check_actor(actor, item, action)
    locked = lock(item)
    _check_actor(actor, locked, action)  # the unit may have changed since the page was shown
    if not workflow.can_transition(locked.status, action):
        raise ApplicationError(
            _("This item is now “%(status)s”; “%(action)s” is no longer possible.")
            % {"status": locked.get_status_display(), "action": Action(action).label}
        )
    return locked


def _reason(action, text, field="reason"):
    """The reason of a move that must say why (workflow.NEEDS_REASON)."""
    text = (text or "").strip()
    if action in workflow.NEEDS_REASON and not text:
        messages = {
            Action.REJECT: _("Say what is still not rectified, so the unit knows what to do."),
            Action.EXTEND: _("Give the reason for extending the deadline."),
            Action.WITHDRAW: _("Give the reason for withdrawing the item."),
        }
        raise ApplicationError(messages.get(action, _("Give the reason.")), field=field)
    return text


# --- whom to tell ----------------------------------------------------------------------------------

def office_users():
    return User.objects.filter(groups__name__in=[Role.CHAIRMAN, Role.STAFF], is_active=True).distinct()


def _tell_unit(item, *, subject, body="", kind, unit=None):
    unit = unit or item.unit
    notification_send(recipients=unit.officers.filter(is_active=True), subject=subject[:200], body=body,
                      link=reverse("supervision:unit_item", args=[item.pk]), kind=kind)


def _tell_office(item, *, subject, body="", kind):
    notification_send(recipients=office_users(), subject=subject[:200], body=body,
                      link=reverse("supervision:item_detail", args=[item.pk]), kind=kind)


def _assigned_message(item):
    subject = _("New rectification item for %(unit)s: %(item)s") % {"unit": item.unit.name, "item": item}
    body = _("From: %(activity)s\nProblem found: %(problem)s\nTo be rectified by %(deadline)s.") % {
        "activity": item.activity.topic, "problem": item.problem, "deadline": _day(item.deadline)}
    return subject, body


# --- the office records and edits ------------------------------------------------------------------

def _clean_text(value, message, field):
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


def _check_unit(unit):
    if unit is None:
        raise ApplicationError(_("Choose the responsible unit."), field="unit")
    if not unit.active:
        raise ApplicationError(_("%(unit)s is no longer an active unit; choose another.") % {"unit": unit.name},
                               field="unit")


def _check_deadline(deadline, activity, today):
    if not isinstance(deadline, datetime.date):
        raise ApplicationError(_("Give the deadline."), field="deadline")
    if deadline < today:
        raise ApplicationError(_("The deadline cannot be in the past."), field="deadline")
    if deadline < activity.end_date:
        raise ApplicationError(
            _("The deadline cannot be before the activity ended (%(day)s).") % {"day": _day(activity.end_date)},
            field="deadline")


@transaction.atomic
def item_create(*, activity, problem, requirement="", unit, deadline, actor):
    """Record one problem a held activity found as an item for `unit` to rectify by `deadline`
    (SPEC §5). Only the office records items, only for an activity that has been held; the
    deadline is neither in the past nor before the activity ended. The unit's officers are told."""
    _office_only(actor)
    if activity.status != Activity.Status.HELD:
        raise ApplicationError(_("Rectification items can be recorded only for an activity that has been held."))
    today = _today()
    problem = _clean_text(problem, _("Describe the problem found."), "problem")
    _check_unit(unit)
    _check_deadline(deadline, activity, today)
    item = RectificationItem.objects.create(
        activity=activity, problem=problem, requirement=(requirement or "").strip(), unit=unit,
        assigned_on=today, deadline=deadline, created_by=actor,
    )
    record_event(item=item, action=Action.CREATE, actor=actor, to_status=item.status,
                 comment=_("Assigned to %(unit)s, to be rectified by %(deadline)s.") % {
                     "unit": unit.name, "deadline": _day(deadline)})
    subject, body = _assigned_message(item)
    _tell_unit(item, subject=subject, body=body, kind="supervision.item_assigned")
    return item


@transaction.atomic
def item_update(*, item, problem, requirement="", unit, deadline, actor):
    """Correct an item while the unit has not started on it (待整改): its problem, what must be done,
    the unit and the deadline. The timeline says what changed; a new unit is told it has the item.
    The deadline of an item already extended is not edited here (the extension is the record)."""
    _office_only(actor)
    locked = lock(item)
    if locked.status != R.PENDING:
        raise ApplicationError(
            _("The item can be edited only while it is “%(status)s”; it is now “%(now)s”.")
            % {"status": R.PENDING.label, "now": locked.get_status_display()})
    problem = _clean_text(problem, _("Describe the problem found."), "problem")
    requirement = (requirement or "").strip()
    if unit is None or unit.pk != locked.unit_id:
        _check_unit(unit)  # an item may stay with a unit that has since been made inactive
    changes = []
    if deadline != locked.deadline:
        if locked.extended:
            raise ApplicationError(_("The deadline has been extended; it cannot be changed again."),
                                   field="deadline")
        _check_deadline(deadline, locked.activity, _today())
        changes.append(_("deadline %(old)s → %(new)s") % {"old": _day(locked.deadline), "new": _day(deadline)})
    if problem != locked.problem:
        changes.append(_("problem found"))
    if requirement != locked.requirement:
        changes.append(_("what must be done"))
    old_unit = locked.unit
    if unit.pk != old_unit.pk:
        changes.append(_("responsible unit %(old)s → %(new)s") % {"old": old_unit.name, "new": unit.name})
    if not changes:
        return locked
    locked.problem, locked.requirement, locked.unit, locked.deadline = problem, requirement, unit, deadline
    locked.save(update_fields=["problem", "requirement", "unit", "deadline"])
    record_event(item=locked, action=Action.EDIT, actor=actor, comment=_("Changed: %(what)s") % {
        "what": "；".join(str(change) for change in changes)})
    if unit.pk != old_unit.pk:
        subject, body = _assigned_message(locked)
        _tell_unit(locked, subject=subject, body=body, kind="supervision.item_assigned")
        _tell_unit(locked, unit=old_unit, kind="supervision.item_reassigned",
                   subject=_("%(item)s has been assigned to %(unit)s instead of your unit") % {
                       "item": locked, "unit": unit.name})
    return locked


# --- the unit works on it ------------------------------------------------------------------------

def _files_check(files):
    files = [upload for upload in (files or []) if upload]
    if len(files) > MAX_FILES:
        raise ApplicationError(_("Attach at most %(count)d files to one report.") % {"count": MAX_FILES},
                               field="files")
    return [(upload, upload_check(upload, field="files")) for upload in files]


def _add_report(item, *, text, files, is_completion, actor):
    """The report and its files; the files were checked before anything was written."""
    report = RectificationReport.objects.create(item=item, text=text, is_completion=is_completion, author=actor)
    saved = []
    try:
        for upload, name in files:
            attached = RectificationFile(report=report, name=name[:200], is_photo=is_photo(name))
            attached.file.save(name, upload, save=False)
            saved.append(attached)
            attached.save()
    except Exception:
        for attached in saved:  # no row, no file left behind
            attached.file.delete(save=False)
        raise
    return report


def _started(item):
    return {"started_at": item.started_at or timezone.now()}


@transaction.atomic
def item_start(*, item, actor):
    """The unit takes the item up (待整改 → 整改中), which stops the reminder to take it up."""
    locked = _locked(item, Action.START, actor)
    return transition(item=locked, action=Action.START, actor=actor, fields=_started(locked))


@transaction.atomic
def item_report(*, item, text, files=(), actor):
    """The unit reports its progress: what was done, with files or photos if it has them. A first
    report also starts the rectification (待整改 → 整改中)."""
    locked = _locked(item, Action.REPORT, actor)
    text = _clean_text(text, _("Write what has been done so far."), "text")
    checked = _files_check(files)
    _add_report(locked, text=text, files=checked, is_completion=False, actor=actor)
    return transition(item=locked, action=Action.REPORT, actor=actor, comment=text, fields=_started(locked))


@transaction.atomic
def item_claim_done(*, item, text, files=(), actor):
    """The unit reports the rectification done (→ 已整改) with a completion report; a photo or a
    document of the result is recommended, not required. The office is told, to verify it."""
    locked = _locked(item, Action.CLAIM_DONE, actor)
    text = _clean_text(text, _("Write how the problem was rectified."), "text")
    checked = _files_check(files)
    _add_report(locked, text=text, files=checked, is_completion=True, actor=actor)
    moved = transition(item=locked, action=Action.CLAIM_DONE, actor=actor, comment=text,
                       fields={**_started(locked), "rectified_on": _today()})
    _tell_office(moved, kind="supervision.item_rectified",
                 subject=_("%(unit)s reports %(item)s rectified: please verify") % {
                     "unit": moved.unit.name, "item": moved},
                 body=text)
    return moved


# --- the office checks the result -------------------------------------------------------------------

@transaction.atomic
def item_verify(*, item, actor, comment=""):
    """The office has checked the work and accepts it (已整改 → 已验收)."""
    locked = _locked(item, Action.VERIFY, actor)
    moved = transition(item=locked, action=Action.VERIFY, actor=actor, comment=(comment or "").strip(),
                       fields={"verified_on": _today(), "verified_by": actor})
    _tell_unit(moved, kind="supervision.item_verified", body=moved.problem,
               subject=_("The rectification of %(item)s has been verified") % {"item": moved})
    return moved


@transaction.atomic
def item_reject(*, item, reason, actor):
    """The office finds the work not done (已整改 → 整改中), saying what is still wrong; the unit
    goes on and reports it done again."""
    locked = _locked(item, Action.REJECT, actor)
    reason = _reason(Action.REJECT, reason)
    moved = transition(item=locked, action=Action.REJECT, actor=actor, comment=reason,
                       fields={"rectified_on": None})
    _tell_unit(moved, kind="supervision.item_rejected", body=reason,
               subject=_("%(item)s has been sent back for further rectification") % {"item": moved})
    return moved


@transaction.atomic
def item_extend(*, item, deadline, reason, actor):
    """Extend the deadline, once only and with a reason (SPEC §5); the new deadline is later than
    the current one. The first deadline is kept as the original."""
    locked = _locked(item, Action.EXTEND, actor)
    if locked.extended:
        raise ApplicationError(_("The deadline of this item has already been extended once; it cannot be "
                                 "extended again."))
    reason = _reason(Action.EXTEND, reason)
    if not isinstance(deadline, datetime.date):
        raise ApplicationError(_("Give the new deadline."), field="deadline")
    if deadline <= locked.deadline:
        raise ApplicationError(_("The new deadline must be later than the current one (%(day)s).") % {
            "day": _day(locked.deadline)}, field="deadline")
    old = locked.deadline
    comment = _("Deadline %(old)s → %(new)s. Reason: %(reason)s") % {
        "old": _day(old), "new": _day(deadline), "reason": reason}
    moved = transition(item=locked, action=Action.EXTEND, actor=actor, comment=comment,
                       fields={"deadline": deadline, "original_deadline": old, "extension_reason": reason})
    _tell_unit(moved, kind="supervision.item_extended", body=comment,
               subject=_("The deadline of %(item)s is extended to %(day)s") % {"item": moved, "day": _day(deadline)})
    return moved


@transaction.atomic
def item_withdraw(*, item, reason, actor):
    """Withdraw an item recorded in error or overtaken by events (→ 已撤销), with the reason."""
    locked = _locked(item, Action.WITHDRAW, actor)
    reason = _reason(Action.WITHDRAW, reason)
    moved = transition(item=locked, action=Action.WITHDRAW, actor=actor, comment=reason)
    _tell_unit(moved, kind="supervision.item_withdrawn", body=reason,
               subject=_("%(item)s has been withdrawn") % {"item": moved})
    return moved
