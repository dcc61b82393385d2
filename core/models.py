"""What every app shares: accounts, the township, handling units, the calendar and the inbox."""
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .history import HistoricalRecords
from .pagecache import depends_on
from .roles import OFFICE_ROLES, READ_ALL_ROLES, Role
from .validators import mobile_phone_validator


class Township(models.Model):
    """The one township this installation serves; its name heads every page and report."""

    name = models.CharField(_("township name"), max_length=50, help_text=_("For example 青山镇"))
    county = models.CharField(_("county"), max_length=50, blank=True)
    province = models.CharField(_("province"), max_length=50, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("township")

    def __str__(self):
        return self.name

    @property
    def presidium_name(self):
        return _("%(township)s People's Congress Presidium") % {"township": self.name}

    @classmethod
    def current(cls):
        """The configured township, or an unsaved placeholder named by the portal before set-up.

        Every page shows it, so it is kept in the cache (TOWNSHIP_CACHE_SECONDS; 0 turns the cache
        off) and dropped from there whenever a township is saved or deleted (see below)."""
        seconds = settings.TOWNSHIP_CACHE_SECONDS
        township = cache.get(TOWNSHIP_CACHE_KEY) if seconds else None
        if township is not None:
            depends_on(cls)  # a page kept with the township read here goes when it changes
        else:
            township = cls.objects.order_by("pk").first()
            if township is not None and seconds:
                cache.set(TOWNSHIP_CACHE_KEY, township, seconds)
        return township or cls(name=str(_("Township")))


TOWNSHIP_CACHE_KEY = "core:township"


@receiver([post_save, post_delete], sender=Township, dispatch_uid="core.township_cache")
def forget_cached_township(sender, **kwargs):
    """A changed township leaves the cache now and again once its transaction commits, so that a
    request reading the old row in between cannot put it back for long."""
    cache.delete(TOWNSHIP_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(TOWNSHIP_CACHE_KEY))


class HandlingUnit(models.Model):
    """承办单位: a government office or village committee that answers suggestions and rectifies."""

    class Kind(models.TextChoices):
        GOVERNMENT_OFFICE = "government_office", _("Government office")
        VILLAGE_COMMITTEE = "village_committee", _("Village committee")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT_OFFICE)
    head = models.CharField(_("head of unit"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """An account. A deputy's account is linked from the deputy; a unit officer's names the unit."""

    name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=11, unique=True, null=True, blank=True,
        validators=[mobile_phone_validator],
        help_text=_("Used to sign in and to receive text messages."),
    )
    handling_unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("handling unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="officers",
    )
    receive_sms = models.BooleanField(_("receive text messages"), default=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]

    def __str__(self):
        return self.name or self.username

    def get_full_name(self):
        return self.name or self.username

    def get_short_name(self):
        return self.name or self.username

    @cached_property
    def roles(self):
        """The user's roles as a frozenset of Role values (one query, then cached on the object)."""
        if not self.is_active:
            return frozenset()
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(Role(name) for name in names if name in Role.values)

    def has_role(self, *roles):
        return bool(self.roles.intersection(roles))

    @property
    def is_office(self):
        """Chairman or staff: may manage every record (SPEC §1)."""
        return bool(self.roles & OFFICE_ROLES)

    @property
    def reads_all(self):
        """Chairman, presidium member or staff: may read every record."""
        return bool(self.roles & READ_ALL_ROLES)

    @property
    def primary_role(self):
        """The role whose dashboard the user sees first, the widest first."""
        for role in (Role.CHAIRMAN, Role.STAFF, Role.PRESIDIUM_MEMBER, Role.UNIT_OFFICER, Role.DEPUTY):
            if role in self.roles:
                return role
        return None


class Holiday(models.Model):
    """A day that departs from the Monday-to-Friday week: a public holiday, or a weekend worked (调休)."""

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinesecalendar package")
        MANUAL = "manual", _("Entered by staff")

    day = models.DateField(_("day"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    is_workday = models.BooleanField(
        _("adjusted working day"), default=False,
        help_text=_("Tick for a weekend day that is worked in exchange for a holiday (调休上班)."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday or adjusted day")
        verbose_name_plural = _("holidays and adjusted days")
        ordering = ["day"]

    def __str__(self):
        kind = _("working day") if self.is_workday else _("holiday")
        return f"{self.day:%Y-%m-%d} {self.name} ({kind})"


class Notification(models.Model):
    """A message in a user's inbox; e-mail and text message copies are sent from a Celery job."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    is_read = models.BooleanField(_("read"), default=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    sms_sent_at = models.DateTimeField(_("text message sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "is_read"], name="notification_unread_idx")]

    def __str__(self):
        return self.subject


class Reminder(models.Model):
    """One reminder of the daily chase: the ledger that makes it exactly once per item, kind,
    recipient and day however often the job runs. The row commits before anything is sent."""

    class Kind(models.TextChoices):
        NOT_ACKNOWLEDGED = "not_acknowledged", _("Not acknowledged")
        DUE_SOON = "due_soon", _("Yellow warning: due within 7 days")
        OVERDUE = "overdue", _("Red warning: overdue")
        NOT_RATED = "not_rated", _("Reply not rated")
        CO_OPINION_LATE = "co_opinion_late", _("Co-unit opinion late")
        PROMISE_PASSED = "promise_passed", _("Promised date passed")

    source = models.CharField(_("source"), max_length=30)
    item_id = models.PositiveIntegerField(_("item"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="reminders")
    day = models.DateField(_("day"))
    title = models.CharField(_("subject"), max_length=200)
    notification = models.OneToOneField(Notification, verbose_name=_("notification"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="reminder")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "item_id", "kind", "recipient", "day"],
                                    name="reminder_once_per_item_kind_recipient_day"),
        ]
        indexes = [models.Index(fields=["source", "item_id"], name="reminder_item_idx")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} · {self.title}"
from .models_exports import ExportJob  # noqa: E402,F401
