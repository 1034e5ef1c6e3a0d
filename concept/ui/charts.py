"""Charts as plain Vega-Lite specs (dicts) drawn with `st.vega_lite_chart`.

Altair builds the same specs but validates each one against the whole Vega-Lite schema on every
page run: 20–80 ms per chart, which made the chart pages several times slower with a filled
concept. A dict costs next to nothing and says exactly what is drawn.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

Spec = dict[str, Any]


def channel(field: str, kind: str = "nominal", **options: Any) -> dict[str, Any]:
    """One encoding channel: channel('score', 'quantitative', title='Score')."""
    return {"field": field, "type": kind, **options}


def rule_at(value: float, axis: str, **mark: Any) -> Spec:
    """A layer drawing one straight line across the chart at `value` on `axis` ('x' or 'y')."""
    # aria False: a guide line, not data; a screen reader would read it as "at: 0".
    return {"data": {"values": [{"at": value}]}, "mark": {"type": "rule", "aria": False, **mark},
            "encoding": {axis: channel("at", "quantitative")}}


def show(spec: Spec | None, description: str | None = None, summary: str | None = None) -> None:
    """Draw `spec`. `description` (the chart's title, plain text) becomes the chart's accessible
    name; `summary`, one line of Markdown-safe text saying what the chart shows (its lowest and
    last point), is shown under it for everyone who does not read the picture."""
    if spec is None:
        return
    if description:
        spec = {**spec, "description": description}
    st.vega_lite_chart(spec, width="stretch")
    if summary:
        st.caption(summary)
