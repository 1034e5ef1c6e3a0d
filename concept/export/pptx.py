"""The concept description as a PowerPoint deck for the workshop (python-pptx).

A title slide; then each section of the document as slides of its key content (a list that does
not fit continues on the next slide, with the section title marked "(cont.)"), each figure on
a slide of its own with its caption; the open questions (parked items) close the deck. The
draft's appendix of findings is left out: it is for the consultant, not the client.
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
        elif isinstance(block, Table):
            lines += [(" – ".join(cell for cell in row if cell), False) for row in block.rows]
    return [(clean(text).replace("\n", " "), heading) for text, heading in lines if text.strip()]


def _pages(lines: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    pages: list[list[tuple[str, bool]]] = []
    page: list[tuple[str, bool]] = []
    used = 0
    for line in lines:
        size = max(len(line[0]), 60)
        if page and (used + size > BUDGET or len(page) >= LINES):
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


def _text_slide(deck, title: str, lines: list[tuple[str, bool]]) -> None:
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    _title(slide, title)
    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(1.5), Inches(WIDE - 2 * MARGIN),
                                   Inches(HIGH - 2.0))
    frame = box.text_frame
    frame.word_wrap = True
    total = sum(len(text) for text, _ in lines)
    size = 20 if total < 350 else 16 if total < 650 else 13
    for index, (text, heading) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text if heading else f"• {text}"
        run.font.size = Pt(size + (2 if heading else 0))
        run.font.bold = heading
        paragraph.space_after = Pt(4)


def _figure_slide(deck, title: str, figure: Figure) -> None:
    from pptx.util import Inches, Pt

    from concept.export.figures import png, png_size_mm

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    _title(slide, title)
    data = png(figure.spec)
    width_mm, height_mm = png_size_mm(data)
    room_w, room_h = WIDE - 2 * MARGIN, HIGH - 2.4
    scale = min(room_w / (width_mm / 25.4), room_h / (height_mm / 25.4), 1.6)
    width, height = width_mm / 25.4 * scale, height_mm / 25.4 * scale
    slide.shapes.add_picture(io.BytesIO(data), Inches((WIDE - width) / 2), Inches(1.4),
                             Inches(width), Inches(height))
    caption = slide.shapes.add_textbox(Inches(MARGIN), Inches(1.5 + height),
                                       Inches(WIDE - 2 * MARGIN), Inches(0.5))
    caption.text_frame.word_wrap = True
    run = caption.text_frame.paragraphs[0].add_run()
    run.text = figure.caption
    run.font.size = Pt(12)
    run.font.italic = True


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
        pages = _pages(_lines(section))
        for number, page in enumerate(pages):
            title = section.title if number == 0 else f"{section.title} ({number + 1})"
            _text_slide(deck, title, page)
        for figure in (b for b in section.blocks if isinstance(b, Figure)):
            _figure_slide(deck, section.title, figure)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
