"""The concept health page: every finding of every check with a link to where it is fixed, and
the charts (journey emotion curve, touchpoints per purchase stage, competitor matrix, stakeholders).

The charts are the steps' own, so they look the same here as on their pages.
"""

from __future__ import annotations

import streamlit as st

from concept.chart_text import competitor_summary, stakeholder_summary
from concept.checks import Finding, all_findings
from concept.formatting import plain
from concept.model import Concept
from concept.steps import STEP_KEYS, not_started_keys
from concept.toolbox import TOOL_KEYS, place
from concept.ui.a11y import advice
from concept.ui.charts import show
from concept.ui.competition import competitor_matrix_chart
from concept.ui.journey import emotion_chart
from concept.ui.purchase import stage_chart
from concept.ui.session import lang, t
from concept.ui.tools.common import labels
from concept.ui.tools.stakeholders import stakeholder_chart

GROUP_BY = "health_group_by"
SEVERITIES = ("gap", "warn", "info")
ICONS = {"gap": ":material/report:", "warn": ":material/warning:", "info": ":material/info:"}


def _finding(finding: Finding, index: int | str = 0) -> None:
    from concept.ui.actions import action_button

    message = finding.message(lang(), plain)
    text_col, link_col = st.columns([3, 1], vertical_alignment="center")
    with text_col:
        advice(message, icon=ICONS[finding.severity])
    target = place(finding.step)
    with link_col:
        if target is not None:
            st.page_link(target.page, label=t("health.fix_in", place=t(target.title_key)),
                         icon=target.icon)
        action_button(finding, f"health{index}")


def _step_order(key: str) -> tuple[int, int]:
    if key in STEP_KEYS:
        return (0, STEP_KEYS.index(key))
    if key in TOOL_KEYS:
        return (1, TOOL_KEYS.index(key))
    return (2, 0)


def findings_section(concept: Concept) -> None:
    found = all_findings(concept)
    counts = {severity: sum(1 for f in found if f.severity == severity)
              for severity in SEVERITIES}
    st.header(t("health.findings_title"), anchor=False)
    st.caption(t("health.count", **counts))
    # Steps with nothing entered have nothing to check: say they are not started, so an empty
    # concept never looks approved.
    waiting = not_started_keys(concept)
    if waiting:
        st.info(t("missing.health_not_started",
                  steps=", ".join(t(f"step.{key}.title") for key in waiting)),
                icon=":material/hourglass_empty:")
    if not found:
        if waiting:
            st.caption(t("missing.health_none"))
        else:
            st.success(t("health.none"), icon=":material/check_circle:")
        return
    if not concept.profiles:
        st.caption(t("health.empty_concept"))
    group_by = st.segmented_control(
        t("health.group_by"), ("severity", "step"), key=GROUP_BY, default="severity",
        format_func=labels("health.by"), required=True)
    if group_by == "step":
        steps = sorted({f.step for f in found}, key=_step_order)
        for key in steps:
            target = place(key)
            st.subheader(t(target.title_key) if target else t("health.other_place"), anchor=False)
            for index, finding in enumerate(found):
                if finding.step == key:
                    _finding(finding, index)
    else:
        for severity in SEVERITIES:
            group = [f for f in found if f.severity == severity]
            if group:
                st.subheader(f"{t(f'health.severity.{severity}')} ({len(group)})", anchor=False)
                for index, finding in enumerate(sorted(group, key=lambda f: _step_order(f.step))):
                    _finding(finding, f"{severity}{index}")


def _emotion_chart(concept: Concept) -> None:
    journeys = [j for j in concept.journeys if j.stages]
    if not journeys:
        st.subheader(t("health.emotion_title"), anchor=False)
        st.caption(t("health.no_chart_data"))
        return
    chosen = journeys[0]
    if len(journeys) > 1:
        names = {j.id: (concept.profile(j.profile_id).name if concept.profile(j.profile_id)
                        else "") or "?" for j in journeys}
        chosen_id = st.selectbox(t("health.emotion_journey"), list(names), key="health_journey",
                                 format_func=lambda jid: names[jid])
        chosen = next(j for j in journeys if j.id == chosen_id)
    emotion_chart(chosen)  # draws its own title


def _stage_chart(concept: Concept) -> None:
    if not concept.all_touchpoints():
        st.subheader(t("health.stages_title"), anchor=False)
        st.caption(t("health.no_chart_data"))
        return
    stage_chart(concept)  # draws its own title


def _matrix_chart(concept: Concept) -> None:
    st.subheader(t("health.matrix_title"), anchor=False)
    chart = competitor_matrix_chart(concept)
    if chart is None:
        st.caption(t("health.no_chart_data"))
    else:
        show(chart, description=t("health.matrix_title"),
             summary=competitor_summary(concept, lang()))


def _stakeholder_chart(concept: Concept) -> None:
    st.subheader(t("health.stakeholders_title"), anchor=False)
    chart = stakeholder_chart(concept.toolbox.stakeholders)
    if chart is None:
        st.caption(t("health.no_chart_data"))
        st.page_link("views/tools/stakeholders.py", label=t("tool.stakeholders.title"),
                     icon=":material/hub:")
    else:
        show(chart, description=t("health.stakeholders_title"),
             summary=stakeholder_summary(concept.toolbox.stakeholders, lang()))


def charts_section(concept: Concept) -> None:
    st.header(t("health.charts_title"), anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        _emotion_chart(concept)
        _matrix_chart(concept)
    with right:
        _stage_chart(concept)
        _stakeholder_chart(concept)


def retention_section(concept: Concept) -> None:
    """X-05: retention readiness, one indicator of R-03, T-06 and PP-06, with links to fix it."""
    from concept.checks.crosscheck import retention_readiness

    readiness = retention_readiness(concept)
    st.header(t("health.retention_title"), anchor=False)
    score_col, parts_col = st.columns([1, 3], vertical_alignment="center")
    score_col.metric(t("health.retention_title"), t("health.retention_score",
                                                    score=readiness.score),
                     label_visibility="collapsed", help=t("health.retention_help"))
    with parts_col:
        for part, met in readiness.parts.items():
            icon = ":material/check_circle:" if met else ":material/radio_button_unchecked:"
            st.markdown(f"{icon} {t(f'health.retention_{part}')}")
    if not readiness.relevant:
        st.caption(t("health.retention_not_relevant"))
    if readiness.score < len(readiness.parts):
        for key in ("relationships", "experience", "purchase"):
            target = place(key)
            if target is not None:
                st.page_link(target.page, label=t("health.fix_in", place=t(target.title_key)),
                             icon=target.icon)


def health_page(concept: Concept) -> None:
    retention_section(concept)
    st.divider()
    findings_section(concept)
    st.divider()
    charts_section(concept)
