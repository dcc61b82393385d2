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


class FileFormMixin:
    """For a form that takes files. A browser never puts a chosen file back into a form that comes
    back with an error, whatever the error, so each file field that had a file says to choose it
    again, next to the field; the other fields show what was typed."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.FileField) and self._chose_a_file(name):
                note = str(CHOOSE_FILES_AGAIN if form_field.widget.allow_multiple_selected else CHOOSE_FILE_AGAIN)
                if name in self._errors:  # keep the note after the field's own errors
                    self._errors[name].data = [e for e in self._errors[name].data if list(e) != [note]]
                super().add_error(name, note)

    def _chose_a_file(self, name):
        getlist = getattr(self.files, "getlist", None)
        uploads = getlist(self.add_prefix(name)) if getlist else [self.files.get(self.add_prefix(name))]
        return any(getattr(upload, "name", "") for upload in uploads)


CHOOSE_FILE_AGAIN = _("Choose the file again: the browser does not keep it when the page comes back.")
CHOOSE_FILES_AGAIN = _("Choose the files again: the browser does not keep them when the page comes back.")


def run_service(form, service, **kwargs):
    """Call `service(**kwargs)`; when it refuses with ApplicationError, put its message on `form`
    (next to its field when the form has one) and return None, so the view shows the form again
    with everything the user typed. Every view that calls a service from a form uses this."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
