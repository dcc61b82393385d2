"""Forms of the deputies' pages. They check what a form can check; the services check the rules
and their ApplicationError lands on the form as an error next to the field."""
from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.widgets import PlainSelect

from . import selectors
from .models import (
    ContactPlatform,
    Deputy,
    ElectoralDistrict,
    GroupActivity,
    Mandate,
    ReportToVoters,
    RepresentativeGroup,
    Term,
    VoterReception,
)
from .services import PERSON_FIELDS


class DateInput(forms.DateInput):
    """The browser's own date picker: a calendar on a phone, typing at a desk."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DeputyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, deputy):
        return deputy_label(deputy)


class DeputyPickerField(forms.ModelMultipleChoiceField):
    """Tick boxes with a search box above them (templates/deputies/partials/deputy_picker.html)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, deputy):
        return deputy_label(deputy)


def deputy_label(deputy):
    district = deputy.district.area or deputy.district.name if deputy.district_id else ""
    return f"{deputy.name}（{district}）" if district else deputy.name


def _term_choice(**kwargs):
    return forms.ModelChoiceField(Term.objects.all(), label=capfirst(_("term")), initial=selectors.current_term,
                                  **kwargs)


# --- people and mandates -------------------------------------------------------------------------

class DeputyForm(forms.ModelForm):
    class Meta:
        model = Deputy
        fields = list(PERSON_FIELDS)
        widgets = {
            "birth_date": DateInput(),
            "phone": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 11}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = selectors.current_term()
        instance = self.instance
        self.fields["district"].queryset = ElectoralDistrict.objects.filter(
            Q(term=term) | Q(pk=instance.district_id)
        ).order_by("-term__number", "number")
        self.fields["user"].queryset = User.objects.filter(
            Q(deputy__isnull=True, is_active=True) | Q(pk=instance.user_id)
        ).order_by("name", "username")
        self.fields["user"].label_from_instance = lambda user: f"{user.get_full_name()}（{user.username}）"
        self.fields["user"].help_text = _("Accounts are created in the administration; link one here.")

    def person_fields(self):
        return {name: self.cleaned_data.get(name) for name in PERSON_FIELDS if name in self.cleaned_data}


class DeputyCreateForm(DeputyForm):
    term = _term_choice()
    election = forms.ChoiceField(label=capfirst(_("how elected")), choices=Mandate.Election.choices,
                                 initial=Mandate.Election.GENERAL, widget=forms.RadioSelect)
    elected_on = forms.DateField(label=capfirst(_("elected on")), required=False, widget=DateInput(),
                                 help_text=_("Leave empty for the first day of the term."))


class MandateEndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Why the mandate ended"), widget=forms.RadioSelect,
        choices=[(status.value, status.label) for status in Mandate.ENDED_STATUSES],
    )
    ended_on = forms.DateField(label=capfirst(_("ended on")), widget=DateInput(),
                               help_text=_("The first day the deputy no longer holds the office."))
    note = forms.CharField(label=capfirst(_("reason for ending")), max_length=200, required=False,
                           help_text=_("For example: resignation accepted at the 5th session."))


class MandateAddForm(forms.Form):
    level = forms.ChoiceField(label=capfirst(_("level")), choices=Mandate.Level.choices, initial=Mandate.Level.COUNTY)
    term = forms.ModelChoiceField(Term.objects.all(), label=capfirst(_("term")), required=False,
                                  help_text=_("Only for a township mandate."))
    election = forms.ChoiceField(label=capfirst(_("how elected")), choices=Mandate.Election.choices,
                                 initial=Mandate.Election.GENERAL, widget=forms.RadioSelect)
    elected_on = forms.DateField(label=capfirst(_("elected on")), widget=DateInput())


class ByElectionForm(DeputyForm):
    """A by-election: a deputy already on the roster, or a new person entered below."""

    existing = DeputyChoiceField(
        Deputy.objects.select_related("district").order_by("name", "pk"), required=False,
        label=_("A person already on the roster"),
        help_text=_("Leave empty and fill in the new deputy's data below."),
    )
    term = _term_choice()
    elected_on = forms.DateField(label=_("Date of the by-election"), widget=DateInput())

    field_order = ["term", "elected_on", "existing"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PERSON_FIELDS:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("existing"):
            for name, message in (("name", _("Enter the new deputy's name, or choose a person on the roster.")),
                                  ("gender", _("Choose the new deputy's gender."))):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned


# --- groups and platforms -----------------------------------------------------------------------

class GroupForm(forms.ModelForm):
    class Meta:
        model = RepresentativeGroup
        fields = ["term", "name", "area", "leader", "members", "contact_member"]
        field_classes = {"members": DeputyPickerField, "leader": DeputyChoiceField,
                         "contact_member": DeputyChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep = list(self.instance.members.all()) if self.instance.pk else []
        self.fields["members"].queryset = selectors.deputies_for_picker(keep=keep)
        self.fields["members"].help_text = _("At least three deputies (Organic Law, Art. 43).")
        self.fields["members"].required = True
        self.fields["leader"].queryset = selectors.deputies_for_picker(keep=keep)
        self.fields["leader"].required = True
        contact = [self.instance.contact_member] if self.instance.contact_member_id else []
        self.fields["contact_member"].queryset = selectors.deputies_for_picker(keep=contact)
        self.fields["contact_member"].help_text = _("Choose a member of the presidium (主席团成员联系代表小组).")
        self.fields["term"].initial = selectors.current_term()


class GroupActivityForm(forms.ModelForm):
    class Meta:
        model = GroupActivity
        fields = ["date", "topic", "place", "participants", "summary"]
        field_classes = {"participants": DeputyPickerField}
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        participants = self.fields["participants"]
        participants.queryset = group.members.select_related("district").order_by("name", "pk")
        if group.contact_member_id:
            participants.queryset = (
                Deputy.objects.filter(Q(groups=group) | Q(pk=group.contact_member_id)).distinct()
                .select_related("district").order_by("name", "pk")
            )
        participants.required = True
        participants.help_text = _("The members and the presidium member in contact who took part.")
        if not self.is_bound:
            participants.initial = [deputy.pk for deputy in group.members.all()]
            self.fields["date"].initial = selectors.today()


class PlatformForm(forms.ModelForm):
    class Meta:
        model = ContactPlatform
        fields = ["name", "kind", "parent", "address", "reception_days", "duty_deputies", "active"]
        field_classes = {"duty_deputies": DeputyPickerField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = ContactPlatform.objects.exclude(kind=ContactPlatform.Kind.POINT)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("kind", "name")
        self.fields["parent"].help_text = _("A contact station belongs to the deputies' home; a contact point "
                                            "to a station. Leave empty for the deputies' home.")
        keep = list(self.instance.duty_deputies.all()) if self.instance.pk else []
        self.fields["duty_deputies"].queryset = selectors.deputies_for_picker(keep=keep)
        self.fields["duty_deputies"].required = False


# --- receptions and reports to voters ------------------------------------------------------------

class ReceptionForm(forms.ModelForm):
    class Meta:
        model = VoterReception
        fields = ["date", "platform", "deputies", "voters_received", "summary"]
        field_classes = {"deputies": DeputyPickerField}
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3}),
                   "voters_received": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = ContactPlatform.objects.filter(active=True).order_by("kind", "name")
        self.fields["platform"].empty_label = _("Elsewhere (not at a platform)")
        self.fields["deputies"].queryset = selectors.deputies_of_recent_terms()
        self.fields["deputies"].help_text = _("The deputies who received the voters; they must have been in "
                                              "office that day.")
        if not self.is_bound:
            self.fields["date"].initial = selectors.today()


class MatterForm(forms.Form):
    """One thing the voters raised."""

    content = forms.CharField(label=capfirst(_("what was raised")), widget=forms.Textarea(attrs={"rows": 2}))
    raised_by = forms.CharField(label=capfirst(_("raised by")), max_length=50, required=False,
                                help_text=_("The voter, if they wish"))


MatterFormSet = forms.formset_factory(MatterForm, extra=1, max_num=50, validate_max=True)


class ReportToVotersForm(forms.ModelForm):
    class Meta:
        model = ReportToVoters
        fields = ["deputy", "date", "place", "voters_attending", "rating", "summary"]
        field_classes = {"deputy": DeputyChoiceField}
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3}),
                   "voters_attending": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                   "rating": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = selectors.deputies_of_recent_terms()
        self.fields["rating"].choices = [("", _("Not rated")), *ReportToVoters.Rating.choices]
        if not self.is_bound:
            self.fields["date"].initial = selectors.today()


# --- filters of the list pages ------------------------------------------------------------------

class FilterForm(forms.Form):
    """A GET form whose wrong values are ignored, field by field, instead of breaking the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def value(self, name, default=None):
        """The cleaned value of a field, or `default` when it is empty or wrong."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or default


class RosterFilterForm(FilterForm):
    on = forms.DateField(label=_("Roster as of"), required=False, widget=DateInput())
    level = forms.ChoiceField(label=capfirst(_("level")), choices=Mandate.Level.choices, required=False)
    district = forms.ModelChoiceField(
        ElectoralDistrict.objects.order_by("-term__number", "number"), label=capfirst(_("electoral district")),
        required=False, empty_label=_("All districts"), widget=PlainSelect,
    )
    status = forms.ChoiceField(label=capfirst(_("status")), choices=selectors.RosterStatus.CHOICES, required=False)
    q = forms.CharField(label=_("Search"), max_length=50, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, work unit or phone")}))


class ReceptionFilterForm(FilterForm):
    year = forms.IntegerField(label=capfirst(_("year")), required=False, min_value=2000, max_value=2100)
    platform = forms.ModelChoiceField(
        ContactPlatform.objects.order_by("kind", "name"), label=capfirst(_("contact platform")), required=False,
        empty_label=_("All platforms"), widget=PlainSelect,
    )


class TermFilterForm(FilterForm):
    term = forms.ModelChoiceField(Term.objects.all(), label=capfirst(_("term")), required=False, empty_label=None)
