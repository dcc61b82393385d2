"""Charts for the official PDFs, drawn server-side as inline SVG (vector, never a picture).

The drawing's user unit is the millimetre and it is 156 units wide, the text block of a GB/T
9704-2012 page, so reports.pdf sets it at full width with no scaling and the text stays at the
size it was drawn (3.9 mm ≈ 11 pt, a little under the 小四 tables). Bars run horizontally because
the labels are Chinese unit and category names, too long for a column chart's axis. Labels are
plain text and escaped here.
"""
from xml.sax.saxutils import escape, quoteattr

WIDTH = 156.0  # mm, the text block
FONT_SIZE = 3.9  # mm
LINE = 4.6  # mm between the lines of a wrapped label
ROW = 8.5  # mm per bar
BAR = 5.0  # mm, the bar's thickness
GAP = 2.0  # mm between a label, its bar and its figure
LABEL_MAX = 0.36 * WIDTH  # a label column never takes more of the width than this
FONT = "Noto Serif CJK SC"
BAR_COLOUR = "#3d5a80"
RULE_COLOUR = "#000"


def _width(text):
    """Drawn width in mm: CJK and full-width forms take a full em, Latin letters and figures ~0.55."""
    return sum((0.55 if ord(ch) < 0x2E80 else 1.0) * FONT_SIZE for ch in text)


def _figure(value):
    if isinstance(value, int):
        return str(value)
    return format(float(value), "g")


def _wrap(text, width):
    """Split a label into lines no wider than width (by character: Chinese has no spaces)."""
    lines, line = [], ""
    for ch in text:
        if line and _width(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


def bar_chart(caption, labels, values, *, unit=""):
    """A horizontal bar chart: one bar per label, its figure (with the unit) at the bar's end.

    The caption goes into the SVG's <title> for screen readers; the document prints its own
    caption (Chart.caption) under the drawing.
    """
    labels = [str(label) for label in labels]
    values = [max(float(v or 0), 0.0) if not isinstance(v, int) else max(v, 0) for v in values]
    if len(labels) != len(values):
        raise ValueError("bar_chart needs as many values as labels")
    title = f"<title>{escape(caption)}</title>"
    if not labels:
        height = ROW * 2
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{height}mm" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={quoteattr(caption)}>{title}'
            f'<text x="{WIDTH / 2}" y="{height / 2 + FONT_SIZE / 3:.2f}" font-family="{FONT}" '
            f'font-size="{FONT_SIZE}" text-anchor="middle">暂无数据</text></svg>'
        )

    figures = [_figure(v) + unit for v in values]
    label_width = min(max(_width(label) for label in labels), LABEL_MAX)
    figure_width = max(_width(text) for text in figures)
    axis_x = label_width + GAP
    bar_room = WIDTH - axis_x - GAP - figure_width
    top = max(values) or 1

    wrapped = [_wrap(label, label_width) for label in labels]
    rows = [max(ROW, len(lines) * LINE + (ROW - LINE)) for lines in wrapped]
    height = sum(rows) + 2.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{height:.2f}mm" '
        f'viewBox="0 0 {WIDTH} {height:.2f}" role="img" aria-label={quoteattr(caption)}>',
        title,
        f'<g font-family="{FONT}" font-size="{FONT_SIZE}" fill="#000">',
    ]
    y = 1.0
    for lines, row, value, figure in zip(wrapped, rows, values, figures):
        middle = y + row / 2
        first = middle - (len(lines) - 1) * LINE / 2 + FONT_SIZE * 0.35
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{label_width:.2f}" y="{first + n * LINE:.2f}" '
                f'text-anchor="end">{escape(line)}</text>'
            )
        length = bar_room * value / top
        parts.append(
            f'<rect x="{axis_x:.2f}" y="{middle - BAR / 2:.2f}" width="{length:.2f}" '
            f'height="{BAR}" fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{axis_x + length + GAP:.2f}" y="{middle + FONT_SIZE * 0.35:.2f}">'
            f"{escape(figure)}</text>"
        )
        y += row
    parts.append("</g>")
    parts.append(
        f'<line x1="{axis_x:.2f}" y1="0.5" x2="{axis_x:.2f}" y2="{height - 0.5:.2f}" '
        f'stroke="{RULE_COLOUR}" stroke-width="0.25"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
