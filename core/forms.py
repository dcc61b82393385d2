from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .exceptions import ApplicationError


class LoginForm(AuthenticationForm):
    """Sign in by user name or mobile number."""

    username = forms.CharField(
        label=_("User name or mobile number"), max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}),
    )
    error_messages = {
        "invalid_login": _("The user name, mobile number or password is wrong. Check them and try again."),
        "inactive": _("This account has been disabled. Ask the presidium office."),
    }


def run_service(form, service, **kwargs):
    """Call `service(**kwargs)`; when it refuses with ApplicationError, put its message on `form`
    (next to its field when the form has one) and return None, so the view shows the form again
    with everything the user typed. Every view that calls a service from a form uses this."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
