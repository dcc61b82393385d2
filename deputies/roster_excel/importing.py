"""What an import would change (plan_roster) and the import itself (import_roster)."""
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from ..models import Deputy, Mandate, RepresentativeGroup
from ..selectors import deputies_in_office
from .reading import RosterRow, RowError
from .writing import export_day
from .words import COLUMNS, L

logger = logging.getLogger(__name__)

FIELDS = ("gender", "ethnicity", "political_status", "education", "occupation", "work_unit", "phone", "district")


@dataclass
class RowPlan:
    row: RosterRow
    deputy: object = None  # the Deputy the row updates, None for a new one
    fields: list = field(default_factory=list)  # fields whose value changes
    new_levels: list = field(default_factory=list)
    new_groups: list = field(default_factory=list)

    @property
    def action(self):
        if self.deputy is None:
            return "create"
        return "update" if self.fields or self.new_levels or self.new_groups else "unchanged"

    @property
    def changes(self):
        """What changes, in words, for the preview."""
        words = [str(Deputy._meta.get_field(name).verbose_name) for name in self.fields]
        words += [str(L(level).label) for level in self.new_levels]
        words += [_("joins %(group)s") % {"group": group} for group in self.new_groups]
        return words


@dataclass
class RosterPlan:
    rows: list
    errors: list

    @property
    def changing_rows(self):
        return [item for item in self.rows if item.action != "unchanged"]

    @property
    def unchanged_rows(self):
        return [item for item in self.rows if item.action == "unchanged"]

    @property
    def counts(self):
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for item in self.rows:
            counts[item.action] += 1
        return counts


def plan_roster(result, *, term):
    """Compare checked rows with the portal's deputies: who is new, who changes and how, in three queries."""
    candidates = defaultdict(list)
    existing = (Deputy.objects.filter(name__in={row.name for row in result.rows}, birth_date__isnull=False)
                .select_related("district")
                .prefetch_related("mandates", Prefetch("groups", queryset=RepresentativeGroup.objects.filter(term=term),
                                                       to_attr="groups_in_term")))
    for deputy in existing:
        candidates[(deputy.name, deputy.birth_date.year, deputy.birth_date.month)].append(deputy)
    plans, errors = [], []
    for row in result.rows:
        matches = candidates[(row.name, row.birth_date.year, row.birth_date.month)]
        exact = [deputy for deputy in matches if deputy.birth_date == row.birth_date]
        if len(matches) > 1 and len(exact) != 1:
            errors.append(RowError(row.row, COLUMNS["name"], _(
                "The portal has %(count)d deputies named %(name)s born that month: correct them first.")
                % {"count": len(matches), "name": row.name}))
            continue
        deputy = (exact or matches or [None])[0]
        if deputy is None:
            plans.append(RowPlan(row, None, new_levels=list(row.levels), new_groups=list(row.groups)))
            continue
        held = {(mandate.level, mandate.term_id) for mandate in deputy.mandates.all()}
        plans.append(RowPlan(
            row, deputy,
            fields=[name for name in FIELDS if getattr(row, name) not in ("", None)
                    and getattr(row, name) != getattr(deputy, name)],
            new_levels=[level for level in row.levels if not _holds(held, level, term)],
            new_groups=[group for group in row.groups if group not in deputy.groups_in_term],
        ))
    return RosterPlan(plans, errors)


def _holds(held, level, term):
    """A township mandate belongs to a term; one of another level is the county's (or city's...) own,
    recorded without a township term."""
    if level == L.TOWNSHIP:
        return (level, term.pk) in held
    return (level, None) in held or (level, term.pk) in held


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


def import_roster(result, *, term, elected_on=None, actor):
    """Write a checked roster of `term`: every row or none, in one transaction.

    Rules: nothing is written while any row has an error. A person is recognised by name and birth
    month (the unique key of Deputy), so a second import of the same sheet updates and never
    duplicates. Filled cells overwrite; empty cells keep what the portal has. A deputy missing a
    mandate of a listed level gets one (township ones in `term`, by general election on `elected_on`,
    the term's first day by default); groups listed are joined. No mandate is ended and nobody is
    removed from a group: ending a mandate needs its date and reason (资格终止, 代表法 Art. 62).
    """
    if not result.ok:
        raise ApplicationError(_("The sheet has errors. Correct them and check it again: nothing was imported."))
    elected_on = elected_on or term.start_date
    if not term.start_date <= elected_on <= term.end_date:
        raise ApplicationError(_("The election date must fall within %(term)s (%(start)s to %(end)s).") % {
            "term": term, "start": date_format(term.start_date), "end": date_format(term.end_date)}, field="elected_on")
    try:
        with transaction.atomic():
            plan = plan_roster(result, term=term)
            if plan.errors:
                raise ApplicationError(_("Row %(row)d: %(message)s") % {
                    "row": plan.errors[0].row, "message": plan.errors[0].message})
            for item in plan.rows:
                _apply(item, term=term, elected_on=elected_on)
    except IntegrityError:
        raise ApplicationError(_("Someone changed the roster during the import. Check the sheet again.")) from None
    counts = plan.counts
    transaction.on_commit(lambda: logger.info("%s imported %d rows into the roster of term %d: %s",
                                              actor or "a command", len(plan.rows), term.number, counts))
    return ImportCounts(counts["create"], counts["update"], counts["unchanged"])


def _apply(item, *, term, elected_on):
    row, deputy = item.row, item.deputy
    if deputy is None:
        values = {name: getattr(row, name) for name in FIELDS if getattr(row, name) not in ("", None)}
        deputy = Deputy.objects.create(name=row.name, birth_date=row.birth_date, **values)
    elif item.fields:
        for name in item.fields:
            setattr(deputy, name, getattr(row, name))
        deputy.save(update_fields=item.fields)
    for level in item.new_levels:
        Mandate.objects.create(deputy=deputy, level=level, term=term if level == L.TOWNSHIP else None,
                               election=Mandate.Election.GENERAL, elected_on=elected_on)
    if item.new_groups:
        deputy.groups.add(*item.new_groups)


def deputies_not_in_sheet(plan, *, term):
    """Deputies in office in `term` whom the sheet does not list: the import leaves them as they are."""
    listed = [item.deputy.pk for item in plan.rows if item.deputy is not None]
    return list(deputies_in_office(export_day(term), term=term).exclude(pk__in=listed)
                .select_related("district").order_by(F("district__number").asc(nulls_last=True), "name"))
