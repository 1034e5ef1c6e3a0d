"""The document's figures rendered with vl-convert: SVG for HTML, PNG at 200 dpi for DOCX, PPTX
and PDF. The specs are the pages' own (concept.figures); here they get the document's font
(DejaVu Sans, registered with vl-convert from the package's fonts) and a fixed width.

The chart text is the user's text: Vega writes it into the SVG as escaped text, and the HTML
shows each SVG as an <img> with a data: address, where nothing in it can run even if it tried.
Renders are cached by spec in a bounded LRU (the spec's JSON is the key), so the same chart, e.g.
two equal journeys or the same figure in the PDF, the DOCX and the deck, is drawn once per
process. `render_ahead(document, kind)` starts every figure of a document on a worker thread as
the export begins: vl-convert releases the GIL, so the charts are drawn (and on a process's first
export, its JavaScript engine started) while the exporter lays out the text.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from concept.document import clean
from concept.export.pdf import FONT_DIR

if TYPE_CHECKING:
    from concept.document import Document, Table

Kind = Literal["svg", "png"]

FONT = "DejaVu Sans"
WIDTH = 520  # px of the plot area; the figure is placed 16 cm wide in paged formats
DPI = 200
SCALE = 2.0


@cache
def _converter():
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))
    return vl_convert


def _cleaned(value: Any) -> Any:
    """Every text without the control characters no document carries: a NUL in a chart's text
    made vl-convert abort the whole process (a Rust panic), not raise."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def _styled(spec: dict[str, Any], width: int) -> str:
    config = {"font": FONT, "background": "white",
              "axis": {"labelFont": FONT, "titleFont": FONT},
              "legend": {"labelFont": FONT, "titleFont": FONT},
              "title": {"font": FONT}}
    return json.dumps({"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                       "width": width, **_cleaned(spec), "config": config}, ensure_ascii=False)


# The specs carry their data inline; no address is ever fetched.
_OFFLINE: list[str] = []


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
MISSING = "\u25a1"  # □, in DejaVu Sans


def _convert(kind: str, spec_json: str) -> str | bytes:
    converter = _converter()
    if kind == "svg":
        return converter.vegalite_to_svg(spec_json, allowed_base_urls=_OFFLINE)
    # Twice the chart's pixel size: a figure of 600–700 px becomes 1200–1400 px, placed at
    # 200 dpi (png_size_mm), i.e. about 16 cm wide.
    return converter.vegalite_to_png(spec_json, scale=SCALE * 72 / DPI, ppi=DPI,
                                     allowed_base_urls=_OFFLINE)


def _render(kind: str, spec_json: str) -> str | bytes:
    try:
        return _convert(kind, spec_json)
    except ValueError:
        # Vega cuts a long label in the middle of an emoji's UTF-16 pair, which vl-convert
        # cannot read back ("unexpected end of hex escape"): draw those characters as □.
        return _convert(kind, _ASTRAL.sub(MISSING, spec_json))


CACHE_SIZE = 256  # rendered figures kept per process (both kinds together)
_CACHE: OrderedDict[tuple[str, str], Future] = OrderedDict()
_LOCK = threading.Lock()
# One worker: vl-convert draws one chart at a time anyway; the thread lets Python go on meanwhile.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures")


def _future(kind: Kind, spec_json: str) -> Future:
    """The render of a styled spec: cached, being drawn, or started now."""
    key = (kind, spec_json)
    with _LOCK:
        future = _CACHE.get(key)
        if future is not None:
            _CACHE.move_to_end(key)
            return future
        future = _WORKER.submit(_render, kind, spec_json)
        _CACHE[key] = future
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)  # a caller still waiting holds its own future
    return future


def _result(kind: Kind, spec_json: str) -> str | bytes:
    future = _future(kind, spec_json)
    try:
        return future.result()
    except Exception:
        with _LOCK:  # a failed render is not kept: the next export tries again
            if _CACHE.get((kind, spec_json)) is future:
                del _CACHE[(kind, spec_json)]
        raise


def svg(spec: dict[str, Any], width: int = WIDTH) -> str:
    return str(_result("svg", _styled(spec, width)))


def png(spec: dict[str, Any], width: int = WIDTH) -> bytes:
    return bytes(_result("png", _styled(spec, width)))


def render_ahead(document: Document, kind: Kind) -> None:
    """Start drawing every figure of the document now, in the order the exporter needs them."""
    from concept.document import Figure

    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Figure):
                _future(kind, _styled(block.spec, WIDTH))


def png_size_mm(data: bytes) -> tuple[float, float]:
    """The width and height of a PNG placed at 200 dpi, in millimetres."""
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return width / DPI * 25.4, height / DPI * 25.4


def svg_data_uri(spec: dict[str, Any], width: int = WIDTH) -> str:
    encoded = base64.b64encode(svg(spec, width).encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def clear_cache() -> None:
    """Forget rendered figures (the benchmark measures a cold render with it)."""
    with _LOCK:
        _CACHE.clear()


def map_curve(table: Table, widths: list[float], height: float, inset: float = 0.0,
              kind: Kind = "png") -> str | bytes | None:
    """The journey map's emotion curve for a table whose stage columns are `widths` mm wide:
    a PNG (or SVG) `height` mm high spanning the columns less `inset` mm at both ends; None
    when the table has no curve."""
    from concept.figures import map_curve_spec

    curve = table.curve
    if curve is None:
        return None
    count = len(curve.values)
    labels = (table.rows[curve.row][1:] + [""] * count)[:count]
    spec = map_curve_spec(curve.values, labels, widths, height, inset)
    if spec is None:
        return None
    return (png if kind == "png" else svg)(spec, spec["width"])
