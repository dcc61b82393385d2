from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
