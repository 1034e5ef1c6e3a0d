"""Charts drawn with `st.vega_lite_chart`; the specs come from `concept.figures`, which the
document's exporters share (so a figure in the PDF is the chart on the page)."""

from __future__ import annotations

import streamlit as st

from concept.figures import Spec


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
