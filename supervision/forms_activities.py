"""Forms of the activity pages. They check what a form can check (numbers, dates, the end after
the start); the services enforce the rules of SPEC §5, and the views put a service's refusal back
on the form with everything typed kept."""
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import FileFormMixin
from core.models import HandlingUnit
from deputies.forms import DateInput, DeputyPickerField
from deputies.models import Deputy

from .models import Activity, ActivityFile, SatisfactionVote
from .selectors import activities as selectors
from .services.activities import MAX_BALLOTS


def model_field(model, name, **kwargs):
    """The form field of a model field, with its label and help text."""
    return model._meta.get_field(name).formfield(**kwargs)


def _text(rows):
    return forms.Textarea(attrs={"rows": rows})


class UnitPickerField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return str(activity)


class ActivityFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Activity.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Activity.Status.choices)
    q = forms.CharField(label=_("Topic"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words of the topic")}))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


def _selected_ids(form, name, current):
    """The ids chosen in the submitted form (or recorded on the activity), so that a choice
    stays on offer even when it is no longer among the usual ones."""
    if form.is_bound:
        return [value for value in form.data.getlist(name) if str(value).isdecimal()]
    return [obj.pk for obj in current]


class ActivityForm(FileFormMixin, forms.Form):
    """Plan or edit an activity. The deputies offered are those in office on its first day (today's
    while planning a new one); once held, the form also carries what was done and the opinions."""

    kind = model_field(Activity, "kind")
    topic = model_field(Activity, "topic")
    start_date = model_field(Activity, "start_date", widget=DateInput())
    end_date = model_field(Activity, "end_date", widget=DateInput(),
                           help_text=_("The same day for a one-day activity."))
    place = model_field(Activity, "place")
    units = UnitPickerField(HandlingUnit.objects.none(), label=capfirst(_("units concerned")), required=False)
    leader = forms.ModelChoiceField(None, label=capfirst(_("led by")), required=False,
                                    empty_label=_("— choose the presidium member —"),
                                    help_text=_("A presidium member serving on the first day."))
    participants = DeputyPickerField(None, label=capfirst(_("deputies who took part")), required=False,
                                     help_text=_("Township deputies in office on the first day."))
    follows = ActivityChoiceField(None, label=capfirst(_("follows up")), required=False,
                                  empty_label=_("— for a follow-up inspection only —"),
                                  help_text=_("Needed for a follow-up inspection (回头看): the earlier activity, "
                                              "already held, that it checks on."))
    plan_note = model_field(Activity, "plan_note", widget=_text(3))
    # Shown once the activity is held.
    summary = model_field(Activity, "summary", widget=_text(5))
    findings = model_field(Activity, "findings", widget=_text(5),
                           help_text=_("The problems found; each can then become a rectification item."))
    opinion_text = model_field(Activity, "opinion_text", widget=_text(5), label=_("Text of the opinions"))
    opinion_file = model_field(Activity, "opinion_file", help_text=_("PDF, photo or Word file, at most 10 MB."))
    opinion_sent_on = model_field(Activity, "opinion_sent_on", widget=DateInput())

    OUTCOME = ("summary", "findings", "opinion_text", "opinion_file", "opinion_sent_on")

    def __init__(self, *args, activity=None, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        held = activity is not None and activity.status == Activity.Status.HELD
        if not held:
            for name in self.OUTCOME:
                del self.fields[name]
        day = self._reference_day()
        self.fields["units"].queryset = selectors.unit_choices(
            _selected_ids(self, "units", self._recorded(activity, "units")))
        self.fields["participants"].queryset = selectors.participant_choices(
            day, _selected_ids(self, "participants", self._recorded(activity, "participants")))
        self.fields["follows"].queryset = selectors.follows_choices(
            exclude=activity.pk if activity else None, include=activity.follows_id if activity else None)
        if user.is_office:
            chosen = self.data.get("leader") if self.is_bound else None
            include = int(chosen) if chosen and str(chosen).isdecimal() else (activity.leader_id if activity else None)
            self.fields["leader"].queryset = selectors.leader_choices(day, include)
        else:
            # A presidium member records the activities they lead: they are the leader (the
            # service checks that they serve on the first day).
            own = getattr(user, "deputy", None)
            self.fields["leader"].queryset = Deputy.objects.filter(pk=own.pk if own else None)
            self.fields["leader"].required = True
            self.fields["leader"].empty_label = None
            self.fields["leader"].help_text = _("You lead the activities you record.")

    def _recorded(self, activity, name):
        """The activity's units or participants: those of `initial_from` when given (read once)."""
        if activity is None:
            return []
        return self.initial[name] if name in self.initial else getattr(activity, name).all()

    def _reference_day(self):
        """The first day the form is about: the one typed, or the activity's, or today."""
        if self.is_bound:
            try:
                return self.fields["start_date"].clean(self.data.get("start_date"))
            except forms.ValidationError:
                pass
        return self.activity.start_date if self.activity else selectors.today()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The activity cannot end before it begins."))
        follow_up = cleaned.get("kind") == Activity.Kind.FOLLOW_UP
        if follow_up and not cleaned.get("follows") and "follows" not in self.errors:
            self.add_error("follows", _("A follow-up inspection (回头看) must name the earlier activity it checks on."))
        return cleaned

    @classmethod
    def initial_from(cls, activity):
        names = ("kind", "topic", "start_date", "end_date", "place", "leader", "follows", "plan_note", *cls.OUTCOME)
        initial = {name: getattr(activity, name) for name in names}
        initial["units"] = list(activity.units.all())
        initial["participants"] = list(activity.participants.all())
        return initial


class HoldForm(FileFormMixin, forms.Form):
    """Record the activity held: its actual dates, what was done, the findings and opinions, and
    the deputies who really took part (those planned are ticked)."""

    start_date = model_field(Activity, "start_date", widget=DateInput(), help_text=_("The day it actually began."))
    end_date = model_field(Activity, "end_date", widget=DateInput())
    summary = model_field(Activity, "summary", required=True, widget=_text(5),
                          help_text=_("Where the deputies went, what they saw and heard, whom they met."))
    findings = model_field(Activity, "findings", widget=_text(5),
                           help_text=_("The problems found; each can then become a rectification item."))
    opinion_text = model_field(Activity, "opinion_text", widget=_text(5), label=_("Text of the opinions"))
    opinion_file = model_field(Activity, "opinion_file", help_text=_("PDF, photo or Word file, at most 10 MB."))
    opinion_sent_on = model_field(Activity, "opinion_sent_on", widget=DateInput())
    participants = DeputyPickerField(None, label=capfirst(_("deputies who took part")), required=False,
                                     help_text=_("Untick those who did not come; tick those who came instead."))

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        day = activity.start_date
        if self.is_bound:
            try:
                day = self.fields["start_date"].clean(self.data.get("start_date"))
            except forms.ValidationError:
                pass
        self.fields["participants"].queryset = selectors.participant_choices(
            day, _selected_ids(self, "participants", activity.participants.all()))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The activity cannot end before it begins."))
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason for cancelling")), widget=_text(3), max_length=2000,
                             error_messages={"required": _("Say why the activity is cancelled.")})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once; cleans to a list of uploads."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class FilesForm(FileFormMixin, forms.Form):
    files = MultipleFileField(label=_("Photos and documents"), required=False,
                              help_text=_("Choose one or several: photos (JPEG or PNG), PDF or Word files, "
                                          "at most 10 MB each."))
    caption = model_field(ActivityFile, "caption", help_text=_("Optional; given to every file of this upload."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs.update({"accept": ".jpg,.jpeg,.png,.pdf,.doc,.docx"})

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("Choose at least one photo or document."))
        return files


class CaptionForm(forms.Form):
    caption = model_field(ActivityFile, "caption")


def _tally(name, **kwargs):
    return model_field(SatisfactionVote, name, min_value=0, max_value=MAX_BALLOTS,
                       widget=forms.NumberInput(attrs={"inputmode": "numeric"}), **kwargs)


class VoteForm(forms.Form):
    unit = forms.ModelChoiceField(None, label=capfirst(_("unit evaluated")), required=False,
                                  empty_label=_("— none: a special work report —"),
                                  help_text=_("For the evaluation of a government office."))
    subject = model_field(SatisfactionVote, "subject", required=False,
                          help_text=_("Leave empty to use the unit's name."))
    held_on = model_field(SatisfactionVote, "held_on", widget=DateInput())
    ballots = _tally("ballots")
    satisfied = _tally("satisfied", required=True)
    basically_satisfied = _tally("basically_satisfied", required=True)
    unsatisfied = _tally("unsatisfied", required=True)
    note = model_field(SatisfactionVote, "note", widget=_text(2))

    def __init__(self, *args, include_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.unit_choices([include_unit] if include_unit else [])

    def clean(self):
        cleaned = super().clean()
        tallies = [cleaned.get(name) for name in ("satisfied", "basically_satisfied", "unsatisfied")]
        ballots = cleaned.get("ballots")
        if ballots is not None and None not in tallies and sum(tallies) > ballots:
            self.add_error("ballots", _("%(counted)d votes are counted (satisfied, basically satisfied and "
                                        "unsatisfied together), more than the %(ballots)d ballots issued. Check "
                                        "the tallies.") % {"counted": sum(tallies), "ballots": ballots})
        if not cleaned.get("unit") and not (cleaned.get("subject") or "").strip() and "subject" not in self.errors:
            self.add_error("subject", _("Say what was evaluated, or choose the unit."))
        return cleaned

    @classmethod
    def initial_from(cls, vote):
        return {name: getattr(vote, name) for name in
                ("unit", "subject", "held_on", "ballots", "satisfied", "basically_satisfied", "unsatisfied", "note")}
