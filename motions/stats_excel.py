"""The statistics as an Excel workbook: an overview sheet with the figures and rates, then one
sheet per table (by lead unit, by category). The figures come from suggestion_statistics and the
columns from stats_tables, so the sheet says exactly what the page says."""
import io
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import stats_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _display_width(text):
    """Columns are measured in Latin characters; a Chinese character takes two."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(text).splitlines() or [""]), default=0)


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
    """The workbook in memory, ready to send."""
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
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _cell_value(cell):
    if cell.value is None:
        return "—"
    return float(cell.value) / 100 if cell.is_rate else cell.value


def _write(sheet, title, headers, body, *, percent_rows=(), percent_columns=()):
    """A title row over the table, bold framed headers, rates as Excel percentages with one decimal
    (`percent_rows`: indexes into `body`; `percent_columns`: the sheet's column numbers)."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 2))
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 32
    sheet.append(headers)
    for line in body:
        sheet.append(line)
    thin = Side(style="thin", color="808080")
    for row in sheet.iter_rows(min_row=2, max_row=2 + len(body)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="left" if cell.column == 1 else "center", vertical="center",
                                       wrap_text=True)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, line in enumerate(body):
        row = 3 + index
        for column in range(1, len(line) + 1):
            if index in percent_rows or column in percent_columns:
                cell = sheet.cell(row=row, column=column)
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%"
    for index in range(1, len(headers) + 1):
        cells = [headers[index - 1]] + [line[index - 1] for line in body if len(line) >= index]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(map(_display_width, cells)) + 4, 48)
    sheet.append([_("Made on %(date)s.") % {"date": timezone.localdate().isoformat()}])
    sheet.freeze_panes = "B3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
