"""Sign-in lockout (django-axes) fitted to the portal: who a failure counts against, which address
it came from, and what the person sees when locked out.

The rules (settings in config/settings/base.py, from the environment):

- LOGIN_FAILURE_LIMIT failed sign-ins (5) lock the person for LOGIN_LOCKOUT_MINUTES (30), counted
  from the last failure, whichever address they come from; the same number from one address locks
  that address for every account. A failure while locked restarts the clock.
- A person is their account, whether they typed the user name (any case) or the mobile number, so
  an attacker gets five guesses per person, not five per spelling. A name that is no account counts
  under itself, so trying it says nothing about whether an account exists.
- The address is the connection's own unless TRUSTED_PROXY_COUNT says how many reverse proxies
  (deploy/nginx.conf is one) stand in front; then it is the address the outermost of them saw, read
  from the right of X-Forwarded-For, so a client's own X-Forwarded-For entries are never believed.
- Staff unlock in the admin (访问尝试: delete the rows) or with `manage.py axes_reset_username NAME`
  / `axes_reset_ip ADDRESS`.
"""
import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from .backends import user_for_login


def client_ip(request):
    """The address a request came from, believing X-Forwarded-For only as far as our own proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Each trusted proxy appends the address it was reached from; entries left of those are the
    # client's own claims. With fewer entries than proxies the left-most is still a proxy's.
    candidate = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_username(request, credentials=None):
    """The name failures are counted under: the account's user name for any login that finds it."""
    field = get_user_model().USERNAME_FIELD
    typed = credentials.get(field) if credentials else request.POST.get(field)
    if not typed:
        return None
    user = user_for_login(typed)
    return user.get_username() if user else typed.strip().lower()[:255]


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, saying that signing in is locked and until when."""
    from .forms import LoginForm

    cool_off = get_cool_off(request)
    until = timezone.localtime() + cool_off
    message = _(
        "Too many failed sign-ins for this account or from this address. Signing in is locked for "
        "%(minutes)s minutes, until %(time)s. Try again then, or ask the presidium office to unlock it."
    ) % {"minutes": int(cool_off.total_seconds() // 60), "time": time_format(until, "H:i")}
    field = get_user_model().USERNAME_FIELD
    form = LoginForm(request, initial={"username": request.POST.get(field, "")})
    context = {"form": form, "lockout_message": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
