"""The five roles of SPEC.md §1. Each is a Django group of the same machine name."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman")
    PRESIDIUM_MEMBER = "presidium_member", _("Presidium member")
    STAFF = "staff", _("Office staff")
    DEPUTY = "deputy", _("Deputy")
    UNIT_OFFICER = "unit_officer", _("Handling-unit officer")


# Who may manage every record (SPEC §1: "everything staff may").
OFFICE_ROLES = frozenset({Role.CHAIRMAN, Role.STAFF})
# Who may read every record.
READ_ALL_ROLES = frozenset({Role.CHAIRMAN, Role.PRESIDIUM_MEMBER, Role.STAFF})
