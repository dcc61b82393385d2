"""Form widgets shared by the apps."""
from django import forms
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


def _attributes(attrs):
    """The attributes in their order, as django/forms/widgets/attrs.html writes them: a False one
    left out, a True one bare."""
    if not attrs:
        return ""
    return "".join(f" {conditional_escape(name)}" if value is True
                   else f' {conditional_escape(name)}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)
