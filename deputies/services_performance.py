"""Writes of the performance record's settings: the points of each duty activity and the awards.

The presidium records its deputies' performance and makes it public (代表法 Art. 58); the score
(履职积分) weighs each kind of act by points the office sets, and the presidium honours the best
deputies (四好代表) and representative groups (五高代表小组) each year.
"""
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.exceptions import ApplicationError

from . import duty
from .models import Award, DutyWeight

MIN_POINTS = Decimal("0")
MAX_POINTS = Decimal("100")
POINTS_STEP = Decimal("0.1")
FIRST_AWARD_YEAR = 1980
LAST_AWARD_YEAR = 2100


def _require_office(actor):
    if actor is None or not actor.is_office:
        raise ApplicationError(_("Only the chairman and the presidium office may change the performance record."))


def _checked_points(kind, value):
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number of points."), field=kind) from None
    if not points.is_finite() or not MIN_POINTS <= points <= MAX_POINTS:
        raise ApplicationError(_("Points must be between 0 and 100."), field=kind)
    if points != points.quantize(POINTS_STEP):
        raise ApplicationError(_("Points may have at most one decimal place."), field=kind)
    return points.quantize(POINTS_STEP)


def duty_weights_save(*, points_by_kind, actor):
    """Set the points of each kind of duty activity in the score (履职积分).

    Rules: only the office (chairman, staff) sets them; every kind must be a registered duty
    source; points lie between 0 and 100 with at most one decimal (the column holds 0.0–100.0).
    All kinds are saved in one transaction, so a page of weights is never half applied.
    """
    _require_office(actor)
    registered = {source.kind for source in duty.sources()}
    checked = {}
    for kind, value in points_by_kind.items():
        if kind not in registered:
            raise ApplicationError(_("There is no duty activity of the kind “%(kind)s”.") % {"kind": kind})
        checked[kind] = _checked_points(kind, value)
    with transaction.atomic():
        existing = {weight.kind: weight for weight in DutyWeight.objects.select_for_update().filter(kind__in=checked)}
        changed, created = [], []
        for kind, points in checked.items():
            weight = existing.get(kind)
            if weight is None:
                created.append(DutyWeight(kind=kind, points=points))
            elif weight.points != points:
                weight.points = points
                changed.append(weight)
        bulk_create_with_history(created, DutyWeight, default_user=actor)
        bulk_update_with_history(changed, DutyWeight, ["points"], default_user=actor)
    return DutyWeight.objects.filter(kind__in=checked)


def award_create(*, year, title, deputy=None, group=None, given_by="", note="", actor):
    """Record an honour for one deputy (四好代表) or one representative group (五高代表小组).

    Rules: only the office records awards; an award goes to exactly one deputy or one group (the
    database refuses both or neither); the title is required; the same title is not given twice
    to the same deputy or group in the same year.
    """
    _require_office(actor)
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("Enter the title of the award."), field="title")
    if deputy is not None and group is not None:
        raise ApplicationError(_("Choose either a deputy or a representative group, not both."))
    if deputy is None and group is None:
        raise ApplicationError(_("Choose the deputy or the representative group that receives the award."))
    if not FIRST_AWARD_YEAR <= int(year) <= LAST_AWARD_YEAR:
        raise ApplicationError(_("Enter a year between 1980 and 2100."), field="year")
    with transaction.atomic():
        duplicates = Award.objects.filter(year=year, title=title, deputy=deputy, group=group)
        if duplicates.exists():
            raise ApplicationError(
                _("%(whom)s already has the award “%(title)s” for %(year)s.")
                % {"whom": deputy or group, "title": title, "year": year}
            )
        return Award.objects.create(
            year=year, title=title, deputy=deputy, group=group,
            given_by=(given_by or "").strip(), note=(note or "").strip(),
        )


def award_delete(*, award, actor):
    """Remove an award recorded by mistake. Only the office may."""
    _require_office(actor)
    with transaction.atomic():
        award.delete()
