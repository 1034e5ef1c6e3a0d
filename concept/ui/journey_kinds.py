"""The journey page's current/target switch, "start the target from the current", and the two
journeys side by side (stages and emotion curves)."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.journeys import can_start_target_from_current, side_by_side, start_target_from_current
from concept.model import Concept, JourneyKind
from concept.ui.frame import changed, flash
from concept.ui.profiles import remember, remembered_choice
from concept.ui.session import current_concept, t

KIND = "journey_kind"
KINDS: tuple[JourneyKind, ...] = ("target", "current")


def choose_kind() -> JourneyKind:
    remembered_choice(KIND, list(KINDS), "target")
    chosen = st.segmented_control(t("journeys.kind_label"), KINDS, key=KIND, required=True,
                                  format_func=lambda k: t(f"journeys.kind.{k}"),
                                  help=t("journeys.kind_help"), on_change=remember, args=(KIND,))
    return chosen or "target"


def _start(profile_id: str) -> None:
    concept = current_concept()
    if concept is not None and start_target_from_current(concept, profile_id) is not None:
        st.session_state[KIND] = st.session_state[f"{KIND}_memory"] = "target"
        flash(t("journeys.started_target"))
        changed()


def kind_intro(concept: Concept, profile_id: str, kind: JourneyKind) -> None:
    if kind == "current":
        st.caption(t("journeys.current_intro"))
    if can_start_target_from_current(concept, profile_id):
        st.button(t("journeys.start_target"), key=f"journey.{profile_id}.start_target",
                  icon=":material/content_copy:", help=t("journeys.start_target_help"),
                  on_click=_start, args=(profile_id,))


def side_by_side_view(concept: Concept, profile_id: str) -> None:
    """When the profile has both journeys with stages: a stage-by-stage table and the two
    emotion curves next to each other."""
    from concept.ui.journey import emotion_chart, emotion_label

    current = concept.journey_for(profile_id, "current")
    target = concept.journey_for(profile_id, "target")
    if current is None or target is None or not current.stages or not target.stages:
        return
    st.subheader(t("journeys.side_by_side"), anchor=False)
    rows = [f"| {t('journeys.kind.current')} | {t('journeys.emotion_current')} | "
            f"{t('journeys.kind.target')} | {t('journeys.emotion_target')} |",
            "|---|---|---|---|"]
    for pair in side_by_side(current, target):
        left = plain(pair.current.name) if pair.current else t("journeys.only_target")
        right = plain(pair.target.name) if pair.target else t("journeys.only_current")
        rows.append(
            f"| {left} | {emotion_label(pair.current.emotion) if pair.current else ''} | "
            f"{right} | {emotion_label(pair.target.emotion) if pair.target else ''} |")
    st.markdown("\n".join(rows))
    left, right = st.columns(2)
    with left:
        st.caption(t("journeys.kind.current"))
        emotion_chart(current)
    with right:
        st.caption(t("journeys.kind.target"))
        emotion_chart(target)
