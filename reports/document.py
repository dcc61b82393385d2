"""An official document (公文) as data, whatever it says: the year-end work summary and plan, a
session's suggestion compilation, an assignment letter, a deputy's performance record.

Whoever writes a document builds an OfficialDocument; reports.pdf.render_pdf turns it into a PDF
in the national layout (GB/T 9704-2012), so the layout lives in one place and the writers never
touch HTML or CSS. Text is plain text: the renderer escapes it.

Heading levels follow the layout's hierarchy, and the writer puts the numbering into the text,
as the seeds do: level 1 "一、…" (黑体), level 2 "（一）…" (楷体), level 3 "1. …" and level 4
"（1）…" (the body face).
"""
import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int  # 1 一、  2 （一）  3 1.  4 （1）
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # one paragraph, indented two characters; no line breaks inside


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple  # the header cells
    rows: tuple  # tuples of cells (str), as many as columns
    numeric: tuple = ()  # indexes of the columns holding figures (set right-aligned)


@dataclass(frozen=True)
class Chart:
    caption: str
    svg: str  # an <svg> element drawn server-side by reports.charts (vector, never a picture)


@dataclass(frozen=True)
class OfficialDocument:
    title: str  # e.g. "青山镇人大主席团2026年工作总结和2027年工作计划"
    blocks: tuple  # Heading, Paragraph, Table and Chart, in reading order
    doc_number: str = ""  # 文号, e.g. "青人发〔2026〕5号"; empty on a draft
    issuer: str = ""  # the signature line (落款), e.g. "青山镇人大主席团"
    date: datetime.date | None = None  # the date under the signature (成文日期)
    draft: bool = False  # a draft says so on every page (征求意见稿/草稿)
    meta: dict = field(default_factory=dict)  # PDF metadata: {"author": …, "subject": …}
