"""The concept description as a Word document (python-docx).

Built from Word's own styles (Title, Heading 1–3, List Bullet, a grid table with a repeated
header row), so a user can restyle the whole document from Word's style gallery.
"""

from __future__ import annotations

import io

from concept.document import (
    Bullets,
    Document,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    clean,
)


def _text(value: str) -> str:
    # The document is already cleaned; cleaning again keeps this renderer safe on its own,
    # since one illegal XML character makes python-docx raise.
    return clean(value)


def _add_lines(paragraph, text: str, bold: bool = False) -> None:
    """Text with its line breaks kept as Word line breaks inside one paragraph."""
    lines = _text(text).split("\n")
    run = paragraph.add_run(lines[0])
    run.bold = bold or None
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)
        run.bold = bold or None


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(doc, block: Table) -> None:
    width = len(block.headers)
    table = doc.add_table(rows=1 + len(block.rows), cols=width)
    table.style = "Table Grid"
    for column, header in enumerate(block.headers):
        cell = table.rows[0].cells[column]
        _add_lines(cell.paragraphs[0], header, bold=True)
    _mark_header_row(table.rows[0])
    for index, row in enumerate(block.rows, start=1):
        cells = table.rows[index].cells
        for column, value in enumerate((row + [""] * width)[:width]):
            _add_lines(cells[column].paragraphs[0], value)
    doc.add_paragraph()


def render(document: Document) -> bytes:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.title = _text(document.cover.title)[:250]
    doc.core_properties.subject = _text(document.cover.kind)
    doc.core_properties.language = document.lang
    doc.styles["Normal"].font.size = Pt(10.5)

    cover = document.cover
    doc.add_paragraph(_text(cover.kind), style="Subtitle")
    doc.add_paragraph(_text(cover.title), style="Title")
    if cover.tagline:
        _add_lines(doc.add_paragraph(style="Quote"), cover.tagline)
    for label, value in cover.meta:
        paragraph = doc.add_paragraph()
        paragraph.add_run(_text(label) + ": ").bold = True
        _add_lines(paragraph, value)

    for section in document.sections:
        doc.add_heading(_text(section.title), level=1)
        for block in section.blocks:
            if isinstance(block, Heading):
                doc.add_heading(_text(block.text), level=min(block.level, 9))
            elif isinstance(block, Paragraph):
                _add_lines(doc.add_paragraph(), block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    _add_lines(doc.add_paragraph(style="List Bullet"), item)
            elif isinstance(block, KeyValue):
                for label, value in block.items:
                    paragraph = doc.add_paragraph(style="List Bullet")
                    paragraph.add_run(_text(label) + ": ").bold = True
                    _add_lines(paragraph, value)
            elif isinstance(block, Table):
                _table(doc, block)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
