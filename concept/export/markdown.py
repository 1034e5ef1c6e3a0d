"""The concept description as Markdown (CommonMark with GitHub tables), user text escaped.

Every text is escaped, so `*`, `_`, `#`, `<script>` or `[link](…)` typed by a user shows as
typed and never becomes formatting, a link or raw HTML. The preview page uses the same escaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from concept.document import (
    Block,
    Bullets,
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
)

# ASCII punctuation that can start or end Markdown syntax anywhere in a line (CommonMark lets
# any ASCII punctuation be backslash-escaped, so escaping a harmless one is never wrong).
_INLINE = re.compile(r"([\\`*_{}\[\]<>()#!|~&$@])")
# Bare web addresses and e-mail addresses ("@", above) would become links in GitHub-flavoured
# Markdown, and a link's end would swallow the escape of the punctuation after it (a stray "\"
# at its end): the escaped ":" or "." keeps them text, as typed.
_BARE_URL = re.compile(r"(?i)\b(https?|ftp)://")
_BARE_WWW = re.compile(r"(?i)\b(www)\.")
# What starts a block at the beginning of a line: bullets and setext underlines, numbered items.
_MARKER_START = re.compile(r"^([-+=])")
_NUMBER_START = re.compile(r"^(\d+)\.")


def escape(text: str) -> str:
    """Markdown that renders exactly as `text` reads (line breaks kept as hard breaks)."""
    lines = []
    for line in text.split("\n"):
        # Leading spaces would make an indented code block; they carry no meaning in a document.
        line = _INLINE.sub(r"\\\1", line.lstrip(" \t"))
        line = _BARE_WWW.sub(r"\1\\.", _BARE_URL.sub(r"\1\\://", line))
        line = _NUMBER_START.sub(r"\1\\.", _MARKER_START.sub(r"\\\1", line))
        lines.append(line)
    return "\\\n".join(lines)


def escape_cell(text: str) -> str:
    """One table cell: on one line (a line break would end the table)."""
    return "<br>".join(escape(line) for line in text.split("\n")) if text else ""


def table_lines(block: Table, cell: Callable[[str], str] = escape_cell) -> list[str]:
    """A GitHub table; `cell` turns one text into one line of escaped Markdown."""
    width = len(block.headers)
    lines = ["| " + " | ".join(cell(h) for h in block.headers) + " |",
             "|" + "---|" * width]
    for row in block.rows:
        cells = (row + [""] * width)[:width]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return lines


def figure_lines(block: Figure) -> list[str]:
    """The chart as an SVG image in a data: address, its caption in italics under it."""
    from concept.export.figures import svg_data_uri

    caption = escape(block.caption)
    return [f"![{caption}]({svg_data_uri(block.spec)})", "", f"*{caption}*", ""]


def caption_only(block: Figure) -> list[str]:
    return [f"*{escape(block.caption)}*", ""]


def blocks_markdown(blocks: list[Block], heading_offset: int = 1,
                    cell: Callable[[str], str] = escape_cell,
                    figure: Callable[[Figure], list[str]] = figure_lines) -> list[str]:
    """The lines of a section's blocks; a block heading of level n becomes n + offset #s."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * min(block.level + heading_offset, 6) + " " + escape(block.text), ""]
        elif isinstance(block, Paragraph):
            # Blank lines the user typed separate paragraphs here too.
            for chunk in re.split(r"\n[ \t]*\n+", block.text):
                if chunk.strip():
                    out += [escape(chunk.strip("\n")), ""]
        elif isinstance(block, Bullets):
            # Continuation lines of an item are indented so they stay inside the item.
            out += ["- " + escape(item).replace("\n", "\n  ") for item in block.items]
            out.append("")
        elif isinstance(block, KeyValue):
            out += [f"- **{escape(k)}:** " + escape(v).replace("\n", "\n  ")
                    for k, v in block.items]
            out.append("")
        elif isinstance(block, Table):
            out += table_lines(block, cell) + [""]
        elif isinstance(block, Figure):
            out += figure(block)
    return out


def render(document: Document) -> str:
    from concept.export.figures import render_ahead

    render_ahead(document, "svg")
    cover = document.cover
    out = [f"# {escape(cover.title)}", "", f"**{escape(cover.kind)}**", ""]
    if cover.tagline:
        out += [f"*{escape(cover.tagline)}*", ""]
    for label, value in cover.meta:
        out.append(f"- **{escape(label)}:** {escape(value)}")
    out.append("")
    for section in document.sections:
        out += [f"## {escape(section.title)}", ""]
        out += blocks_markdown(section.blocks)
    return "\n".join(out).rstrip() + "\n"
