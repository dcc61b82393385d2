"""The statistics as an Excel workbook: an overview sheet with the figures and rates, then one
sheet per table (by lead unit, by category). The figures come from suggestion_statistics and the
columns from stats_tables, so the sheet says exactly what the page says."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.excel import titled_table

from . import stats_tables


def overview_lines(stats):
    """(label, value) for the overview sheet, in the order of the page's big numbers."""
    figures = stats.overall
    lines = [
        (pgettext("statistics", "Received"), figures.received),
        (_("Awaiting review"), figures.awaiting_review),
        (_("Returned for revision"), figures.returned),
        (_("Not accepted (kept for reference)"), figures.not_accepted),
        (_("Merged into another"), figures.merged),
        (pgettext("statistics", "Accepted"), figures.accepted),
        (pgettext("statistics", "Assigned"), figures.assigned),
        (pgettext("statistics", "Replied"), figures.replied),
        (_("Replied on time"), figures.replied_on_time),
        (_("Replied late"), figures.replied_late),
        (pgettext("statistics", "Closed"), figures.closed),
        (_("Promised work not yet done (class B follow-up)"), figures.promises_open),
    ]
    lines += [(_("Class %(code)s %(name)s") % {"code": entry.code, "name": entry.name}, entry.count)
              for entry in figures.by_class]
    lines += [
        (_("Rated replies"), figures.rated),
        (_("Satisfied"), figures.satisfied),
        (_("Basically satisfied"), figures.basically_satisfied),
        (_("Unsatisfied"), figures.unsatisfied),
    ]
    rates = [
        (_("Reply rate (replied / assigned)"), figures.reply_rate),
        (_("On-time reply rate (replied on time / assigned)"), figures.on_time_rate),
        (_("Close rate (closed / assigned)"), figures.close_rate),
        (_("Satisfaction rate ((satisfied + basically satisfied) / rated)"), figures.satisfaction_rate),
    ]
    return lines, rates


def statistics_workbook(stats, title):
    """The workbook: an overview sheet and one sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    overview = book.active
    overview.title = _("Overview")
    lines, rates = overview_lines(stats)
    _write(overview, title, [_("Figure"), _("Number")],
           [[label, value] for label, value in lines]
           + [[label, "—" if value is None else float(value) / 100] for label, value in rates],
           percent_rows=range(len(lines), len(lines) + len(rates)))
    for table in (stats_tables.unit_table(stats), stats_tables.category_table(stats),
                  stats_tables.source_table(stats), stats_tables.kind_table(stats)):
        sheet = book.create_sheet(table.title)
        headers = [table.first_heading] + [column.label for column in table.columns]
        body = [[row.label] + [_cell_value(cell) for cell in row.cells] for row in table.rows] or [[_("No items.")]]
        rate_columns = [index + 2 for index, column in enumerate(table.columns) if column.is_rate]
        _write(sheet, f"{title}（{table.title}）", headers, body, percent_columns=rate_columns)
    return book


def _cell_value(cell):
    if cell.value is None:
        return "—"
    return float(cell.value) / 100 if cell.is_rate else cell.value


def _write(sheet, title, headers, body, *, percent_rows=(), percent_columns=()):
    """The framed, titled table of core.excel, with rates as Excel percentages with one decimal
    (`percent_rows`: indexes into `body`; `percent_columns`: the sheet's column numbers)."""
    titled_table(sheet, title=title, headers=headers, body=body, first_column_left=True)
    for index, line in enumerate(body):
        row = 3 + index
        for column in range(1, len(line) + 1):
            if index in percent_rows or column in percent_columns:
                cell = sheet.cell(row=row, column=column)
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%"
    sheet.append([_("Made on %(date)s.") % {"date": timezone.localdate().isoformat()}])
