"""The document's figures rendered with vl-convert: SVG for HTML, PNG at 200 dpi for DOCX, PPTX
and PDF. The specs are the pages' own (concept.figures); here they get the document's font
(DejaVu Sans, registered with vl-convert from the package's fonts) and a fixed width.

The chart text is the user's text: Vega writes it into the SVG as escaped text, and the HTML
shows each SVG as an <img> with a data: address, where nothing in it can run even if it tried.
Renders are cached by spec, so the same chart (e.g. two equal journeys) is drawn once.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache, lru_cache
from typing import Any

from concept.document import clean
from concept.export.pdf import FONT_DIR

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


@lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    return str(_render("svg", spec_json))


@lru_cache(maxsize=256)
def _png(spec_json: str) -> bytes:
    return bytes(_render("png", spec_json))


def svg(spec: dict[str, Any], width: int = WIDTH) -> str:
    return _svg(_styled(spec, width))


def png(spec: dict[str, Any], width: int = WIDTH) -> bytes:
    return _png(_styled(spec, width))


def png_size_mm(data: bytes) -> tuple[float, float]:
    """The width and height of a PNG placed at 200 dpi, in millimetres."""
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return width / DPI * 25.4, height / DPI * 25.4


def svg_data_uri(spec: dict[str, Any], width: int = WIDTH) -> str:
    encoded = base64.b64encode(svg(spec, width).encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def clear_cache() -> None:
    """Forget rendered figures (the benchmark measures a cold render with it)."""
    _svg.cache_clear()
    _png.cache_clear()
