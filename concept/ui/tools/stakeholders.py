"""The stakeholder map tool: importance × influence, and whom to interview."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.model import (
    Concept,
    Stakeholder,
)
from concept.references import forget_stakeholders
from concept.toolbox import (
    HIGH,
    QUADRANTS,
    planned_interviews,
    quadrant,
)
from concept.ui import bind
from concept.ui.charts import Spec, channel, rule_at, show
from concept.ui.session import t
from concept.ui.tools.common import (
    add_button,
    remove_button,
)
from concept.ui.tools.interviews import progress_line


def _stakeholders(concept: Concept) -> list[Stakeholder]:
    return concept.toolbox.stakeholders


def stakeholder_chart(stakeholders: list[Stakeholder]) -> Spec | None:
    """The importance × influence grid with the four quadrants labelled; None when empty."""
    if not stakeholders:
        return None
    seen: dict[tuple[int, int], int] = {}
    rows = []
    for s in stakeholders:
        spot = (s.importance, s.influence)
        nth = seen.get(spot, 0)
        seen[spot] = nth + 1
        rows.append({
            "name": s.name.strip() or t("toolbox.unnamed"),
            "importance": s.importance,
            "influence": s.influence,
            # Several groups on the same spot: spread their labels downwards.
            "label_y": s.influence - 0.28 * nth,
            "right_side": s.importance < HIGH,
            "side": t("toolbox.stakeholders.internal_short") if s.internal
            else t("toolbox.stakeholders.external"),
            "quadrant": t(f"toolbox.quadrant.{quadrant(s)}"),
        })
    scale = {"domain": [0.5, 5.5], "nice": False}
    axis = {"values": [1, 2, 3, 4, 5], "format": "d"}
    x = channel("importance", "quantitative", title=t("field.importance"), scale=scale,
                axis=axis)
    y = channel("influence", "quantitative", title=t("field.influence"), scale=scale, axis=axis)
    corners = [
        {"x": 5.4, "y": 5.4, "text": t("toolbox.quadrant.key_group"), "align": "right"},
        {"x": 5.4, "y": 0.6, "text": t("toolbox.quadrant.listen"), "align": "right"},
        {"x": 0.6, "y": 5.4, "text": t("toolbox.quadrant.keep_satisfied"), "align": "left"},
        {"x": 0.6, "y": 0.6, "text": t("toolbox.quadrant.monitor"), "align": "left"},
    ]
    corner_layers = [
        {"data": {"values": [c for c in corners if c["align"] == align]},
         "mark": {"type": "text", "align": align, "baseline": "middle", "fontSize": 13,
                  "fontWeight": "bold", "opacity": 0.45},
         "encoding": {"x": channel("x", "quantitative", scale=scale),
                      "y": channel("y", "quantitative", scale=scale), "text": channel("text")}}
        for align in ("left", "right")
    ]
    points = {
        "data": {"values": rows},
        "mark": {"type": "circle", "size": 220, "opacity": 0.85},
        "encoding": {
            "x": x, "y": y,
            "color": channel("side", title=None, legend={"orient": "bottom"}),
            "tooltip": [channel("name", title=t("field.name")),
                        channel("quadrant", title=t("toolbox.stakeholders.grid_title")),
                        channel("importance", "quantitative", title=t("field.importance")),
                        channel("influence", "quantitative", title=t("field.influence"))],
        },
    }
    # Names sit beside their point, on the side that has room inside the chart.
    name_layers = [
        {"data": {"values": [r for r in rows if r["right_side"] == right]},
         "mark": {"type": "text", "align": "left" if right else "right",
                  "dx": 12 if right else -12, "fontSize": 12},
         "encoding": {"x": channel("importance", "quantitative", scale=scale),
                      "y": channel("label_y", "quantitative", scale=scale),
                      "text": channel("name")}}
        for right in (True, False)
    ]
    return {"height": 420, "layer": [
        rule_at(3.5, "x", strokeDash=[4, 4], opacity=0.5),
        rule_at(3.5, "y", strokeDash=[4, 4], opacity=0.5),
        *corner_layers, points, *name_layers,
    ]}


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
        show(stakeholder_chart(stakeholders), description=t("toolbox.stakeholders.grid_title"))
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
