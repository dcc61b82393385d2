import time

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Tell browsers which powerful features no page of the portal may use (settings.PERMISSIONS_POLICY).

    Django's SecurityMiddleware sends the other security headers; this one it does not know.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


SESSION_REFRESHED_AT = "_refreshed_at"


class SlidingSessionMiddleware:
    """Idle expiry: a signed-in session lives SESSION_COOKIE_AGE from the last request, not from
    sign-in. Rather than write the session on every request (SESSION_SAVE_EVERY_REQUEST), the clock
    restarts at most every SESSION_REFRESH_SECONDS, so a session may end that much early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_REFRESHED_AT)
            if last is None or now - last >= settings.SESSION_REFRESH_SECONDS:
                request.session[SESSION_REFRESHED_AT] = now  # saved, with a fresh expiry, after the view
        return self.get_response(request)


def mark_session_fresh(sender, request, user, **kwargs):
    """Signing in starts the clock (connected in CoreConfig.ready)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_REFRESHED_AT] = int(time.time())
