"""Reads of the roster. The roster of a date is drawn from mandates: in office on `day` means
elected on or before `day` and not yet ended on `day` (ended_on is the first day out of office)."""
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Deputy, Mandate, Term


def today():
    return timezone.localdate()


def mandates_in_office(day=None, *, level=Mandate.Level.TOWNSHIP, term=None):
    day = day or today()
    mandates = Mandate.objects.filter(level=level, elected_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    if term is not None:
        mandates = mandates.filter(term=term)
    return mandates


def deputies_in_office(day=None, *, level=Mandate.Level.TOWNSHIP, term=None):
    """Deputies holding a mandate of `level` (township by default) on `day` (today by default)."""
    mandates = mandates_in_office(day, level=level, term=term).filter(deputy=OuterRef("pk"))
    return Deputy.objects.filter(Exists(mandates))


def in_office_count(day=None, *, term=None):
    """The number the quorum and the majority are taken of: township deputies in office on `day`."""
    return mandates_in_office(day, term=term).values("deputy").distinct().count()


def current_term(day=None):
    return Term.on(day or today())


def township_mandate(deputy, day=None):
    """The deputy's township mandate of `day`'s term, or their latest one."""
    term = current_term(day)
    mandates = deputy.mandates.filter(level=Mandate.Level.TOWNSHIP)
    return (mandates.filter(term=term).first() if term else None) or mandates.order_by("-elected_on").first()
