"""Forms of the deputy's pages. They check what a form can check (a title, the file types); the
services check the rules, and their ApplicationError lands on the form next to its field."""
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from congress.models import Meeting
from core.exceptions import ApplicationError
from core.forms import FileFormMixin
from deputies.forms import DeputyPickerField

from ...models import Category, Rating, Suggestion
from ...selectors.deputy import cosigner_candidates, session_choices
from ...services.deputy import MAX_ATTACHMENTS, upload_check

SEND = "send"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; each is checked by the upload rules."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Choose at most %(count)d files.") % {"count": MAX_ATTACHMENTS})
        errors = []
        for upload in files:
            try:
                upload_check(upload)
            except ApplicationError as error:
                errors.append(error.message)
        if errors:
            raise forms.ValidationError(errors)
        return files


class SuggestionDraftForm(FileFormMixin, forms.Form):
    """A suggestion or motion as the deputy writes it. A draft needs only a title; sending it needs
    the content and a category as well (the "send" button)."""

    kind = forms.ChoiceField(label=_("What is it?"), choices=Suggestion.Kind.choices, widget=forms.RadioSelect,
                             initial=Suggestion.Kind.SUGGESTION)
    title = forms.CharField(label=_("Title"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("For example: repair the farm road of 青山村")}))
    content = forms.CharField(
        label=_("What is the problem, and what do you suggest?"), required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain words are fine: where, what is wrong, who is affected, what should be done."),
    )
    category = forms.ModelChoiceField(Category.objects.filter(active=True), label=capfirst(_("category")), required=False,
                                      empty_label=_("— choose one —"))
    period = forms.ChoiceField(label=_("When do you raise it?"), choices=Suggestion.Period.choices,
                               widget=forms.RadioSelect, initial=Suggestion.Period.BETWEEN_SESSIONS)
    session = forms.ModelChoiceField(Meeting.objects.none(), label=_("Which session?"), required=False,
                                     empty_label=_("— choose the session —"))
    files = MultipleFileField(
        label=_("Add photos or documents"), required=False,
        help_text=_("PDF, photos (JPEG or PNG) or Word files, at most 10 MB each."),
    )

    def __init__(self, *args, sending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        self.fields["session"].queryset = session_choices()

    def clean(self):
        data = super().clean()
        if self.sending:
            if not data.get("content"):
                self.add_error("content", _("Write what the item is about before sending it."))
            if not data.get("category"):
                self.add_error("category", _("Choose a category before sending the item."))
        if data.get("period") == Suggestion.Period.DURING_SESSION and not data.get("session"):
            self.add_error("session", _("Choose the session during which you raise this item."))
        return data

    @classmethod
    def initial_from(cls, item):
        return {name: getattr(item, name) for name in ("kind", "title", "content", "category", "period", "session")}


class InviteForm(forms.Form):
    deputies = DeputyPickerField(queryset=None, label=_("Deputies to invite"))

    def __init__(self, *args, suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = cosigner_candidates(suggestion)


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("Are you satisfied with the answer?"),
                                     choices=Rating.Satisfaction.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Your comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Needed when you are not satisfied: say what is still not solved."))

    def clean(self):
        data = super().clean()
        if data.get("satisfaction") == Rating.Satisfaction.UNSATISFIED and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what is not solved, so the unit knows what to do again."))
        return data
