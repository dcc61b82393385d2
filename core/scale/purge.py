"""Removing a previous scale data set: every row that hangs from a scale account, found through
relations, deleted with plain DELETE statements child tables first.

Model.delete() would do the same through Django's collector, but the history tables' signals make
it load and save every row one by one (and write a history row per deletion): hours for two
million rows. Here each relation is followed as a subquery, so the work is a few hundred queries
whatever the size."""
from django.db import models

from congress.models import Meeting
from core.models import HandlingUnit, Reminder, User
from deputies.models import Deputy, ElectoralDistrict, RepresentativeGroup
from motions.models import NumberSequence, Suggestion
from supervision.models import Activity, RectificationItem

from .base import MARKER


def _relations(model):
    """(related model, field) of every foreign key and one-to-one pointing at `model`, hidden
    ones (related_name="+", the many-to-many tables) included."""
    found = [(relation.related_model, relation.field) for relation in model._meta.get_fields(include_hidden=True)
             if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)]
    # Rows that refer to a sibling (a reply to its assignment) go before the sibling.
    models_found = {related for related, _ in found}

    def referred(related):
        return any(field.is_relation and field.related_model is related
                   for other in models_found if other is not related for field in other._meta.concrete_fields)

    return sorted(found, key=lambda pair: referred(pair[0]))


def delete(model, rows):
    """Delete `rows` (a queryset of `model`) and what depends on them; SET_NULL references are
    cleared, a PROTECT reference from a row outside the set stops everything."""
    counts = {}
    keys = rows.values("pk")
    for related, fk in _relations(model):
        on_delete = fk.remote_field.on_delete
        pointing = related._base_manager.filter(**{f"{fk.name}__in": keys})
        if related is model and on_delete is not models.SET_NULL:
            # A row of the set pointing at another of the set (a follow-up, a merged item) goes first.
            if on_delete is models.PROTECT and pointing.exclude(pk__in=keys).exists():
                raise RuntimeError(f"{model._meta.label} rows outside the scale data set refer to rows of it.")
            inside = _referrers(model, fk, rows)
            if inside.exists():
                _add(counts, delete(model, inside))
            continue
        if on_delete is models.CASCADE:
            if pointing.exists():
                _add(counts, delete(related, pointing))
        elif on_delete is models.SET_NULL:
            pointing.update(**{fk.name: None})
        elif on_delete is models.PROTECT or on_delete is models.RESTRICT:
            if pointing.exists():
                raise RuntimeError(f"{related._meta.label} rows outside the scale data set refer to "
                                   f"{model._meta.label} rows of it; delete them first.")
    deleted = rows._raw_delete(rows.db)
    if deleted:
        counts[model._meta.label] = counts.get(model._meta.label, 0) + deleted
    return counts


def _referrers(model, fk, rows):
    """The rows of `rows` that point at another row of `rows` through `fk` (self-references)."""
    return model._base_manager.filter(pk__in=rows.values("pk"), **{f"{fk.name}__in": rows.values("pk")})


def _add(counts, more):
    for label, n in more.items():
        counts[label] = counts.get(label, 0) + n


def present():
    return User.objects.filter(username__startswith=MARKER).exists()


def purge():
    """Delete the scale data set; returns the rows deleted per model."""
    counts = {}
    users = User.objects.filter(username__startswith=MARKER)
    deputies = Deputy.objects.filter(user__username__startswith=MARKER)
    suggestions = Suggestion.objects.filter(created_by__username__startswith=MARKER)
    activities = Activity.objects.filter(created_by__username__startswith=MARKER)
    # Keys that the deletions below would make unreachable: read them first.
    meeting_ids = list(Meeting.objects.filter(notices__sent_by__username__startswith=MARKER)
                       .values_list("pk", flat=True).distinct())
    group_ids = list(RepresentativeGroup.objects.filter(leader__user__username__startswith=MARKER)
                     .values_list("pk", flat=True))
    district_ids = set(deputies.exclude(district=None).values_list("district_id", flat=True)) - set(
        Deputy.objects.exclude(user__username__startswith=MARKER).exclude(district=None)
        .values_list("district_id", flat=True))
    unit_ids = list(HandlingUnit.objects.filter(officers__username__startswith=MARKER).values_list("pk", flat=True))
    years = set(suggestions.exclude(number=None).order_by().values_list("year", flat=True).distinct())

    _add(counts, {Reminder._meta.label: Reminder.objects.filter(
        source="suggestion", item_id__in=suggestions.values("pk")).delete()[0]})
    rectification = RectificationItem.objects.filter(activity__in=activities.values("pk"))
    _add(counts, {Reminder._meta.label: Reminder.objects.filter(
        source="rectification", item_id__in=rectification.values("pk")).delete()[0]})
    _add(counts, delete(Suggestion, suggestions))
    _add(counts, delete(RectificationItem, rectification))
    _add(counts, delete(Activity, activities))
    _add(counts, delete(Meeting, Meeting.objects.filter(pk__in=meeting_ids)))
    _add(counts, delete(RepresentativeGroup, RepresentativeGroup.objects.filter(pk__in=group_ids)))
    _add(counts, delete(Deputy, deputies))
    _add(counts, delete(ElectoralDistrict, ElectoralDistrict.objects.filter(pk__in=district_ids)))
    _add(counts, delete(User, users))
    _add(counts, delete(HandlingUnit, HandlingUnit.objects.filter(pk__in=unit_ids)))
    for year in years:
        last = Suggestion.objects.filter(year=year).exclude(number=None).order_by("-number").values_list(
            "number", flat=True).first() or 0
        NumberSequence.objects.filter(year=year).update(last_number=last)
    return {label: n for label, n in counts.items() if n}
