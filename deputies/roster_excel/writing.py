"""Writing the roster sheet (write_roster): the office's own layout, which imports back unchanged."""

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from core.excel import display_width
from core.models import Township

from ..models import Mandate, RepresentativeGroup
from ..numerals import chinese_number
from ..selectors import deputies_in_office
from .words import COLUMNS, LEVEL_ORDER, LEVEL_WORDS, WORDS, D, L

TEXT_COLUMNS = ("birth_date", "phone")
FIRST_ROW, LAST_ROW = 3, 1002  # the data rows that get drop-down lists


def with_roster_data(deputies, *, term, day):
    """Deputies with what a sheet row needs, in a fixed number of queries: district, the mandates
    held on `day`, the groups of `term`."""
    on_day = Mandate.objects.filter(elected_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    return deputies.select_related("district").prefetch_related(
        Prefetch("mandates", queryset=on_day, to_attr="mandates_on_day"),
        Prefetch("groups", queryset=RepresentativeGroup.objects.filter(term=term).order_by("name"),
                 to_attr="groups_in_term"),
    )


def roster_for_export(*, term, day):
    """The township deputies of `term` in office on `day`, district by district (write_roster adds the rest)."""
    return deputies_in_office(day, term=term).order_by(F("district__number").asc(nulls_last=True), "name", "pk")


def export_day(term, day=None):
    """Today, or the term's last day when it is over (and its first when it has not begun)."""
    return min(max(day or timezone.localdate(), term.start_date), term.end_date)


def roster_title(term):
    return f"{Township.current().name}第{chinese_number(term.number)}届人民代表大会代表名册"


def roster_filename(term, day):
    return f"代表名册-第{chinese_number(term.number)}届-{day:%Y%m%d}.xlsx"


def template_filename(term):
    return f"代表名册模板-第{chinese_number(term.number)}届.xlsx"


def _sheet_values(deputy, term):
    levels = {mandate.level for mandate in deputy.mandates_on_day
              if mandate.level != L.TOWNSHIP or mandate.term_id == term.pk}
    return {
        "name": deputy.name, "gender": WORDS["gender"].get(deputy.gender, ""), "ethnicity": deputy.ethnicity,
        "birth_date": f"{deputy.birth_date:%Y.%m}" if deputy.birth_date else "",
        "political_status": WORDS["political_status"].get(deputy.political_status, ""),
        "education": WORDS["education"].get(deputy.education, ""),
        "occupation": WORDS["occupation"].get(deputy.occupation, ""), "work_unit": deputy.work_unit,
        "phone": deputy.phone, "district": deputy.district.name if deputy.district else "",
        "groups": "、".join(group.name for group in deputy.groups_in_term),
        "levels": "、".join(LEVEL_WORDS[level] for level in LEVEL_ORDER if level in levels),
    }


def write_roster(deputies, *, term, day=None):
    """The roster as the office's sheet: a title row, a bold header, one deputy a row; phones and
    birth months as text ("1975.03") so Excel keeps them as written. It imports back unchanged.
    Pass a queryset of deputies (or an empty list for a blank template)."""
    # openpyxl is imported here, not at the top: it costs every web worker ~18 MB, and few requests write a sheet.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    box = Border(*(Side(style="thin", color="999999"),) * 4)  # left, right, top, bottom
    day = export_day(term, day)
    if hasattr(deputies, "prefetch_related"):
        deputies = with_roster_data(deputies, term=term, day=day)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "代表名册"
    keys = list(COLUMNS)
    sheet.append([roster_title(term)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(keys))
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 32
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EDF4")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = box
    sheet.row_dimensions[2].height = 24
    widths = [display_width(header) for header in COLUMNS.values()]
    for deputy in deputies:
        values = _sheet_values(deputy, term)
        sheet.append([values[key] or None for key in keys])
        for cell in sheet[sheet.max_row]:  # ruled like the printed roster
            cell.border = box
            cell.alignment = Alignment(vertical="center")
        widths = [max(width, display_width(values[key])) for width, key in zip(widths, keys)]
    for index, key in enumerate(keys, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(widths[index - 1] + 3, 48)
        if key in TEXT_COLUMNS:  # as text, so that Excel keeps 1975.10 and long numbers as typed
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(FIRST_ROW, sheet.max_row + 1):
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _add_choices(workbook, sheet, term, keys)
    return workbook


def _add_choices(workbook, sheet, term, keys):
    """Drop-down lists of the accepted words, kept on a hidden sheet; other spellings stay allowed."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = {
        "gender": [WORDS["gender"][value] for value in D.Gender.values],
        "political_status": [WORDS["political_status"][value] for value in D.PoliticalStatus.values],
        "education": [WORDS["education"][value] for value in D.Education.values],
        "occupation": [WORDS["occupation"][value] for value in D.Occupation.values],
        "district": [district.name for district in term.districts.all()],
        "levels": ["镇", "镇、县", "镇、市", "镇、县、市"],
    }
    lists = workbook.create_sheet("选项")
    lists.sheet_state = "hidden"
    for list_column, (key, words) in enumerate(choices.items(), start=1):
        if not words:
            continue
        letter = get_column_letter(list_column)
        lists.cell(row=1, column=list_column, value=COLUMNS[key])
        for row, word in enumerate(words, start=2):
            lists.cell(row=row, column=list_column, value=word)
        validation = DataValidation(type="list", formula1=f"'选项'!${letter}$2:${letter}${len(words) + 1}",
                                    allow_blank=True, showErrorMessage=False)
        target = get_column_letter(keys.index(key) + 1)
        validation.add(f"{target}{FIRST_ROW}:{target}{LAST_ROW}")
        sheet.add_data_validation(validation)
