"""The three-year image tool: what must always and never be said, grouped."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.model import (
    Concept,
)
from concept.toolbox import (
    MIN_IMAGE_ANSWERS,
    answers,
    grouped,
    set_answers,
)
from concept.ui import bind
from concept.ui.a11y import advice
from concept.ui.session import t


def image_goal_tool(concept: Concept) -> None:
    goal = concept.toolbox.image_goal
    bind.bound(st.number_input, t("toolbox.image.years"), goal, "horizon_years",
               key="image.years", min_value=1, max_value=20, step=1, width=160)

    def with_answers(kind: str, value: str) -> list:
        copy = goal.model_copy(deep=True)
        set_answers(copy, kind, (value or "").splitlines())
        return copy.responses

    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column:
            bind.bound(st.text_area, t(f"toolbox.image.{kind}"), goal, "responses",
                       key=f"image.{kind}", height=180, help=t("toolbox.one_per_line"),
                       from_model=lambda rs, k=kind: "\n".join(r.text for r in rs if r.kind == k),
                       to_model=lambda v, k=kind: with_answers(k, v))
            count = len(answers(goal, kind))
            if count < MIN_IMAGE_ANSWERS:
                advice(t("toolbox.image.count_low", count=count, minimum=MIN_IMAGE_ANSWERS),
                       icon=":material/edit_note:")
            else:
                st.caption(t("toolbox.image.count_ok", count=count))
    if not goal.responses:
        return
    st.header(t("toolbox.image.group_title"), anchor=False)
    labels = sorted({label for kind in ("always", "never") for label, _ in grouped(goal, kind)
                     if label}, key=str.casefold)
    st.caption(t("toolbox.image.group_intro",
                 groups=plain(", ".join(labels)) if labels
                 else t("toolbox.image.no_groups")))
    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column:
            st.subheader(t(f"toolbox.image.{kind}"), anchor=False)
            for response in answers(goal, kind):
                bind.text(plain(response.text), response, "group", key=f"image.{response.id}.group",
                          placeholder=t("toolbox.image.group_placeholder"))
    st.header(t("toolbox.image.grouped_title"), anchor=False)
    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column, st.container(border=True):
            st.subheader(t(f"toolbox.image.{kind}"), anchor=False)
            lines = []
            for label, items in grouped(goal, kind):
                lines.append("- " + t("toolbox.image.group_line",
                                      group=plain(label) if label
                                      else t("toolbox.image.ungrouped"),
                                      count=len(items)))
                lines += [f"    - {plain(r.text)}" for r in items]
            st.markdown("\n".join(lines) if lines else t("toolbox.image.empty"))
