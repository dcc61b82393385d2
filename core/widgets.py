"""Form widgets and fields shared by the apps."""
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A <select> written out in Python, the same HTML as Django's templates write: they render each
    <option> through a template of its own, which for the lists of a county (every unit, category,
    district, or deputy of a term) cost a page more than its rows (issue 9)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                         f'{_attributes(option["attrs"])}>{conditional_escape(option["label"])}</option>'
                         for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


class _Names(ModelChoiceIterator):
    """(pk, name) pairs read straight from the rows: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class ByNameChoiceField(forms.ModelChoiceField):
    """A row picked by its name from a long drop-down (every deputy of a term, every unit): the
    options are read as (id, name) and written by PlainSelect."""

    iterator = _Names
    widget = PlainSelect


def _attributes(attrs):
    """The attributes in their order, as django/forms/widgets/attrs.html writes them: a False one
    left out, a True one bare."""
    if not attrs:
        return ""
    return "".join(f" {conditional_escape(name)}" if value is True
                   else f' {conditional_escape(name)}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)
