"""The presidium office's writes (SPEC §4 points 2–3): review of submitted items (accept with the
year's next number, return for revision, merge duplicates, not accept), assignment to units with
the lawful due date, extensions, key items, publishing and closing an item left unrated.

Every function checks that the actor is of the office (chairman or staff; presidium members only
read), moves the item through base.transition or records a timeline step with base.record_event,
in one transaction, and tells the people concerned through their inbox.
"""
import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.services import notification_send

from .. import rules, workflow
from ..models import Assignment, CoSigner, NumberSequence, Suggestion
from ..selectors.office import KEY_STATUSES, MERGE_TARGET_STATUSES, PUBLISHABLE_STATUSES, presidium_leaders
from .base import lock, record_event, transition

S = Suggestion.Status
A = workflow.Action

# An item that was replied to but that the deputy has not rated may be closed by the office only
# after this many days, so that a deputy who is slow to answer is not overtaken.
UNRATED_CLOSE_AFTER_DAYS = 30
# The pages of the deputy's and the unit's sides that notifications link to.
DEPUTY_ITEM_URL = "motions:deputy_item"
UNIT_ITEM_URL = "motions:unit_item"


def today():
    return timezone.localdate()


def require_office(actor):
    """Only the chairman and the office staff manage suggestions (SPEC §1); presidium members read."""
    if not actor.is_office:
        raise ApplicationError(_("Only the presidium office may do this."))


def _required(text, field):
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Please give the reason."), field=field)
    return text


# --- who is told -------------------------------------------------------------------------------

def office_link(item):
    return reverse("motions:office_item", args=[item.pk])


def deputy_link(item):
    """The item's page as a deputy sees it."""
    return reverse(DEPUTY_ITEM_URL, args=[item.pk])


def unit_link(assignment):
    """The item's page as its unit's officer sees it (by the unit's assignment)."""
    return reverse(UNIT_ITEM_URL, args=[assignment.pk])


def notify_deputies(item, *, subject, body, kind, cosigners=True, link_item=None):
    """Tell the item's proposer (and, unless cosigners=False, its confirmed co-signers) who can sign in."""
    deputies = [item.proposer] if item.proposer_id else []
    if cosigners:
        confirmed = item.cosigners.filter(status=CoSigner.Status.CONFIRMED).select_related("deputy__user")
        deputies += [cosigner.deputy for cosigner in confirmed]
    users = [deputy.user for deputy in deputies if deputy.user_id]
    if users:
        notification_send(recipients=users, subject=subject, body=body, kind=kind,
                          link=deputy_link(link_item or item))


def notify_units(assignments, *, subject, body, kind):
    """Tell the active officers of each assignment's unit."""
    for assignment in assignments:
        officers = list(assignment.unit.officers.filter(is_active=True))
        if officers:
            notification_send(recipients=officers, subject=subject, body=body, kind=kind, link=unit_link(assignment))


# --- review -------------------------------------------------------------------------------------

def number_take(year):
    """The next number of `year` (1, 2, 3 … from January), never given twice.

    The year's NumberSequence row is created on first use (starting after any number already
    given, e.g. by an import) and then locked with SELECT … FOR UPDATE until the caller's
    transaction ends, so two staff accepting at the same moment are served in turn. On SQLite the
    whole database is locked by the IMMEDIATE transaction instead; the unique constraint on
    (year, number) is the backstop on every database.
    """
    def last_given():
        return Suggestion.objects.filter(year=year).aggregate(last=Max("number"))["last"] or 0

    NumberSequence.objects.get_or_create(year=year, defaults={"last_number": last_given()})
    sequence = NumberSequence.objects.select_for_update().get(year=year)
    sequence.last_number = max(sequence.last_number, last_given()) + 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


@transaction.atomic
def suggestion_accept(*, suggestion, actor, category=None, is_complex=False):
    """立案: accept a submitted item and give it the next number of its year (2026-008).

    The item needs a content category (the statistics count by category): the one given here,
    or the one the deputy chose.
    """
    require_office(actor)
    item = lock(suggestion)
    if not workflow.can_transition(item.status, A.ACCEPT):
        raise ApplicationError(_("Only a submitted item can be accepted."))
    category = category or item.category
    if category is None:
        raise ApplicationError(_("Choose a category before accepting."), field="category")
    number = number_take(item.year)
    item = transition(suggestion=item, action=A.ACCEPT, actor=actor,
                      comment=_("Number %(reference)s") % {"reference": f"{item.year}-{number:03d}"},
                      fields={"number": number, "category": category, "is_complex": bool(is_complex)})
    notify_deputies(item, kind="motions.accepted",
                    subject=_("Your item was accepted as %(reference)s") % {"reference": item.reference},
                    body=_("“%(title)s” will now be assigned to the units that must answer it.")
                    % {"title": item.title})
    return item


@transaction.atomic
def suggestion_return(*, suggestion, reason, actor):
    """退回修改: send a submitted item back to its proposer to revise, saying why."""
    require_office(actor)
    reason = _required(reason, "reason")
    item = transition(suggestion=suggestion, action=A.RETURN, actor=actor, comment=reason)
    notify_deputies(item, kind="motions.returned", cosigners=False,
                    subject=_("Please revise your item: %(title)s") % {"title": item.title}, body=reason)
    return item


@transaction.atomic
def suggestion_not_accept(*, suggestion, reason, actor):
    """不予立案，转为参考: an item the office will not put into handling is kept for reference,
    with the reason the proposer is told."""
    require_office(actor)
    reason = _required(reason, "reason")
    item = transition(suggestion=suggestion, action=A.NOT_ACCEPT, actor=actor, comment=reason)
    notify_deputies(item, kind="motions.not_accepted",
                    subject=_("Your item was kept for reference: %(title)s") % {"title": item.title}, body=reason)
    return item


def _label(item):
    return f"{item.reference} {item.title}" if item.number else item.title


@transaction.atomic
def suggestion_merge(*, items, into, actor):
    """并案: merge duplicates into one surviving item.

    Each merged item points to the survivor (status merged) and its proposer and confirmed
    co-signers become confirmed co-signers of the survivor (unless they propose it), so the
    deputies of every duplicate follow, and are counted for, the one item that is handled.
    Only items of the same kind merge; the survivor must still be open and not yet answered.
    """
    require_office(actor)
    pks = sorted({item.pk for item in items} - {into.pk})
    if not pks:
        raise ApplicationError(_("Choose at least one other item to merge."), field="items")
    # Lock every row concerned in one order, so that two merges at once never wait on each other.
    rows = Suggestion.objects.select_for_update().filter(pk__in=[into.pk, *pks]).order_by("pk")
    locked = {item.pk: item for item in rows}
    survivor, items = locked[into.pk], [locked[pk] for pk in pks]
    if survivor.status not in MERGE_TARGET_STATUSES:
        raise ApplicationError(
            _("Items can only be merged into an item that is submitted, accepted or assigned; "
              "“%(title)s” is “%(status)s”.") % {"title": survivor.title, "status": survivor.get_status_display()},
            field="target",
        )
    joining = {}  # deputy id -> deputy, in order
    for item in items:
        if item.kind != survivor.kind:
            raise ApplicationError(_("A motion and a suggestion cannot be merged."), field="items")
        if item.merged_items.exists():
            raise ApplicationError(_("“%(title)s” has items merged into it; merge the others into it instead.")
                                   % {"title": item.title}, field="items")
        transition(suggestion=item, action=A.MERGE, actor=actor, fields={"merged_into": survivor},
                   comment=_("Merged into %(item)s") % {"item": _label(survivor)})
        people = [item.proposer] if item.proposer_id else []
        people += [c.deputy for c in item.cosigners.filter(status=CoSigner.Status.CONFIRMED).select_related("deputy")]
        joining.update((deputy.pk, deputy) for deputy in people if deputy.pk != survivor.proposer_id)
    now = timezone.now()
    for deputy in joining.values():
        CoSigner.objects.update_or_create(suggestion=survivor, deputy=deputy,
                                          defaults={"status": CoSigner.Status.CONFIRMED, "responded_at": now})
    merged = "；".join(_label(item) for item in items)
    comment = _("Merged in: %(items)s.") % {"items": merged}
    if joining:
        comment += " " + _("Co-signers added: %(names)s.") % {"names": "、".join(d.name for d in joining.values())}
    record_event(suggestion=survivor, action=A.MERGE, actor=actor, comment=comment)
    for item in items:
        notify_deputies(item, kind="motions.merged", link_item=survivor,
                        subject=_("Your item was merged into %(item)s") % {"item": _label(survivor)},
                        body=_("“%(title)s” is handled together with the item above; you follow it as a co-signer.")
                        % {"title": item.title})
    return survivor


# --- assignment ---------------------------------------------------------------------------------

def assignment_due_dates(assigned_on, *, complex_item):
    """(the lead unit's due date, a co-unit's due date) for an assignment made on `assigned_on`.

    Deputies Law Art. 51: answer within three months, six for a complex item (or the working days
    the handling rules set). Co-units owe their written opinion to the lead unit within one month
    (provincial rules), never later than the answer itself.
    """
    answer = rules.answer_due_date(assigned_on, complex_item=complex_item)
    return answer, min(answer, rules.co_unit_opinion_due(assigned_on))


@transaction.atomic
def suggestion_assign(*, suggestion, lead_unit, co_units, actor, assigned_on=None, is_complex=None):
    """交办: assign an accepted item to one lead unit (主办) and any co-units (协办).

    The due date follows the handling rules from the day of assignment (rules.answer_due_date).
    An item a lead unit returned as not theirs is assigned again the same way; assignments of
    units left out of the new assignment end (marked returned, with the office's reason).
    """
    require_office(actor)
    assigned_on = assigned_on or today()
    co_units = list({unit.pk: unit for unit in co_units}.values())
    if any(unit.pk == lead_unit.pk for unit in co_units):
        raise ApplicationError(_("The lead unit cannot also be a co-unit."), field="co_units")
    if not all(unit.active for unit in [lead_unit, *co_units]):
        raise ApplicationError(_("Only active handling units can be assigned."), field="lead_unit")
    if assigned_on > today():
        raise ApplicationError(_("The day of assignment cannot be in the future."), field="assigned_on")
    item = lock(suggestion)
    if item.submitted_at and assigned_on < timezone.localtime(item.submitted_at).date():
        raise ApplicationError(_("The day of assignment cannot be before the item was submitted."),
                               field="assigned_on")
    complex_item = item.is_complex if is_complex is None else bool(is_complex)
    due, co_due = assignment_due_dates(assigned_on, complex_item=complex_item)
    item = transition(suggestion=item, action=A.ASSIGN, actor=actor,
                      fields={"assigned_at": assigned_on, "due_date": due, "is_complex": complex_item},
                      comment=_assignment_comment(lead_unit, co_units, due))
    wanted = {(lead_unit.pk, Assignment.Role.LEAD)} | {(unit.pk, Assignment.Role.CO) for unit in co_units}
    kept = set()
    for assignment in item.assignments.exclude(status=Assignment.Status.RETURNED):
        if (assignment.unit_id, assignment.role) in wanted:
            kept.add((assignment.unit_id, assignment.role))
            continue
        assignment.status = Assignment.Status.RETURNED
        assignment.return_reason = _("Withdrawn by the office when the item was assigned again.")
        assignment.save(update_fields=["status", "return_reason"])
    created = []
    for unit, role, due_date in [(lead_unit, Assignment.Role.LEAD, due),
                                 *[(unit, Assignment.Role.CO, co_due) for unit in co_units]]:
        if (unit.pk, role) not in kept:
            created.append(Assignment.objects.create(suggestion=item, unit=unit, role=role,
                                                     assigned_at=assigned_on, due_date=due_date))
    for assignment in created:
        notify_units([assignment], kind="motions.assigned",
                     subject=_("New item to handle: %(item)s") % {"item": _label(item)},
                     body=_assignment_notice(assignment, due))
    notify_deputies(item, kind="motions.assigned",
                    subject=_("Your item %(reference)s was assigned") % {"reference": item.reference},
                    body=_assignment_comment(lead_unit, co_units, due))
    return item


def _assignment_comment(lead_unit, co_units, due):
    text = _("Lead unit: %(unit)s.") % {"unit": lead_unit.name}
    if co_units:
        text += " " + _("Co-units: %(units)s.") % {"units": "、".join(unit.name for unit in co_units)}
    return text + " " + _("Answer due by %(date)s.") % {"date": f"{due:%Y-%m-%d}"}


def _assignment_notice(assignment, answer_due):
    if assignment.role == Assignment.Role.LEAD:
        return _("Your unit leads the handling. Acknowledge it, contact the deputy and reply in writing by "
                 "%(date)s.") % {"date": f"{answer_due:%Y-%m-%d}"}
    return _("Your unit is a co-unit. Send your written opinion to the lead unit by %(date)s.") % {
        "date": f"{assignment.due_date:%Y-%m-%d}"}


@transaction.atomic
def due_extend(*, suggestion, new_due_date, reason, actor):
    """延长办理期限: move the answer's due date later, with the reason kept in the timeline.

    Only an item being handled has a due date to extend; the new date must be later than the
    current one (an earlier date would shorten the lawful period).
    """
    require_office(actor)
    reason = _required(reason, "reason")
    item = lock(suggestion)
    if item.status not in workflow.IN_HANDLING or item.due_date is None:
        raise ApplicationError(_("Only an item being handled by a unit has a due date to extend."))
    if new_due_date <= item.due_date:
        raise ApplicationError(_("The new due date must be later than %(date)s.")
                               % {"date": f"{item.due_date:%Y-%m-%d}"}, field="new_due_date")
    old = item.due_date
    item.due_date = new_due_date
    item.save(update_fields=["due_date"])
    lead = item.assignments.filter(role=Assignment.Role.LEAD).exclude(status=Assignment.Status.RETURNED).first()
    if lead is not None:
        lead.due_date = new_due_date
        lead.save(update_fields=["due_date"])
    comment = _("From %(old)s to %(new)s: %(reason)s") % {"old": f"{old:%Y-%m-%d}", "new": f"{new_due_date:%Y-%m-%d}",
                                                          "reason": reason}
    record_event(suggestion=item, action=A.EXTEND_DUE, actor=actor, comment=comment, unit=lead.unit if lead else None)
    if lead is not None:
        notify_units([lead], kind="motions.due_extended",
                     subject=_("Due date extended: %(item)s") % {"item": _label(item)}, body=comment)
    return item


# --- key items, publishing, closing -------------------------------------------------------------

@transaction.atomic
def key_mark(*, suggestion, leader, actor):
    """重点督办: the presidium marks an item for key supervision, led by one of its members."""
    require_office(actor)
    item = lock(suggestion)
    if item.status not in KEY_STATUSES:
        raise ApplicationError(_("Only an accepted item that is not yet closed can be a key item."))
    if not presidium_leaders(today()).filter(deputy=leader).exists():
        raise ApplicationError(_("%(name)s is not serving in the presidium.") % {"name": leader.name}, field="leader")
    if item.is_key and item.key_leader_id == leader.pk:
        raise ApplicationError(_("This item is already a key item led by %(name)s.") % {"name": leader.name},
                               field="leader")
    item.is_key, item.key_leader = True, leader
    item.save(update_fields=["is_key", "key_leader"])
    record_event(suggestion=item, action=A.MARK_KEY, actor=actor,
                 comment=_("Led by %(name)s") % {"name": leader.name})
    if leader.user_id:
        notification_send(recipients=[leader.user], kind="motions.key_leader", link=office_link(item),
                          subject=_("You lead the key item %(item)s") % {"item": _label(item)},
                          body=_("The presidium marked this item for key supervision (重点督办) under your lead."))
    return item


@transaction.atomic
def key_unmark(*, suggestion, actor):
    """End the key supervision of an item (recorded in the timeline)."""
    require_office(actor)
    item = lock(suggestion)
    if not item.is_key:
        raise ApplicationError(_("This item is not a key item."))
    leader = item.key_leader
    item.is_key, item.key_leader = False, None
    item.save(update_fields=["is_key", "key_leader"])
    record_event(suggestion=item, action=A.UNMARK_KEY, actor=actor,
                 comment=_("Was led by %(name)s.") % {"name": leader.name if leader else "—"})
    return item


@transaction.atomic
def suggestion_publish(*, suggestion, actor):
    """Show an answered item and its reply on the public page (after staff approve, SPEC §4)."""
    require_office(actor)
    item = lock(suggestion)
    if item.status not in PUBLISHABLE_STATUSES:
        raise ApplicationError(_("Only an item that has been replied to or closed can be published."))
    if item.is_published:
        raise ApplicationError(_("This item is already published."))
    item.is_published = True
    item.save(update_fields=["is_published"])
    record_event(suggestion=item, action=A.PUBLISH, actor=actor)
    return item


@transaction.atomic
def suggestion_unpublish(*, suggestion, actor):
    require_office(actor)
    item = lock(suggestion)
    if not item.is_published:
        raise ApplicationError(_("This item is not published."))
    item.is_published = False
    item.save(update_fields=["is_published"])
    record_event(suggestion=item, action=A.UNPUBLISH, actor=actor)
    return item


def close_allowed_from(item, *, replies=None):
    """The first day the office may close a replied item the deputy has not rated, or None when it
    has no unrated reply. `replies`: the item's replies with their ratings, when already read."""
    if replies is not None:
        reply = max(replies, key=lambda reply: reply.round, default=None)
    else:
        reply = item.replies.order_by("-round").select_related("rating").first()
    if reply is None or hasattr(reply, "rating"):
        return None
    return reply.replied_on + datetime.timedelta(days=UNRATED_CLOSE_AFTER_DAYS)


@transaction.atomic
def office_close(*, suggestion, reason, actor):
    """办结 by the office: close a replied item the deputy has left unrated for a long time
    (UNRATED_CLOSE_AFTER_DAYS after the reply), saying why."""
    require_office(actor)
    reason = _required(reason, "reason")
    item = lock(suggestion)
    if item.status != S.REPLIED:
        raise ApplicationError(_("Only a replied item waiting for the deputy's rating can be closed."))
    first_day = close_allowed_from(item)
    if first_day is None:
        raise ApplicationError(_("The reply has no rating pending."))
    if today() < first_day:
        raise ApplicationError(_("The deputy has until %(date)s to rate the reply; the office may close it from then.")
                               % {"date": f"{first_day:%Y-%m-%d}"})
    item = transition(suggestion=item, action=A.CLOSE, actor=actor, comment=reason,
                      fields={"closed_at": timezone.now()})
    notify_deputies(item, kind="motions.closed",
                    subject=_("Your item %(reference)s was closed") % {"reference": item.reference}, body=reason)
    return item
