"""Forms of the office's pages. They check what a form can check; the rules are the services',
and the views put a service's refusal back on the form."""
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import Meeting
from core.models import HandlingUnit
from core.widgets import PlainSelect
from deputies.models import Deputy

from ...models import Category, Suggestion


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _reason(label=_("Reason"), help_text=""):
    return forms.CharField(label=label, help_text=help_text, widget=forms.Textarea(attrs={"rows": 3}))


def _categories():
    return Category.objects.filter(active=True)


def _units():
    return HandlingUnit.objects.filter(active=True).order_by("kind", "sort_order", "name")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class SuggestionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, item):
        return f"{item.reference or item.get_status_display()} · {item.title}"


# --- filters ------------------------------------------------------------------------------------

class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Title, name or number such as 2026-008"),
                                                      "type": "search"}))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None,
                                  widget=PlainSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind of item"), required=False, widget=PlainSelect)
    source = forms.ChoiceField(label=_("Source"), required=False, widget=PlainSelect)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False,
                                      empty_label=_("All"), widget=PlainSelect)
    unit = UnitChoiceField(label=_("Handling unit"), required=False, empty_label=_("All"),
                           queryset=HandlingUnit.objects.order_by("kind", "sort_order", "name"), widget=PlainSelect)
    key = forms.ChoiceField(label=_("Key items"), required=False, widget=PlainSelect,
                            choices=[("", _("All")), ("yes", _("Key items only")), ("no", _("Not key items"))])

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["year"].choices = every + [(year, str(year)) for year in years]
        statuses = [(value, label) for value, label in Suggestion.Status.choices if value != Suggestion.Status.DRAFT]
        self.fields["status"].choices = every + statuses
        self.fields["kind"].choices = every + Suggestion.Kind.choices
        self.fields["source"].choices = every + Suggestion.Source.choices


# --- review -------------------------------------------------------------------------------------

class AcceptForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=_categories(), empty_label=None)
    is_complex = forms.BooleanField(
        label=_("Complex: wide in scope or hard to handle"), required=False,
        help_text=_("Deputies Law Art. 51: six months to answer instead of three."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()


class ReturnForm(forms.Form):
    reason = _reason(help_text=_("The deputy reads this: say what to change."))


class NotAcceptForm(forms.Form):
    reason = _reason(help_text=_("Why it is kept for reference instead; the deputy reads this."))


class CloseForm(forms.Form):
    reason = _reason(help_text=_("For example: the deputy was called twice and did not rate the reply."))


class MergeIntoForm(forms.Form):
    """Merge this item into another one (the survivor)."""

    target = forms.TypedChoiceField(label=_("Merge this item into"), coerce=int)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + list(targets)


class MergeHereForm(forms.Form):
    """Merge likely duplicates into this item."""

    items = SuggestionChoiceField(label=_("Merge these items into this one"), queryset=Suggestion.objects.none(),
                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = Suggestion.objects.filter(pk__in=[item.pk for item in candidates])


# --- assignment and after -----------------------------------------------------------------------

class AssignForm(forms.Form):
    lead_unit = UnitChoiceField(label=_("Lead unit (主办)"), queryset=_units(), empty_label=_("Choose the lead unit"))
    co_units = UnitMultipleChoiceField(label=_("Co-units (协办)"), queryset=_units(), required=False,
                                       widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    is_complex = forms.BooleanField(label=_("Complex: wide in scope or hard to handle"), required=False)
    assigned_on = forms.DateField(label=_("Assigned on"), widget=_date_input(),
                                  help_text=_("The day of the assignment letter; the due date counts from it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units()
        self.fields["co_units"].queryset = _units()

    def clean(self):
        cleaned = super().clean()
        lead, co_units = cleaned.get("lead_unit"), cleaned.get("co_units") or []
        if lead and lead in co_units:
            self.add_error("co_units", _("The lead unit cannot also be a co-unit."))
        return cleaned


class ExtendForm(forms.Form):
    new_due_date = forms.DateField(label=_("New due date"), widget=_date_input())
    reason = _reason(help_text=_("Kept in the item's history."))


class KeyForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Presidium member who leads it"), queryset=Deputy.objects.none())

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["leader"]
        field.queryset = leaders
        field.choices = list(iter(field.choices))  # (not len(): a count query)  # read once: the page asks whether there are any, then lists them
        self.has_leaders = any(value != "" for value, _label in field.choices)


# --- items the office enters --------------------------------------------------------------------

def _sessions():
    return Meeting.objects.filter(kind=Meeting.Kind.SESSION).select_related("term").order_by("-start_date")


class _WhenForm(forms.Form):
    period = forms.ChoiceField(label=_("When raised"), choices=Suggestion.Period.choices,
                               initial=Suggestion.Period.BETWEEN_SESSIONS, widget=forms.RadioSelect)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Meeting.objects.none(), required=False,
                                     empty_label=_("Not during a session"),
                                     help_text=_("Only for items raised during a session."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = _sessions()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == Suggestion.Period.DURING_SESSION and not cleaned.get("session"):
            self.add_error("session", _("Choose the session during which it was raised."))
        return cleaned


class ReceptionEntryForm(_WhenForm):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("Usually written as 关于……的建议."))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(),
                                      empty_label=_("Choose a category"))
    proposer = forms.ModelChoiceField(label=_("Proposing deputy"), queryset=Deputy.objects.none(),
                                      empty_label=_("Choose the deputy"),
                                      help_text=_("One of the deputies who received the voters."))

    field_order = ["title", "content", "category", "proposer", "period", "session"]

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        self.fields["proposer"].queryset = deputies


class LetterForm(forms.Form):
    petitioner = forms.CharField(label=_("Name of the writer or visitor"), max_length=100)
    received_on = forms.DateField(label=_("Received on"), widget=_date_input())
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("What was raised"), widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(),
                                      empty_label=_("Choose a category"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()


class MotionForm(_WhenForm):
    tabled_by = forms.ChoiceField(
        label=_("Tabled by"), widget=forms.RadioSelect, initial=Suggestion.TabledBy.PRESIDIUM,
        choices=[(value, Suggestion.TabledBy(value).label)
                 for value in (Suggestion.TabledBy.PRESIDIUM, Suggestion.TabledBy.GOVERNMENT)],
    )
    proposer = forms.ModelChoiceField(label=_("Presented by"), queryset=Deputy.objects.none(),
                                      empty_label=_("Choose the deputy"),
                                      help_text=_("The deputy who presents the motion on its behalf, "
                                                  "usually the chairman."))
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 8}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(),
                                      empty_label=_("Choose a category"))

    field_order = ["tabled_by", "proposer", "title", "content", "category", "period", "session"]

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        self.fields["proposer"].queryset = deputies
