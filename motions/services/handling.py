"""Every write of a handling unit's officer (承办单位, SPEC §4 point 4): acknowledge an item, return
one assigned by mistake, record contact with the deputy, send a co-unit's opinion to the lead
unit, reply with a result class and the signed letter, and report a promise kept.

Each service acts only for an officer of THE assignment's unit, locks the item and then the
assignment (always in that order, so two officers acting at once are served in turn), applies the
rule named in its docstring (the checks live in motions.selectors.unit, which the pages use to
show only what is allowed), and records a step of the item's timeline. Messages to people go
through core's inbox, which sends the e-mail and text-message copies after commit.
"""
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.models import User
from core.roles import Role
from core.services import notification_send

from .. import rules
from ..models import Assignment, Contact, CoSigner, Reply, ResultClass
from ..permissions import is_officer_of
from ..selectors import unit as checks
from ..workflow import Action
from .base import lock, record_event, transition
from .deputy import upload_check

AS = Assignment.Status

# The pages the other audiences read an item on, which the messages link to.
DEPUTY_ITEM_URL = "motions:deputy_item"
OFFICE_ITEM_URL = "motions:office_item"


def _day(value):
    return date_format(value, "DATE_FORMAT")


def _today():
    return timezone.localdate()


def _link(url_name, *args):
    """The page of another audience a message points to; those pages live in their own modules,
    so a missing one leaves the message without a link rather than failing the unit's action."""
    try:
        return reverse(url_name, args=args)
    except NoReverseMatch:
        return ""


def _office_users():
    return User.objects.filter(groups__name__in=[Role.STAFF, Role.CHAIRMAN], is_active=True).distinct()


def _name(item):
    return item.reference or item.title


def letter_check(letter):
    """The signed letter is required (签字盖章的答复函), and follows the upload rules of every file
    of an item (motions.services.deputy.upload_check: PDF, JPEG, PNG or Word, at most 10 MB, its
    content really of the type its name says)."""
    if not letter:
        raise ApplicationError(_("Upload the reply letter signed by the head of the unit and stamped."),
                               field="letter")
    try:
        upload_check(letter)
    except ApplicationError as error:
        raise ApplicationError(error.message, field="letter") from error


def _locked(assignment, actor):
    """The item and the assignment re-read under lock, once the actor is known to be an officer of
    the assignment's unit and the assignment is still the unit's (not returned)."""
    if not is_officer_of(actor, assignment.unit_id):
        raise ApplicationError(_("Only an officer of the unit the item is assigned to may do this."))
    item = lock(assignment.suggestion)
    assignment = Assignment.objects.select_for_update().select_related("unit").get(pk=assignment.pk)
    assignment.suggestion = item
    if assignment.status == AS.RETURNED:
        raise ApplicationError(_("Your unit has returned this item; it is no longer yours to handle."))
    return item, assignment


def _refuse_if(reason, field=None):
    if reason:
        raise ApplicationError(reason, field=field)


def _required(value, message, field):
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


@transaction.atomic
def assignment_acknowledge(*, assignment, actor):
    """签收: the unit confirms it has received the item (lead or co-unit); the day it did so is
    kept, and the step shows on the item's timeline with the unit's name."""
    item, assignment = _locked(assignment, actor)
    _refuse_if(checks.acknowledge_refusal(assignment))
    assignment.status = AS.ACKNOWLEDGED
    assignment.acknowledged_at = timezone.now()
    assignment.save(update_fields=["status", "acknowledged_at"])
    record_event(suggestion=item, action=Action.ACKNOWLEDGE, actor=actor, unit=assignment.unit)
    return assignment


@transaction.atomic
def assignment_return(*, assignment, reason, actor):
    """A unit that got an item by mistake returns it, with its reason, within the period of the
    handling rules (provincial rules: 7 working days from assignment, counted on the working-day
    calendar); after that day it is refused. A returned lead assignment sends the item back to
    "accepted" (workflow UNIT_RETURN) for staff to assign again; a returned co-unit assignment only
    ends that unit's part. Staff are told either way."""
    item, assignment = _locked(assignment, actor)
    reason = _required(reason, _("Say why the item is not your unit's."), "reason")
    _refuse_if(checks.return_refusal(assignment, _today()))
    assignment.status = AS.RETURNED
    assignment.return_reason = reason
    assignment.save(update_fields=["status", "return_reason"])
    unit = assignment.unit
    if assignment.role == Assignment.Role.LEAD:
        transition(suggestion=item, action=Action.UNIT_RETURN, actor=actor, comment=reason, unit=unit)
        body = _("Reason: %(reason)s\nThe item is back among the accepted items: assign it to another lead unit.")
    else:
        record_event(suggestion=item, action=Action.UNIT_RETURN, actor=actor, comment=reason, unit=unit)
        body = _("Reason: %(reason)s\nThe other units keep handling the item.")
    notification_send(
        recipients=_office_users(),
        subject=_("%(unit)s returned %(item)s as not theirs") % {"unit": unit, "item": _name(item)},
        body=body % {"reason": reason}, link=_link(OFFICE_ITEM_URL, item.pk), kind="motions.unit_return",
    )
    return assignment


@transaction.atomic
def contact_record(*, assignment, date, way, note, actor):
    """联系沟通: the unit records when and how it contacted the deputy while handling the item, and
    what was said; it shows on the timeline, which the deputy follows."""
    item, assignment = _locked(assignment, actor)
    _refuse_if(checks.contact_refusal(assignment))
    note = _required(note, _("Write down what was discussed."), "note")
    if way not in Contact.Way.values:
        raise ApplicationError(_("Choose how the deputy was contacted."), field="way")
    if date > _today():
        raise ApplicationError(_("A contact cannot be recorded for a day still to come."), field="date")
    if date < assignment.assigned_at:
        raise ApplicationError(_("The item was assigned to your unit on %(day)s; the contact cannot be earlier.")
                               % {"day": _day(assignment.assigned_at)}, field="date")
    contact = Contact.objects.create(assignment=assignment, date=date, way=way, note=note, recorded_by=actor)
    record_event(suggestion=item, action=Action.CONTACT, actor=actor, unit=assignment.unit,
                 comment=f"{_day(date)} · {contact.get_way_display()}\n{note}")
    return contact


@transaction.atomic
def co_unit_opinion_send(*, assignment, opinion, actor):
    """A co-unit (协办) sends its written opinion to the lead unit, once (provincial rules: within
    one month of assignment by default). A late opinion is still taken, and marked late; the lead
    unit's officers are told."""
    item, assignment = _locked(assignment, actor)
    _refuse_if(checks.opinion_refusal(assignment))
    opinion = _required(opinion, _("Write your unit's opinion."), "opinion")
    assignment.opinion = opinion
    assignment.opinion_sent_at = timezone.now()
    assignment.status = AS.OPINION_SENT
    assignment.save(update_fields=["opinion", "opinion_sent_at", "status"])
    late = checks.opinion_is_late(assignment)
    due = rules.co_unit_opinion_due(assignment.assigned_at)
    comment = _("Sent after its due date, %(day)s.") % {"day": _day(due)} if late else ""
    record_event(suggestion=item, action=Action.OPINION, actor=actor, unit=assignment.unit, comment=comment)
    lead = (Assignment.objects.filter(suggestion=item, role=Assignment.Role.LEAD).exclude(status=AS.RETURNED)
            .select_related("unit").first())
    if lead is not None:
        recipients, link = lead.unit.officers.filter(is_active=True), reverse("motions:unit_item", args=[lead.pk])
    else:  # the lead unit returned the item: the office passes the opinion on to the next one
        recipients, link = _office_users(), _link(OFFICE_ITEM_URL, item.pk)
    subject = _("%(unit)s sent its opinion on %(item)s") % {"unit": assignment.unit, "item": _name(item)}
    notification_send(recipients=recipients, subject=subject, body=f"{comment}\n{opinion}".strip(),
                      link=link, kind="motions.co_unit_opinion")
    return assignment


def _reply_recipients(item):
    """The proposer and every confirmed co-signer who can sign in ("every co-signing deputy
    receives it"); for a letter or visit, which has no proposer, the office that passes it on."""
    deputies = [item.proposer] if item.proposer else []
    deputies += [cosigner.deputy for cosigner in CoSigner.objects.filter(
        suggestion=item, status=CoSigner.Status.CONFIRMED).select_related("deputy__user")]
    users = [deputy.user for deputy in deputies if deputy.user_id]
    return users if item.proposer else [*users, *_office_users()]


@transaction.atomic
def reply_submit(*, assignment, result_class, text, signed_by, letter, actor, promised_date=None):
    """答复: the lead unit answers in writing, signed by the head of the unit and stamped (the signed
    letter is uploaded), with a result class (A/B/C by default). A class that carries a promise (B
    正在解决或列入计划) needs a promised date after today, and keeps the item on the follow-up list
    until the unit reports the work done. Round 1 answers the assigned item, round 2 an item sent
    back for re-handling; the reply's due date is the one the unit had to meet, so it counts as on
    time or late (re-handling gives the assignment its new, shorter due date). The proposer and
    every confirmed co-signer are told."""
    item, assignment = _locked(assignment, actor)
    _refuse_if(checks.reply_refusal(assignment))
    round_ = checks.reply_round(assignment)
    if not ResultClass.objects.filter(pk=result_class.pk, active=True).exists():
        raise ApplicationError(_("Choose one of the result classes in use."), field="result_class")
    text = _required(text, _("Write the reply."), "text")
    signed_by = _required(signed_by, _("Give the name of the head of the unit who signed the letter."), "signed_by")
    if result_class.needs_promise_date:
        if promised_date is None:
            raise ApplicationError(_("A reply of class %(code)s needs the date by which the work will be done.")
                                   % {"code": result_class.code}, field="promised_date")
        if promised_date <= _today():
            raise ApplicationError(_("The promised date must be after today."), field="promised_date")
    else:
        promised_date = None
    letter_check(letter)
    reply = Reply.objects.create(
        suggestion=item, assignment=assignment, round=round_, result_class=result_class, text=text,
        letter=letter, signed_by=signed_by, promised_date=promised_date, due_date=assignment.due_date,
        replied_on=_today(), created_by=actor,
    )
    transition(suggestion=item, action=Action.REPLY, actor=actor, unit=assignment.unit, comment=str(result_class))
    assignment.status = AS.REPLIED
    assignment.save(update_fields=["status"])
    notification_send(
        recipients=_reply_recipients(item),
        subject=_("%(unit)s has replied to %(item)s") % {"unit": assignment.unit, "item": _name(item)},
        body=_("Result: %(result)s. Read the reply and the signed letter, then rate it.") % {"result": result_class},
        link=_link(DEPUTY_ITEM_URL, item.pk), kind="motions.reply",
    )
    return reply


@transaction.atomic
def promise_report(*, reply, report, actor):
    """For a reply whose class carries a promise (B by default), the unit reports the promised work
    done; the day is kept and the item leaves the follow-up list. Staff and the proposer are told."""
    if not is_officer_of(actor, reply.assignment.unit_id):
        raise ApplicationError(_("Only an officer of the unit that replied may do this."))
    item = lock(reply.suggestion)
    reply = Reply.objects.select_for_update().select_related("result_class", "assignment__unit").get(pk=reply.pk)
    reply.suggestion = item
    _refuse_if(checks.promise_refusal(reply))
    report = _required(report, _("Say what was done."), "report")
    reply.promise_kept_on = _today()
    reply.promise_report = report
    reply.save(update_fields=["promise_kept_on", "promise_report"])
    unit = reply.assignment.unit
    record_event(suggestion=item, action=Action.PROMISE_KEPT, actor=actor, unit=unit, comment=report)
    subject = _("%(unit)s reports the promised work on %(item)s done") % {"unit": unit, "item": _name(item)}
    notification_send(recipients=_office_users(), subject=subject, body=report,
                      link=_link(OFFICE_ITEM_URL, item.pk), kind="motions.promise_kept")
    if item.proposer and item.proposer.user_id:
        notification_send(recipients=[item.proposer.user], subject=subject, body=report,
                          link=_link(DEPUTY_ITEM_URL, item.pk), kind="motions.promise_kept")
    return reply

