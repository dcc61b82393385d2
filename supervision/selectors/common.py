"""What the long lists of supervision share: the years a list's filter offers, read through the
dates' indexes (a page of a list: core.paging.page_of)."""
import datetime

from django.db import connection


def years_of(*sources):
    """The years of the dates in one or more (model, date field) `sources`, newest first.

    Two short queries, answered from the fields' indexes, where a DISTINCT over the years read
    every row: the first and last date of each source, then for every year between them its first
    date in each source. Written in SQL (standard: SELECT without FROM, MIN over an index range)
    because the ORM took longer to build the dozens of subqueries than the database to run them.
    """
    quote = connection.ops.quote_name
    tables = [(quote(model._meta.db_table), quote(model._meta.get_field(field).column)) for model, field in sources]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT MIN({column}) FROM {table}), (SELECT MAX({column}) FROM {table})"
                                             for table, column in tables))
        ends = [_year(day) for day in cursor.fetchone() if day is not None]
        if not ends:
            return []
        years = range(min(ends), max(ends) + 1)
        probes, params = [], []
        for year in years:
            for table, column in tables:
                probes.append(f"(SELECT MIN({column}) FROM {table} WHERE {column} BETWEEN %s AND %s)")
                params += [datetime.date(year, 1, 1), datetime.date(year, 12, 31)]
        cursor.execute("SELECT " + ", ".join(probes), params)
        firsts = cursor.fetchone()
    return sorted({_year(day) for day in firsts if day is not None}, reverse=True)


def _year(day):
    """The year of a date as the database cursor returns it (a date, or SQLite's ISO text)."""
    return day.year if isinstance(day, datetime.date) else int(str(day)[:4])
