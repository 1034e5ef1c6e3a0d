"""The concept description as one self-contained HTML page (jinja2, every value autoescaped)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from concept.document import Bullets, Document, Figure, Heading, KeyValue, Paragraph, Table

TEMPLATES = Path(__file__).resolve().parent / "templates"
_KINDS = {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", KeyValue: "keyvalue",
          Table: "table", Figure: "figure"}


@cache
def _environment():
    import jinja2

    # autoescape=True, not select_autoescape: that one does not recognise the .html.j2 suffix
    # and would leave user text such as <script> unescaped.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _view(block: object) -> dict[str, object]:
    view = dict(vars(block))
    view["kind"] = _KINDS[type(block)]
    if isinstance(block, Heading):
        view["tag_level"] = min(block.level + 1, 6)
    if isinstance(block, Figure):
        from concept.export.figures import svg_data_uri

        # An <img> with a data: address: nothing inside the SVG can run or reach the page.
        view["src"] = svg_data_uri(block.spec)
    return view


def render(document: Document) -> str:
    from concept.export.figures import render_ahead

    render_ahead(document, "svg")
    sections = [{"key": s.key, "title": s.title, "blocks": [_view(b) for b in s.blocks]}
                for s in document.sections]
    view = {"lang": document.lang, "cover": document.cover, "sections": sections}
    return _environment().get_template("document.html.j2").render(doc=view)
