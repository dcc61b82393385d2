"""A figure too large for an integer column matches nothing; it never reaches the database."""
import pytest
from django import forms

from core.models import HandlingUnit
from tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db


def test_in_with_a_figure_past_the_column_range_matches_nothing_and_keeps_the_others():
    unit = HandlingUnitFactory()
    assert list(HandlingUnit.objects.filter(pk__in=[10**25])) == []
    assert list(HandlingUnit.objects.filter(pk__in=[10**25, unit.pk, -(10**25)])) == [unit]


def test_a_tick_list_posted_with_a_twenty_digit_id_is_an_invalid_choice_not_a_server_error():
    unit = HandlingUnitFactory()

    class UnitsForm(forms.Form):
        units = forms.ModelMultipleChoiceField(queryset=HandlingUnit.objects.all())

    form = UnitsForm({"units": [str(unit.pk), "9" * 25]})
    assert not form.is_valid()
    assert "units" in form.errors
    assert UnitsForm({"units": [str(unit.pk)]}).is_valid()
