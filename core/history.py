"""The change history of every domain record (django-simple-history): who changed what, when.

Recording. A model declares `history = HistoricalRecords()` (this module's subclass); each save
and delete then writes a row to its historical table. The "who" is, in this order:
`instance._history_user`; the actor a service names with `acting_as(actor)` (for work outside a
request: Celery tasks, management commands); the request's user (HistoryRequestMiddleware);
otherwise nobody, shown as 系统 (the system). Bulk writes (`bulk_create`, `bulk_update`,
`QuerySet.update`) send no signals: services use `bulk_create_with_history` and
`bulk_update_with_history` from simple_history.utils instead.

Reading. `record_history(obj)` returns the record's changes, newest first, each with the changed
fields' labels and their old and new values in words, together with the changes of the rows that
belong to it (an item's assignments and replies, a meeting's agenda). `history_children()` says
which those are. templates/partials/history.html shows them.
"""
import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models
from django.template.defaultfilters import truncatechars
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords as BaseHistoricalRecords

_actor = ContextVar("history_actor", default=None)

TEXT_LIMIT = 80  # characters of a long text shown in the card
SOURCE_CAP = 200  # rows read per source; older changes are summarised as "earlier changes"


def _history_user(instance=None, request=None, **kwargs):
    actor = _actor.get()
    if actor is not None:
        return actor
    if request is not None:
        return request.user
    return None


class HistoricalRecords(BaseHistoricalRecords):
    """simple_history's HistoricalRecords, taking the user from `acting_as` outside a request."""

    def __init__(self, **kwargs):
        kwargs.setdefault("get_user", _history_user)
        super().__init__(**kwargs)


@contextmanager
def acting_as(actor):
    """Record `actor` as the author of every change made inside the block (None: the system)."""
    token = _actor.set(actor if getattr(actor, "pk", None) else None)
    try:
        yield
    finally:
        _actor.reset(token)


# --- which rows belong to a record's page -------------------------------------------------------

@dataclass(frozen=True)
class Child:
    model: str  # "app_label.ModelName"
    lookup: str  # path from the child to the parent's pk: "suggestion" or "reply__suggestion"
    creations: bool = True  # False for rows made in bulk with the parent (attendance lines)


_children: dict[str, tuple[Child, ...]] = {}


def history_children(parent, *children):
    """Show the changes of `children` (Child specs) on the history card of `parent` ("app.Model")."""
    _children[parent] = tuple(children)


# --- reading --------------------------------------------------------------------------------------

@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    user: object  # a User or None (the system)
    action: str  # "created", "changed", "deleted"
    subject: str  # "" for the record itself, else "Assignment · 财政所"
    changes: list = field(default_factory=list)
    earlier: bool = False  # the previous state was not read: the fields that changed are unknown


def record_history(obj, *, limit=30):
    """The latest `limit` changes of `obj` and of the rows that belong to it, newest first.

    Queries: one per source (the record and each kind of child row, with the users), one per
    many-to-many field, and one per model whose rows are named (the child rows themselves, and the
    targets of foreign keys among the changed fields): a constant for a given set of kinds of row.
    """
    sources = [(type(obj), {"id": obj.pk}, True)]
    for child in _children.get(obj._meta.label, ()):
        model = _model(child.model)
        if "__" in child.lookup:
            live = model.objects.filter(**{child.lookup: obj.pk}).values("pk")
            sources.append((model, {"id__in": live}, child.creations))
        else:
            sources.append((model, {f"{child.lookup}_id": obj.pk}, child.creations))

    entries = []
    names = _Names()
    for model, filters, creations in sources:
        rows = list(model.history.filter(**filters).select_related("history_user")
                    .order_by("-history_date", "-history_id")[:SOURCE_CAP])
        m2m = _m2m_values(model, rows)
        is_child = model is not type(obj)
        previous_of = {}
        for row in reversed(rows):  # oldest first: each row's predecessor is the last one of its object
            row.previous = previous_of.get(row.id)
            previous_of[row.id] = row
        for row in rows:
            if is_child and row.history_type == "+" and not creations:
                continue
            if _saved_unchanged(model, row, m2m):
                continue
            entries.append((row, model, is_child, m2m))
    entries.sort(key=lambda item: (item[0].history_date, item[0].history_id), reverse=True)
    entries = entries[:limit]

    for row, model, is_child, _m2m in entries:  # gather the rows to name, then one query per model
        if is_child:
            names.want(model, row.id)
        for fld in _changed_fields(model, row):
            if isinstance(fld, models.ForeignKey):
                names.want(fld.related_model, getattr(row, fld.attname),
                           getattr(row.previous, fld.attname) if row.previous else None)
        for fld, values in _m2m.items():
            names.want(fld.related_model, *values.get(row.history_id, ()),
                       *(values.get(row.previous.history_id, ()) if row.previous else ()))
    names.load()
    return [_entry(row, model, is_child, m2m, names) for row, model, is_child, m2m in entries]


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _shown_fields(model):
    """The fields worth showing: not the key, not timestamps the database keeps itself."""
    historical = model.history.model
    return [fld for fld in historical.tracked_fields
            if not fld.primary_key and not getattr(fld, "auto_now", False)
            and not getattr(fld, "auto_now_add", False)]


def _changed_fields(model, row):
    if row.history_type != "~" or row.previous is None:
        return []
    return [fld for fld in _shown_fields(model)
            if getattr(row, fld.attname) != getattr(row.previous, fld.attname)]


def _saved_unchanged(model, row, m2m):
    """A save that changed nothing shown (an update_or_create that found the row as it was)."""
    if row.history_type != "~" or row.previous is None or _changed_fields(model, row):
        return False
    return all(values.get(row.history_id, frozenset()) == values.get(row.previous.history_id, frozenset())
               for values in m2m.values())


def _m2m_values(model, rows):
    """{m2m field: {history_id: frozenset of target ids}} for the rows read."""
    result = {}
    historical = model.history.model
    ids = [row.history_id for row in rows]
    for fld in historical._history_m2m_fields:
        m2m_model = getattr(historical, fld.name).model
        target = fld.m2m_reverse_field_name()
        values = {}
        for history_id, target_id in m2m_model.objects.filter(history_id__in=ids).values_list(
                "history_id", f"{target}_id"):
            values.setdefault(history_id, set()).add(target_id)
        result[fld] = {key: frozenset(value) for key, value in values.items()}
    return result


class _Names:
    """Names of the rows foreign keys point to, read in one query per model."""

    def __init__(self):
        self.wanted = {}
        self.found = {}

    def want(self, model, *pks):
        self.wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def load(self):
        for model, pks in self.wanted.items():
            related = [fld.name for fld in model._meta.fields if isinstance(fld, models.ForeignKey)]
            self.found[model] = model._base_manager.select_related(*related).in_bulk(pks) if pks else {}

    def name(self, model, pk):
        if pk is None:
            return ""
        row = self.found.get(model, {}).get(pk)
        return str(row) if row is not None else f"#{pk}"


def _entry(row, model, is_child, m2m, names):
    action = {"+": "created", "-": "deleted"}.get(row.history_type, "changed")
    subject = ""
    if is_child:
        subject = f"{model._meta.verbose_name} · {truncatechars(names.name(model, row.id), 40)}"
    entry = HistoryEntry(when=row.history_date, user=row.history_user, action=action, subject=subject)
    if action != "changed":
        return entry
    if row.previous is None:
        entry.earlier = True
        return entry
    for fld in _changed_fields(model, row):
        entry.changes.append(FieldChange(
            label=str(fld.verbose_name), old=_value(fld, getattr(row.previous, fld.attname), names),
            new=_value(fld, getattr(row, fld.attname), names)))
    for fld, values in m2m.items():
        old, new = values.get(row.previous.history_id, frozenset()), values.get(row.history_id, frozenset())
        if old != new:
            entry.changes.append(FieldChange(
                label=str(fld.verbose_name),
                old="、".join(sorted(names.name(fld.related_model, pk) for pk in old)),
                new="、".join(sorted(names.name(fld.related_model, pk) for pk in new))))
    return entry


def _value(fld, value, names):
    """A stored value in words: the choice's label, the related row's name, a short text."""
    if value is None or value == "":
        return ""
    if isinstance(fld, models.ForeignKey):
        return names.name(fld.related_model, value)
    if fld.choices:
        return str(dict(fld.flatchoices).get(value, value))
    if isinstance(fld, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(fld, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(fld, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(fld, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return truncatechars(str(value), TEXT_LIMIT)
