"""The stakeholder map tool: importance × influence, and whom to interview."""

from __future__ import annotations

import streamlit as st

from concept.chart_text import stakeholder_summary
from concept.figures import Spec, stakeholder_spec
from concept.formatting import plain
from concept.model import (
    Concept,
    Stakeholder,
)
from concept.references import forget_stakeholders
from concept.toolbox import (
    QUADRANTS,
    planned_interviews,
    quadrant,
)
from concept.ui import bind
from concept.ui.charts import show
from concept.ui.session import lang, t
from concept.ui.tools.common import (
    add_button,
    remove_button,
)
from concept.ui.tools.interviews import progress_line


def _stakeholders(concept: Concept) -> list[Stakeholder]:
    return concept.toolbox.stakeholders


def stakeholder_chart(stakeholders: list[Stakeholder]) -> Spec | None:
    """The importance × influence grid with the four quadrants labelled; None when empty."""
    return stakeholder_spec(stakeholders, lang())


def _stakeholder_row(stakeholder: Stakeholder) -> None:
    sid = stakeholder.id
    with st.container(border=True):
        name_col, importance_col, influence_col, interview_col = st.columns([3, 2, 2, 2])
        with name_col:
            bind.text(t("field.name"), stakeholder, "name", key=f"stakeholder.{sid}.name")
            bind.toggle(t("field.internal"), stakeholder, "internal",
                        key=f"stakeholder.{sid}.internal")
        with importance_col:
            bind.scale(t("field.importance"), stakeholder, "importance",
                       key=f"stakeholder.{sid}.importance")
        with influence_col:
            bind.scale(t("field.influence"), stakeholder, "influence",
                       key=f"stakeholder.{sid}.influence")
        with interview_col:
            bind.toggle(t("field.interview_candidate"), stakeholder, "interview_candidate",
                        key=f"stakeholder.{sid}.interview")
            bind.bound(st.number_input, t("field.planned_interviews"), stakeholder,
                       "planned_interviews", key=f"stakeholder.{sid}.planned", min_value=0,
                       max_value=10_000, step=1)
        info_col, remove_col = st.columns([4, 1])
        info_col.caption(f"{t(f'toolbox.quadrant.{quadrant(stakeholder)}')} · "
                         f"{t(f'toolbox.quadrant_action.{quadrant(stakeholder)}')}")
        with remove_col:
            remove_button(f"stakeholder.{sid}", _stakeholders, sid, forget=forget_stakeholders)


def stakeholder_tool(concept: Concept) -> None:
    stakeholders = concept.toolbox.stakeholders
    progress_line(concept)
    if not stakeholders:
        st.info(t("toolbox.stakeholders.none"), icon=":material/info:")
    for stakeholder in stakeholders:
        _stakeholder_row(stakeholder)
    add_button(t("toolbox.stakeholders.add"), "stakeholder.add", _stakeholders, Stakeholder)
    if not stakeholders:
        return
    chart_col, list_col = st.columns([3, 2])
    with chart_col:
        st.header(t("toolbox.stakeholders.grid_title"), anchor=False)
        show(stakeholder_chart(stakeholders), description=t("toolbox.stakeholders.grid_title"),
             summary=stakeholder_summary(stakeholders, lang()))
    with list_col:
        for key in QUADRANTS:
            names = [s.name.strip() or t("toolbox.unnamed") for s in stakeholders
                     if quadrant(s) == key]
            if names:
                st.markdown(t("toolbox.stakeholders.quadrant_line",
                              quadrant=t(f"toolbox.quadrant.{key}"),
                              names=plain(", ".join(names))))
                st.caption(t(f"toolbox.quadrant_action.{key}"))
        st.header(t("toolbox.stakeholders.to_interview"), anchor=False)
        chosen = [s for s in stakeholders if s.interview_candidate]
        if chosen:
            st.markdown("\n".join(f"- {plain(s.name.strip() or t('toolbox.unnamed'))}"
                                  f" ({s.planned_interviews})" for s in chosen))
        else:
            st.caption(t("toolbox.stakeholders.nobody_to_interview"))
        st.caption(t("toolbox.stakeholders.interviews_total",
                     count=planned_interviews(stakeholders)))
