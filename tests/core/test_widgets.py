"""core.widgets.PlainSelect writes the HTML Django's Select writes, whatever the choices and value
(but for the white space between tags, which Django's templates write unevenly)."""
import re

import pytest
from django import forms

from core.widgets import PlainSelect

def same(plain, django):
    tidy = lambda html: re.sub(r">\s+<", "><", html)  # noqa: E731
    return tidy(plain) == tidy(django)


CHOICES = [("", "全部"), ("1", "财政所 <所>"), ("2", 'say "hi" & go'),
           ("组", [("3", "第三"), ("4", "第四")]), ("5", "五")]


@pytest.mark.parametrize("value", [None, "", "2", "4", "9", ["1", "5"]])
@pytest.mark.parametrize("attrs", [None, {"class": "form-select", "required": True, "disabled": False,
                                          "data-x": '<"&>'}])
def test_the_same_html_as_djangos_select(value, attrs):
    plain, django = PlainSelect(choices=CHOICES), forms.Select(choices=CHOICES)
    if isinstance(value, list):
        plain.allow_multiple_selected = django.allow_multiple_selected = True
    extra = {"id": "id_unit"}
    assert same(plain.render("unit", value, attrs=extra), django.render("unit", value, attrs=extra))
    plain.attrs, django.attrs = dict(attrs or {}), dict(attrs or {})
    assert same(plain.render("unit", value), django.render("unit", value))


def test_a_model_choice_field_keeps_the_choice_and_escapes_names(db):
    from core.models import HandlingUnit
    from tests.factories import HandlingUnitFactory

    chosen = HandlingUnitFactory(name="<b>财政所</b>")
    HandlingUnitFactory(name="农业站")
    queryset = HandlingUnit.objects.order_by("name")
    plain = forms.ModelChoiceField(queryset, widget=PlainSelect)
    django = forms.ModelChoiceField(queryset)
    assert same(plain.widget.render("unit", chosen.pk), django.widget.render("unit", chosen.pk))
    assert "&lt;b&gt;财政所&lt;/b&gt;" in plain.widget.render("unit", chosen.pk)


def test_a_choice_by_name_offers_names_keeps_the_choice_and_refuses_another_row(db):
    from core.models import HandlingUnit
    from core.widgets import ByNameChoiceField
    from tests.factories import HandlingUnitFactory

    chosen, other = HandlingUnitFactory(name="<b>财政所</b>"), HandlingUnitFactory(name="农业站")

    class Form(forms.Form):
        unit = ByNameChoiceField(HandlingUnit.objects.exclude(pk=other.pk).order_by("name"), empty_label="全部")

    html = str(Form(data={"unit": chosen.pk})["unit"])
    assert f'<option value="{chosen.pk}" selected>&lt;b&gt;财政所&lt;/b&gt;</option>' in html
    assert "农业站" not in html and '<option value="">全部</option>' in html
    assert Form(data={"unit": chosen.pk}).is_valid()
    refused = Form(data={"unit": other.pk})
    assert not refused.is_valid() and "unit" in refused.errors
