from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

mobile_phone_validator = RegexValidator(
    r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number, such as 13800000000.")
)


class LettersAndDigitsValidator:
    """A password must mix letters and digits (AUTH_PASSWORD_VALIDATORS in config/settings/base.py)."""

    def validate(self, password, user=None):
        has_letter = any(ch.isalpha() for ch in password)
        has_digit = any(ch.isdigit() for ch in password)
        if not (has_letter and has_digit):
            raise ValidationError(
                _("This password must contain both letters and digits."), code="password_no_letters_and_digits"
            )

    def get_help_text(self):
        return _("Your password must contain both letters and digits.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with a message of our own: Django 5.2 changed the wording of its message and
    its zh_Hans catalogue has no translation of the new one, so Chinese users would read English."""

    def get_error_message(self):
        return _("This password is too short. It must contain at least %(min_length)s characters.") % {
            "min_length": self.min_length
        }
