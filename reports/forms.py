"""Forms of the performance record: the points of each kind of duty act, and the awards."""
from django import forms
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy, Mandate, RepresentativeGroup
from deputies.services_performance import FIRST_AWARD_YEAR, LAST_AWARD_YEAR, MAX_POINTS, MIN_POINTS

AWARD_TITLES = ("四好代表", "优秀人大代表", "五高代表小组", "优秀代表小组")


class DutyWeightForm(forms.Form):
    """The points of one registered kind of act; its label is the source's."""

    kind = forms.CharField(widget=forms.HiddenInput)
    points = forms.DecimalField(
        label=_("Points per act"), min_value=MIN_POINTS, max_value=MAX_POINTS, max_digits=4, decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "100", "inputmode": "decimal"}),
    )

    def __init__(self, *args, column=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.column = column
        if column is not None:
            self.fields["points"].label = column.label
            self.fields["points"].help_text = _("Default: %(points)s points") % {"points": column.default_points_text}


class BaseDutyWeightFormSet(forms.BaseFormSet):
    """One form per registered source, in the sources' order; `columns` come from duty_columns()."""

    def __init__(self, *args, columns, **kwargs):
        self.columns = columns
        kwargs.setdefault("initial", [{"kind": column.kind, "points": column.points_text} for column in columns])
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["column"] = self.columns[index] if index is not None and index < len(self.columns) else None
        return kwargs

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kinds = [form.cleaned_data.get("kind") for form in self.forms]
        if kinds != [column.kind for column in self.columns]:
            raise forms.ValidationError(
                _("The list of activities has changed since the page was opened. Reload the page and try again.")
            )

    def points_by_kind(self):
        return {form.cleaned_data["kind"]: form.cleaned_data["points"] for form in self.forms}

    def form_for_kind(self, kind):
        return next((form for form in self.forms if form.column and form.column.kind == kind), None)


DutyWeightFormSet = forms.formset_factory(DutyWeightForm, formset=BaseDutyWeightFormSet, extra=0)


class DeputyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, deputy):
        district = f" · {deputy.district}" if deputy.district_id else ""
        return f"{deputy.name}{district}"


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return f"{group.name}（{group.term}）"


class AwardForm(forms.Form):
    """An award to one deputy or one representative group; the service enforces the same rules."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_AWARD_YEAR, max_value=LAST_AWARD_YEAR,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    title = forms.CharField(
        label=_("Title of the award"), max_length=50,
        help_text=_("For example 四好代表 for a deputy or 五高代表小组 for a representative group."),
        widget=forms.TextInput(attrs={"list": "award-titles", "autocomplete": "off"}),
    )
    deputy = DeputyChoiceField(
        label=_("Deputy"), required=False, queryset=Deputy.objects.none(),
        help_text=_("Choose a deputy or a representative group, not both."),
    )
    group = GroupChoiceField(label=_("Representative group"), required=False,
                             queryset=RepresentativeGroup.objects.none())
    given_by = forms.CharField(label=_("Given by"), max_length=100, required=False,
                               help_text=_("For example 中共青山镇委员会"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        township_deputies = Mandate.objects.filter(level=Mandate.Level.TOWNSHIP).values("deputy")
        self.fields["deputy"].queryset = (
            Deputy.objects.filter(pk__in=township_deputies).select_related("district").order_by("name", "pk")
        )
        self.fields["group"].queryset = RepresentativeGroup.objects.select_related("term").order_by("-term__number",
                                                                                                    "name")

    def clean(self):
        cleaned = super().clean()
        if self.has_error("deputy") or self.has_error("group"):
            return cleaned
        if cleaned.get("deputy") and cleaned.get("group"):
            raise forms.ValidationError(_("Choose either a deputy or a representative group, not both."))
        if not cleaned.get("deputy") and not cleaned.get("group"):
            raise forms.ValidationError(_("Choose the deputy or the representative group that receives the award."))
        return cleaned
