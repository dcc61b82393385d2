"""Who may see and do what with congress records (SPEC §1).

Chairman, presidium members and staff read every meeting; the chairman and the staff manage them
(record attendance and votes, send notices, decide leave). A deputy sees the meetings that concern
them — the sessions of their term and, for presidium members, the presidium's meetings — and
answers only their own notices. Handling-unit officers see nothing of the congress.
"""
from core.permissions import get_object_for_user_or_404

from . import selectors
from .models import AgendaItem, Meeting, NoticeReply, PresidiumMembership


def _deputy_of(user):
    return getattr(user, "deputy", None) if user.is_authenticated else None


def can_view_meeting(user, meeting):
    if user.reads_all:
        return True
    deputy = _deputy_of(user)
    return deputy is not None and selectors.deputy_is_concerned(deputy, meeting)


def can_manage_meeting(user, meeting):
    return user.is_office


def can_view_agenda_item(user, item):
    return can_view_meeting(user, item.meeting)


def can_answer_notice_reply(user, reply):
    """Only the deputy the notice was sent to answers it."""
    deputy = _deputy_of(user)
    return deputy is not None and reply.deputy_id == deputy.pk


def can_decide_leave(user, reply):
    return user.is_office


def get_meeting_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, Meeting.objects.select_related("term"), can_view_meeting, pk=pk)


def get_agenda_item_for_user_or_404(user, pk):
    return get_object_for_user_or_404(
        user, AgendaItem.objects.select_related("meeting__term", "vote"), can_view_agenda_item, pk=pk,
    )


def get_notice_reply_for_user_or_404(user, pk):
    return get_object_for_user_or_404(
        user, NoticeReply.objects.select_related("notice__meeting__term", "deputy"), can_answer_notice_reply, pk=pk,
    )


def get_notice_reply_for_decision_or_404(user, pk):
    return get_object_for_user_or_404(
        user, NoticeReply.objects.select_related("notice__meeting", "deputy"), can_decide_leave, pk=pk,
    )


def get_presidium_membership_for_user_or_404(user, pk):
    return get_object_for_user_or_404(
        user, PresidiumMembership.objects.select_related("term", "deputy"), lambda u, m: u.is_office, pk=pk,
    )
