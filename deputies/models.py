"""Deputies (SPEC §3). This first cut holds what an account needs; the roster issue adds the rest."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import mobile_phone_validator


class Deputy(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Status(models.TextChoices):
        IN_OFFICE = "in_office", _("In office")
        RESIGNED = "resigned", _("Resigned")
        RECALLED = "recalled", _("Recalled")
        TRANSFERRED = "transferred", _("Transferred away")
        DECEASED = "deceased", _("Deceased")

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True, validators=[mobile_phone_validator])
    work_unit = models.CharField(_("work unit and post"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_OFFICE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="deputy",
    )

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name
