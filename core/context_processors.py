from django.conf import settings

from . import navigation
from .models import Township
from .selectors import unread_notification_count


def portal(request):
    """What base.html needs on every page: the township, the menu and the unread count."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "portal_name": settings.PORTAL_NAME,
        "township": Township.current(),
        "nav_items": navigation.menu_for(user, _view_name(request)) if signed_in else [],
        "unread_count": unread_notification_count(user) if signed_in else 0,
    }


def _view_name(request):
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None
