"""The pickers of the statistics page and the public search. Both are GET forms: a value that does
not fit (an old bookmark, a unit that no longer leads any item) is dropped, never an error page."""
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import HandlingUnit
from core.widgets import PlainSelect

from .models import Category


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class StatisticsPicker:
    """?year= and ?session= of the statistics pages: a year that has items (else the newest), and a
    session of that year (else the whole year)."""

    def __init__(self, params, *, years, sessions_of):
        year = _int_or_none(params.get("year"))
        self.years = years
        self.year = year if year in years else years[0]
        self.sessions = sessions_of(self.year)
        session_id = _int_or_none(params.get("session"))
        self.session = next((session for session in self.sessions if session.pk == session_id), None)

    @property
    def query(self):
        return f"year={self.year}" + (f"&session={self.session.pk}" if self.session else "")


SELECT = {"class": "form-select"}


class PublicSearchForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, widget=PlainSelect)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False,
                                      empty_label=_("All categories"), widget=PlainSelect(attrs=SELECT))
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=HandlingUnit.objects.none(), required=False,
                                  empty_label=_("All units"), widget=PlainSelect(attrs=SELECT))
    text = forms.CharField(label=_("Words in the title or text"), max_length=50, required=False)

    def __init__(self, data, *, years, categories, units):
        super().__init__(data)
        self.fields["year"].choices = [(year, _("Year %(year)s") % {"year": year}) for year in years]
        self.fields["category"].queryset = categories
        self.fields["unit"].queryset = units
        self.years = years
        self.is_valid()  # a bad value is dropped below, not shown as an error

    def value(self, name):
        return getattr(self, "cleaned_data", {}).get(name) if name not in self.errors else None

    @property
    def chosen_year(self):
        """The year asked for, if it has items; the newest otherwise."""
        return self.value("year") or self.years[0]

    @property
    def filters(self):
        return {"year": self.chosen_year, "category": self.value("category"), "unit": self.value("unit"),
                "text": (self.value("text") or "").strip()}

    @property
    def query(self):
        """The search as a query string, to keep it across pages."""
        filters = self.filters
        params = {"year": filters["year"]}
        params.update({name: filters[name].pk for name in ("category", "unit") if filters[name]})
        if filters["text"]:
            params["text"] = filters["text"]
        return urlencode(params)
