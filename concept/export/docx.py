"""The concept description as a Word document (python-docx).

Built from Word's own styles (Title, Heading 1–3, List Bullet, a grid table with a repeated
header row), so a user can restyle the whole document from Word's style gallery.
"""

from __future__ import annotations

import io

from concept.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    clean,
)
from concept.export.layout import longest_word, share_widths, text_weight

HEADER_FILL = "E8F1F5"
MARGIN_MM = 20


def _text(value: str) -> str:
    # The document is already cleaned; cleaning again keeps this renderer safe on its own,
    # since one illegal XML character makes python-docx raise.
    return clean(value)


def _add_lines(paragraph, text: str, bold: bool = False) -> None:
    """Text with its line breaks kept as Word line breaks inside one paragraph."""
    lines = _text(text).split("\n")
    run = paragraph.add_run(lines[0])
    if bold:  # a run without the property inherits it; setting None wrote an empty <w:rPr>
        run.bold = True
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)
        if bold:
            run.bold = True


def _mark_header_row(row) -> None:  # a <w:tr>
    """Repeat the row at the top of every page the table continues on, and shade it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    for cell in row.tc_lst:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), HEADER_FILL)
        cell.get_or_add_tcPr().append(shading)


class _Styles:
    """Word styles by name, looked up once: python-docx searches every style on each lookup,
    which made a document with many paragraphs slow."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.doc.styles[name].style_id
        return self.ids[name]

    def paragraph(self, name: str | None = None, text: str = ""):
        paragraph = self.doc.add_paragraph()
        if name:
            paragraph._p.style = self.id(name)
        if text:
            _add_lines(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int):
        return self.paragraph(f"Heading {min(max(level, 1), 9)}", text)


def _column_widths(block: Table, total_mm: float) -> list[float]:
    wants, mins = [], []
    for column, header in enumerate(block.headers):
        cells = [row[column] if column < len(row) else "" for row in block.rows]
        longest = max(len(longest_word([header])) * 2.5, len(longest_word(cells)) * 2.2)
        mins.append(min(longest + 5.0, total_mm * 0.45))
        wants.append(text_weight(cells))
    return share_widths(wants, mins, total_mm)


def _landscape_table(styles: _Styles, block: Table) -> None:
    """The journey map on landscape pages (a Word section of its own), then portrait again."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    doc = styles.doc
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    _table(styles, Table(block.headers, block.rows, curve=block.curve), 297 - 2 * MARGIN_MM)
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)


def _table(styles: _Styles, block: Table, total_mm: float) -> None:
    from docx.shared import Mm
    from docx.text.paragraph import Paragraph

    if block.landscape:
        _landscape_table(styles, block)
        return
    width = len(block.headers)
    doc = styles.doc
    table = doc.add_table(rows=1 + len(block.rows), cols=width)
    table._tbl.tblStyle_val = styles.id("Table Grid")
    table.autofit = False
    widths = [Mm(w) for w in _column_widths(block, total_mm)]
    # The rows' own cell elements: python-docx's table.rows[i].cells and column.cells rebuild
    # the whole grid on every call, which made a long table's export quadratic.
    rows = table._tbl.tr_lst
    texts = [block.headers, *((row + [""] * width)[:width] for row in block.rows)]
    for index, (tr, values) in enumerate(zip(rows, texts, strict=True)):
        for column, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
            tc.width = widths[column]  # Word reads the cell widths, LibreOffice the grid: both
            _add_lines(Paragraph(tc.p_lst[0], table), value, bold=index == 0)
    for column, grid_column in enumerate(table._tbl.tblGrid.gridCol_lst):
        grid_column.w = widths[column]
    _mark_header_row(rows[0])
    if block.curve is not None:
        _curve_row(table, block, [w.mm for w in widths])
    doc.add_paragraph()


CELL_MARGIN_MM = 1.905  # the left and right inner margin of a cell in Word's "Table Grid"
CURVE_HEIGHT_MM = 24.0


def _curve_row(table, block: Table, widths: list[float]) -> None:
    """The emotion row of the journey map: its stage cells merged into one, holding one
    picture of the curve whose points sit over the middle of each stage column."""
    import io

    from docx.shared import Mm

    from concept.export.figures import map_curve

    data = map_curve(block, widths[1:], CURVE_HEIGHT_MM, inset=CELL_MARGIN_MM)
    if data is None:
        return
    row = block.curve.row + 1  # the header row comes first
    merged = table.cell(row, 1).merge(table.cell(row, len(widths) - 1))
    for paragraph in merged._tc.p_lst[1:]:  # the merged cells' words; the picture says them
        merged._tc.remove(paragraph)
    paragraph = merged.paragraphs[0]
    for run in paragraph._p.r_lst:
        paragraph._p.remove(run)
    paragraph.add_run().add_picture(io.BytesIO(data),
                                    width=Mm(sum(widths[1:]) - 2 * CELL_MARGIN_MM))
    drawing = paragraph._p.xpath(".//wp:docPr")
    if drawing:
        drawing[0].set("descr", " · ".join(
            f"{header}: {label}" for header, label in zip(block.headers[1:],
                                                          block.rows[block.curve.row][1:],
                                                          strict=False) if label))


def _figure(styles: _Styles, block: Figure, total_mm: float) -> None:
    """The chart as a 200 dpi PNG (at most the text width), its caption under it."""
    from docx.shared import Mm

    from concept.export.figures import png, png_size_mm

    data = png(block.spec)
    width, _ = png_size_mm(data)
    picture = styles.paragraph()
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(io.BytesIO(data), width=Mm(min(width, total_mm)))
    styles.paragraph("Caption", block.caption)


def _footer(page, text: str) -> None:
    """The concept's name (and "Draft") and the page number at the foot of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = page.footer.paragraphs[0]
    run = paragraph.add_run(_text(text) + "\t\t")
    run.font.size = Pt(8)
    number = OxmlElement("w:fldSimple")
    number.set(qn("w:instr"), "PAGE")
    paragraph._p.append(number)


WORD_LANGUAGES = {"fi": "fi-FI", "en": "en-GB"}


def _language(doc, lang: str) -> None:
    """The proofing language of every style's text (Word spell-checks in it), and the
    document's own language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    code = WORD_LANGUAGES.get(lang, lang)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), code)
    properties.append(language)
    doc.core_properties.language = code


def _table_of_contents(styles: _Styles, title: str, entries: list[str]) -> None:
    """A TOC field over Heading 1–2 that Word fills in (with page numbers) when the file opens;
    until then it shows the section titles, which is also what a reader that does not update
    fields (LibreOffice converting headless) shows."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles.paragraph("TOC Heading" if _has_style(styles.doc, "TOC Heading") else None, title)
    paragraph = styles.paragraph()
    for kind, text in (("begin", None), (None, 'TOC \\o "1-2" \\h \\z \\u'),
                       ("separate", None), (None, ""), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")
            run.append(char)
        elif text:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run.append(instruction)
        else:
            for index, entry in enumerate(entries):
                if index:
                    run.append(OxmlElement("w:br"))
                placeholder = OxmlElement("w:t")
                placeholder.text = _text(entry)
                run.append(placeholder)
        paragraph._p.append(run)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    styles.doc.settings.element.append(update)


def _has_style(doc, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def render(document: Document) -> bytes:
    from concept.export.figures import render_ahead

    render_ahead(document, "png")  # drawn on a worker thread while the text is laid out
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm, Pt

    doc = docx.Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(MARGIN_MM)
    page.top_margin = page.bottom_margin = Mm(MARGIN_MM)
    total_mm = 210 - 2 * MARGIN_MM
    page.different_first_page_header_footer = True  # no footer on the cover
    _footer(page, document.cover.footer or document.cover.title)
    doc.core_properties.title = _text(document.cover.title)[:250]
    doc.core_properties.subject = _text(document.cover.kind)
    doc.core_properties.author = _text(document.cover.author)[:250]
    _language(doc, document.lang)
    normal = doc.styles["Normal"].font
    normal.size = Pt(10.5)
    normal.name = "Calibri"

    cover = document.cover
    styles = _Styles(doc)
    styles.paragraph("Subtitle", cover.kind)
    styles.paragraph("Title", cover.title)
    if cover.tagline:
        styles.paragraph("Quote", cover.tagline)
    for label, value in cover.meta:
        paragraph = doc.add_paragraph()
        paragraph.add_run(_text(label) + ": ").bold = True
        _add_lines(paragraph, value)
    if cover.summary:
        styles.paragraph(None, cover.summary)
    if document.sections:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _table_of_contents(styles, document.contents_title,
                           [section.title for section in document.sections])
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for section in document.sections:
        styles.heading(section.title, 1)
        for block in section.blocks:
            if isinstance(block, Heading):
                styles.heading(block.text, block.level)
            elif isinstance(block, Paragraph):
                styles.paragraph(None, block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    styles.paragraph("List Bullet", item)
            elif isinstance(block, KeyValue):
                for label, value in block.items:
                    paragraph = styles.paragraph("List Bullet")
                    paragraph.add_run(_text(label) + ": ").bold = True
                    _add_lines(paragraph, value)
            elif isinstance(block, Table):
                _table(styles, block, total_mm)
            elif isinstance(block, Figure):
                _figure(styles, block, total_mm)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
