"""The concept health page: every finding of every check with a link to where it is fixed, and
the charts (journey emotion curve, touchpoints per purchase stage, competitor matrix, stakeholders).

The first three charts are drawn by the steps' own helpers; a helper that is not there (yet) is
left out rather than drawn a second way here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from concept.checks import Finding, all_findings
from concept.model import Concept
from concept.steps import STEP_KEYS
from concept.toolbox import TOOL_KEYS, place
from concept.ui.session import lang, t
from concept.ui.toolbox import labels, stakeholder_chart

GROUP_BY = "health_group_by"
SEVERITIES = ("gap", "warn", "info")
ICONS = {"gap": ":material/report:", "warn": ":material/warning:", "info": ":material/info:"}
OTHER = "_other"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A chart function of another step's helper, or None while it does not exist."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _show_chart(result: Any) -> None:
    """Charts come back as Altair charts; a helper that drew itself returns something else."""
    if result is not None and hasattr(result, "to_dict"):
        st.altair_chart(result, width="stretch")


def _finding(finding: Finding) -> None:
    message = finding.message(lang())
    box = st.info if finding.severity == "info" else st.warning
    text_col, link_col = st.columns([3, 1], vertical_alignment="center")
    with text_col:
        box(message, icon=ICONS[finding.severity])
    target = place(finding.step)
    if target is not None:
        with link_col:
            st.page_link(target.page, label=t("health.fix_in", place=t(target.title_key)),
                         icon=target.icon)


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
    st.subheader(t("health.findings_title"), anchor=False)
    st.caption(t("health.count", **counts))
    if not found:
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
            st.markdown(f"#### {t(target.title_key) if target else t('health.other_place')}")
            for finding in found:
                if finding.step == key:
                    _finding(finding)
    else:
        for severity in SEVERITIES:
            group = [f for f in found if f.severity == severity]
            if group:
                st.markdown(f"#### {t(f'health.severity.{severity}')} ({len(group)})")
                for finding in sorted(group, key=lambda f: _step_order(f.step)):
                    _finding(finding)


def _emotion_chart(concept: Concept) -> None:
    draw = _optional("concept.ui.journey", "emotion_chart")
    if draw is None:
        return
    journeys = [j for j in concept.journeys if j.stages]
    if not journeys:
        st.markdown(f"**{t('health.emotion_title')}**")
        st.caption(t("health.no_chart_data"))
        return
    chosen = journeys[0]
    if len(journeys) > 1:
        names = {j.id: (concept.profile(j.profile_id).name if concept.profile(j.profile_id)
                        else "") or "?" for j in journeys}
        chosen_id = st.selectbox(t("health.emotion_journey"), list(names), key="health_journey",
                                 format_func=lambda jid: names[jid])
        chosen = next(j for j in journeys if j.id == chosen_id)
    _show_chart(draw(chosen))  # the journey helper draws its own title


def _stage_chart(concept: Concept) -> None:
    draw = _optional("concept.ui.purchase", "stage_chart")
    if draw is None:
        return
    if not concept.all_touchpoints():
        st.markdown(f"**{t('health.stages_title')}**")
        st.caption(t("health.no_chart_data"))
        return
    _show_chart(draw(concept))  # the purchase helper draws its own title


def _matrix_chart(concept: Concept) -> None:
    build = _optional("concept.ui.competition", "competitor_matrix_chart")
    if build is None:
        return
    st.markdown(f"**{t('health.matrix_title')}**")
    chart = build(concept)
    if chart is None:
        st.caption(t("health.no_chart_data"))
    else:
        _show_chart(chart)


def _stakeholder_chart(concept: Concept) -> None:
    st.markdown(f"**{t('health.stakeholders_title')}**")
    chart = stakeholder_chart(concept.toolbox.stakeholders)
    if chart is None:
        st.caption(t("health.no_chart_data"))
        st.page_link("views/tools/stakeholders.py", label=t("tool.stakeholders.title"),
                     icon=":material/hub:")
    else:
        st.altair_chart(chart, width="stretch")


def charts_section(concept: Concept) -> None:
    st.subheader(t("health.charts_title"), anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        _emotion_chart(concept)
        _matrix_chart(concept)
    with right:
        _stage_chart(concept)
        _stakeholder_chart(concept)


def health_page(concept: Concept) -> None:
    findings_section(concept)
    st.divider()
    charts_section(concept)
