"""The lives of supervision records as data: the moves between statuses and who may make each.
One pure function answers whether a move is allowed; supervision.services.base.transition locks
the row, makes the move and records it in the item's timeline.

A rectification item (整改事项, SPEC §5):

    pending ──start / report──▶ in_progress ──claim_done──▶ rectified ──verify──▶ verified
    (待整改)                     (整改中)  ▲                  (已整改)  │            (已验收)
                                          └────reject (with a reason)┘
    pending, in_progress ──extend (once, with a reason)──▶ the same status, a later deadline
    pending, in_progress ──withdraw (with a reason)──▶ withdrawn

An activity (and a training): planned ──hold──▶ held;  planned ──cancel──▶ cancelled.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Activity, RectificationItem

R = RectificationItem.Status
A = Activity.Status


class Action(models.TextChoices):
    START = "start", _("Start rectification")
    REPORT = "report", _("Report progress")
    CLAIM_DONE = "claim_done", _("Report the rectification done")
    VERIFY = "verify", _("Verify the rectification")
    REJECT = "reject", _("Send back for further rectification")
    EXTEND = "extend", _("Extend the deadline")
    WITHDRAW = "withdraw", _("Withdraw the item")
    # Steps recorded in the timeline that do not change the status.
    CREATE = "create", _("Item recorded")
    EDIT = "edit", _("Item edited")
    REMIND = "remind", _("Reminder sent")


class Actor(models.TextChoices):
    UNIT = "unit", _("The responsible unit")
    OFFICE = "office", _("Presidium office")


TRANSITIONS = {
    (R.PENDING, Action.START): R.IN_PROGRESS,
    (R.PENDING, Action.REPORT): R.IN_PROGRESS,
    (R.IN_PROGRESS, Action.REPORT): R.IN_PROGRESS,
    (R.PENDING, Action.CLAIM_DONE): R.RECTIFIED,
    (R.IN_PROGRESS, Action.CLAIM_DONE): R.RECTIFIED,
    (R.RECTIFIED, Action.VERIFY): R.VERIFIED,
    (R.RECTIFIED, Action.REJECT): R.IN_PROGRESS,
    (R.PENDING, Action.EXTEND): R.PENDING,
    (R.IN_PROGRESS, Action.EXTEND): R.IN_PROGRESS,
    (R.PENDING, Action.WITHDRAW): R.WITHDRAWN,
    (R.IN_PROGRESS, Action.WITHDRAW): R.WITHDRAWN,
}

# Who may make each move; the services also check the person against the item (an officer of
# THE item's unit; the office: the chairman or staff).
ACTORS = {
    Action.START: Actor.UNIT,
    Action.REPORT: Actor.UNIT,
    Action.CLAIM_DONE: Actor.UNIT,
    Action.VERIFY: Actor.OFFICE,
    Action.REJECT: Actor.OFFICE,
    Action.EXTEND: Actor.OFFICE,
    Action.WITHDRAW: Actor.OFFICE,
}

# Moves that must say why.
NEEDS_REASON = frozenset({Action.REJECT, Action.EXTEND, Action.WITHDRAW})

# Items the chase follows and the boards list as open.
OPEN_STATUSES = frozenset({R.PENDING, R.IN_PROGRESS, R.RECTIFIED})
# Items the unit is still working on (due-date warnings apply).
IN_HANDLING = frozenset({R.PENDING, R.IN_PROGRESS})

ACTIVITY_TRANSITIONS = {
    (A.PLANNED, "hold"): A.HELD,
    (A.PLANNED, "cancel"): A.CANCELLED,
}


def label(action):
    """The words for a timeline step; an unknown action (from a later version) shows as it is."""
    return Action(action).label if action in Action.values else action


def can_transition(status, action):
    return (status, action) in TRANSITIONS


def next_status(status, action):
    return TRANSITIONS[(status, action)]


def allowed_actions(status, actor=None):
    """The moves from `status`, for one kind of actor when given, in the table's order."""
    return [action for (source, action) in TRANSITIONS
            if source == status and (actor is None or ACTORS[action] == actor)]


def can_move_activity(status, move):
    return (status, move) in ACTIVITY_TRANSITIONS
