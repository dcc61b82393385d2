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
import decimal
import functools
import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, connections, models, router
from django.db.models import Aggregate, CharField, F, Func, JSONField, OuterRef, Subquery, Value
from django.template.defaultfilters import truncatechars
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
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

    Queries: two at most, whatever the kinds of row. One UNION ALL reads the latest SOURCE_CAP
    historical rows of each source (the record and each kind of child row), each as its tracked
    fields in one JSON array, with its author's name and its many-to-many targets; one more UNION
    ALL names the rows the entries name (the child rows themselves, and the targets of foreign keys
    and many-to-many fields among the changes), each with the rows its own foreign keys point to.
    """
    rows = _read_rows(obj)
    previous_of = {}
    for row in reversed(rows):  # oldest first: each row's predecessor is the last one of its object
        row.previous = previous_of.get((row.model, row.id))
        previous_of[(row.model, row.id)] = row
    entries = []
    for row in rows:
        if row.is_child and row.history_type == "+" and not row.creations:
            continue
        if _saved_unchanged(row):
            continue
        entries.append(row)
        if len(entries) == limit:
            break

    names = _Names()
    for row in entries:  # gather the rows to name, then one query for all of them
        if row.is_child:
            names.want(row.model, row.id)
        for fld in _changed_fields(row):
            if isinstance(fld, models.ForeignKey):
                names.want(fld.related_model, getattr(row, fld.attname),
                           getattr(row.previous, fld.attname) if row.previous else None)
        for fld, values in row.m2m.items():
            names.want(fld.related_model, *values, *(row.previous.m2m.get(fld, ()) if row.previous else ()))
    names.load()
    return [_entry(row, names) for row in entries]


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


class _JSONArray(Func):
    """The values as one JSON array: JSON_ARRAY on SQLite, JSONB_BUILD_ARRAY on PostgreSQL."""

    function = "JSON_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_BUILD_ARRAY", **extra_context)


class _IdList(Aggregate):
    """The ids as one comma-separated text: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRING_AGG",
                              template="%(function)s(CAST(%(expressions)s AS text), ',')", **extra_context)


class _Row:
    """One historical row: its tracked fields as attributes, as simple_history's rows have them."""

    previous = None


# Stands for the record's id while its history query is compiled: within any integer column's range
# (an id out of range would compile to "no rows") and no id the portal hands out.
_SENTINEL_PK = -1_973_204_581


def _sources(model, pk):
    """(model, filters, creations) of the record of `pk` and of each kind of row that belongs to it."""
    sources = [(model, {"id": pk}, True)]
    for child in _children.get(model._meta.label, ()):
        child_model = _model(child.model)
        if "__" in child.lookup:
            live = child_model.objects.filter(**{child.lookup: pk}).values("pk")
            sources.append((child_model, {"id__in": live}, child.creations))
        else:
            sources.append((child_model, {f"{child.lookup}_id": pk}, child.creations))
    return sources


def _rows_query(sources):
    """The latest SOURCE_CAP historical rows of each source, newest first, as one UNION ALL."""
    m2m_width = max(len(model.history.model._history_m2m_fields) for model, _filters, _creations in sources)
    branches = []
    for index, (model, filters, _creations) in enumerate(sources):
        historical = model.history.model
        latest = (historical._default_manager.filter(**filters).order_by("-history_date", "-history_id")
                  .values("history_id")[:SOURCE_CAP])
        columns = {
            "h_source": Value(index), "h_hid": F("history_id"), "h_id": F("id"), "h_when": F("history_date"),
            "h_type": F("history_type"), "h_uid": F("history_user_id"), "h_uname": F("history_user__name"),
            "h_username": F("history_user__username"),
            "h_data": _JSONArray(*[F(fld.attname) for fld in historical.tracked_fields]),
        }
        m2m_fields = historical._history_m2m_fields
        for slot in range(m2m_width):
            if slot < len(m2m_fields):
                through = getattr(historical, m2m_fields[slot].name).model
                target = m2m_fields[slot].m2m_reverse_field_name()
                columns[f"h_m2m{slot}"] = Subquery(
                    through._default_manager.filter(history=OuterRef("history_id")).order_by()
                    .values("history").annotate(ids=_IdList(f"{target}_id")).values("ids"))
            else:
                columns[f"h_m2m{slot}"] = Value(None, output_field=CharField())
        branches.append(historical._default_manager.filter(history_id__in=latest).order_by().values(**columns))
    query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    return query.order_by("-h_when", "-h_hid")


@functools.lru_cache(maxsize=256)
def _compiled(wrapper, model):
    """The history query of a record of `model`, compiled once per database connection (building
    and compiling the union of its sources cost a detail page about 20 ms, running it 1 ms): its
    SQL and parameters, where the record's id goes among them, its compiler (for the columns' value
    converters) and the columns' names."""
    sources = _sources(model, _SENTINEL_PK)
    query = _rows_query(sources)
    compiler = query.query.get_compiler(connection=wrapper)
    sql, params = compiler.as_sql()
    positions = tuple(index for index, value in enumerate(params) if value == _SENTINEL_PK)
    assert positions, "the record's id must appear among the history query's parameters"
    names = [*query.query.values_select, *query.query.annotation_select]
    return [(model, creations) for model, _filters, creations in sources], compiler, sql, tuple(params), positions, names


def _read_rows(obj):
    """The latest SOURCE_CAP historical rows of the record and of each source, newest first, in one query."""
    wrapper = connections[router.db_for_read(type(obj))]
    sources, compiler, sql, params, positions, names = _compiled(wrapper, type(obj))
    params = list(params)
    for index in positions:
        params[index] = obj.pk
    with wrapper.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    values_list = [dict(zip(names, row)) for row in compiler.results_iter(results=[fetched])]
    users = {}
    rows = []
    for values in values_list:
        model, creations = sources[values["h_source"]]
        historical = model.history.model
        row = _Row()
        for fld, value in zip(historical.tracked_fields, values["h_data"]):
            setattr(row, fld.attname, _from_json(fld, value))
        row.model, row.is_child, row.creations = model, values["h_source"] > 0, creations
        row.history_id, row.id, row.history_date = values["h_hid"], values["h_id"], values["h_when"]
        row.history_type = values["h_type"]
        row.history_user = None
        if values["h_uid"] is not None:
            if values["h_uid"] not in users:
                users[values["h_uid"]] = _user(values["h_uid"], values["h_username"], values["h_uname"])
            row.history_user = users[values["h_uid"]]
        row.m2m = {}
        for slot, fld in enumerate(historical._history_m2m_fields):
            ids = values[f"h_m2m{slot}"]
            target = fld.related_model._meta.pk
            row.m2m[fld] = frozenset(target.to_python(pk) for pk in ids.split(",")) if ids else frozenset()
        rows.append(row)
    return rows


def _user(pk, username, name):
    from django.contrib.auth import get_user_model

    model = get_user_model()
    given = {"id": pk, "username": username, "name": name}
    names = [fld.attname for fld in model._meta.concrete_fields if fld.attname in given]  # from_db's order
    return model.from_db(None, names, [given[name] for name in names])


def _from_json(fld, value):
    """A value read inside a JSON array, as the field holds it."""
    if value is None:
        return None
    if isinstance(fld, models.DateTimeField):
        if isinstance(value, str):
            value = parse_datetime(value)
        if settings.USE_TZ and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.timezone.utc)
        return value
    if isinstance(fld, models.DateField):
        return parse_date(value[:10]) if isinstance(value, str) else value
    if isinstance(fld, models.BooleanField):
        return bool(value)
    if isinstance(fld, models.DecimalField):
        return decimal.Decimal(str(value))
    if isinstance(fld, models.JSONField):
        return json.loads(value) if connection.vendor == "sqlite" and isinstance(value, str) else value
    if isinstance(fld, (models.FileField, models.TimeField, models.DurationField, models.UUIDField)):
        return fld.to_python(value)
    return value


def _shown_fields(model):
    """The fields worth showing: not the key, not timestamps the database keeps itself."""
    historical = model.history.model
    return [fld for fld in historical.tracked_fields
            if not fld.primary_key and not getattr(fld, "auto_now", False)
            and not getattr(fld, "auto_now_add", False)]


def _changed_fields(row):
    if row.history_type != "~" or row.previous is None:
        return []
    return [fld for fld in _shown_fields(row.model)
            if getattr(row, fld.attname) != getattr(row.previous, fld.attname)]


def _saved_unchanged(row):
    """A save that changed nothing shown (an update_or_create that found the row as it was)."""
    if row.history_type != "~" or row.previous is None or _changed_fields(row):
        return False
    return row.m2m == row.previous.m2m


class _Names:
    """Names of the rows the entries name, read in one query (a UNION ALL over their models), each
    row with the rows its foreign keys point to, as select_related would read them."""

    def __init__(self):
        self.wanted = {}
        self.found = {}

    def want(self, model, *pks):
        self.wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def load(self):
        wanted = [(model, pks) for model, pks in self.wanted.items() if pks]
        if not wanted:
            return
        width = max(len(_foreign_keys(model)) for model, _pks in wanted)
        branches = []
        for index, (model, pks) in enumerate(wanted):
            keys = _foreign_keys(model)
            columns = {"n_model": Value(index), "n_data": _JSONArray(*[F(fld.attname) for fld in model._meta.concrete_fields])}
            for slot in range(width):
                if slot < len(keys):
                    target = keys[slot].related_model
                    columns[f"n_fk{slot}"] = _JSONArray(*[F(f"{keys[slot].name}__{fld.attname}")
                                                          for fld in target._meta.concrete_fields])
                else:
                    columns[f"n_fk{slot}"] = Value(None, output_field=JSONField())
            branches.append(model._base_manager.filter(pk__in=pks).order_by().values(**columns))
        query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
        for values in query:
            model = wanted[values["n_model"]][0]
            row = _instance(model, values["n_data"])
            for slot, key in enumerate(_foreign_keys(model)):
                related = values[f"n_fk{slot}"]
                if related is not None and related[0] is not None:
                    key.set_cached_value(row, _instance(key.related_model, related))
            self.found.setdefault(model, {})[row.pk] = row

    def name(self, model, pk):
        if pk is None:
            return ""
        row = self.found.get(model, {}).get(pk)
        return str(row) if row is not None else f"#{pk}"


def _foreign_keys(model):
    return [fld for fld in model._meta.concrete_fields if isinstance(fld, models.ForeignKey)]


def _instance(model, data):
    fields = model._meta.concrete_fields
    return model.from_db(None, [fld.attname for fld in fields],
                         [_from_json(fld, value) for fld, value in zip(fields, data)])


def _entry(row, names):
    action = {"+": "created", "-": "deleted"}.get(row.history_type, "changed")
    subject = ""
    if row.is_child:
        subject = f"{row.model._meta.verbose_name} · {truncatechars(names.name(row.model, row.id), 40)}"
    entry = HistoryEntry(when=row.history_date, user=row.history_user, action=action, subject=subject)
    if action != "changed":
        return entry
    if row.previous is None:
        entry.earlier = True
        return entry
    for fld in _changed_fields(row):
        entry.changes.append(FieldChange(
            label=str(fld.verbose_name), old=_value(fld, getattr(row.previous, fld.attname), names),
            new=_value(fld, getattr(row, fld.attname), names)))
    for fld, new in row.m2m.items():
        old = row.previous.m2m.get(fld, frozenset())
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
