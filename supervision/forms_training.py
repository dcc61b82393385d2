"""Forms of the trainings, research reports and the year's figures. They check what a form can
check; the services enforce the rules and their refusals land on the form (core.forms.run_service)."""
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import FileFormMixin
from deputies.forms import DeputyPickerField

from .models import ResearchReport, Training
from .selectors import trainings as selectors


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def model_field(model, name, **kwargs):
    """The form field of a model field, with its label and help text."""
    return model._meta.get_field(name).formfield(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; the service checks each one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=capfirst(Training._meta.get_field("kind").verbose_name),
                             choices=Training.Kind.choices, widget=forms.RadioSelect, initial=Training.Kind.TRAINING)
    topic = model_field(Training, "topic")
    start_date = model_field(Training, "start_date", widget=_date_input())
    end_date = model_field(Training, "end_date", widget=_date_input(),
                           help_text=_("The same day for a one-day training."))
    place = model_field(Training, "place")
    organiser = model_field(Training, "organiser", help_text=_("For example: 县人大常委会, 镇人大主席团."))
    attendees = DeputyPickerField(queryset=None, label=_("Attendees"), required=False,
                                  help_text=_("Deputies in office on the first day, presidium members included."))
    summary = model_field(Training, "summary", widget=forms.Textarea(attrs={"rows": 4}),
                          help_text=_("What was studied or seen; fill it in after the training."))

    def __init__(self, *args, keep=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = selectors.attendee_choices(keep=keep)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The training cannot end before it begins."))
        return cleaned


class TrainingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Training.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Training.Status.choices)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class TrainingCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
                             error_messages={"required": _("Please say why the training is cancelled.")})


class TrainingMaterialsForm(forms.Form):
    files = MultipleFileField(label=_("Add materials"),
                              help_text=_("Handouts, slides or photos: PDF, JPEG, PNG or Word, at most 10 MB each. "
                                          "You may choose several files at once."),
                              error_messages={"required": _("Choose at least one file.")})


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{activity.start_date:%Y-%m-%d} {activity.get_kind_display()}：{activity.topic}"


class ResearchReportForm(FileFormMixin, forms.Form):
    """The office picks the author among presidium members; a presidium member writes as themselves
    (`author` then offers only them)."""

    title = model_field(ResearchReport, "title", label=_("Title"))
    author = forms.ModelChoiceField(queryset=None, label=_("Author"), empty_label=_("— choose the author —"),
                                    help_text=_("A member of the presidium on the day the report was written."))
    written_on = model_field(ResearchReport, "written_on", widget=_date_input())
    activity = ActivityChoiceField(queryset=None, label=_("From the activity"), required=False,
                                   empty_label=_("— not from an activity —"),
                                   help_text=_("The held inspection or survey the report came from, if any."))
    summary = model_field(ResearchReport, "summary", widget=forms.Textarea(attrs={"rows": 5}),
                          help_text=_("The main findings and suggestions, in a few lines."))
    file = model_field(ResearchReport, "file", help_text=_("PDF or Word, at most 10 MB."))

    def __init__(self, *args, own_deputy=None, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if own_deputy is not None:
            self.fields["author"].queryset = type(own_deputy).objects.filter(pk=own_deputy.pk)
            self.fields["author"].empty_label = None
            self.fields["author"].help_text = _("You record a report you wrote yourself.")
        else:
            keep = [report.author] if report is not None else []
            self.fields["author"].queryset = selectors.presidium_deputies(keep=keep)
        self.fields["activity"].queryset = selectors.held_activities_for_choice(
            keep=report.activity if report is not None else None)

    def clean_written_on(self):
        # The service says the same; saying it here shows it with the form's other errors at once.
        written_on = self.cleaned_data["written_on"]
        if written_on > selectors.today():
            raise forms.ValidationError(_("The date it was written cannot be in the future."))
        return written_on
