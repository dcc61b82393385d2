"""The deputy's own meetings, on a phone: what is coming, the notice to answer, what is past."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import run_service

from .. import selectors, services
from ..forms import NoticeReplyForm
from ..models import Meeting, NoticeReply
from ..permissions import get_notice_reply_for_user_or_404


def _own_deputy(user):
    """The deputy record linked to the account; an account without one has no meetings of its own."""
    deputy = getattr(user, "deputy", None)
    if deputy is None:
        raise Http404
    return deputy


def my_meetings(request):
    deputy = _own_deputy(request.user)
    meetings = selectors.meetings_for_deputy(deputy)
    return render(request, "congress/my_meetings.html", {
        "deputy": deputy, "upcoming": meetings["upcoming"], "past": meetings["past"],
        "pending": selectors.pending_notice_replies(deputy),
    })


def notice_reply(request, pk):
    """Answer a notice: one big button to attend, or a reason and a button to ask for leave."""
    reply = get_notice_reply_for_user_or_404(request.user, pk)
    meeting = reply.notice.meeting
    initial = {"leave_reason": reply.leave_reason}
    form = NoticeReplyForm(request.POST or None, initial=initial)
    if form.is_valid():
        saved = run_service(form, services.notice_reply, reply=reply, actor=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("Thank you. The office will see your leave request.")
                             if saved.answer == NoticeReply.Answer.LEAVE else _("Thank you. See you at the meeting."))
            return redirect("congress:my_meetings")
    latest = selectors.latest_notice(meeting)
    open_for_answers = (latest.pk == reply.notice_id and meeting.status == Meeting.Status.PLANNED
                        and meeting.start_date >= selectors.today())
    return render(request, "congress/notice_reply.html", {
        "reply": reply, "meeting": meeting, "notice": reply.notice, "form": form, "open": open_for_answers,
    })
