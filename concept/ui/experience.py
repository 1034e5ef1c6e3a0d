"""Streamlit helpers of the experience-over-time step: horizon cards, touchpoint links, advice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from concept.figures import Spec, feeling_spec
from concept.formatting import plain
from concept.labels import horizon_label
from concept.model import Concept, ExperienceHorizon, ExperienceTimeline
from concept.references import move_item
from concept.ui import ai_marks, bind
from concept.ui.a11y import name_button
from concept.ui.session import (
    enum_label,
    lang,
    refresh_widgets,
    save_current,
    t,
    widget_key,
)

EMOTIONS = (-2, -1, 0, 1, 2)
PER_ROW = 4


def fixed_labels(options: Sequence[Any], label: Callable[[Any], str]) -> Callable[[Any], str]:
    """A format_func with the labels worked out now, in this run's language.

    (A label looked up later, outside the script run, would not know the session's language.)
    """
    table = {option: label(option) for option in options}
    return lambda value: table.get(value, str(value))


def emotion_text(value: int | None) -> str:
    if value is None:
        return t("experience.not_set")
    return f"{value:+d}  {enum_label('emotion', str(value))}"


# --- model changes (no widgets) ----------------------------------------------------------------


def add_horizon(timeline: ExperienceTimeline) -> ExperienceHorizon:
    horizon = ExperienceHorizon()
    timeline.horizons.append(horizon)
    return horizon


def move_horizon(timeline: ExperienceTimeline, horizon_id: str, delta: int) -> None:
    index = next(i for i, h in enumerate(timeline.horizons) if h.id == horizon_id)
    timeline.horizons = move_item(timeline.horizons, index, delta)


def remove_horizon(concept: Concept, horizon_id: str) -> None:
    """Remove a horizon and its links from the touchpoints."""
    concept.experience.horizons = [h for h in concept.experience.horizons if h.id != horizon_id]
    for tp in concept.all_touchpoints():
        if horizon_id in tp.horizon_ids:
            tp.horizon_ids = [h for h in tp.horizon_ids if h != horizon_id]


def set_horizon_touchpoints(concept: Concept, horizon_id: str, touchpoint_ids: Sequence[str]
                            ) -> None:
    chosen = set(touchpoint_ids)
    for tp in concept.all_touchpoints():
        linked = horizon_id in tp.horizon_ids
        if tp.id in chosen and not linked:
            tp.horizon_ids = [*tp.horizon_ids, horizon_id]
        elif tp.id not in chosen and linked:
            tp.horizon_ids = [h for h in tp.horizon_ids if h != horizon_id]


# --- widgets -----------------------------------------------------------------------------------


def _changed_then_saved(change, *args) -> None:
    change(*args)
    save_current()
    refresh_widgets()


def _touchpoints_widget(concept: Concept, horizon: ExperienceHorizon) -> None:
    touchpoints = [tp for tp in concept.all_touchpoints() if tp.name.strip()]
    if not touchpoints:
        return
    wkey = widget_key(f"experience.{horizon.id}.touchpoints")
    chosen = [tp.id for tp in touchpoints if horizon.id in tp.horizon_ids]
    names = {tp.id: tp.name for tp in touchpoints}

    def commit() -> None:
        set_horizon_touchpoints(concept, horizon.id, st.session_state[wkey])
        save_current()

    # The model's choice is the default on every run (see bind.starting_value).
    st.multiselect(t("experience.touchpoints"), options=list(names), key=wkey, default=chosen,
                   format_func=lambda tid: names.get(tid, tid), on_change=commit,
                   help=t("experience.touchpoints_help"), placeholder=t("widget.choose_many"),
                   select_all=False)


def horizon_card(concept: Concept, horizon: ExperienceHorizon, index: int) -> None:
    timeline = concept.experience
    hid = horizon.id
    with st.container(border=True):
        title = horizon_label(horizon, lang()) or t("experience.unnamed")
        st.markdown(f"**{index + 1}. {plain(title)}**")
        default = enum_label("horizon", horizon.key) if horizon.key else ""
        bind.text(t("experience.label"), horizon, "label", key=f"experience.{hid}.label",
                  placeholder=default or t("experience.label_placeholder"),
                  help=t("experience.label_help"))
        bind.lines(t("field.essentials"), horizon, "essentials",
                   key=f"experience.{hid}.essentials", height=100,
                   placeholder=t("experience.one_per_line"))
        bind.text_area(t("field.target_experience"), horizon, "target_experience",
                       key=f"experience.{hid}.target", height=90,
                       placeholder=t("experience.target_placeholder"))
        bind.choice(t("field.target_rating"), horizon, "target_rating", [None, *EMOTIONS],
                    key=f"experience.{hid}.rating",
                    format_func=fixed_labels([None, *EMOTIONS], emotion_text),
                    help=t("experience.rating_help"))
        bind.lines(t("field.delight_moments"), horizon, "delight_moments",
                   key=f"experience.{hid}.delight", height=80,
                   placeholder=t("experience.one_per_line"))
        ai_marks.under("experience.delight_moments", hid)
        bind.lines(t("field.churn_risks"), horizon, "churn_risks",
                   key=f"experience.{hid}.churn", height=80,
                   placeholder=t("experience.one_per_line"))
        ai_marks.under("experience.churn_risks", hid)
        _touchpoints_widget(concept, horizon)
        up, down, remove = st.columns(3)
        up.button("", key=f"experience.{hid}.up", icon=":material/arrow_back:",
                  help=t("experience.move_earlier"), disabled=index == 0,
                  on_click=_changed_then_saved, args=(move_horizon, timeline, hid, -1),
                  width="stretch")
        down.button("", key=f"experience.{hid}.down", icon=":material/arrow_forward:",
                    help=t("experience.move_later"),
                    disabled=index == len(timeline.horizons) - 1,
                    on_click=_changed_then_saved, args=(move_horizon, timeline, hid, 1),
                    width="stretch")
        name_button(f"experience.{hid}.up", t("a11y.period_earlier", name=title))
        name_button(f"experience.{hid}.down", t("a11y.period_later", name=title))
        name_button(f"experience.{hid}.remove_menu", t("a11y.period_remove", name=title))
        with remove.popover("", icon=":material/delete:", help=t("experience.remove"),
                            width="stretch", key=f"experience.{hid}.remove_menu"):
            st.markdown(t("experience.remove_confirm"))
            st.button(t("experience.remove_yes"), key=f"experience.{hid}.remove",
                      on_click=_changed_then_saved, args=(remove_horizon, concept, hid),
                      type="primary")


def profile_essentials_hint(concept: Concept) -> None:
    """What step 1 says matters most to each profile's experience, so nobody retypes it."""
    for profile in concept.profiles:
        if profile.experience_essentials:
            st.caption(t("experience.from_profile", profile=plain(profile.name or "?"),
                         items=plain(", ".join(profile.experience_essentials))))


def horizon_cards(concept: Concept) -> None:
    horizons = list(concept.experience.horizons)
    for start in range(0, len(horizons), PER_ROW):
        columns = st.columns(PER_ROW)
        for offset, horizon in enumerate(horizons[start:start + PER_ROW]):
            with columns[offset]:
                horizon_card(concept, horizon, start + offset)
    st.button(t("experience.add"), key="experience.add", icon=":material/add:",
              on_click=_changed_then_saved, args=(add_horizon, concept.experience))


def feeling_chart(concept: Concept) -> Spec | None:
    """The target feeling per horizon as a line, when at least two horizons have one."""
    return feeling_spec(concept, lang())
