"""Excel sheets the office prints: a title row over a framed table with bold headers, columns
as wide as their Chinese text, landscape pages one wide. The only module that knows openpyxl's
styling; apps give it rows of plain values."""
import io
import unicodedata

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 48


def display_width(text):
    """Columns are measured in Latin characters; a Chinese character takes two."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(text).splitlines() or [""]), default=0)


def titled_table(sheet, *, title, headers, body, freeze="B3", first_column_left=False):
    """Write `title` merged over the table, the `headers` in bold and `body` framed, set the
    column widths and the print layout. The header is row 2; the body starts on row 3."""
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
            left = first_column_left and cell.column == 1 and cell.row > 2
            cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for index in range(1, len(headers) + 1):
        cells = [headers[index - 1]] + [line[index - 1] for line in body if len(line) >= index]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(map(display_width, cells)) + 4, MAX_WIDTH)
    sheet.freeze_panes = freeze
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_response(book, filename):
    """The workbook as a download; Django writes filename*= so a Chinese name survives."""
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)
