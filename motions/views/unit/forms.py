"""Forms of the unit officer's pages. They check what a form can check; the rules (the return
period, the promised date, the letter's type and size) are the services' to enforce, and the views
put a service's refusal back on the form, keeping what was typed."""
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.exceptions import ApplicationError
from core.forms import FileFormMixin

from ...models import Assignment, Contact, Reply, ResultClass
from ...services.handling import letter_check


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows, placeholder=""):
    attrs = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.Textarea(attrs=attrs)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why is the item not your unit's?"), widget=_text(3),
                             help_text=_("Say which unit it belongs to, if you know."))


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=_date_input())
    way = forms.ChoiceField(label=pgettext_lazy("contact with the deputy", "How"), choices=Contact.Way.choices)
    note = forms.CharField(label=_("What was discussed"), widget=_text(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_label(Assignment, "opinion"), widget=_text(5),
                              help_text=_("The lead unit reads it before it replies."))


class ResultClassRadio(forms.RadioSelect):
    """Radio buttons that say which class needs a promised date, for the page to show that field."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.needs_promise_date:
            option["attrs"]["data-needs-promise"] = "true"
        return option


class ReplyForm(FileFormMixin, forms.Form):
    result_class = forms.ModelChoiceField(label=_("Result"), queryset=ResultClass.objects.none(), empty_label=None,
                                          widget=ResultClassRadio(attrs={"class": "form-check-input"}))
    text = forms.CharField(label=_label(Reply, "text"), widget=_text(8))
    promised_date = forms.DateField(
        label=_("Promised date"), required=False, widget=_date_input(),
        help_text=_("For an item being solved or planned: the day by which the work will be done."),
    )
    signed_by = forms.CharField(label=_label(Reply, "signed_by"), max_length=50)
    letter = forms.FileField(
        label=_("Signed and stamped reply letter"),
        help_text=_("A scan or photo of the letter: PDF, JPEG, PNG or Word, at most 10 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_class"].queryset = ResultClass.objects.filter(active=True)
        self.fields["letter"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.doc,.docx"

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        try:
            letter_check(letter)
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from error
        return letter

    def clean(self):
        cleaned = super().clean()
        result_class = cleaned.get("result_class")
        if result_class and result_class.needs_promise_date and not cleaned.get("promised_date"):
            self.add_error("promised_date", _("A reply of this class needs the date by which the work will be done."))
        return cleaned


class PromiseReportForm(forms.Form):
    report = forms.CharField(label=_("What was done"), widget=_text(5),
                             help_text=_("For example: the road was hardened and checked on 20 June."))
