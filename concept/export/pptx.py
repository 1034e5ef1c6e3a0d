"""The concept description as a PowerPoint deck for the workshop (python-pptx).

A title slide; then each section of the document as slides of its key content (a list that does
not fit continues on the next slide, its title numbered "(2)"), the section's figures beside that
content, one per slide with its caption; each journey map on slides of its own, the stages as
columns and the emotion curve drawn across them; the open questions (parked items) close the
deck. The draft's appendix of findings is left out: it is for the consultant, not the client.
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
    Section,
    Table,
    clean,
)

WIDE, HIGH = 13.333, 7.5  # inches, 16:9
MARGIN = 0.6
BUDGET = 900  # characters of text per slide before the list continues on the next one
LINES = 12  # lines of text per slide, counted as items
# Beside a figure the text has 45 % of the slide's width.
SIDE_BUDGET, SIDE_LINES, SIDE_WIDTH = 420, 10, 5.4
MAP_COLUMNS = 6  # stages per journey-map slide; a longer journey continues on the next
LEFT_OUT = {"findings"}
CLOSING = "open_questions"


def _lines(section: Section) -> list[tuple[str, bool]]:
    """The section's text as (line, is_heading) items."""
    lines: list[tuple[str, bool]] = []
    for block in section.blocks:
        if isinstance(block, Heading):
            lines.append((block.text, True))
        elif isinstance(block, Paragraph):
            lines.append((block.text, False))
        elif isinstance(block, Bullets):
            lines += [(item, False) for item in block.items]
        elif isinstance(block, KeyValue):
            lines += [(f"{label}: {value}", False) for label, value in block.items]
        elif isinstance(block, Table) and not block.landscape:  # the map has slides of its own
            lines += [(" – ".join(cell for cell in row if cell), False) for row in block.rows]
    return [(clean(text).replace("\n", " "), heading) for text, heading in lines if text.strip()]


def _pages(lines: list[tuple[str, bool]], budget: int = BUDGET,
           most: int = LINES) -> list[list[tuple[str, bool]]]:
    pages: list[list[tuple[str, bool]]] = []
    page: list[tuple[str, bool]] = []
    used = 0
    for line in lines:
        size = max(len(line[0]), 60)
        if page and (used + size > budget or len(page) >= most):
            pages.append(page)
            page, used = [], 0
        page.append(line)
        used += size
    if page:
        pages.append(page)
    return pages


def _title(slide, text: str) -> None:
    from pptx.util import Pt

    slide.shapes.title.text = clean(text)[:200]
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(30)


def _text(slide, lines: list[tuple[str, bool]], left: float, width: float,
          budget: int = BUDGET) -> None:
    """The lines in a text box; the type shrinks as the page fills up to its budget."""
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(1.5), Inches(width), Inches(HIGH - 2.0))
    frame = box.text_frame
    frame.word_wrap = True
    total = sum(len(text) for text, _ in lines) * BUDGET / budget
    size = 20 if total < 350 else 16 if total < 650 else 13
    for index, (text, heading) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text if heading else f"• {text}"
        run.font.size = Pt(size + (2 if heading else 0))
        run.font.bold = heading
        paragraph.space_after = Pt(4)


def _slide(deck, title: str, lines: list[tuple[str, bool]], figure: Figure | None) -> None:
    """One slide of a section: its text, and its figure on the right when it has one."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    _title(slide, title)
    if figure is None:
        _text(slide, lines, MARGIN, WIDE - 2 * MARGIN)
        return
    if lines:
        _text(slide, lines, MARGIN, SIDE_WIDTH, SIDE_BUDGET)
        left = MARGIN + SIDE_WIDTH + 0.3
    else:
        left = MARGIN
    _picture(slide, figure, left, WIDE - MARGIN - left)


def _picture(slide, figure: Figure, left: float, room_w: float) -> None:
    from pptx.util import Inches, Pt

    from concept.export.figures import png, png_size_mm

    data = png(figure.spec)
    width_mm, height_mm = png_size_mm(data)
    room_h = HIGH - 2.4
    scale = min(room_w / (width_mm / 25.4), room_h / (height_mm / 25.4), 1.6)
    width, height = width_mm / 25.4 * scale, height_mm / 25.4 * scale
    left += (room_w - width) / 2
    slide.shapes.add_picture(io.BytesIO(data), Inches(left), Inches(1.4), Inches(width),
                             Inches(height))
    caption = slide.shapes.add_textbox(Inches(left), Inches(1.5 + height), Inches(width),
                                       Inches(0.5))
    caption.text_frame.word_wrap = True
    run = caption.text_frame.paragraphs[0].add_run()
    run.text = figure.caption
    run.font.size = Pt(12)
    run.font.italic = True


NAMES_WIDTH, CURVE_HEIGHT = 1.9, 1.0  # inches: the map's row-name column, the curve's strip
MAP_SIZES = (12, 10, 8)  # pt: the map's type, the largest at which its rows fit the slide


def _row_height(row: list[str], widths: list[float], size: int) -> float:
    """Inches a table row takes at `size` pt: its fullest cell's wrapped lines (an estimate
    from the average width of a letter; PowerPoint grows a row to hold its text)."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        per_line = max(int((width * 72 - 14) / (size * 0.55)), 1)
        wrapped = sum(max(-(-len(part) // per_line), 1) for part in value.split("\n"))
        lines = max(lines, wrapped)
    return lines * size * 1.2 / 72 + 0.1


def _map_pages(rows: list[list[str]], widths: list[float],
               room: float) -> tuple[int, list[list[list[str]]]]:
    """The type size and the rows of each slide: the largest size at which every row fits one
    slide under the header; at the smallest, the rows continue on the next slide."""
    for size in MAP_SIZES:
        if sum(_row_height(row, widths, size) for row in rows) <= room:
            return size, [rows]
    size = MAP_SIZES[-1]
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    for row in rows:
        height = _row_height(row, widths, size)
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return size, pages


def _map_slides(deck, title: str, block: Table) -> None:
    """The journey map: the stages as columns (at most MAP_COLUMNS a slide, the row names
    repeated), the emotion curve as one picture over the stage columns, its points over the
    middle of each stage, the words of the emotion row with it. The type shrinks until the
    rows fit; rows that still do not fit continue on the next slide under the same header."""
    from concept.export.figures import map_curve

    stages = len(block.headers) - 1
    number = 0
    for start in range(1, stages + 1, MAP_COLUMNS):
        part = block.columns([0, *range(start, min(start + MAP_COLUMNS, stages + 1))])
        column = (WIDE - 2 * MARGIN - NAMES_WIDTH) / (len(part.headers) - 1)
        widths = [NAMES_WIDTH] + [column] * (len(part.headers) - 1)
        curve = map_curve(part, [column * 25.4] * (len(part.headers) - 1),
                          CURVE_HEIGHT * 25.4)
        rows = part.rows
        top = 1.4
        if curve is not None:
            rows = [row for index, row in enumerate(rows) if index != part.curve.row]
            top += CURVE_HEIGHT + 0.1
        room = HIGH - 0.3 - top - _row_height(part.headers, widths, MAP_SIZES[0])
        size, pages = _map_pages(rows, widths, room)
        for page in pages:
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            _title(slide, title if number == 0 else f"{title} ({number + 1})")
            number += 1
            if curve is not None:
                _curve_strip(slide, clean(part.rows[part.curve.row][0]), curve, widths)
            _map_table(slide, [part.headers, *page], widths, top, size)


def _curve_strip(slide, label: str, curve: bytes, widths: list[float]) -> None:
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(1.4), Inches(widths[0]),
                                   Inches(CURVE_HEIGHT))
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = label
    run.font.size = Pt(12)
    run.font.bold = True
    slide.shapes.add_picture(io.BytesIO(curve), Inches(MARGIN + widths[0]), Inches(1.4),
                             Inches(sum(widths[1:])), Inches(CURVE_HEIGHT))


def _map_table(slide, rows: list[list[str]], widths: list[float], top: float,
               size: int) -> None:
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_table(len(rows), len(widths), Inches(MARGIN), Inches(top),
                                   Inches(sum(widths)), Inches(0.4 * len(rows)))
    table = shape.table
    for index, width in enumerate(widths):
        table.columns[index].width = Inches(width)
    for row_index, row in enumerate(rows):
        for column_index, value in enumerate(row):
            frame = table.cell(row_index, column_index).text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = clean(value)
            run.font.size = Pt(size)
            run.font.bold = row_index == 0 or column_index == 0


def render(document: Document) -> bytes:
    from concept.export.figures import render_ahead

    render_ahead(document, "png")  # drawn on a worker thread while the slides are built
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDE), Inches(HIGH)
    deck.core_properties.title = clean(document.cover.title)[:250]
    deck.core_properties.subject = clean(document.cover.kind)
    deck.core_properties.author = clean(document.cover.author)[:250]
    deck.core_properties.language = {"fi": "fi-FI", "en": "en-GB"}.get(document.lang,
                                                                       document.lang)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = clean(document.cover.title)[:200]
    cover.placeholders[1].text = clean(document.cover.tagline or document.cover.kind)[:300]

    sections = [s for s in document.sections if s.key not in LEFT_OUT]
    # The open questions close the deck.
    sections.sort(key=lambda s: s.key == CLOSING)
    for section in sections:
        figures = [b for b in section.blocks if isinstance(b, Figure)]
        lines = _lines(section)
        pages = _pages(lines, SIDE_BUDGET, SIDE_LINES) if figures else _pages(lines)
        # Each figure beside the section's text, the text continuing beside the next one.
        for number in range(max(len(pages), len(figures))):
            title = section.title if number == 0 else f"{section.title} ({number + 1})"
            _slide(deck, title, pages[number] if number < len(pages) else [],
                   figures[number] if number < len(figures) else None)
        for block in section.blocks:
            if isinstance(block, Table) and block.landscape:
                _map_slides(deck, section.title, block)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
