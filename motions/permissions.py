"""Who may see and touch a suggestion. A deputy never reads another deputy's draft; a unit never
reads another unit's items; the office and presidium members read everything."""
from django.db.models import Exists, OuterRef, Q

from core.permissions import get_object_for_user_or_404
from core.roles import Role

from . import workflow
from .models import Assignment, CoSigner, Suggestion

S = Suggestion.Status


def deputy_of(user):
    return getattr(user, "deputy", None) if user.has_role(Role.DEPUTY) else None


def is_proposer(user, suggestion):
    deputy = deputy_of(user)
    return bool(deputy and suggestion.proposer_id == deputy.pk)


def is_cosigner(user, suggestion):
    deputy = deputy_of(user)
    return bool(deputy and CoSigner.objects.filter(suggestion=suggestion, deputy=deputy).exists())


def unit_assignment(user, suggestion):
    """The user's unit's live assignment of the item (lead or co-unit), or None."""
    if not (user.has_role(Role.UNIT_OFFICER) and user.handling_unit_id):
        return None
    return (Assignment.objects.filter(suggestion=suggestion, unit_id=user.handling_unit_id)
            .exclude(status=Assignment.Status.RETURNED).first())


def can_view_suggestion(user, suggestion):
    if suggestion.status == S.DRAFT:
        return is_proposer(user, suggestion)  # not even the office reads a draft
    if user.reads_all:
        return True
    return is_proposer(user, suggestion) or is_cosigner(user, suggestion) or unit_assignment(user, suggestion) is not None


def can_edit_suggestion(user, suggestion):
    """Only the proposer edits, and only a draft or an item returned for revision."""
    return suggestion.status in workflow.EDITABLE and is_proposer(user, suggestion)


def visible_suggestions(user):
    """The items `user` may see, as a queryset (for lists and search)."""
    items = Suggestion.objects.all()
    if user.reads_all:
        return items.exclude(status=S.DRAFT)
    conditions = Q(pk__in=[])
    deputy = deputy_of(user)
    if deputy:
        cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy=deputy)
        conditions |= Q(proposer=deputy) | (Exists(cosigned) & ~Q(status=S.DRAFT))
    if user.has_role(Role.UNIT_OFFICER) and user.handling_unit_id:
        assigned = Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=user.handling_unit_id).exclude(
            status=Assignment.Status.RETURNED
        )
        conditions |= Exists(assigned)
    return items.filter(conditions)


def get_suggestion_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, Suggestion, can_view_suggestion, pk=pk)


def get_editable_suggestion_or_404(user, pk):
    return get_object_for_user_or_404(user, Suggestion, can_edit_suggestion, pk=pk)


def get_assignment_for_unit_or_404(user, pk):
    """An assignment of the officer's own unit; another unit's answers 404."""
    return get_object_for_user_or_404(
        user, Assignment.objects.select_related("suggestion", "unit"),
        lambda u, a: u.has_role(Role.UNIT_OFFICER) and a.unit_id == u.handling_unit_id, pk=pk,
    )
