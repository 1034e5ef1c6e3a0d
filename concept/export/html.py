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
    if isinstance(block, Table):
        view["curve"] = _curve(block)
    return view


CURVE_COLUMN_MM, CURVE_HEIGHT_MM = 40.0, 24.0


def _curve(block: Table) -> dict[str, object] | None:
    """The journey map's emotion curve: one picture in one cell spanning the stage columns.
    The map's stage columns are equally wide (table-layout: fixed), and the picture scales
    with its cell, so each point stays over the middle of its stage."""
    import base64

    from concept.export.figures import map_curve

    stages = len(block.headers) - 1
    picture = map_curve(block, [CURVE_COLUMN_MM] * stages, CURVE_HEIGHT_MM, kind="svg")
    if picture is None:
        return None
    row = block.rows[block.curve.row]
    encoded = base64.b64encode(str(picture).encode("utf-8")).decode("ascii")
    return {"row": block.curve.row, "span": stages,
            "src": f"data:image/svg+xml;base64,{encoded}",
            "alt": " · ".join(f"{header}: {label}" for header, label
                              in zip(block.headers[1:], row[1:], strict=False) if label)}


def render(document: Document) -> str:
    from concept.export.figures import render_ahead

    render_ahead(document, "svg")
    sections = [{"key": s.key, "title": s.title, "blocks": [_view(b) for b in s.blocks]}
                for s in document.sections]
    view = {"lang": document.lang, "cover": document.cover, "sections": sections}
    return _environment().get_template("document.html.j2").render(doc=view)
