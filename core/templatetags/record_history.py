"""{% record_history record as entries %}: the record's changes for templates/partials/history.html."""
from django import template

from core.history import record_history as history_of

register = template.Library()


@register.simple_tag
def record_history(record, limit=30):
    return history_of(record, limit=limit)
