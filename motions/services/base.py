"""The one way an item changes status: lock it, check the move against workflow.TRANSITIONS,
move it and record who, when and why as an Event in the same transaction."""
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from .. import workflow
from ..models import Event, Suggestion


def lock(suggestion):
    """Re-read the item under a row lock, so two people acting at once are served in turn."""
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def record_event(*, suggestion, action, actor, comment="", unit=None, from_status="", to_status=""):
    return Event.objects.create(
        suggestion=suggestion, action=action, actor=actor, comment=comment, unit=unit,
        from_status=from_status, to_status=to_status,
    )


@transaction.atomic
def transition(*, suggestion, action, actor, comment="", unit=None, fields=None):
    """Move `suggestion` by `action`, also saving `fields` ({name: value}) on it.

    Returns the locked, updated row. Raises ApplicationError when the move is not allowed from
    the item's current status (someone else may have moved it a moment ago).
    """
    item = lock(suggestion)
    if not workflow.can_transition(item.status, action):
        raise ApplicationError(
            _("This item is now “%(status)s”; “%(action)s” is no longer possible.")
            % {"status": item.get_status_display(), "action": workflow.Action(action).label}
        )
    from_status = item.status
    item.status = workflow.next_status(from_status, action)
    for name, value in (fields or {}).items():
        setattr(item, name, value)
    item._history_user = actor  # the history row names the actor, also when no request is running
    item.save(update_fields=["status", *(fields or {})])
    record_event(suggestion=item, action=action, actor=actor, comment=comment, unit=unit,
                 from_status=from_status, to_status=item.status)
    return item
