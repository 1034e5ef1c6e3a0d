"""The empathy map tool: four quadrants per person, notes promoted to a profile."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.model import (
    Concept,
    EmpathyMap,
)
from concept.promotion import is_promoted, promote_note
from concept.toolbox import (
    empathy_map_name,
)
from concept.ui import bind
from concept.ui.session import current_concept, t
from concept.ui.tools.common import (
    add_button,
    changed,
    default_profile_id,
    lines_field,
    profile_choice,
    remove_button,
)


def _empathy_maps(concept: Concept) -> list[EmpathyMap]:
    return concept.toolbox.empathy_maps


def _promote(map_id: str, kind: str, note: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    empathy_map = next((m for m in concept.toolbox.empathy_maps if m.id == map_id), None)
    if empathy_map is None:
        return
    profile = concept.profile(empathy_map.profile_id)
    if profile is None:
        return
    added = promote_note(concept, empathy_map, kind, note, profile.id)  # type: ignore[arg-type]
    name = profile.name.strip() or t("toolbox.unnamed")
    changed(t("toolbox.empathy.promoted_toast" if added else "toolbox.empathy.already_there",
               profile=plain(name)))


def _promotion_panel(concept: Concept, empathy_map: EmpathyMap) -> None:
    st.subheader(t("toolbox.empathy.promote_title"), anchor=False)
    if not concept.profiles:
        st.caption(t("toolbox.empathy.no_profiles"))
        return
    profile = concept.profile(empathy_map.profile_id)
    if profile is None:
        st.caption(t("toolbox.empathy.choose_profile"))
        return
    notes = [("pain", n) for n in empathy_map.pain_points]
    notes += [("gain", n) for n in empathy_map.success_feelings]
    if not notes:
        st.caption(t("toolbox.empathy.nothing_to_promote"))
        return
    st.caption(t("toolbox.empathy.promote_intro",
                 profile=plain(profile.name.strip() or t("toolbox.unnamed"))))
    left, right = st.columns(2)
    for index, (kind, note) in enumerate(notes):
        column = left if kind == "pain" else right
        if is_promoted(empathy_map, kind, note):  # type: ignore[arg-type]
            column.caption(t("toolbox.empathy.promoted", note=plain(note)))
        else:
            column.button(t(f"toolbox.empathy.to_{kind}", note=plain(note)),
                          key=f"promote.{empathy_map.id}.{kind}.{index}", on_click=_promote,
                          args=(empathy_map.id, kind, note), icon=":material/north_east:")


def empathy_map_tool(concept: Concept) -> None:
    maps = concept.toolbox.empathy_maps
    if not maps:
        st.info(t("toolbox.empathy.none"), icon=":material/info:")
    for number, empathy_map in enumerate(maps, start=1):
        mid = empathy_map.id
        with st.container(border=True):
            st.header(t("toolbox.empathy.heading",
                        name=plain(empathy_map_name(empathy_map, concept, number))), anchor=False)
            left, right = st.columns(2)
            with left:
                profile_choice(concept, empathy_map, key=f"empathy.{mid}.profile")
            with right:
                bind.text(t("field.persona_label"), empathy_map, "persona_label",
                          key=f"empathy.{mid}.persona")
            bind.text(t("field.situation"), empathy_map, "situation",
                      key=f"empathy.{mid}.situation", help=t("toolbox.empathy.situation_help"))
            top_left, top_right = st.columns(2)
            with top_left:
                lines_field(t("field.experiences"), empathy_map, "experiences",
                       f"empathy.{mid}.experiences")
                lines_field(t("field.pain_points"), empathy_map, "pain_points",
                       f"empathy.{mid}.pain_points")
            with top_right:
                lines_field(t("field.attitude_self_environment"), empathy_map,
                       "attitude_self_environment", f"empathy.{mid}.attitude")
                lines_field(t("field.success_feelings"), empathy_map, "success_feelings",
                       f"empathy.{mid}.success")
            _promotion_panel(concept, empathy_map)
            remove_button(f"empathy.{mid}", _empathy_maps, mid)
    add_button(t("toolbox.empathy.add"), "empathy.add", _empathy_maps,
                lambda: EmpathyMap(profile_id=default_profile_id()))
