"""The life of a suggestion as data: the statuses (models.Suggestion.Status), the moves between
them, and who may make each move. One pure function answers whether a move is allowed; the
service motions.services.base.transition locks the row, makes the move and records it.

    draft ──submit──▶ submitted ──accept──▶ accepted ──assign──▶ assigned ──reply──▶ replied
      ▲                 │  │  │                │  ▲                 │                 │ │ │
      └──(returned)◀─return │  └─not_accept    │  └──unit_return────┘     rate(ok)───┘ │ └─close
                            └─merge──▶ merged ◀┘                      closed ◀─────────┘
    replied ──rehandle (不满意, first round only)──▶ rehandling ──reply──▶ replied
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Suggestion

S = Suggestion.Status


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    RETURN = "return", _("Return for revision")
    ACCEPT = "accept", _("Accept")
    NOT_ACCEPT = "not_accept", _("Not accept, keep for reference")
    MERGE = "merge", _("Merge into another item")
    ASSIGN = "assign", _("Assign to units")
    UNIT_RETURN = "unit_return", _("Return as not ours")
    REPLY = "reply", _("Reply")
    RATE = "rate", _("Rate the reply")
    REHANDLE = "rehandle", _("Send back for re-handling")
    CLOSE = "close", _("Close the item")
    # Steps recorded in the timeline that do not change the status.
    CREATE = "create", _("Drafted")
    EDIT = "edit", _("Edited")
    COSIGN_INVITE = "cosign_invite", _("Co-signers invited")
    COSIGN_CONFIRM = "cosign_confirm", _("Co-signing confirmed")
    COSIGN_DECLINE = "cosign_decline", _("Co-signing declined")
    ACKNOWLEDGE = "acknowledge", _("Acknowledged by the unit")
    CONTACT = "contact", _("Unit contacted the deputy")
    OPINION = "opinion", _("Co-unit sent its opinion")
    EXTEND_DUE = "extend_due", _("Due date extended")
    MARK_KEY = "mark_key", _("Marked as a key item")
    UNMARK_KEY = "unmark_key", _("No longer a key item")
    PUBLISH = "publish", _("Published")
    UNPUBLISH = "unpublish", _("Withdrawn from the public page")
    PROMISE_KEPT = "promise_kept", _("Promised work reported done")
    REMIND = "remind", _("Reminder sent")


class Actor(models.TextChoices):
    PROPOSER = "proposer", _("The proposing deputy (or staff for letters and visits)")
    OFFICE = "office", _("Presidium office")
    LEAD_UNIT = "lead_unit", _("The lead unit")


TRANSITIONS = {
    (S.DRAFT, Action.SUBMIT): S.SUBMITTED,
    (S.RETURNED, Action.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, Action.RETURN): S.RETURNED,
    (S.SUBMITTED, Action.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, Action.NOT_ACCEPT): S.NOT_ACCEPTED,
    (S.SUBMITTED, Action.MERGE): S.MERGED,
    (S.ACCEPTED, Action.MERGE): S.MERGED,
    (S.ACCEPTED, Action.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Action.UNIT_RETURN): S.ACCEPTED,
    (S.ASSIGNED, Action.REPLY): S.REPLIED,
    (S.REHANDLING, Action.REPLY): S.REPLIED,
    (S.REPLIED, Action.RATE): S.CLOSED,
    (S.REPLIED, Action.REHANDLE): S.REHANDLING,
    (S.REPLIED, Action.CLOSE): S.CLOSED,
}

# Who may make each move; the services check the person against the item (their own item,
# their own unit) as well.
ACTORS = {
    Action.SUBMIT: Actor.PROPOSER,
    Action.RETURN: Actor.OFFICE,
    Action.ACCEPT: Actor.OFFICE,
    Action.NOT_ACCEPT: Actor.OFFICE,
    Action.MERGE: Actor.OFFICE,
    Action.ASSIGN: Actor.OFFICE,
    Action.UNIT_RETURN: Actor.LEAD_UNIT,
    Action.REPLY: Actor.LEAD_UNIT,
    Action.RATE: Actor.PROPOSER,
    Action.REHANDLE: Actor.PROPOSER,
    Action.CLOSE: Actor.OFFICE,
}

# Items still open: the chase and the statistics use this.
OPEN_STATUSES = frozenset({S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING})
# Items a unit is handling.
IN_HANDLING = frozenset({S.ASSIGNED, S.REHANDLING})
# What a proposer may still edit.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def label(action):
    """The words for a timeline step; an unknown action (from a later version) shows as it is."""
    return Action(action).label if action in Action.values else action


def can_transition(status, action):
    return (status, action) in TRANSITIONS


def next_status(status, action):
    return TRANSITIONS[(status, action)]


def allowed_actions(status):
    return [action for (source, action) in TRANSITIONS if source == status]
