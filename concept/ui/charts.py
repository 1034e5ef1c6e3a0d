"""Charts drawn with `st.vega_lite_chart`; the specs come from `concept.figures`, which the
document's exporters share (so a figure in the PDF is the chart on the page)."""

from __future__ import annotations

import streamlit as st

from concept.figures import Spec


def show(spec: Spec | None) -> None:
    if spec is not None:
        st.vega_lite_chart(spec, width="stretch")
