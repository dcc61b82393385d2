"""The attendance sheet (签到), the vote form (表决) and the absence-rule list."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.concurrency import protect_edit, save_edit, submit_once
from core.forms import run_service
from core.permissions import office_required, reads_all_required
from deputies.models import Term
from deputies.selectors import current_term

from .. import selectors, services
from ..forms import AttendanceSheetForm, VoteForm
from ..models import Attendance
from ..permissions import get_agenda_item_for_user_or_404, get_meeting_for_user_or_404


@office_required
def attendance_sheet(request, pk):
    """One row per expected deputy with three big buttons; answers to the notice pre-tick the rows.
    "Everyone else present" fills the empty rows without saving, so staff check before they save."""
    meeting = get_meeting_for_user_or_404(request.user, pk)
    rows = selectors.attendance_sheet(meeting)
    form = _protect_sheet(AttendanceSheetForm(rows, request.POST or None), meeting)
    if request.method == "POST" and "fill_present" in request.POST:
        form = _protect_sheet(form.with_unmarked_present(), meeting)
    elif form.is_valid():
        changed = save_edit(form, services.attendance_record, meeting=meeting, marks=form.marks(), actor=request.user)
        if changed is not None:
            messages.success(request, _("Attendance saved: %(count)d marks changed.") % {"count": changed})
            return redirect("congress:meeting_detail", meeting.pk)
    return render(request, "congress/attendance_sheet.html", {
        "meeting": meeting, "form": form, "quorum": selectors.meeting_quorum(meeting),
    })


def _protect_sheet(form, meeting):
    """The sheet is refused when another hand changed a mark meanwhile that this one sets otherwise."""
    labels = dict(Attendance.Status.choices)

    def marks(current):
        stored = dict(Attendance.objects.filter(meeting=current).values_list("deputy_id", "status"))
        return {form.field_name(row.deputy.pk): (stored.get(row.deputy.pk, ""), labels.get(stored.get(row.deputy.pk)))
                for row in form.rows}

    return protect_edit(form, meeting, fields=[], extra=marks)


@office_required
@submit_once
def vote_record(request, pk):
    """The vote on one item of a session: the quorum and the votes needed are shown first."""
    item = get_agenda_item_for_user_or_404(request.user, pk)
    vote = getattr(item, "vote", None)
    initial = {name: getattr(vote, name) for name in ("votes_for", "votes_against", "abstentions", "adopted_text")
               } if vote else {"adopted_text": item.title}
    form = VoteForm(request.POST or None, initial=initial)
    if vote:  # a second look at the count must not overwrite a correction made meanwhile
        protect_edit(form, vote)
    if form.is_valid():
        vote = (save_edit if vote else run_service)(form, services.vote_record, agenda_item=item, actor=request.user, **form.cleaned_data)
        if vote is not None:
            messages.success(request, _("The vote is recorded: %(result)s.") % {
                "result": _("passed") if vote.passed else _("not passed")})
            return redirect("congress:meeting_detail", item.meeting_id)
    return render(request, "congress/vote_form.html", {
        "item": item, "meeting": item.meeting, "form": form, "vote": vote,
        "quorum": selectors.meeting_quorum(item.meeting), "not_begun": item.meeting.start_date > selectors.today(),
    })


@reads_all_required
def absence_list(request):
    """Deputies absent without approved leave from two sessions of the term (代表法 Art. 62)."""
    term_number = request.GET.get("term")
    term = (get_object_or_404(Term, number=term_number) if term_number and term_number.isdecimal()
            else current_term() or Term.objects.order_by("-number").first())
    return render(request, "congress/absence_list.html", {
        "term": term, "terms": Term.objects.order_by("-number"),
        "deputies": selectors.deputies_absent_twice(term) if term else [],
    })
