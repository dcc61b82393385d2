"""Forms of the rectification pages. They check what a form can check (a date, a choice, the file
types); the rules are the services' (supervision.services.rectification), and the views put a
service's refusal back on the form with everything typed kept."""
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from core.widgets import ByNameChoiceField
from core.files import upload_check
from core.models import HandlingUnit
from core.selectors_chase import COLOUR_LABELS

from .models import RectificationItem
from .selectors.rectification import OPEN
from .services.rectification import MAX_FILES

R = RectificationItem.Status
ACCEPT = ".pdf,.jpg,.jpeg,.png,.doc,.docx"


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows, placeholder=""):
    attrs = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.Textarea(attrs=attrs)


def _units(active_only=True):
    units = HandlingUnit.objects.order_by("kind", "sort_order", "name")
    return units.filter(active=True) if active_only else units


# --- the office ---------------------------------------------------------------------------------

class ItemForm(forms.Form):
    """One problem found, for one unit, by a deadline (record or edit)."""

    problem = forms.CharField(label=_("Problem found"), widget=_text(4, _("Where, what is wrong, as the activity found it")))
    requirement = forms.CharField(label=_("What must be done"), required=False, widget=_text(3),
                                  help_text=_("The rectification asked for, if the opinions say it."))
    unit = ByNameChoiceField(label=_("Responsible unit"), queryset=_units(), empty_label=_("— choose the unit —"))
    deadline = forms.DateField(label=_("Deadline"), widget=_date_input(),
                               help_text=_("Three months from today unless the opinions say otherwise."))

    def __init__(self, *args, current_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = _units(active_only=False)
        # An item being edited keeps its unit among the choices even if the unit is no longer active.
        self.fields["unit"].queryset = units.filter(Q(active=True) | Q(pk=getattr(current_unit, "pk", None)))


class ItemFilterForm(forms.Form):
    """GET filters; a value that is not one of the choices is ignored (that filter shows all)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = ByNameChoiceField(label=_("Responsible unit"), required=False, empty_label=_("All"),
                           queryset=_units(active_only=False))
    year = forms.TypedChoiceField(label=_("Year assigned"), coerce=int, required=False, empty_value=None)
    colour = forms.ChoiceField(label=_("Colour"), required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["status"].choices = every + [(OPEN, _("Open (not yet verified)")), *R.choices]
        self.fields["year"].choices = every + [(year, str(year)) for year in years]
        self.fields["colour"].choices = every + [(key, COLOUR_LABELS[key]) for key in ("red", "yellow")]

    def filters(self):
        """The valid filters only: a bad value in one field drops that filter alone."""
        self.is_valid()
        data = self.cleaned_data
        return {"status": data.get("status") or "", "unit": data.get("unit"), "year": data.get("year"),
                "colour": data.get("colour") or ""}


class VerifyForm(forms.Form):
    comment = forms.CharField(label=_("Note on the verification"), required=False, widget=_text(2),
                              help_text=_("For example: checked on site on 20 June with the village committee."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=_text(3))

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class ExtendForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"), widget=_date_input())
    reason = forms.CharField(label=_("Reason for the extension"), widget=_text(3))


# --- the unit -----------------------------------------------------------------------------------

class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; each is checked by the upload rules
    (core.files.upload_check: PDF, JPEG, PNG or Word, at most 10 MB, really of its type)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)d files to one report.") % {"count": MAX_FILES})
        errors = []
        for upload in files:
            try:
                upload_check(upload)
            except ApplicationError as error:
                errors.append(error.message)
        if errors:
            raise forms.ValidationError(errors)
        return files


class ReportForm(forms.Form):
    """A progress report, or with `completion` the report that the rectification is done."""

    text = forms.CharField(label=_("What has been done"), widget=_text(5))
    files = MultipleFileField(label=_("Photos or documents"), required=False,
                              help_text=_("You may choose several at once: photos (JPEG or PNG), PDF or Word, "
                                          "at most 10 MB each."))

    def __init__(self, *args, completion=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = ACCEPT
        if completion:
            self.fields["text"].label = _("How the problem was rectified")
            self.fields["text"].widget.attrs["placeholder"] = _("What was done, when, and how it can be checked")
            self.fields["files"].label = _("Photos or documents of the result")
            self.fields["files"].help_text = _("Recommended: a photo of the result or the document that shows it. "
                                               "Photos (JPEG or PNG), PDF or Word, at most 10 MB each.")

