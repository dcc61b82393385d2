"""Reads for the deputy's own pages: "my suggestions", one item with everything about it, the
invitations to co-sign, and who may be invited.

Each selector runs a fixed number of queries whatever the number of rows, so the list pages stay
as fast for a deputy with forty items as with one.
"""
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _

from congress.models import Meeting
from core.roles import Role
from deputies.selectors import current_term, deputies_in_office

from ..models import Assignment, Attachment, CoSigner, Event, Rating, Reply, Suggestion
from .common import timeline

S = Suggestion.Status


@dataclass(frozen=True)
class PlainStatus:
    words: str  # what the status means for the deputy, in plain words
    tone: str  # the badge's colour: draft, waiting, action, working, done, stopped


# The statuses as a farmer reads them on a phone: what is happening and whose turn it is.
PLAIN_STATUS = {
    S.DRAFT: PlainStatus(_("Draft, not sent yet"), "draft"),
    S.SUBMITTED: PlainStatus(_("Sent, the office is reviewing it"), "waiting"),
    S.RETURNED: PlainStatus(_("Sent back to you: please revise it"), "action"),
    S.NOT_ACCEPTED: PlainStatus(_("Not taken up, kept for reference"), "stopped"),
    S.MERGED: PlainStatus(_("Joined with a similar item"), "stopped"),
    S.ACCEPTED: PlainStatus(_("Taken up, waiting to go to a unit"), "waiting"),
    S.ASSIGNED: PlainStatus(_("A unit is working on it"), "working"),
    S.REPLIED: PlainStatus(_("Answered: please rate the answer"), "action"),
    S.REHANDLING: PlainStatus(_("The unit is working on it again"), "working"),
    S.CLOSED: PlainStatus(_("Finished"), "done"),
}


def plain_status(status):
    return PLAIN_STATUS[status]


# --- "my suggestions" ----------------------------------------------------------------------------

def my_suggestions(deputy):
    """The deputy's own items (drafts too) and the ones they co-sign and confirmed, in one query.

    What waits for the deputy comes first: drafts, then items sent back for revision, then answers
    to rate; the rest newest first. Each row carries `is_mine` (1 for the proposer's own items).
    """
    # The ids of both kinds as a union: the database reads them from the proposer's and the
    # co-signer's indexes instead of testing every item.
    own = Suggestion.objects.filter(proposer=deputy).order_by().values("pk")
    confirmed = (CoSigner.objects.filter(deputy=deputy, status=CoSigner.Status.CONFIRMED)
                 .exclude(suggestion__status=S.DRAFT).order_by().values("suggestion"))
    items = (
        Suggestion.objects.filter(pk__in=own.union(confirmed, all=True))
        .select_related("category")
        .annotate(
            is_mine=Case(When(proposer=deputy, then=Value(1)), default=Value(0), output_field=IntegerField()),
            waiting_order=Case(
                When(status=S.DRAFT, then=Value(0)),
                When(status=S.RETURNED, proposer=deputy, then=Value(1)),
                When(status=S.REPLIED, proposer=deputy, then=Value(2)),
                default=Value(3), output_field=IntegerField(),
            ),
        )
        .order_by("waiting_order", "-created_at", "-pk")
    )
    return items


def with_plain_status(rows):
    """The rows of a page of my_suggestions as a list, each with `plain` (PlainStatus)."""
    rows = list(rows)
    for row in rows:
        row.plain = plain_status(row.status)
    return rows


def waiting_counts(deputy):
    """How many items wait for the deputy: to send (drafts and returned), to rate, invitations to
    answer. For the list's head and the deputy's dashboard (three counts in one query each)."""
    own = Suggestion.objects.filter(proposer=deputy)
    return {
        "to_send": own.filter(status__in=[S.DRAFT, S.RETURNED]).count(),
        "to_rate": own.filter(status=S.REPLIED).count(),
        "invitations": pending_invitations(deputy).count(),
    }


# --- one item ------------------------------------------------------------------------------------

def suggestion_for_deputy(suggestion):
    """Everything the deputy's item page shows, in a fixed number of queries."""
    item = (Suggestion.objects.select_related("category", "proposer", "session", "merged_into")
            .prefetch_related(
                Prefetch("cosigners", queryset=CoSigner.objects.select_related("deputy").order_by("pk")),
                Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
                Prefetch("assignments", queryset=Assignment.objects.exclude(status=Assignment.Status.RETURNED)
                         .select_related("unit").order_by("role", "pk")),
                Prefetch("replies", queryset=Reply.objects.select_related("result_class", "assignment__unit")
                         .order_by("round")),
            ).get(pk=suggestion.pk))
    replies = list(item.replies.all())
    ratings = {rating.reply_id: rating for rating in Rating.objects.filter(reply__in=replies)}
    for reply in replies:
        reply.the_rating = ratings.get(reply.pk)
    cosigners = list(item.cosigners.all())
    confirmed = sum(1 for cosigner in cosigners if cosigner.status == CoSigner.Status.CONFIRMED)
    return {
        "item": item,
        "plain": plain_status(item.status),
        "cosigners": cosigners,
        "confirmed_count": confirmed,
        "attachments": list(item.attachments.all()),
        "assignments": list(item.assignments.all()),
        "replies": replies,
        "latest_reply": replies[-1] if replies else None,
        "events": timeline(item),
        "office_reason": _office_reason(item),
    }


def _office_reason(item):
    """Why the office sent the item back or did not take it up: the comment of that step."""
    action = {S.RETURNED: "return", S.NOT_ACCEPTED: "not_accept"}.get(item.status)
    if action is None:
        return ""
    event = Event.objects.filter(suggestion=item, action=action).order_by("-at", "-pk").first()
    return event.comment if event else ""


# --- co-signing ----------------------------------------------------------------------------------

INVITATION_OPEN_STATUSES = (S.DRAFT, S.RETURNED, S.SUBMITTED)


def pending_invitations(deputy):
    """Invitations to co-sign the deputy has not answered, on items still open to co-signing."""
    return (CoSigner.objects.filter(deputy=deputy, status=CoSigner.Status.INVITED,
                                    suggestion__status__in=INVITATION_OPEN_STATUSES)
            .select_related("suggestion__proposer", "suggestion__category").order_by("-pk"))


def answered_invitations(deputy, limit=20):
    """The deputy's latest answers to invitations, newest first."""
    return (CoSigner.objects.filter(deputy=deputy).exclude(status=CoSigner.Status.INVITED)
            .select_related("suggestion__proposer").order_by("-responded_at", "-pk")[:limit])


def cosigner_candidates(suggestion):
    """Deputies who may be invited to co-sign: township deputies in office with an active account
    of a deputy (to confirm online), not the proposer, not already invited (a deputy who declined
    may be asked again). Sorted by name, with their district for people of the same name."""
    already = CoSigner.objects.filter(suggestion=suggestion, deputy=OuterRef("pk")).exclude(
        status=CoSigner.Status.DECLINED)
    return (deputies_in_office()
            .filter(user__is_active=True, user__groups__name=Role.DEPUTY)
            .exclude(pk=suggestion.proposer_id).exclude(Exists(already))
            .select_related("district").distinct().order_by("name", "pk"))


def session_choices():
    """Sessions of the people's congress a deputy may raise an item at: those of the current term
    (all sessions when no term is in force), latest first."""
    sessions = Meeting.objects.filter(kind=Meeting.Kind.SESSION).select_related("term")
    term = current_term()
    if term is not None:
        sessions = sessions.filter(term=term)
    return sessions.order_by("-start_date")

