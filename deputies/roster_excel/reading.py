"""Reading a roster sheet: find its header, tidy what people typed, check every row (read_roster)."""
import datetime
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import RepresentativeGroup
from ..numerals import DIGITS
from .words import (ALIASES, COLUMNS, EDUCATION, GENDERS, LEVEL_ORDER, LEVELS_BY_LAST_CHARACTER, OCCUPATIONS,
                    PARTIES, POLITICS, REQUIRED, D, L)

logger = logging.getLogger(__name__)

MOBILE = re.compile(r"1[3-9]\d{9}")
CJK_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·•・]+")
DATE_SEPARATED = re.compile(r"(\d{4})[./\-年](\d{1,2})(?:月|[./\-月](\d{1,2})日?)?[.]?")
DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
MAX_ROWS = 2000  # a township has 30-80 deputies: more rows means the wrong file
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
GIVE_UP_AFTER_EMPTY_ROWS = 1000
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class RowError:
    row: int | None  # as Excel numbers it; None for the file as a whole
    column: str  # the header as the sheet writes it; "" for the whole row
    message: str


@dataclass
class RosterRow:
    row: int
    name: str
    birth_date: datetime.date
    gender: str
    district: object  # ElectoralDistrict
    ethnicity: str = ""  # "" means the cell was empty: a new deputy gets the default, a known one keeps theirs
    political_status: str = ""
    education: str = ""
    occupation: str = ""
    work_unit: str = ""
    phone: str = ""
    groups: list = field(default_factory=list)
    levels: list = field(default_factory=lambda: [L.TOWNSHIP])

    @property
    def level_labels(self):
        return [L(level).label for level in self.levels]


@dataclass
class RosterResult:
    term: object
    rows: list
    errors: list

    @property
    def ok(self):
        return bool(self.rows) and not self.errors


class CellError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cell:
    value: object = None
    number_format: str = "General"


# --- tidying what people type ------------------------------------------------------------------

def _text(value):
    """A cell as text, its spaces tidied: full-width, repeated and edge spaces become one or none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).translate(INVISIBLE).split())


def _fold(value):
    """Text folded for matching: full-width letters, digits and brackets made plain, no spaces."""
    return "".join(unicodedata.normalize("NFKC", _text(value)).split())


def _code(value):
    """A folded word without its notes in brackets: "本科（在职）" reads as 本科."""
    return re.sub(r"\(.*?\)", "", _fold(value))


def _chinese_numeral(text):
    """一 .. 九十九 -> 1 .. 99, or None."""
    if not text or any(char not in DIGITS + "十" for char in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def _too_long(text, limit):
    if len(text) > limit:
        raise CellError(_("Too long: at most %(limit)d characters.") % {"limit": limit})
    return text


# --- one parser per column: each returns the value or raises CellError with the reason ------------

def _name(cell):
    text = _text(cell.value)
    if CJK_NAME.fullmatch(text.replace(" ", "")):
        text = text.replace(" ", "")  # 王　芳: the space only aligned two-character names
    if not text:
        raise CellError(_("The name is empty."))
    return _too_long(text, 50)


def _lookup(cell, table, wrong_message, empty_message=""):
    """The stored value of a word of `table`; "" for an empty cell unless the column is required."""
    word = _code(cell.value)
    if not word and empty_message:
        raise CellError(empty_message)
    if word and word not in table:
        raise CellError(wrong_message % {"value": _text(cell.value)})
    return table.get(word, "")


def _gender(cell):
    return _lookup(cell, GENDERS, _("“%(value)s” is not a gender: write 男 or 女."),
                   _("The gender is empty: write 男 or 女."))


def _political_status(cell):
    word = _code(cell.value)
    if word and word not in POLITICS and any(party in word for party in PARTIES):
        return D.PoliticalStatus.DEMOCRATIC_PARTY  # 民盟盟员, 九三学社社员, 中国致公党党员
    return _lookup(cell, POLITICS, _("“%(value)s” is not a political status: write 中共党员, 中共预备党员, 共青团员, "
                                     "民主党派, 无党派人士 or 群众."))


def _education(cell):
    return _lookup(cell, EDUCATION, _("“%(value)s” is not an education level: write 小学, 初中, 高中, 中专, 大专, "
                                      "本科 or 研究生."))


def _occupation(cell):
    if _code(cell.value).endswith("干部"):
        return D.Occupation.CADRE  # 村干部, 机关干部, 党政领导干部
    return _lookup(cell, OCCUPATIONS, _("“%(value)s” is not an occupation category: write 工人, 农民, 专业技术人员, "
                                        "干部 or 其他."))


def _ethnicity(cell):
    text = _text(cell.value).replace(" ", "")
    if text and CJK_NAME.fullmatch(text) and len(text) <= 4 and text[-1] not in "族人":
        text += "族"  # 汉 -> 汉族, 土家 -> 土家族
    return _too_long(text, 20)


def _work_unit(cell):
    return _too_long(_text(cell.value), 100)


def _phone(cell):
    digits = _code(cell.value).replace("-", "")
    digits = digits.removeprefix("+86")
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if digits and not MOBILE.fullmatch(digits):
        raise CellError(_("“%(value)s” is not an 11-digit mobile number.") % {"value": _text(cell.value)})
    return digits


def _as_shown(value, number_format):
    """A number as Excel shows it: 1975.1 formatted "0.00" reads 1975.10, as the office sees it."""
    if isinstance(value, float) and not value.is_integer():
        decimals = re.search(r"0\.(0+)", number_format or "")
        return f"{value:.{len(decimals.group(1))}f}" if decimals else repr(value)
    return _text(value)


def _birth_date(cell, today):
    """Year and month, however written (1975.03, 1975.3, 1975-3, 1975年3月, 197503, a date cell);
    the first of the month is stored, as the roster gives no day."""
    value = cell.value
    if isinstance(value, int) and 10000 <= value < 100000:
        from openpyxl.utils.datetime import from_excel

        value = from_excel(value)  # a date cell that lost its date format shows its serial number
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        year, month, day = value.year, value.month, value.day
    else:
        shown = _as_shown(value, cell.number_format)
        if not shown:
            raise CellError(_("The year and month of birth are empty: write them like 1975.03."))
        text = _fold(shown)
        match = DATE_SEPARATED.fullmatch(text) or DATE_COMPACT.fullmatch(text)
        if not match:
            raise CellError(_("“%(value)s” is not a year and month: write it like 1975.03.") % {"value": shown})
        year, month, day = (int(part) if part else None for part in match.groups())
    if not 1 <= month <= 12:
        raise CellError(_("There is no month %(month)d: write the month as 1 to 12, like 1975.03.") % {"month": month})
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        raise CellError(_("The day %(day)d does not exist in that month.") % {"day": day}) from None
    if year < 1900:
        raise CellError(_("The year %(year)d is before 1900: check the year.") % {"year": year})
    if datetime.date(year, month, 1) > today:
        raise CellError(_("%(year)d.%(month)02d is in the future: check the year.") % {"year": year, "month": month})
    return datetime.date(year, month, 1)


def _district(cell, districts, term):
    """By name (第1选区（青山村）), by number (第3选区, 第三选区, 3) or by the area it covers (青山村)."""
    word = _fold(cell.value)
    if not word:
        raise CellError(_("The electoral district is empty."))
    by_name = {_fold(district.name): district for district in districts}
    if word in by_name:
        return by_name[word]
    number = re.fullmatch(r"第?(\d+|[一二三四五六七八九十]+)(?:选区)?", _code(cell.value))
    if number:
        number = int(number.group(1)) if number.group(1).isdigit() else _chinese_numeral(number.group(1))
        for district in districts:
            if district.number == number:
                return district
    by_area = [district for district in districts if district.area and _fold(district.area) == word]
    if len(by_area) == 1:
        return by_area[0]
    raise CellError(_("Unknown electoral district “%(value)s”: %(term)s has no such district.")
                    % {"value": _text(cell.value), "term": term})


def _groups(cell, groups, term):
    by_name = {_fold(group.name): group for group in groups}
    found = []
    for name in filter(None, (_fold(part) for part in re.split(r"[、,，;；]", _text(cell.value)))):
        if name not in by_name:
            raise CellError(_("Unknown representative group “%(value)s”: %(term)s has no such group.")
                            % {"value": name, "term": term})
        if by_name[name] not in found:
            found.append(by_name[name])
    return found


def _levels(cell):
    """镇 / 县 / 镇、县 / 镇人大代表,县人大代表 -> the mandate levels; township by default."""
    levels = []
    text = re.sub(r"\(.*?\)", "", unicodedata.normalize("NFKC", _text(cell.value)))
    for word in filter(None, re.split(r"[、,;/\s]+|和|及", text)):
        word = re.sub(r"(人民代表大会代表|人大代表|代表)$", "", word).removesuffix("级")
        level = LEVELS_BY_LAST_CHARACTER.get(word[-1:])
        if level is None:
            raise CellError(_("“%(value)s” is not a level: write 镇, 县, 市 or 省, several separated by 、.")
                            % {"value": word})
        if level not in levels:
            levels.append(level)
    if levels and L.TOWNSHIP not in levels:
        raise CellError(_("This is the township congress's roster: the level must include 镇."))
    return sorted(levels or [L.TOWNSHIP], key=LEVEL_ORDER.index)


# --- reading a sheet ---------------------------------------------------------------------------

def _header_key(value):
    return ALIASES.get(_code(value).rstrip("*:"))


def _find_header(rows):
    """The first row naming 姓名 and at least two more known columns: {field: column index}."""
    for index, row in enumerate(rows):
        columns = {}
        for column, cell in enumerate(row):
            key = _header_key(cell.value)
            if key and key not in columns:
                columns[key] = column
        if "name" in columns and len(columns) >= 3:
            return index, columns
    return None, None


def _check_unpacked_size(file):
    """An .xlsx is a zip archive: refuse one that would unpack to far more than any roster (a zip bomb)."""
    with zipfile.ZipFile(file) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if hasattr(file, "seek"):
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise CellError(_("This workbook unpacks to more than %(limit)d MB: a roster is far smaller. Check that this "
                          "is the right file.") % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)})


def _sheet_rows(file):
    """(header row number, {field: (column, header text)}, [(row number, [Cell])]) of the first sheet
    that has a header row, the active sheet first. Raises CellError when the file cannot be used."""
    from openpyxl import load_workbook  # here, not at the top: openpyxl costs every web worker ~18 MB

    try:
        _check_unpacked_size(file)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except CellError:
        raise
    except Exception:  # a damaged or mislabelled file can fail anywhere in openpyxl's unzip and XML parsing
        logger.info("Roster upload is not a readable .xlsx workbook", exc_info=True)
        raise CellError(_("This file cannot be read as an Excel workbook. Save it as .xlsx (Excel 2007 or later) "
                          "and upload it again.")) from None
    try:
        sheets = [workbook.active] + [sheet for sheet in workbook.worksheets if sheet is not workbook.active]
        for sheet in sheets:
            if not hasattr(sheet, "reset_dimensions"):
                continue  # a chart sheet
            sheet.reset_dimensions()  # some programs write a wrong size; read what is there
            rows = sheet.iter_rows(max_col=MAX_COLUMNS)
            top = [[Cell(cell.value, cell.number_format) for cell in row]
                   for _n, row in zip(range(HEADER_SEARCH_ROWS), rows)]
            index, columns = _find_header(top)
            if index is None:
                continue
            header = top[index]
            columns = {key: (column, _text(header[column].value)) for key, column in columns.items()}
            body, empty_run, number = [], 0, index + 1
            for row in top[index + 1:] + [[Cell(c.value, c.number_format) for c in row] for row in rows]:
                number += 1
                if all(cell.value is None or _text(cell.value) == "" for cell in row):
                    empty_run += 1
                    if empty_run >= GIVE_UP_AFTER_EMPTY_ROWS:
                        break
                    continue
                empty_run = 0
                body.append((number, row))
                if len(body) > MAX_ROWS:
                    raise CellError(_("The sheet has more than %(limit)d rows: a township roster is far shorter. "
                                      "Check that this is the right file.") % {"limit": MAX_ROWS})
            return index + 1, columns, body
    except CellError:
        raise
    except Exception:
        logger.info("Roster upload failed while its rows were read", exc_info=True)
        raise CellError(_("This file cannot be read as an Excel workbook. Save it as .xlsx (Excel 2007 or later) "
                          "and upload it again.")) from None
    finally:
        workbook.close()
    raise CellError(_("No header row found: the first %(rows)d rows of the sheet must include a row with the "
                      "column names 姓名, 性别, 出生年月 and 选区.") % {"rows": HEADER_SEARCH_ROWS})


def _is_note(cells):
    """A line such as 填表人：陈晓梅 under the roster: one cell, with a colon."""
    filled = [_text(cell.value) for cell in cells.values() if _text(cell.value)]
    return len(filled) == 1 and (":" in filled[0] or "：" in filled[0])


def read_roster(file, *, term):
    """Parse and check every row of a roster sheet for `term`; nothing is written.

    Returns a RosterResult: the rows that read well, and every error with its row number as Excel
    shows it, its column and the reason. A person listed twice (same name and birth month) is an
    error on the second row, naming the first.
    """
    try:
        header_row, columns, body = _sheet_rows(file)
    except CellError as error:
        return RosterResult(term, [], [RowError(None, "", error.message)])
    errors = [RowError(header_row, COLUMNS[key], _("The column %(column)s is missing.") % {"column": COLUMNS[key]})
              for key in REQUIRED if key not in columns]
    if errors:
        return RosterResult(term, [], errors)
    districts = list(term.districts.all())
    groups = list(RepresentativeGroup.objects.filter(term=term))
    today = timezone.localdate()
    parsers = {
        "name": _name, "gender": _gender, "ethnicity": _ethnicity, "political_status": _political_status,
        "education": _education, "occupation": _occupation, "work_unit": _work_unit, "phone": _phone,
        "birth_date": lambda cell: _birth_date(cell, today), "district": lambda cell: _district(cell, districts, term),
        "groups": lambda cell: _groups(cell, groups, term), "levels": _levels,
    }
    in_sheet_order = sorted(parsers.items(), key=lambda item: columns.get(item[0], (MAX_COLUMNS, ""))[0])
    rows, first_seen = [], {}
    for number, row in body:
        cells = {key: row[column] if column < len(row) else Cell() for key, (column, _header) in columns.items()}
        if not any(_text(cell.value) for cell in cells.values()) or _is_note(cells):
            continue
        values, row_errors = {}, []
        for key, parse in in_sheet_order:  # so that a row's errors read left to right
            try:
                values[key] = parse(cells.get(key, Cell()))
            except CellError as error:
                row_errors.append(RowError(number, columns[key][1], error.message))
        if not row_errors:
            person = (values["name"], values["birth_date"])
            if person in first_seen:
                row_errors.append(RowError(number, columns["name"][1], _(
                    "%(name)s born %(year)d.%(month)02d is already on row %(row)d: a person is listed once.")
                    % {"name": values["name"], "year": person[1].year, "month": person[1].month,
                       "row": first_seen[person]}))
            else:
                first_seen[person] = number
                rows.append(RosterRow(row=number, **values))
        errors.extend(row_errors)
    if not rows and not errors:
        errors.append(RowError(header_row, "", _("The sheet has no deputies under its header row.")))
    return RosterResult(term, rows, errors)
