"""The concept description as a PDF (fpdf2 with the embedded DejaVu Sans and Noto Emoji fonts).

fpdf2's built-in fonts are Latin-1 only; DejaVu Sans (package data with its licence in
concept/export/fonts/) carries Finnish letters, dashes, € and curly quotes, and the monochrome
Noto Emoji (OFL, beside it) is fpdf2's fallback font for the emoji and symbols DejaVu lacks,
so "🚇" prints as itself and extracts as itself. A character neither font has becomes one
replacement mark instead of a crash or an invisible gap. Long texts wrap, and tables split across
pages with their header row repeated.
"""

from __future__ import annotations

import hashlib
import re
from copy import copy, deepcopy
from functools import cache, lru_cache
from pathlib import Path

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

FONT_DIR = Path(__file__).resolve().parent / "fonts"  # package data: installed with the wheel
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
EMOJI = FONT_DIR / "NotoEmoji-Regular.ttf"
FAMILY = "DejaVu"
EMOJI_FAMILY = "NotoEmoji"
MISSING = "\u25a1"  # □, in the font

ACCENT = (31, 111, 139)
MUTED = (90, 98, 106)
HEADER_FILL = (232, 241, 245)
BODY_SIZE = 10
LINE = 5.2
TABLE_SIZE = 9


@cache
def _main_covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    # Only characters both faces have, so bold and regular text fall back the same way.
    regular = set(TTFont(REGULAR, lazy=True).getBestCmap())
    bold = set(TTFont(BOLD, lazy=True).getBestCmap())
    return frozenset(regular & bold)


@cache
def _emoji_covered() -> frozenset[int]:
    """What the fallback font adds: drawn from Noto Emoji (one face, for bold text too)."""
    from fontTools.ttLib import TTFont

    return frozenset(set(TTFont(EMOJI, lazy=True).getBestCmap()) - _main_covered())


@cache
def _covered() -> frozenset[int]:
    return _main_covered() | _emoji_covered()


_MISSING_RUN = re.compile(f"{re.escape(MISSING)}+")


def printable(text: str) -> str:
    """Text the font can draw: each run of missing characters becomes one □."""
    covered = _covered()
    text = clean(text).replace("\t", "    ")
    if all(ord(ch) in covered or ch == "\n" for ch in text):
        return text
    swapped = "".join(ch if ch == "\n" or ord(ch) in covered else MISSING for ch in text)
    return _MISSING_RUN.sub(MISSING, swapped)


def _make_pdf(document: Document):
    from fpdf import FPDF

    footer_title = printable(document.cover.footer or document.cover.title)[:100]

    class _Pdf(FPDF):
        fallback_on = False

        def cell(self, w=None, h=None, text="", *args, **kwargs):
            # fpdf2 lays out every text in slow fragments while a fallback font is set, which
            # doubled a large concept's export time: set it only for the texts that need it.
            needs = _has_emoji(text)
            if needs:
                _emoji_font(self)
            if needs != self.fallback_on:
                self.set_fallback_fonts([EMOJI_FAMILY] if needs else [], exact_match=False)
                self.fallback_on = needs
            return super().cell(w, h, text, *args, **kwargs)

        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-14)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*MUTED)
            self.cell(0, 6, footer_title, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = _Pdf(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FAMILY, "", str(REGULAR))
    pdf.add_font(FAMILY, "B", str(BOLD))
    # The emoji font is added when a text first needs it (_emoji_font), and set as the
    # fallback per text in _Pdf.cell; exact_match=False there lets bold text use the one
    # regular emoji face rather than a □.
    pdf.set_title(printable(document.cover.title)[:200])
    pdf.set_subject(printable(document.cover.kind))
    if document.cover.author:
        pdf.set_author(printable(document.cover.author)[:200])
    pdf.set_lang({"fi": "fi-FI", "en": "en-GB"}.get(document.lang, document.lang))
    pdf.set_creator("Konseptikone")
    return pdf


def _cover(pdf, document: Document) -> None:
    cover = document.cover
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_text_color(*ACCENT)
    _text_block(pdf, cover.kind.upper(), line_height=6)
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 28)
    pdf.set_text_color(0, 0, 0)
    _text_block(pdf, cover.title, line_height=12)
    if cover.tagline:
        pdf.ln(2)
        pdf.set_font(FAMILY, "", 14)
        pdf.set_text_color(*MUTED)
        _text_block(pdf, cover.tagline, line_height=7)
    pdf.ln(6)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 40, pdf.get_y())
    pdf.ln(8)
    pdf.set_text_color(0, 0, 0)
    for label, value in cover.meta:
        _key_value(pdf, label, value, size=11)
    if cover.summary:
        pdf.ln(6)
        pdf.set_font(FAMILY, "", 11)
        pdf.set_text_color(*MUTED)
        _text_block(pdf, cover.summary, line_height=5.8)
        pdf.set_text_color(0, 0, 0)
    pdf.set_line_width(0.2)


def _key_value(pdf, label: str, value: str, size: float = BODY_SIZE) -> None:
    """"Label: value" with the label in bold and the value wrapping under it."""
    line_height = size * 0.52 + 0.2
    total = pdf.w - pdf.l_margin - pdf.r_margin
    label = printable(label) + ": "
    pdf.set_font(FAMILY, "B", size)
    label_width = min(pdf.get_string_width(label) + 0.5, total * 0.6)
    pdf.set_font(FAMILY, "", size)
    lines = _wrap(pdf, printable(value), total, first_width=total - label_width)
    if pdf.get_y() + line_height > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FAMILY, "B", size)
    pdf.cell(label_width, line_height, label)
    pdf.set_font(FAMILY, "", size)
    pdf.cell(total - label_width, line_height, lines[0], new_x="LMARGIN", new_y="NEXT")
    _write_lines(pdf, lines[1:], pdf.l_margin, line_height)
    pdf.ln(1.4)


def _heading(pdf, text: str, level: int) -> None:
    size, space = {1: (16, 6), 2: (12.5, 4)}.get(level, (11, 3))
    size, space = size * _scale[0], space * _scale[0]
    # Keep a heading together with at least a few lines of what follows it.
    if pdf.get_y() + (45 if level == 1 else 30) > pdf.page_break_trigger:
        pdf.add_page()
    else:
        pdf.ln(space)
    pdf.set_x(pdf.l_margin)
    if level <= 2 and _scale[0] == 1.0:
        # The PDF outline (bookmarks): every section and its sub-headings.
        pdf.start_section(printable(text)[:120] or "-", level=level - 1)
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*(ACCENT if level == 1 else (0, 0, 0)))
    _text_block(pdf, text, line_height=size * 0.5)
    if level == 1:
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
        pdf.ln(3)
    pdf.ln(1.5)
    pdf.set_text_color(0, 0, 0)


def _column_widths(pdf, block: Table, total: float) -> list[float]:
    """Widths by how much text each column holds, never narrower than its longest word (so
    "Vakavuus" is not split into "Vakavuu-s")."""
    padding = 4.0
    wants, mins = [], []
    for column, header in enumerate(block.headers):
        cells = [printable(row[column]) if column < len(row) else "" for row in block.rows]
        pdf.set_font(FAMILY, "B", TABLE_SIZE)
        need = pdf.get_string_width(longest_word([printable(header)]))
        pdf.set_font(FAMILY, "", TABLE_SIZE)
        need = max(need, pdf.get_string_width(longest_word(cells)))
        mins.append(min(need + padding, total * 0.45))
        wants.append(text_weight(cells))
    return share_widths(wants, mins, total)


def _has_emoji(text: str) -> bool:
    """Whether `text` has a character that only the emoji font draws."""
    return not _emoji_covered().isdisjoint(map(ord, text))


def _emoji_font(pdf):
    """The emoji font, added on first use: most documents have no emoji, and reading the font
    file costs as much as laying out a long table."""
    key = EMOJI_FAMILY.lower()
    if key not in pdf.fonts:
        pdf.add_font(EMOJI_FAMILY, "", str(EMOJI))
    return pdf.fonts[key]


class _Widths:
    """Character widths of the current font, and of the emoji font for what it draws instead."""

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.main = pdf.current_font.cw
        self.from_emoji = _emoji_covered()

    def __getitem__(self, code: int) -> float:
        if code in self.from_emoji:
            return _emoji_font(self.pdf).cw[code]
        return self.main[code]


def _wrap(pdf, text: str, width: float, first_width: float | None = None) -> list[str]:
    """Lines of `text` that fit `width` mm in the current font; overlong words are cut.
    `first_width` is the room on the first line (after an inline label).

    Measured from the font's width table directly: fpdf2's own line breaker re-measures a line
    for every character, which made long texts and large tables slow.
    """
    widths = _Widths(pdf)
    scale = pdf.font_size_pt * 0.001 / pdf.k
    space = widths[32] * scale
    lines: list[str] = []

    def room() -> float:
        return width if lines or first_width is None else first_width

    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = sum(widths[ord(ch)] for ch in word) * scale
            if line and line_width + space + word_width <= room():
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            while word_width > room() and len(word) > 1:
                piece, piece_width = "", 0.0
                for ch in word:
                    char_width = widths[ord(ch)] * scale
                    if piece and piece_width + char_width > room():
                        break
                    piece, piece_width = piece + ch, piece_width + char_width
                lines.append(piece)
                word = word[len(piece):]
                word_width -= piece_width
            line, line_width = word, word_width
        lines.append(line)
    return lines


def _write_lines(pdf, lines: list[str], x: float, line_height: float) -> None:
    """Lines one under another from `x`, continuing on a new page when the page is full."""
    for line in lines:
        if pdf.get_y() + line_height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(x)
        pdf.cell(pdf.w - pdf.r_margin - x, line_height, line, new_x="LMARGIN", new_y="NEXT")


def _text_block(pdf, text: str, x: float | None = None, line_height: float = LINE) -> None:
    x = pdf.l_margin if x is None else x
    _write_lines(pdf, _wrap(pdf, printable(text), pdf.w - pdf.r_margin - x), x, line_height)


class _TableDrawer:
    """Draws a table row by row: a row that does not fit continues on the next page (even a
    row taller than a page), and the header row is repeated at the top of every page."""

    PAD = 1.5
    LINE_HEIGHT = 4.4
    CURVE_LINES = 6  # the height of the emotion curve's row, in lines

    def __init__(self, pdf, block: Table) -> None:
        self.pdf = pdf
        self.total = pdf.w - pdf.l_margin - pdf.r_margin
        self.widths = _column_widths(pdf, block, self.total)
        self.columns = len(block.headers)
        pdf.set_font(FAMILY, "B", TABLE_SIZE)
        self.header = self._lines(block.headers)
        pdf.set_font(FAMILY, "", TABLE_SIZE)
        self.rows = [self._lines((row + [""] * self.columns)[: self.columns])
                     for row in block.rows]
        self.curve = None  # (row index, PNG): the emotion curve drawn across the stage columns
        if block.curve is not None:
            from concept.export.figures import map_curve

            height = self.CURVE_LINES * self.LINE_HEIGHT
            data = map_curve(block, self.widths[1:], height, inset=self.PAD)
            if data is not None:
                row = block.curve.row
                label = self.rows[row][0]
                self.rows[row] = [label + [""] * (self.CURVE_LINES - len(label))] + [
                    [""] * self.CURVE_LINES for _ in self.widths[1:]]
                self.curve = (row, data)

    def _lines(self, cells: list[str]) -> list[list[str]]:
        return [_wrap(self.pdf, printable(cell), width - 2 * self.PAD)
                for cell, width in zip(cells, self.widths, strict=True)]

    def _room(self) -> int:
        free = self.pdf.page_break_trigger - self.pdf.get_y() - 2 * self.PAD
        return max(int(free // self.LINE_HEIGHT), 0)

    def _new_page(self) -> None:
        self.pdf.add_page()
        self._draw(self.header, len(max(self.header, key=len)), header=True)

    def _draw(self, cells: list[list[str]], count: int, header: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if header else "", TABLE_SIZE)
        x, y = pdf.l_margin, pdf.get_y()
        height = count * self.LINE_HEIGHT + 2 * self.PAD
        for lines, width in zip(cells, self.widths, strict=True):
            if header:
                pdf.set_fill_color(*HEADER_FILL)
            pdf.rect(x, y, width, height, style="DF" if header else "D")
            for index, line in enumerate(lines[:count]):
                top = y + self.PAD + index * self.LINE_HEIGHT
                if line and _has_emoji(line):
                    # Only cell() draws with the fallback font; text() is faster for the rest.
                    # cell() adds c_margin and puts the baseline at 0.5 h + 0.3 font size.
                    shift = self.LINE_HEIGHT * 0.25 - 0.3 * pdf.font_size
                    pdf.set_xy(x + self.PAD - pdf.c_margin, top + shift)
                    pdf.cell(width - 2 * self.PAD + pdf.c_margin, self.LINE_HEIGHT, line)
                elif line:
                    pdf.text(x + self.PAD, top + self.LINE_HEIGHT * 0.75, line)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    def _draw_curve(self, cells: list[list[str]], data: bytes) -> None:
        """The emotion row: its name, and one picture of the curve across the stage cells."""
        pdf = self.pdf
        if self._room() < self.CURVE_LINES:
            self._new_page()
        top = pdf.get_y()
        self._draw(cells, self.CURVE_LINES)
        left = pdf.l_margin + self.widths[0] + self.PAD
        pdf.image(_placed_image(pdf, data), x=left, y=top + self.PAD,
                  w=sum(self.widths[1:]) - 2 * self.PAD, h=self.CURVE_LINES * self.LINE_HEIGHT)
        pdf.set_xy(pdf.l_margin, top + self.CURVE_LINES * self.LINE_HEIGHT + 2 * self.PAD)

    def draw(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(190, 198, 204)
        pdf.set_line_width(0.2)
        header_lines = len(max(self.header, key=len))
        first_lines = min(len(max(self.rows[0], key=len)), 3) if self.rows else 0
        if self._room() < header_lines + first_lines + 1:
            pdf.add_page()
        self._draw(self.header, header_lines, header=True)
        for index, cells in enumerate(self.rows):
            if self.curve is not None and index == self.curve[0]:
                self._draw_curve(cells, self.curve[1])
                continue
            remaining = cells
            while True:
                needed = len(max(remaining, key=len))
                room = self._room()
                # Start a row on a new page unless it is long anyway or most of it fits.
                if room < min(needed, 3) or (needed <= 12 and room < needed):
                    self._new_page()
                    room = self._room()
                count = min(needed, max(room, 1))
                self._draw(remaining, count)
                remaining = [lines[count:] for lines in remaining]
                if not any(remaining):
                    break
                self._new_page()
        pdf.set_font(FAMILY, "", BODY_SIZE)
        pdf.ln(3)


@lru_cache(maxsize=64)
def _image_info(data: bytes):
    """fpdf2's reading of a figure's PNG (decoded, split from its alpha channel, compressed
    again): as slow as drawing the chart, so done once per figure, not once per export."""
    import io

    from fpdf.image_parsing import get_img_info

    return get_img_info("figure", io.BytesIO(data))


def _placed_image(pdf, data: bytes) -> str:
    """The name under which the PDF's image cache holds the figure; fpdf2 reuses a cached image
    by name without reading it again."""
    name = f"figure-{hashlib.sha256(data).hexdigest()}"
    images = pdf.image_cache.images
    if name not in images:
        info = copy(_image_info(data))
        info.update(i=len(images) + 1, usages=0, iccp_i=None)
        images[name] = info
    return name


def _figure(pdf, block: Figure) -> None:
    """The chart as a 200 dpi PNG (at most the text width), its caption under it; chart and
    caption start a new page together when they do not fit."""
    from concept.export.figures import png, png_size_mm

    data = png(block.spec)
    width, height = png_size_mm(data)
    total = pdf.w - pdf.l_margin - pdf.r_margin
    if width > total:
        width, height = total, height * total / width
    room = pdf.page_break_trigger - pdf.t_margin
    if height + 10 > room:  # taller than a page: shrink to fit one
        width, height = width * (room - 10) / height, room - 10
    if pdf.get_y() + height + 10 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(_placed_image(pdf, data), x=pdf.l_margin, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 1.5)
    pdf.set_font(FAMILY, "", 8.5)
    pdf.set_text_color(*MUTED)
    _text_block(pdf, block.caption, line_height=4.2)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)


MAP_COLUMNS = 6  # stages per landscape page; a longer journey continues on the next page


def _table(pdf, block: Table) -> None:
    if not block.landscape:
        _TableDrawer(pdf, block).draw()
        return
    # The journey map: landscape pages of at most MAP_COLUMNS stages, the row names repeated,
    # smaller type when the page holds many stages.
    stages = len(block.headers) - 1
    for start in range(1, stages + 1, MAP_COLUMNS):
        columns = [0, *range(start, min(start + MAP_COLUMNS, stages + 1))]
        part = block.columns(columns)
        pdf.add_page(orientation="L")
        with _scaled(0.9 if len(columns) > 5 else 1.0):
            _TableDrawer(pdf, part).draw()
    pdf.add_page(orientation="P")


# --- the concept on a page -------------------------------------------------------------------

# The type scale of the blocks being drawn: 1 in the document, smaller on the one-pager until
# it fits its page (module state, set only by _scaled while one page is drawn).
_scale = [1.0]
ONEPAGER_SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6)


class _scaled:  # noqa: N801 - used as `with _scaled(0.8):`
    """Draw the blocks inside the `with` at `factor` of their size."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def __enter__(self) -> None:
        global BODY_SIZE, LINE, TABLE_SIZE
        self.saved = (BODY_SIZE, LINE, TABLE_SIZE, _TableDrawer.LINE_HEIGHT)
        BODY_SIZE, LINE, TABLE_SIZE = (v * self.factor for v in self.saved[:3])
        _TableDrawer.LINE_HEIGHT = self.saved[3] * self.factor
        _scale[0] = self.factor

    def __exit__(self, *exc: object) -> None:
        global BODY_SIZE, LINE, TABLE_SIZE
        BODY_SIZE, LINE, TABLE_SIZE, _TableDrawer.LINE_HEIGHT = self.saved
        _scale[0] = 1.0


def _draw_onepager(pdf, document: Document, section) -> None:
    pdf.set_font(FAMILY, "B", 9 * _scale[0])
    pdf.set_text_color(*ACCENT)
    _text_block(pdf, section.title.upper(), line_height=5 * _scale[0])
    pdf.set_font(FAMILY, "B", 20 * _scale[0])
    pdf.set_text_color(0, 0, 0)
    _text_block(pdf, document.cover.title[:120], line_height=9 * _scale[0])
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + 40, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(4)
    _blocks(pdf, section.blocks)


def _onepager(pdf, document: Document, section) -> None:
    """The one-pager on a page of its own, at the largest type scale that fits one page (the
    texts are already cut, so the smallest scale always fits)."""
    # One scratch copy for all tries. A copy shares the fonts already read (fpdf2 copies a font
    # without reading its file again); a new PDF read both font files anew, a fifth of the time
    # of a large concept's export.
    trial = deepcopy(pdf)
    for factor in ONEPAGER_SCALES:
        trial.add_page()
        first = trial.page_no()
        with _scaled(factor):
            _draw_onepager(trial, document, section)
        if trial.page_no() == first:
            break
    pdf.add_page()
    pdf.start_section(printable(section.title), level=0)
    with _scaled(factor):
        _draw_onepager(pdf, document, section)


def render_onepager(document: Document) -> bytes:
    """Only the one-pager: one A4 page (the `onepager` format)."""
    pdf = _make_pdf(document)
    section = document.section("onepager")
    if section is None:  # nothing entered yet: the name alone
        from concept.document import Section

        section = Section("onepager", document.cover.kind, [])
    _onepager(pdf, document, section)
    return bytes(pdf.output())


def render(document: Document) -> bytes:
    from concept.export.figures import render_ahead

    render_ahead(document, "png")  # drawn on a worker thread while the text is laid out
    pdf = _make_pdf(document)
    _cover(pdf, document)
    first = True
    for section in document.sections:
        if section.key == "onepager":
            _onepager(pdf, document, section)
            continue
        if first:
            pdf.add_page()
            first = False
        _heading(pdf, section.title, 1)
        _blocks(pdf, section.blocks)
    return bytes(pdf.output())


def _blocks(pdf, blocks) -> None:
    for block in blocks:
        pdf.set_font(FAMILY, "", BODY_SIZE)
        if isinstance(block, Heading):
            _heading(pdf, block.text, block.level)
        elif isinstance(block, Paragraph):
            _text_block(pdf, block.text, line_height=LINE)
            pdf.ln(2)
        elif isinstance(block, Bullets):
            for item in block.items:
                if pdf.get_y() + LINE > pdf.page_break_trigger:
                    pdf.add_page()
                pdf.set_x(pdf.l_margin + 1)
                pdf.cell(4, LINE, "•")
                _text_block(pdf, item, x=pdf.l_margin + 5, line_height=LINE)
                pdf.ln(0.8)
            pdf.ln(1.5)
        elif isinstance(block, KeyValue):
            for label, value in block.items:
                _key_value(pdf, label, value, size=BODY_SIZE)
            pdf.ln(1)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Figure):
            _figure(pdf, block)
