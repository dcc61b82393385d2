"""An AnnualReport version as an OfficialDocument (reports.document), the one thing the page and
the PDF both read.

A draft is written afresh from the records each time it is exported or finalised (its figures
are live); its page reads the paragraphs as last counted (counted_sections), recounted on demand.
A final report is read back from the text frozen at finalisation, so it never changes when the
records do.
"""
import datetime

from django.utils import timezone

from core.models import Township

from ..document import Chart, Heading, OfficialDocument, Paragraph, Table
from .draft import SECTION_LEVEL, annual_records, generated_blocks
from .figures import annual_figures

BLOCK_TYPES = {Heading: "heading", Paragraph: "paragraph", Table: "table", Chart: "chart"}
BY_NAME = {name: cls for cls, name in BLOCK_TYPES.items()}


def issuer():
    return f"{Township.current().name}人大主席团"


def narrative_paragraphs(text):
    """Staff write one paragraph per line; blank lines are left out."""
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _generated(year, today=None):
    return generated_blocks(annual_figures(year, today=today), annual_records(year), Township.current().name)


def _with_narratives(report, generated):
    return [(section, narrative_paragraphs(section.narrative), generated.get(section.key, []))
            for section in report.sections.order_by("order")]


def live_sections(report, *, today=None):
    """[(section, narrative blocks, generated blocks)] of a report written from today's records."""
    return _with_narratives(report, _generated(report.year, today))


def counted_json(year, *, today=None):
    """{section key: [blocks as JSON]} written from today's records: a draft's counted_blocks."""
    return {key: [block_as_json(entry) for entry in blocks] for key, blocks in _generated(year, today).items()}


def counted_sections(report):
    """[(section, narrative blocks, generated blocks)] of a draft as last counted (a few queries,
    whatever the records)."""
    generated = {key: [block_from_json(entry) for entry in blocks] for key, blocks in report.counted_blocks.items()}
    return _with_narratives(report, generated)


def document_from_sections(report, sections):
    blocks = []
    for section, narrative, generated in sections:
        blocks.append(Heading(SECTION_LEVEL.get(section.key, 2), section.heading))
        blocks.extend(narrative)
        blocks.extend(generated)
    name = issuer()
    return OfficialDocument(
        title=report.title, blocks=tuple(blocks), doc_number=report.doc_number, issuer=name,
        date=report.issued_on or timezone.localdate(), draft=not report.is_final,
        meta={"author": name, "subject": report.title},
    )


def annual_document(report):
    """The report as it reads: frozen when final, live from the records while a draft."""
    if report.is_final and report.text_snapshot:
        return document_from_json(report.text_snapshot)
    return document_from_sections(report, live_sections(report))


# --- the frozen text ------------------------------------------------------------------------------

def block_as_json(entry):
    data = {"type": BLOCK_TYPES[type(entry)], **entry.__dict__}
    for name in ("columns", "rows", "numeric"):
        if name in data:
            data[name] = [list(row) if isinstance(row, tuple) else row for row in data[name]]
    return data


def block_from_json(entry):
    entry = dict(entry)
    cls = BY_NAME[entry.pop("type")]
    if cls is Table:
        entry["columns"] = tuple(entry["columns"])
        entry["rows"] = tuple(tuple(row) for row in entry["rows"])
        entry["numeric"] = tuple(entry.get("numeric", ()))
    return cls(**entry)


def document_as_json(document):
    return {
        "title": document.title, "doc_number": document.doc_number, "issuer": document.issuer,
        "date": document.date.isoformat() if document.date else None, "draft": document.draft,
        "meta": document.meta, "blocks": [block_as_json(entry) for entry in document.blocks],
    }


def document_from_json(data):
    return OfficialDocument(
        title=data["title"], blocks=tuple(block_from_json(entry) for entry in data["blocks"]),
        doc_number=data.get("doc_number", ""), issuer=data.get("issuer", ""),
        date=datetime.date.fromisoformat(data["date"]) if data.get("date") else None,
        draft=data.get("draft", False), meta=data.get("meta", {}),
    )


def document_text(document):
    """The document's text, block by block: what a reader (and a test) reads in it."""
    lines = [document.title, document.doc_number]
    for entry in document.blocks:
        if isinstance(entry, Table):
            lines.append(entry.caption)
            lines.append(" ".join(entry.columns))
            lines.extend(" ".join(row) for row in entry.rows)
        elif isinstance(entry, Chart):
            lines.append(entry.caption)
        else:
            lines.append(entry.text)
    lines.append(document.issuer)
    return "\n".join(line for line in lines if line)
