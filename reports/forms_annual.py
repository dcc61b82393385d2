"""Forms of the year-end report and the plan items. They check what a form can check; the
services enforce the rules and their refusals land on the form (core.forms.run_service)."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Meeting
from supervision.models import Activity, Training

from .models import PlanItem, ReportSection


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, this_year - 5, -1)]


class DraftForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=200)
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One paragraph per line. The figures are written by the portal."),
    )

    def __init__(self, *args, section: ReportSection, **kwargs):
        kwargs.setdefault("initial", {"heading": section.heading, "narrative": section.narrative})
        kwargs.setdefault("prefix", f"section-{section.key}")
        super().__init__(*args, **kwargs)
        self.section = section


class FinaliseForm(forms.Form):
    doc_number = forms.CharField(label=_("Issue number (文号)"), max_length=50,
                                 help_text=_("For example 青人发〔2026〕5号. No other document may bear it."),
                                 error_messages={"required": _("Give the issue number (文号) of the report.")})
    issued_on = forms.DateField(label=_("Date of the report"), widget=_date_input(),
                                error_messages={"required": _("Give the date of the report.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()


def _record_label(record):
    return f"{record.start_date:%Y-%m-%d} {record}"


class PlanItemForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the plan"), min_value=2000, max_value=2100)
    category = forms.ChoiceField(label=_("Category"), choices=PlanItem.Category.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    planned_month = forms.TypedChoiceField(
        label=_("Planned month"), required=False, coerce=int, empty_value=None,
        choices=[("", "—")] + [(month, _("Month %(month)d") % {"month": month}) for month in range(1, 13)],
    )
    activity = forms.ModelChoiceField(label=_("Carried out by the supervision activity"), required=False,
                                      queryset=Activity.objects.none())
    meeting = forms.ModelChoiceField(label=_("Carried out by the meeting"), required=False,
                                     queryset=Meeting.objects.none())
    training = forms.ModelChoiceField(label=_("Carried out by the training"), required=False,
                                      queryset=Training.objects.none())

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = year
        # The records of the plan's year (and the year before, for a plan entered late).
        years = (year - 1, year, year + 1)
        self.fields["activity"].queryset = (Activity.objects.filter(start_date__year__in=years)
                                            .exclude(status=Activity.Status.CANCELLED).order_by("start_date", "pk"))
        self.fields["meeting"].queryset = (Meeting.objects.filter(start_date__year__in=years).select_related("term")
                                           .exclude(status=Meeting.Status.CANCELLED).order_by("start_date", "pk"))
        self.fields["training"].queryset = (Training.objects.filter(start_date__year__in=years)
                                            .exclude(status=Training.Status.CANCELLED).order_by("start_date", "pk"))
        for name in ("activity", "meeting", "training"):
            self.fields[name].label_from_instance = _record_label
