"""A county's hundreds of units keep the year-end summary's tables and chart bounded (issue 9):
the busiest units, then one line adding up the others; a township's units are all listed."""
import threading
from decimal import Decimal

from reports import pdf
from reports.annual import draft
from reports.annual.figures import AnnualFigures, TableRow
from reports.document import Chart, Table


def figures(units, categories=3):
    values = {name: 0 for name in AnnualFigures.__dataclass_fields__}
    values.update(
        year=2026, reply_rate=None, on_time_rate=None, close_rate=None, satisfaction_rate=None,
        by_unit=tuple(TableRow(f"单位{i}", received=i, assigned=i, replied=i, closed=0,
                               satisfaction_rate=Decimal(100) if i else None, rated=1 if i else 0,
                               satisfied=1 if i else 0) for i in range(units)),
        by_category=tuple(TableRow(f"类别{i}", i, i, i, i, None) for i in range(categories)),
    )
    return AnnualFigures(**values)


def blocks(units, categories=3):
    written = draft._suggestions(figures(units, categories), None, "青山镇")
    tables = [block for block in written if isinstance(block, Table)]
    charts = [block for block in written if isinstance(block, Chart)]
    return tables, charts


def test_a_townships_units_are_all_listed_and_drawn():
    (by_unit, by_category), (chart,) = blocks(12)
    assert [row[0] for row in by_unit.rows] == [f"单位{i}" for i in range(12)]
    assert by_unit.caption == "表1  2026年代表建议按承办单位办理情况"
    assert chart.caption == "图1  2026年各承办单位交办建议件数"
    assert chart.svg.count("<rect") == 12


def test_a_countys_units_fold_into_the_busiest_and_one_line_for_the_others():
    (by_unit, by_category), (chart,) = blocks(300)
    assert len(by_unit.rows) == draft.TABLE_ROWS
    shown, others = by_unit.rows[:-1], by_unit.rows[-1]
    # The 29 busiest, in the table's order, then the 271 others added up.
    assert [row[0] for row in shown] == [f"单位{i}" for i in range(271, 300)]
    assert others == ("其他271个单位", str(sum(range(271))), str(sum(range(271))), "0", "100%")
    assert by_unit.caption == "表1  2026年代表建议按承办单位办理情况（交办件数前29位）"
    assert chart.svg.count("<rect") == draft.CHART_BARS
    assert chart.caption == "图1  2026年交办建议件数前15位的承办单位"
    assert "单位299" in chart.svg and "单位284" not in chart.svg


def test_the_others_line_rates_what_was_rated():
    rows, folded = draft._bounded([
        TableRow("甲", 9, 9, 9, 9, Decimal(100), rated=2, satisfied=2),
        TableRow("乙", 1, 1, 1, 1, Decimal(0), rated=1, satisfied=0),
        TableRow("丙", 1, 1, 1, 1, Decimal(100), rated=3, satisfied=3),
        TableRow("丁", 0, 0, 0, 0, None),
    ], 3)
    assert folded
    assert [row.label for row in rows] == ["甲", "乙", "其他2个单位"]
    assert rows[-1].satisfaction_rate == Decimal("100.0") and rows[-1].rated == 3


def test_categories_fold_by_items_received():
    (by_unit, by_category), _ = blocks(2, categories=40)
    assert len(by_category.rows) == draft.TABLE_ROWS
    assert by_category.rows[-1][0] == "其他11个类别"


def test_the_font_configuration_is_kept_per_thread():
    first = pdf._font_config()
    assert pdf._font_config() is first
    other = []
    thread = threading.Thread(target=lambda: other.append(pdf._font_config()))
    thread.start()
    thread.join()
    assert other[0] is not first
