"""Forms of the roster import (upload a sheet to check) and export (which term, which date)."""
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import FileFormMixin

from .models import Term
from .roster_excel import export_day
from .roster_excel.words import COLUMNS, REQUIRED
from .selectors import current_term

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a roster of 80 deputies is about 20 KB
XLSX_SIGNATURE = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


class DateInput(forms.DateInput):
    """The browser's own date picker: a calendar on a phone, typing at a desk."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


COLUMN_HINTS = {  # what to write in each column of the sheet, for the upload page
    "name": _("Full name"),
    "gender": _("男 or 女"),
    "ethnicity": _("Empty means 汉族"),
    "birth_date": _("Year and month, like 1975.03 or 1975年3月"),
    "political_status": _("中共党员, 共青团员, 民主党派, 无党派人士, 群众…"),
    "education": _("小学, 初中, 高中, 中专, 大专, 本科, 研究生"),
    "occupation": _("工人, 农民, 专业技术人员, 干部 or 其他"),
    "work_unit": _("As the roster should show it"),
    "phone": _("An 11-digit mobile number"),
    "district": _("Its name or number, like 第3选区"),
    "groups": _("A representative group of the term; several separated by 、"),
    "levels": _("镇, or several like 镇、县; empty means 镇"),
}


def column_guide():
    """(header, required, hint) for each column of the sheet."""
    return [(header, key in REQUIRED, COLUMN_HINTS[key]) for key, header in COLUMNS.items()]


def default_term():
    return current_term() or Term.objects.order_by("-number").first()


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, term):
        return f"{term} · {term.start_date:%Y}–{term.end_date:%Y}"


class RosterUploadForm(FileFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Roster sheet"),
        help_text=_("An Excel workbook (.xlsx) of at most 5 MB, in the office's usual layout."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
        error_messages={"required": _("Choose the roster sheet to upload."),
                        "empty": _("The file is empty. Choose the roster sheet again.")},
    )
    term = TermChoiceField(label=_("Term"), queryset=Term.objects.order_by("-number"), empty_label=None,
                           error_messages={"required": _("Choose the term of the roster.")})
    elected_on = forms.DateField(
        label=_("Elected on"), required=False, widget=DateInput(),
        help_text=_("For deputies not yet in the portal. Leave empty for the first day of the term."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["term"].initial = default_term()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            if upload.name.lower().endswith((".xls", ".et", ".csv")):
                raise forms.ValidationError(_("This is not an .xlsx file. In Excel or WPS choose “Save as” → "
                                              "“Excel workbook (*.xlsx)”, then upload that file."))
            raise forms.ValidationError(_("Only Excel workbooks (.xlsx) can be imported."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is %(size)s: at most %(limit)s can be uploaded. A roster is "
                                          "far smaller; check that this is the right file.")
                                        % {"size": filesizeformat(upload.size),
                                           "limit": filesizeformat(MAX_UPLOAD_BYTES)})
        upload.seek(0)
        if upload.read(len(XLSX_SIGNATURE)) != XLSX_SIGNATURE:
            raise forms.ValidationError(_("This file is not really an Excel workbook. Open it in Excel or WPS and "
                                          "save it as .xlsx."))
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        term, elected_on = cleaned.get("term"), cleaned.get("elected_on")
        if term and elected_on and not term.start_date <= elected_on <= term.end_date:
            self.add_error("elected_on", _("The date must fall within %(term)s: %(start)s to %(end)s.") % {
                "term": term, "start": date_format(term.start_date), "end": date_format(term.end_date)})
        return cleaned


class RosterExportForm(forms.Form):
    """Which roster to download: a term (the current one by default) as it stood on a date."""

    term = TermChoiceField(label=_("Term"), queryset=Term.objects.order_by("-number"), required=False,
                           empty_label=None)
    date = forms.DateField(label=_("Roster as of"), required=False, widget=DateInput(),
                           help_text=_("The deputies in office on this day. Leave empty for today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["term"].initial = default_term()

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        # A link with only a date (from the roster "as of" a day) means the term of that day.
        term = cleaned.get("term") or (day and Term.on(day)) or default_term()
        if term is None:
            raise forms.ValidationError(_("No term has been entered yet, so there is no roster to export."))
        if day and not term.start_date <= day <= term.end_date:
            self.add_error("date", _("The date must fall within %(term)s: %(start)s to %(end)s.") % {
                "term": term, "start": date_format(term.start_date), "end": date_format(term.end_date)})
        cleaned["term"], cleaned["date"] = term, export_day(term, day)
        return cleaned
