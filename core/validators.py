from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

mobile_phone_validator = RegexValidator(
    r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number, such as 13800000000.")
)
