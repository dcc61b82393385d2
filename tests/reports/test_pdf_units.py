"""The PDF engine's small parts: the font check, the title's lines, the date, the bar chart."""
import datetime
import xml.etree.ElementTree as ET

import pytest

from reports import charts, pdf

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def fresh_font_check():
    pdf.check_fonts.cache_clear()
    yield
    pdf.check_fonts.cache_clear()


def test_the_installed_faces_pass(fresh_font_check):
    assert pdf.check_fonts()


def test_a_missing_face_is_a_clear_error_naming_the_package(monkeypatch, fresh_font_check):
    monkeypatch.setattr(pdf, "_face_installed", lambda family, style: family != "AR PL UKai CN")
    with pytest.raises(pdf.FontMissing, match=r"AR PL UKai CN Book .*fonts-arphic-ukai"):
        pdf.render_pdf(pdf.OfficialDocument(title="测试", blocks=()))


def test_without_fontconfig_the_error_names_its_package(monkeypatch, fresh_font_check):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.FontMissing, match="fontconfig"):
        pdf.check_fonts()


def test_a_short_title_stays_on_one_line():
    assert pdf.title_lines("关于召开镇人民代表大会的通知") == ["关于召开镇人民代表大会的通知"]


def test_a_long_title_is_broken_into_balanced_lines_never_inside_a_figure():
    lines = pdf.title_lines("青山镇人大主席团2026年工作总结和2027年工作计划")
    assert "".join(lines) == "青山镇人大主席团2026年工作总结和2027年工作计划"
    assert lines == ["青山镇人大主席团2026年", "工作总结和2027年工作计划"]


def test_a_title_line_never_starts_with_closing_punctuation():
    title = "青山镇人大主席团关于二〇二六年度代表建议办理情况的报告（征求意见稿）"
    for line in pdf.title_lines(title)[1:]:
        assert line[0] not in "，。、）"


def test_the_date_is_written_without_leading_zeros():
    assert pdf.chinese_date(datetime.date(2026, 3, 5)) == "2026年3月5日"


def parse(svg):
    return ET.fromstring(svg)


def test_a_bar_chart_is_an_svg_as_wide_as_the_text_block():
    root = parse(charts.bar_chart("交办件数", ["镇财政所", "县交通运输局"], [3, 6], unit="件"))
    assert root.tag == f"{SVG}svg" and root.get("width") == "156.0mm"
    assert root.find(f"{SVG}title").text == "交办件数"


def test_bars_are_proportional_to_their_values():
    root = parse(charts.bar_chart("c", ["甲", "乙"], [3, 6]))
    short, long = (float(rect.get("width")) for rect in root.iter(f"{SVG}rect"))
    assert long == pytest.approx(2 * short, rel=0.01)


def test_each_bar_carries_its_figure_and_unit():
    root = parse(charts.bar_chart("c", ["甲", "乙"], [95.5, 100], unit="%"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "95.5%" in texts and "100%" in texts


def test_labels_are_escaped():
    svg = charts.bar_chart("<图>", ["<script>&"], [1])
    root = parse(svg)
    assert "<script>&" in [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>" not in svg


def test_a_long_label_wraps_instead_of_overflowing():
    label = "县自然资源和规划局青山自然资源所与镇农业农村综合服务中心联合办理"
    root = parse(charts.bar_chart("c", [label], [1]))
    lines = [t.text for t in root.iter(f"{SVG}text")][:-1]
    assert len(lines) > 1 and "".join(lines) == label
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("x")) <= charts.WIDTH


def test_an_empty_chart_says_there_is_no_data():
    root = parse(charts.bar_chart("c", [], []))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["暂无数据"]


def test_labels_and_values_must_pair():
    with pytest.raises(ValueError):
        charts.bar_chart("c", ["甲"], [1, 2])


def test_the_date_sits_four_characters_in_when_the_issuer_is_not_wider():
    assert pdf.signature_indent("青山镇人大", "2026年12月20日") == 4


def test_a_wider_issuer_reaches_out_on_both_sides_of_the_date():
    # 8 characters over a 7-character date: the block moves half a character right.
    assert pdf.signature_indent("青山镇人大主席团", "2026年12月20日") == 3.5
    assert pdf.signature_indent("青山镇第十八届人民代表大会主席团第一次会议", "2026年1月5日") == 0
