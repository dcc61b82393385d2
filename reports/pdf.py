"""The portal's one PDF renderer: an OfficialDocument in the national official-document layout.

GB/T 9704-2012《党政机关公文格式》fixes the page: A4, a text block (版心) of 156 × 225 mm with
a 37 mm top margin and a 28 mm binding margin, 22 lines of 28 characters, the title at 2号 in
小标宋, the body at 3号 in 仿宋, headings 一、 in 黑体 and （一） in 楷体, page numbers "— 1 —" at
4号 on the outer side, the date four characters in from the right under the signature.

This is the only module that imports WeasyPrint. The stylesheet (reports/pdf_style/official.css) is
parsed once per process, and the fonts are checked once per process with fontconfig: a missing
face raises FontMissing naming the Debian package, because Pango would otherwise fall back to
whatever it finds and print tofu boxes or the wrong style without a word.

The faces, all free and packaged by Debian (the commercial 方正 faces are not):
- body (仿宋): Noto Serif CJK SC Regular. No free 仿宋 with simplified-Chinese glyphs is packaged
  (cwTeX's 仿宋 is traditional-only, and the Fandol faces are TeX-only and not in fontconfig's
  path), so the body takes the serif (宋体) the standard itself uses for the page numbers and that
  readers of 公文 already know. Its Light weight is nearer 仿宋's thin strokes on screen, but it
  greys out in an office laser print; Regular keeps the page as dark as a 仿宋 page.
- title (小标宋): Noto Serif CJK SC Bold, a heavy serif like 方正小标宋.
- 黑体: Noto Sans CJK SC Regular, whose strokes are already as heavy as 黑体's.
- 楷体: AR PL UKai CN (文鼎 PL 中楷), the one free simplified 楷体.
"""
import datetime
import functools
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from reports.document import Chart, Heading, OfficialDocument, Paragraph, Table

STYLESHEET = Path(__file__).resolve().parent / "pdf_style" / "official.css"
TEMPLATE = "reports/pdf/official.html"

# The title's line holds 156 mm / 22 pt ≈ 20 characters; longer titles are broken by hand into
# balanced lines (the standard asks for a trapezoid or diamond, never a long line and a stub).
TITLE_LINE_CHARS = 20
CHARACTER_MM = 156 / 28  # the body's character cell: 28 fill the 156 mm line


class FontMissing(Exception):
    """A face the official layout needs is not installed (the message names the Debian package)."""


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    package: str
    role: str


REQUIRED_FACES = (
    Face("Noto Serif CJK SC", "Regular", "fonts-noto-cjk", "正文（仿宋位置）"),
    Face("Noto Serif CJK SC", "Bold", "fonts-noto-cjk", "标题（小标宋位置）"),
    Face("Noto Sans CJK SC", "Regular", "fonts-noto-cjk", "一级标题（黑体）"),
    Face("AR PL UKai CN", "Book", "fonts-arphic-ukai", "二级标题（楷体）"),
)


def _face_installed(family, style):
    """Whether fontconfig lists this exact family and style (no fallback, unlike fc-match)."""
    if shutil.which("fc-list") is None:
        raise FontMissing(
            "fontconfig's fc-list is not installed: install the Debian package fontconfig "
            "(make run does)."
        )
    listed = subprocess.run(
        ["fc-list", f"{family}:style={style}", "family"],
        capture_output=True, text=True, check=False,
    ).stdout
    return bool(listed.strip())


@functools.cache
def check_fonts():
    """Raise FontMissing unless every face of REQUIRED_FACES is installed (cached once it passes)."""
    missing = [face for face in REQUIRED_FACES if not _face_installed(face.family, face.style)]
    if missing:
        packages = sorted({face.package for face in missing})
        faces = "; ".join(f"{face.family} {face.style} — {face.role}" for face in missing)
        raise FontMissing(
            f"Fonts missing for the official PDF layout: {faces}. "
            f"Install the Debian package(s) {' '.join(packages)} (make run does)."
        )
    return True


@functools.cache
def _stylesheet():
    return CSS(filename=str(STYLESHEET))


_fonts = threading.local()


def _font_config():
    """One font configuration per thread, kept across renders: WeasyPrint would otherwise load
    fontconfig's configuration and open the CJK faces afresh for every document, and Pango's
    caches of faces and metrics would start cold each time. Per thread because Pango's font map
    is not thread-safe; the documents declare no @font-face, so nothing accumulates in it."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _no_fetching():
    # Documents carry no images or links to fetch: refuse every URL but inline data, so nothing
    # in a document can make the server read a file or call the network.
    return URLFetcher(allowed_protocols={"data"})


def _width(text):
    """Width in characters: CJK and full-width forms count 1, Latin letters and digits ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def title_lines(title, line_chars=TITLE_LINE_CHARS):
    """Break a long title into balanced lines, never inside a run of Latin letters or digits
    and never before closing punctuation."""
    total = _width(title)
    if total <= line_chars:
        return [title]
    count = int(-(-total // line_chars))
    cuts = [0]
    for n in range(1, count):
        target = total * n / count
        best = None
        for i in range(cuts[-1] + 1, len(title)):
            if title[i - 1].isascii() and title[i].isascii() and title[i].isalnum():
                continue
            if title[i] in "，。、；：）》」』”’！？":
                continue
            gap = abs(_width(title[:i]) - target)
            if _width(title[cuts[-1]:i]) <= line_chars and (best is None or gap < best[0]):
                best = (gap, i)
        if best is None:
            return [title]
        cuts.append(best[1])
    cuts.append(len(title))
    return [title[a:b] for a, b in zip(cuts, cuts[1:])]


def chinese_date(date):
    """成文日期 as GB/T 9704-2012 writes it: Arabic figures, the year in full, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


def signature_indent(issuer, date):
    """The signature block's right margin in characters: the date four characters in from the
    right, the issuer centred over it (GB/T 9704-2012 7.3.5.1). An issuer wider than the date
    reaches out on both sides, so the block it widens moves right by half the difference, never
    past the text block's edge."""
    overhang = max(_width(issuer) - _width(date), 0) / 2
    return max(4 - overhang, 0)


def _blocks(blocks):
    for block in blocks:
        if isinstance(block, Heading):
            yield {"kind": "heading", "level": min(max(block.level, 1), 4), "text": block.text}
        elif isinstance(block, Paragraph):
            yield {"kind": "paragraph", "text": block.text}
        elif isinstance(block, Table):
            numeric = set(block.numeric)
            yield {
                "kind": "table",
                "caption": block.caption,
                "columns": [(text, i in numeric) for i, text in enumerate(block.columns)],
                "rows": [[(cell, i in numeric) for i, cell in enumerate(row)] for row in block.rows],
            }
        elif isinstance(block, Chart):
            # The SVG is drawn by reports.charts, which escapes every label it writes.
            yield {"kind": "chart", "caption": block.caption, "svg": mark_safe(block.svg)}
        else:
            raise TypeError(f"Not a block of an OfficialDocument: {block!r}")


def document_html(document: OfficialDocument) -> str:
    meta = document.meta or {}
    date = chinese_date(document.date) if document.date else ""
    return render_to_string(TEMPLATE, {
        "document": document,
        "title_lines": title_lines(document.title),
        "blocks": list(_blocks(document.blocks)),
        "date": date,
        "signature_indent_mm": f"{signature_indent(document.issuer, date) * CHARACTER_MM:.2f}",
        "author": meta.get("author") or document.issuer,
        "subject": meta.get("subject", ""),
        "keywords": meta.get("keywords", ""),
        "created": (document.date or datetime.date.today()).isoformat(),
    })


def render_pdf(document: OfficialDocument) -> bytes:
    """The document as a PDF in the GB/T 9704-2012 layout, fonts embedded (subset)."""
    check_fonts()
    html = HTML(string=document_html(document), url_fetcher=_no_fetching(), base_url=None)
    return html.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())
