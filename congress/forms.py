"""Forms of the congress pages. They check what a form can check; the rules of the law are the
services' to enforce, and the views put a service's refusal back on the form as an error."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FileFormMixin
from core.widgets import ByNameChoiceField
from deputies.models import Term
from deputies.selectors import deputies_in_office

from .models import AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership, Vote


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


UPLOAD_HELP = _("PDF, photo or Word file, at most 10 MB.")
UPLOAD_WIDGET = forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx"})


def model_field(model, name, **kwargs):
    """The form field of a model field, with its label and help text."""
    return model._meta.get_field(name).formfield(**kwargs)


class MeetingForm(FileFormMixin, forms.Form):
    term = model_field(Meeting, "term", queryset=Term.objects.order_by("-number"), empty_label=None)
    kind = model_field(Meeting, "kind")
    number = model_field(Meeting, "number", min_value=1)
    extraordinary = model_field(Meeting, "extraordinary")
    title = model_field(Meeting, "title", help_text=_("Leave empty to use the usual name, such as 第十一届第五次会议."))
    start_date = model_field(Meeting, "start_date", widget=_date_input())
    end_date = model_field(Meeting, "end_date", widget=_date_input(),
                           help_text=_("The same day for a one-day meeting."))
    place = model_field(Meeting, "place")
    convener = model_field(Meeting, "convener")
    agenda_summary = model_field(Meeting, "agenda_summary", widget=forms.Textarea(attrs={"rows": 3}))
    minutes = model_field(Meeting, "minutes", widget=forms.Textarea(attrs={"rows": 5}))
    minutes_file = model_field(Meeting, "minutes_file", help_text=UPLOAD_HELP, widget=UPLOAD_WIDGET)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The meeting cannot end before it begins."))
        return cleaned


class AgendaItemForm(FileFormMixin, forms.Form):
    order = model_field(AgendaItem, "order", min_value=1, required=False,
                        help_text=_("Leave empty to put the item last."))
    kind = model_field(AgendaItem, "kind")
    title = model_field(AgendaItem, "title")
    document = model_field(AgendaItem, "document", help_text=UPLOAD_HELP, widget=UPLOAD_WIDGET)
    notes = model_field(AgendaItem, "notes", widget=forms.Textarea(attrs={"rows": 3}))


class VoteForm(forms.Form):
    votes_for = model_field(Vote, "votes_for", min_value=0)
    votes_against = model_field(Vote, "votes_against", min_value=0)
    abstentions = model_field(Vote, "abstentions", min_value=0)
    adopted_text = model_field(Vote, "adopted_text", widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("The resolution or the result of the election as adopted."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("votes_for", "votes_against", "abstentions"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"


class NoticeForm(forms.Form):
    message = model_field(MeetingNotice, "message", widget=forms.Textarea(attrs={"rows": 6}))
    reply_by = model_field(MeetingNotice, "reply_by", widget=_date_input(),
                           help_text=_("Optional: the day by which deputies should answer."))


class NoticeReplyForm(forms.Form):
    """The deputy presses one of two buttons, "I will attend" or "Ask for leave"; the button's
    value is the answer."""

    answer = forms.ChoiceField(choices=[(NoticeReply.Answer.ATTEND, NoticeReply.Answer.ATTEND.label),
                                        (NoticeReply.Answer.LEAVE, NoticeReply.Answer.LEAVE.label)],
                               widget=forms.HiddenInput)
    leave_reason = model_field(NoticeReply, "leave_reason", label=_("Why can you not come?"),
                               widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == NoticeReply.Answer.LEAVE and not cleaned.get("leave_reason", "").strip():
            self.add_error("leave_reason", _("Please say why you cannot attend."))
        return cleaned


class LeaveDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])


class AttendanceSheetForm(forms.Form):
    """One radio group per expected deputy (present / on leave / absent). A group left empty
    records nothing for that deputy."""

    def __init__(self, rows, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[self.field_name(row.deputy.pk)] = forms.ChoiceField(
                label=row.deputy.name, choices=Attendance.Status.choices, required=False,
                widget=forms.RadioSelect, initial=row.initial,
            )

    @staticmethod
    def field_name(deputy_id):
        return f"d{deputy_id}"

    def marks(self):
        """{deputy_id: status} for every group with a choice."""
        return {row.deputy.pk: self.cleaned_data[self.field_name(row.deputy.pk)]
                for row in self.rows if self.cleaned_data.get(self.field_name(row.deputy.pk))}

    def with_unmarked_present(self):
        """The submitted choices, with every group left empty set to present (nothing is saved)."""
        data = self.data.copy()
        for row in self.rows:
            name = self.field_name(row.deputy.pk)
            if not data.get(name):
                data[name] = Attendance.Status.PRESENT
        return AttendanceSheetForm(self.rows, data)

    def bound_rows(self):
        return [(row, self[self.field_name(row.deputy.pk)]) for row in self.rows]


class MeetingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds"))] + Meeting.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + Meeting.Status.choices)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class PresidiumMemberForm(forms.Form):
    deputy = ByNameChoiceField(label=_("Deputy"), queryset=None)
    position = model_field(PresidiumMembership, "position")
    since = model_field(PresidiumMembership, "since", widget=_date_input())

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies_in_office(term=term).order_by("name")


class PresidiumEndForm(forms.Form):
    until = model_field(PresidiumMembership, "until", required=True, widget=_date_input())
