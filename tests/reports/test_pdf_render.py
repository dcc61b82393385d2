"""The official PDF layout (GB/T 9704-2012), checked on the rendered file with poppler's tools.

A sample year-end summary holding every block kind (headings of the four levels, paragraphs, a
table running over a page break, a chart) is rendered once per module; each test reads one rule
of the standard back from the PDF with pdfinfo, pdffonts or pdftotext.
"""
import collections
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from reports import pdf
from reports.document import OfficialDocument, Paragraph
from tests.reports.pdf_sample import HEADLINE, OPENING, UNITS, sample_document

MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, (210 - 26) * MM, 37 * MM, (297 - 35) * MM
TOLERANCE = 1 * MM
XHTML = "{http://www.w3.org/1999/xhtml}"


def poppler(tool, *args):
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install the Debian package poppler-utils (make test does)")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    path.write_bytes(pdf.render_pdf(sample_document()))
    return str(path)


@pytest.fixture(scope="module")
def pages(sample_pdf):
    """Per page: its lines as (xMin, yMin, xMax, yMax, text), from pdftotext -bbox-layout."""
    root = ET.fromstring(poppler("pdftotext", "-bbox-layout", sample_pdf, "-"))
    result = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text for w in line.iter(f"{XHTML}word")]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append((*box, " ".join(words)))
        result.append(lines)
    return result


def page_number_line(lines):
    below = [line for line in lines if line[1] > BOTTOM]
    assert len(below) == 1, below
    return below[0]


def body_lines(lines):
    return [line for line in lines if line[1] <= BOTTOM]


def test_the_page_is_a4(sample_pdf):
    info = poppler("pdfinfo", sample_pdf)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) >= 2


def test_metadata_gives_the_title_and_the_issuer(sample_pdf):
    info = poppler("pdfinfo", sample_pdf)
    assert "Title:           青山镇人大主席团2026年工作总结和2027年工作计划" in info
    assert "Author:          青山镇人大主席团" in info


def test_every_word_stays_in_the_text_block(pages):
    for number, lines in enumerate(pages, start=1):
        for x_min, y_min, x_max, y_max, text in body_lines(lines):
            assert x_min >= LEFT - TOLERANCE, (number, text, x_min / MM)
            assert x_max <= RIGHT + TOLERANCE, (number, text, x_max / MM)
            assert y_min >= TOP - TOLERANCE, (number, text, y_min / MM)
            assert y_max <= BOTTOM + TOLERANCE, (number, text, y_max / MM)


def test_a_full_page_holds_22_lines(pages):
    # Page 2 holds only headings and paragraphs, all on the body's line grid.
    rows = {round(line[1]) for line in body_lines(pages[1])}
    assert len(rows) == 22


def test_a_full_line_holds_28_characters(pages):
    lengths = [
        len(text) for lines in pages[:2] for *_, text in body_lines(lines)
        if re.fullmatch(r"[\u3000-\u9fff\uff00-\uffef]+", text)  # Chinese only: no half-width figures
    ]
    assert max(lengths) == 28
    assert collections.Counter(lengths).most_common(1)[0][0] == 28


def test_page_numbers_sit_on_the_outer_side_one_character_in(pages):
    odd, even = page_number_line(pages[0]), page_number_line(pages[1])
    assert odd[4] == "— 1 —" and even[4] == "— 2 —"
    assert odd[0] > PAGE_W / 2 and even[2] < PAGE_W / 2
    assert abs((RIGHT - odd[2]) - 14) < TOLERANCE  # one 4号 character (14 pt) from the block
    assert abs((even[0] - LEFT) - 14) < TOLERANCE
    assert 5 * MM < odd[1] - BOTTOM < 9 * MM  # about 7 mm under the text block


def test_every_page_is_numbered(pages):
    for number, lines in enumerate(pages, start=1):
        assert page_number_line(lines)[4] == f"— {number} —"


def test_fonts_are_embedded_and_are_the_layouts_faces(sample_pdf):
    rows = poppler("pdffonts", sample_pdf).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the emb column
    names = " ".join(row.split()[0] for row in rows)
    for face in ("Noto-Serif-CJK-SC-Bold", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC", "AR-PL-UKai-CN"):
        assert face in names


def test_the_text_layer_gives_back_the_chinese_text_and_the_figures(sample_pdf):
    text = re.sub(r"\s+", "", poppler("pdftotext", sample_pdf, "-"))
    assert OPENING in text
    assert HEADLINE in text
    assert "一、2026年工作回顾" in text
    assert "（一）依法召开人民代表大会" in text
    assert "青人发〔2026〕5号" in text
    rows = [" ".join(line.split()) for line in poppler("pdftotext", "-layout", sample_pdf, "-").splitlines()]
    for name, *figures in UNITS:
        assert " ".join([name, *map(str, figures)]) in rows  # a table row, its figures in order
    assert "镇农业农村综合服务中心" in text and "9件" in text  # the chart's label and figure
    assert "图1" in text and "表1" in text


def test_the_signature_closes_the_document(pages):
    last = [text for *_, text in body_lines(pages[-1])]
    assert last[-2:] == ["青山镇人大主席团", "2026年12月20日"]
    date = next(line for line in body_lines(pages[-1]) if line[4] == "2026年12月20日")
    assert abs((RIGHT - date[2]) - 4 * 156 / 28 * MM) < 2 * TOLERANCE  # four characters in


def test_the_table_header_repeats_after_a_page_break(pages):
    with_header = [n for n, lines in enumerate(pages) if any("承办单位" in line[4] for line in lines)]
    assert len(with_header) == 2 and with_header[1] == with_header[0] + 1


def test_a_draft_says_so_on_every_page(tmp_path):
    path = tmp_path / "draft.pdf"
    path.write_bytes(pdf.render_pdf(sample_document(draft=True, doc_number="")))
    text = poppler("pdftotext", str(path), "-")
    for page in text.split("\f")[:-1]:
        assert "草稿" in page


def test_plain_text_is_escaped(tmp_path):
    path = tmp_path / "escaped.pdf"
    document = OfficialDocument(title="测试", blocks=(Paragraph("<script>alert(1)</script> & <b>粗</b>"),))
    path.write_bytes(pdf.render_pdf(document))
    assert "<script>alert(1)</script> & <b>粗</b>" in poppler("pdftotext", str(path), "-")
