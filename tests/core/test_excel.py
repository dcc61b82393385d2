"""The shared Excel layout: a merged title over a framed table, widths that fit Chinese."""
import openpyxl

from core.excel import display_width, titled_table


def test_a_chinese_character_is_two_columns_wide():
    assert display_width("青山镇") == 6
    assert display_width("No. 12") == 6
    assert display_width("第一行\nab") == 6


def test_the_title_spans_the_table_and_the_headers_are_bold():
    book = openpyxl.Workbook()
    sheet = book.active
    titled_table(sheet, title="青山镇代表履职情况统计表（2026年）", headers=["姓名", "得分"], body=[["张德福", 12]])
    assert sheet["A1"].value == "青山镇代表履职情况统计表（2026年）"
    assert "A1:B1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["A2"].font.bold and sheet["A3"].value == "张德福"
    assert sheet.column_dimensions["A"].width == display_width("张德福") + 4
