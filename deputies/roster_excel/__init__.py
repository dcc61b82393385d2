"""The deputies roster as the Excel sheet township offices keep (SPEC §3): read, check, import, write.

The sheet is the office's own: a title row such as 青山镇第十一届人民代表大会代表名册, a header row
姓名、性别、民族、出生年月、政治面貌、文化程度、职业类别、工作单位及职务、联系电话、选区、代表小组、代表层级,
then one deputy a row. Columns are found by their header text, so extra columns (序号, 备注) and
another order are fine. The Chinese words of this module are the sheet's own vocabulary, not
interface text: an exported sheet must import back whatever language the exporter reads.

Every row is checked before anything is written (read_roster); import_roster then writes all rows
or none. A person is recognised by name and birth month (the roster gives no more), so importing
the same sheet twice updates and never duplicates. An import never ends a mandate nor erases a
value: an empty cell leaves what the portal has, and a deputy who left is ended on their own page
with the date and reason the law asks for (资格终止, 代表法 Art. 62).
"""
from .importing import ImportCounts, RosterPlan, RowPlan, deputies_not_in_sheet, import_roster, plan_roster
from .reading import RosterResult, RosterRow, RowError, read_roster
from .writing import export_day, roster_filename, roster_for_export, template_filename, write_roster

__all__ = [
    "ImportCounts", "RosterPlan", "RosterResult", "RosterRow", "RowError", "RowPlan", "deputies_not_in_sheet",
    "export_day", "import_roster", "plan_roster", "read_roster", "roster_filename", "roster_for_export",
    "template_filename", "write_roster",
]
