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


# --- the handling unit's officer (承办单位) ----------------------------------------------------

def is_officer_of(user, unit_id):
    """Whether `user` is an officer of the handling unit `unit_id`: a unit acts only on its own items."""
    return bool(unit_id and user.has_role(Role.UNIT_OFFICER) and user.handling_unit_id == unit_id)


def get_live_assignment_for_unit_or_404(user, pk):
    """A live (not returned) assignment of the officer's own unit, with its item; another unit's
    assignment, or one the unit has returned, answers 404."""
    return get_object_for_user_or_404(
        user, Assignment.objects.select_related("suggestion", "suggestion__category", "suggestion__proposer", "unit"),
        lambda u, a: is_officer_of(u, a.unit_id) and a.status != Assignment.Status.RETURNED, pk=pk,
    )


def get_unit_reply_or_404(user, pk):
    """A reply written by the officer's own unit; another unit's reply answers 404."""
    from .models import Reply

    return get_object_for_user_or_404(
        user, Reply.objects.select_related("suggestion", "assignment__unit", "result_class"),
        lambda u, r: is_officer_of(u, r.assignment.unit_id), pk=pk,
    )


# --- the deputy's pages: invitations to co-sign, attachments, reply letters ---------------------

def can_answer_cosign_invitation(user, cosigner):
    """Only the invited deputy opens and answers an invitation to co-sign."""
    deputy = deputy_of(user)
    return bool(deputy and cosigner.deputy_id == deputy.pk)


def can_view_attachment(user, attachment):
    """Whoever may read the item, and a deputy invited to co-sign it (who must read a draft's
    papers before confirming)."""
    return can_view_suggestion(user, attachment.suggestion) or is_cosigner(user, attachment.suggestion)


def get_cosign_invitation_or_404(user, pk):
    return get_object_for_user_or_404(
        user, CoSigner.objects.select_related("suggestion__proposer", "suggestion__category"),
        can_answer_cosign_invitation, pk=pk,
    )


def get_attachment_for_viewer_or_404(user, pk):
    from .models import Attachment

    return get_object_for_user_or_404(user, Attachment.objects.select_related("suggestion"), can_view_attachment, pk=pk)


def get_editable_attachment_or_404(user, pk):
    """An attachment its item's proposer may still remove (draft or returned for revision)."""
    from .models import Attachment

    return get_object_for_user_or_404(user, Attachment.objects.select_related("suggestion"),
                                      lambda u, a: can_edit_suggestion(u, a.suggestion), pk=pk)


def get_reply_for_viewer_or_404(user, pk):
    """A reply (and its signed letter) for whoever may read its item: the proposer, co-signers, the
    office, presidium members and the units handling it."""
    from .models import Reply

    return get_object_for_user_or_404(user, Reply.objects.select_related("suggestion"),
                                      lambda u, r: can_view_suggestion(u, r.suggestion), pk=pk)


# --- the presidium office ----------------------------------------------------------------------

def can_manage_suggestion(user, suggestion):
    """The chairman and staff manage every item but a draft, which only its proposer reads."""
    return user.is_office and suggestion.status != S.DRAFT


def get_suggestion_for_office_or_404(user, pk):
    return get_object_for_user_or_404(user, Suggestion, can_manage_suggestion, pk=pk)


def get_reception_matter_for_office_or_404(user, pk):
    """A matter voters raised at a reception, for the office to enter as an item."""
    from deputies.models import ReceptionMatter

    return get_object_for_user_or_404(
        user, ReceptionMatter.objects.select_related("reception__platform"), lambda u, m: u.is_office, pk=pk,
    )


# --- the public page (anyone, signed in or not) ------------------------------------------------

def can_view_published_suggestion(user, suggestion):
    """Anyone reads an item staff published, and nothing else; a draft never."""
    return suggestion.is_published and suggestion.status != S.DRAFT


def get_published_suggestion_or_404(user, pk):
    return get_object_for_user_or_404(
        user, Suggestion.objects.select_related("category", "proposer"), can_view_published_suggestion, pk=pk,
    )
