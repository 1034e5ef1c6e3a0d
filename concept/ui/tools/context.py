"""The context analysis tool: themes handled well or with difficulty, and their links."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.model import (
    Concept,
    ContextTheme,
)
from concept.references import forget_context_details
from concept.toolbox import (
    related_themes,
)
from concept.ui import bind
from concept.ui.evidence import detail_badges
from concept.ui.session import t
from concept.ui.tools.common import (
    add_button,
    labels,
    lines_field,
    remove_button,
)

HANDLING = ("unknown", "well", "difficult")



def _themes(concept: Concept) -> list[ContextTheme]:
    return concept.toolbox.context_themes


def context_tool(concept: Concept) -> None:
    themes = concept.toolbox.context_themes
    if not themes:
        st.info(t("toolbox.context.none"), icon=":material/info:")
    names = {th.id: th.name.strip() or t("toolbox.unnamed") for th in themes}
    for theme in themes:
        tid = theme.id
        with st.container(border=True):
            st.header(t("toolbox.context.heading", name=plain(names[tid])), anchor=False)
            left, right = st.columns(2)
            with left:
                bind.text(t("field.name"), theme, "name", key=f"theme.{tid}.name")
                lines_field(t("field.details"), theme, "details", f"theme.{tid}.details",
                            after=lambda theme=theme: forget_context_details(theme))
                detail_badges(concept, theme)
            with right:
                bind.choice(t("field.handling"), theme, "handling", HANDLING,
                            key=f"theme.{tid}.handling",
                            format_func=labels("toolbox.handling"))
                others = [other for other in names if other != tid]
                bind.multi(t("field.related_theme_ids"), theme, "related_theme_ids", others,
                           key=f"theme.{tid}.related", format_func=lambda v: names.get(v, v))
                bind.text_area(t("field.other_actors"), theme, "other_actors",
                               key=f"theme.{tid}.actors", height=80)
            remove_button(f"theme.{tid}", _themes, tid)
    add_button(t("toolbox.context.add"), "theme.add", _themes, ContextTheme)
    if not themes:
        return
    well_col, difficult_col = st.columns(2)
    for column, handling, title in ((well_col, "well", "toolbox.context.well_title"),
                                    (difficult_col, "difficult",
                                     "toolbox.context.difficult_title")):
        with column, st.container(border=True):
            st.subheader(t(title), anchor=False)
            chosen = [th for th in themes if th.handling == handling]
            if not chosen:
                st.caption(t("toolbox.context.nothing"))
            for theme in chosen:
                related = [names[r.id] for r in related_themes(themes, theme)]
                line = f"- **{plain(names[theme.id])}**"
                if theme.details:
                    line += ": " + plain("; ".join(theme.details))
                st.markdown(line)
                notes = []
                if related:
                    notes.append(t("toolbox.context.related_line", names=plain(", ".join(related))))
                if theme.other_actors.strip():
                    notes.append(t("toolbox.context.others_line",
                                   text=plain(theme.other_actors.strip())))
                if notes:
                    st.caption("  \n".join(notes))
