"""The header and the footer that frame every page, rendered once per worker for each set of things
they show and from then on read from memory.

Rendering the two templates took a signed-in page about a third of its time (issue 9), and what
they show changes seldom: the user's name, role and menu, the page's menu entry, the unread count,
the township and the language. Those values are the key of the copy kept (`_shown`); a change to
any of them renders the templates anew, so nothing is invalidated and nothing is shared between
users but the markup itself. The two things that differ on each request are not rendered into the
copy: the CSRF token of the sign-out and language forms and the path the language switch returns
to go in as markers and are put in place on each request.

A template rendered through {% chrome %} may show only what `_shown` lists; tests/core/
test_chrome.py renders each through the tag and without it and compares.
"""
import threading
from collections import OrderedDict

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

KEPT = 1024  # copies per worker (a few KB each); the least recently used goes first
_CSRF_MARK = "\x00csrf-token\x00"
_PATH_MARK = "\x00request-path\x00"

_kept = OrderedDict()
_lock = threading.Lock()


class _PathOnly:
    """Stands for the request while a copy is rendered: the templates read only its path."""

    def get_full_path(self):
        return _PATH_MARK


@register.simple_tag(takes_context=True)
def chrome(context, template_name):
    """{% chrome "partials/header.html" %}: the template as {% include %} would render it."""
    if settings.DEBUG:  # templates edited while the development server runs show at once
        return get_template(template_name).template.render(context)
    key = (template_name, *_shown(context))
    with _lock:
        markup = _kept.get(key)
        if markup is not None:
            _kept.move_to_end(key)
    if markup is None:
        with context.push(csrf_token=_CSRF_MARK, request=_PathOnly()):
            markup = get_template(template_name).template.render(context)
        with _lock:
            _kept[key] = markup
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    request = context.get("request")
    path = escape(request.get_full_path()) if request is not None else ""
    return mark_safe(markup.replace(_CSRF_MARK, str(context.get("csrf_token", ""))).replace(_PATH_MARK, path))


def _shown(context):
    """Everything the header and the footer show, as a key."""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    township = context.get("township")
    return (
        get_language(),
        context.get("portal_name"),
        (township.pk, township.presidium_name, township.address, township.phone) if township is not None else None,
        signed_in,
        (user.pk, user.get_full_name(), user.primary_role) if signed_in else None,
        context.get("unread_count"),
        tuple((entry.url_name, entry.current) for entry in context.get("nav_items") or ()),
    )

