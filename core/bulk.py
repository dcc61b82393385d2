"""Set-based writes of many rows in one statement whatever their number (the daily chase's
reminders, notifications and timeline steps: a county's day can be a quarter of a million rows).

On PostgreSQL each column travels as one array literal and the statement unnests them:
`INSERT … SELECT * FROM unnest(%s::int[], …)`, `UPDATE … FROM unnest(…)`. That is one query, and
it skips Django's per-object work (a model instance and its field preparation for each row),
which is what makes bulk_create and bulk_update slow at this size; bulk_update's CASE WHEN grows
quadratically in PostgreSQL besides. Elsewhere (SQLite, in development) the same calls fall back
to bulk_create and bulk_update.

Values are given column by column, already as the database stores them: ints, str, bool, None,
dates and aware datetimes. Model defaults and auto_now(_add) are not applied: give every column
that is not nullable.
"""
import datetime

from django.db import connection


def insert(model, columns, *, same=None, ignore_conflicts=False, returning_ids=False):
    """Insert the rows given as {field name: [value of each row]}, with `same` {field name: value}
    for the fields that have one value for every row; with returning_ids, the new rows' primary
    keys in the order of the rows (not with ignore_conflicts)."""
    same = same or {}
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    if not count:
        return []
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(names, values)), **same) for values in zip(*columns.values())]
        model.objects.bulk_create(objs, ignore_conflicts=ignore_conflicts)
        return [obj.pk for obj in objs] if returning_ids else None
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    arrays = [columns[name] for name in names]
    constants = [meta.get_field(name) for name in same]
    ids = None
    with connection.cursor() as cursor:
        if returning_ids:
            # Take the keys from the table's sequence first: the rows are then inserted with known keys,
            # whatever order the database writes them in.
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [meta.db_table, meta.pk.column, count])
            ids = [row[0] for row in cursor.fetchall()]
            fields, arrays = [meta.pk, *fields], [ids, *arrays]
        quote = connection.ops.quote_name
        casts = ", ".join(f"%s::{_array_type(field)}" for field in fields)
        values = "".join(f", %s::{_type(field)}" for field in constants)
        sql = (f"INSERT INTO {quote(meta.db_table)} "
               f"({', '.join(quote(field.column) for field in [*fields, *constants])}) "
               f"SELECT rows.*{values} FROM unnest({casts}) AS rows")
        if ignore_conflicts:
            sql += " ON CONFLICT DO NOTHING"
        cursor.execute(sql, [*same.values(), *(array_literal(values) for values in arrays)])
    return ids


def update(model, field_name, pks, values):
    """Set one field of the rows `pks` to the matching `values`, in one statement on PostgreSQL."""
    if not pks:
        return
    meta = model._meta
    field = meta.get_field(field_name)
    if connection.vendor != "postgresql":
        model.objects.bulk_update([model(**{meta.pk.attname: pk, field.attname: value})
                                   for pk, value in zip(pks, values)], [field.name])
        return
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote(field.column)} = new.value "
            f"FROM unnest(%s::{_array_type(meta.pk)}, %s::{_array_type(field)}) AS new(pk, value) "
            f"WHERE {table}.{pk} = new.pk",
            [array_literal(pks), array_literal(values)])


def _type(field):
    return field.rel_db_type(connection) if field.is_relation else field.db_type(connection)


def _array_type(field):
    return f"{_type(field)}[]"


def array_literal(values):
    """PostgreSQL's text form of a one-dimensional array: {1,NULL,"a \\"b\\""}."""
    kinds = {type(value) for value in values}
    if kinds == {int}:
        return "{" + ",".join(map(str, values)) + "}"
    if kinds == {str}:
        return '{"' + '","'.join([value.replace("\\", "\\\\").replace('"', '\\"') for value in values]) + '"}'
    return "{" + ",".join(map(_element, values)) + "}"


def _element(value):
    if value is None:
        return "NULL"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
