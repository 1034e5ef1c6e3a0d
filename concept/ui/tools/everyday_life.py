"""The everyday life tool: habits, constants and worries of a profile's day."""

from __future__ import annotations

import streamlit as st

from concept.formatting import plain
from concept.model import (
    Concept,
    EverydayLife,
)
from concept.ui.session import t
from concept.ui.tools.common import (
    add_button,
    default_profile_id,
    lines_field,
    profile_choice,
    remove_button,
)


def _everyday(concept: Concept) -> list[EverydayLife]:
    return concept.toolbox.everyday_life


EVERYDAY_FIELDS = ("habits", "constants", "new_products_services", "anxieties",
                   "problems_to_solve")


def everyday_life_tool(concept: Concept) -> None:
    sketches = concept.toolbox.everyday_life
    if not sketches:
        st.info(t("toolbox.everyday.none"), icon=":material/info:")
    for number, sketch in enumerate(sketches, start=1):
        sid = sketch.id
        profile = concept.profile(sketch.profile_id)
        name = profile.name.strip() if profile is not None and profile.name.strip() else (
            f"#{number}")
        with st.container(border=True):
            st.header(t("toolbox.everyday.heading", name=plain(name)), anchor=False)
            profile_choice(concept, sketch, key=f"everyday.{sid}.profile")
            columns = st.columns(2)
            for index, attr in enumerate(EVERYDAY_FIELDS):
                with columns[index % 2]:
                    lines_field(t(f"field.{attr}"), sketch, attr, f"everyday.{sid}.{attr}")
            remove_button(f"everyday.{sid}", _everyday, sid)
    add_button(t("toolbox.everyday.add"), "everyday.add", _everyday,
                lambda: EverydayLife(profile_id=default_profile_id()))
