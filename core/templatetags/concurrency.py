"""`{% form_tokens form %}`: the hidden tokens of core.concurrency, written inside a <form>."""
import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.concurrency import EDIT_TOKEN, SUBMIT_TOKEN

register = template.Library()


@register.simple_tag(takes_context=True)
def form_tokens(context, form=None):
    """The edit token of a form given `protect_edit`, and the page's one-time submit token: the one
    just posted when the form comes back with errors, a new one otherwise. Every form of a page
    shares it; whichever is sent first uses it up, and the page that follows has a new one."""
    request = context.get("request")
    html = ""
    edit_token = getattr(form, "edit_token_value", "")
    if edit_token:
        html += format_html('<input type="hidden" name="{}" value="{}">', EDIT_TOKEN, edit_token)
    if request is not None:
        if not getattr(request, "submit_token", ""):
            request.submit_token = uuid.uuid4().hex
        html += format_html('<input type="hidden" name="{}" value="{}">', SUBMIT_TOKEN, request.submit_token)
    return mark_safe(html)  # noqa: S308 - joined from format_html pieces, each escaped
