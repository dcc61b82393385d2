"""The one way a rectification item changes status: lock it, check the move against
workflow.TRANSITIONS, move it and record who, when and why as a RectificationEvent in the same
transaction."""
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from .. import workflow
from ..models import RectificationEvent, RectificationItem


def lock(item):
    """Re-read the item under a row lock, so two people acting at once are served in turn."""
    return RectificationItem.objects.select_for_update().select_related("activity", "unit").get(pk=item.pk)


def record_event(*, item, action, actor, comment="", from_status="", to_status=""):
    return RectificationEvent.objects.create(item=item, action=action, actor=actor, comment=comment,
                                             from_status=from_status, to_status=to_status)


@transaction.atomic
def transition(*, item, action, actor, comment="", fields=None):
    """Move `item` by `action`, also saving `fields` ({name: value}) on it.

    Returns the locked, updated row. Raises ApplicationError when the move is not allowed from
    the item's current status (someone else may have moved it a moment ago).
    """
    locked = lock(item)
    if not workflow.can_transition(locked.status, action):
        raise ApplicationError(
            _("This item is now “%(status)s”; “%(action)s” is no longer possible.")
            % {"status": locked.get_status_display(), "action": workflow.Action(action).label}
        )
    from_status = locked.status
    locked.status = workflow.next_status(from_status, action)
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    locked._history_user = actor  # the history row names the actor, also when no request is running
    locked.save(update_fields=["status", *(fields or {})])
    record_event(item=locked, action=action, actor=actor, comment=comment,
                 from_status=from_status, to_status=locked.status)
    return locked
