"""Reads of the handling unit's officer (承办单位): the unit's items, one item's page, the follow-up
list of class-B promises, and what the unit may do next.

The "may it" checks below (`*_refusal`) are the rules themselves: each returns why an action is
not open to the unit now, or None. The pages use them to show only the panels that apply, and the
services in motions.services.handling raise their answer as the error, so both always agree.
"""
import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.paging import page_of

from .. import caching, rules
from ..models import Assignment, Attachment, Contact, CoSigner, HandlingRules, Reply, Suggestion
from .common import timeline

S = Suggestion.Status
AS = Assignment.Status
LEAD, CO = Assignment.Role.LEAD, Assignment.Role.CO

# The days before a due date when an item turns yellow (黄牌, SPEC §4).
WARNING_DAYS = 7


def today():
    return timezone.localdate()


def _day(value):
    return date_format(value, "DATE_FORMAT")


# --- what the unit may do now ------------------------------------------------------------------

def acknowledge_refusal(assignment):
    if assignment.status != AS.ASSIGNED:
        return _("Your unit has already acknowledged this item.")
    return None


def return_refusal(assignment, on_day, *, rules_row=None, last_day=None):
    """A unit that got an item by mistake returns it within the period in the handling rules
    (7 working days from assignment by default), and only before it has answered. `last_day`
    is that period's end when the caller has already counted it."""
    if assignment.suggestion.status == S.CLOSED:
        return _("The item is closed.")
    if assignment.status not in (AS.ASSIGNED, AS.ACKNOWLEDGED):
        return _("Your unit has already answered this item, so it can no longer be returned.")
    if assignment.role == LEAD and assignment.suggestion.status != S.ASSIGNED:
        return _("This item is no longer waiting for your unit's answer, so it can no longer be returned.")
    last_day = last_day or rules.return_deadline(assignment.assigned_at, rules=rules_row)
    if on_day > last_day:
        return _("The period to return this item ended on %(deadline)s. If it is really not your unit's, "
                 "call the presidium office.") % {"deadline": _day(last_day)}
    return None


def contact_refusal(assignment):
    if assignment.status == AS.ASSIGNED:
        return _("Acknowledge the item first.")
    if assignment.suggestion.status == S.CLOSED:
        return _("The item is closed.")
    return None


def opinion_refusal(assignment):
    """Co-units send their written opinion to the lead unit, once."""
    if assignment.role != CO:
        return _("Only a co-unit sends an opinion to the lead unit.")
    if assignment.status == AS.OPINION_SENT:
        return _("Your unit has already sent its opinion.")
    if assignment.status == AS.ASSIGNED:
        return _("Acknowledge the item first.")
    if assignment.suggestion.status == S.CLOSED:
        return _("The item is closed.")
    return None


def reply_round(assignment):
    """The round the lead unit would answer now: 1 while assigned, 2 while re-handled; else None."""
    return {S.ASSIGNED: 1, S.REHANDLING: 2}.get(assignment.suggestion.status)


def reply_refusal(assignment):
    """Only the lead unit replies, to an item assigned (round 1) or sent back for re-handling
    (round 2), once it has acknowledged the item."""
    if assignment.role != LEAD:
        return _("Only the lead unit replies. A co-unit sends its opinion to the lead unit.")
    round_ = reply_round(assignment)
    if round_ is None:
        return _("This item is now “%(status)s”; it is not waiting for a reply.") % {
            "status": assignment.suggestion.get_status_display()}
    if round_ == 1 and assignment.status != AS.ACKNOWLEDGED:
        return _("Acknowledge the item first.")
    return None


@dataclass(frozen=True)
class HandlingActions:
    acknowledge: bool
    return_item: bool
    return_deadline: datetime.date
    contact: bool
    opinion: bool
    reply: bool
    reply_round: int | None


def handling_actions(assignment, on_day, *, rules_row=None):
    """The panels the unit's item page shows: each action the rules allow now."""
    rules_row = rules_row or HandlingRules.current()
    last_day = rules.return_deadline(assignment.assigned_at, rules=rules_row)
    return HandlingActions(
        acknowledge=acknowledge_refusal(assignment) is None,
        return_item=return_refusal(assignment, on_day, last_day=last_day) is None,
        return_deadline=last_day,
        contact=contact_refusal(assignment) is None,
        opinion=opinion_refusal(assignment) is None,
        reply=reply_refusal(assignment) is None,
        reply_round=reply_round(assignment),
    )


# --- due dates shown to the unit ---------------------------------------------------------------

def _owes_opinion(assignment):
    return assignment.role == CO and assignment.status in (AS.ASSIGNED, AS.ACKNOWLEDGED)


def unit_due_date(assignment, *, rules_row=None):
    """What the unit must meet next: a co-unit its opinion's due date (one month by default) until
    it has sent it; otherwise the assignment's due date, which sending the item back for
    re-handling resets to the new, shorter one (motions.services.deputy.reply_rate)."""
    if _owes_opinion(assignment):
        return rules.co_unit_opinion_due(assignment.assigned_at, rules=rules_row)
    return assignment.due_date


def opinion_is_late(assignment, *, rules_row=None):
    """A co-unit's opinion sent after its due date is accepted, and marked late."""
    if not assignment.opinion_sent_at:
        return False
    due = rules.co_unit_opinion_due(assignment.assigned_at, rules=rules_row)
    return timezone.localdate(assignment.opinion_sent_at) > due


@dataclass(frozen=True)
class Deadline:
    """A date the unit must meet, as the pages show it: red once past ("overdue"), yellow within
    WARNING_DAYS ("soon"); an answered item shows no countdown."""

    due: datetime.date | None
    days_left: int | None
    answered: bool = False
    of_opinion: bool = False  # a co-unit's opinion is due, not a reply

    @property
    def urgency(self):
        if self.answered or self.days_left is None:
            return ""
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= WARNING_DAYS else ""

    @property
    def overdue_days(self):
        return -self.days_left if self.urgency == "overdue" else 0


def deadline(due, on_day, *, answered=False, of_opinion=False):
    """Calendar days from `on_day` to `due` (negative once past)."""
    days_left = None if answered or due is None else (due - on_day).days
    return Deadline(due=due, days_left=days_left, answered=answered, of_opinion=of_opinion)


# --- the unit's items --------------------------------------------------------------------------

class Show:
    """The filters of the unit's list."""

    TO_ACKNOWLEDGE = "to_acknowledge"
    IN_HANDLING = "in_handling"
    REPLIED = "replied"
    ALL = ""
    CHOICES = (TO_ACKNOWLEDGE, IN_HANDLING, REPLIED)


def _phase():
    """Where an assignment stands for the unit: waiting to be acknowledged, being handled (the
    lead unit answering, or answering again after 不满意 — re-handling sets the lead unit's
    assignment back to acknowledged — or a co-unit owing its opinion), or answered."""
    open_item = Q(suggestion__status__in=[S.ACCEPTED, S.ASSIGNED, S.REHANDLING])
    return Case(
        When(status=AS.ASSIGNED, then=Value(Show.TO_ACKNOWLEDGE)),
        When(open_item & Q(status=AS.ACKNOWLEDGED), then=Value(Show.IN_HANDLING)),
        default=Value(Show.REPLIED),
        output_field=CharField(),
    )


def _unit_rows(unit, show):
    rows = (Assignment.objects.filter(unit=unit).exclude(status=AS.RETURNED)
            .annotate(phase=_phase(), phase_order=Case(When(status=AS.ASSIGNED, then=0), default=1)))
    if show in Show.CHOICES:
        rows = rows.filter(phase=show)
    return rows.order_by("phase_order", "due_date", "pk")


def _with_item(rows):
    return rows.annotate(phase=_phase(), phase_order=Case(When(status=AS.ASSIGNED, then=0), default=1)).select_related(
        "suggestion", "suggestion__proposer", "suggestion__category")


def _with_deadlines(rows):
    rules_row = HandlingRules.current()
    on_day = today()
    for row in rows:
        row.deadline = deadline(unit_due_date(row, rules_row=rules_row), on_day, answered=row.phase == Show.REPLIED,
                                of_opinion=_owes_opinion(row))
    return rows


def unit_assignments(unit, *, show=Show.ALL):
    """The live (not returned) assignments of `unit` with their items, needing action first, then
    by due date. Two queries however many rows: the assignments, and the handling rules."""
    return _with_deadlines(list(_with_item(_unit_rows(unit, show))))


def unit_assignments_page(unit, number, per_page, *, show=Show.ALL, count=None):
    """Page `number` of unit_assignments: the database sorts and cuts the unit's rows before it
    reads the page's items, and only the page's deadlines are worked out. Two queries, and the
    paginator's count unless `count` (unit_counts) is given."""
    page = page_of(_unit_rows(unit, show), number, per_page, _with_item, count=count)
    _with_deadlines(page.object_list)
    return page


def unit_counts(unit):
    """How many live assignments of `unit` stand in each filter (one query, none when the cache
    has them: motions/caching.py)."""
    return caching.cached(f"unit_counts:{unit.pk}", lambda: (
        Assignment.objects.filter(unit=unit).exclude(status=AS.RETURNED).annotate(phase=_phase())
        .aggregate(**{name: Count("pk", filter=Q(phase=name)) for name in Show.CHOICES}, all=Count("pk"))))


# --- one item's page ---------------------------------------------------------------------------

@dataclass
class UnitItem:
    assignment: Assignment
    item: Suggestion
    cosigners: list
    attachments: list
    events: list
    contacts: list
    co_units: list  # the co-units' assignments with their opinions, for the lead unit
    lead: Assignment | None  # the lead unit's assignment, for a co-unit
    replies: list  # the lead unit's replies, for the lead unit
    actions: HandlingActions
    deadline: Deadline
    opinion_due: datetime.date | None
    opinion_late: bool


def unit_item(assignment):
    """Everything the unit's item page shows, in a fixed number of queries."""
    item = assignment.suggestion
    rules_row = HandlingRules.current()
    on_day = today()
    others = list(Assignment.objects.filter(suggestion=item).exclude(pk=assignment.pk)
                  .exclude(status=AS.RETURNED).select_related("unit"))
    is_lead = assignment.role == LEAD
    co_units = [other for other in others if other.role == CO] if is_lead else []
    for other in co_units:
        other.opinion_late = opinion_is_late(other, rules_row=rules_row)
        other.opinion_due = rules.co_unit_opinion_due(other.assigned_at, rules=rules_row)
    replies = list(Reply.objects.filter(assignment=assignment).select_related("result_class")) if is_lead else []
    for reply in replies:
        reply.is_followed_up = (reply.result_class.needs_promise_date and reply.round == replies[-1].round
                                and item.status != S.REHANDLING)
    actions = handling_actions(assignment, on_day, rules_row=rules_row)
    answered = not (actions.acknowledge or actions.opinion or actions.reply)
    return UnitItem(
        assignment=assignment, item=item,
        cosigners=list(CoSigner.objects.filter(suggestion=item, status=CoSigner.Status.CONFIRMED)
                       .select_related("deputy")),
        attachments=list(Attachment.objects.filter(suggestion=item)),
        events=timeline(item),
        contacts=list(Contact.objects.filter(assignment=assignment).order_by("-date", "-pk")),
        co_units=co_units,
        lead=next((other for other in others if other.role == LEAD), None) if not is_lead else None,
        replies=replies,
        actions=actions, deadline=deadline(unit_due_date(assignment, rules_row=rules_row), on_day, answered=answered,
                                           of_opinion=_owes_opinion(assignment)),
        opinion_due=(rules.co_unit_opinion_due(assignment.assigned_at, rules=rules_row)
                     if assignment.role == CO else None),
        opinion_late=opinion_is_late(assignment, rules_row=rules_row),
    )


# --- the follow-up list of class-B promises ----------------------------------------------------

def unit_follow_up(unit):
    """The unit's replies whose class carries a promised date (B 正在解决或列入计划 by default) and
    whose promised work is not reported done yet, soonest promise first (one query). A reply that
    a later round has replaced, or whose item is being handled again, is not followed up."""
    return _with_promise_deadlines(_follow_up_rows(unit))


def unit_follow_up_page(unit, number, per_page):
    """Page `number` of unit_follow_up (one query, none when the cache has the list)."""
    page = Paginator(caching.cached(f"follow_up:{unit.pk}", lambda: _follow_up_rows(unit)), per_page).get_page(number)
    _with_promise_deadlines(page.object_list)
    return page


def _follow_up_rows(unit):
    later = Reply.objects.filter(suggestion=OuterRef("suggestion"), round__gt=OuterRef("round"))
    return list(
        Reply.objects.filter(assignment__unit=unit, result_class__needs_promise_date=True,
                             promise_kept_on__isnull=True)
        .exclude(suggestion__status=S.REHANDLING).exclude(Exists(later))
        .select_related("suggestion", "result_class")
        .order_by("promised_date", "pk")
    )


def _with_promise_deadlines(replies):
    on_day = today()
    for reply in replies:
        reply.deadline = deadline(reply.promised_date, on_day)
    return replies


def promise_refusal(reply):
    """Only a reply whose class carries a promise, not yet reported done and not replaced by a
    later round, takes a report that the promised work is done."""
    if not reply.result_class.needs_promise_date:
        return _("This reply carries no promised date.")
    if reply.promise_kept_on:
        return _("The promised work was already reported done on %(day)s.") % {"day": _day(reply.promise_kept_on)}
    if reply.suggestion.status == S.REHANDLING:
        return _("The item is being handled again: answer it with a new reply.")
    if Reply.objects.filter(suggestion=reply.suggestion_id, round__gt=reply.round).exists():
        return _("A later reply has replaced this one.")
    return None

