"""What every side tool's page shares: its frame, add and remove buttons, the profile choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from concept import i18n
from concept.model import (
    Concept,
    EmpathyMap,
    EverydayLife,
)
from concept.toolbox import (
    place,
)
from concept.ui import bind, frame
from concept.ui.frame import flash, page_intro, require_concept, show_flash
from concept.ui.session import (
    current_concept,
    lang,
    t,
    widget_key,
)


def labels(prefix: str) -> Callable[[Any], str]:
    """A `format_func` giving `prefix.<value>` texts in the language of this run.

    The language is fixed when the widget is drawn: AppTest calls format functions outside the
    session, where the session's language cannot be read.
    """
    code = lang()
    return lambda value: i18n.t(f"{prefix}.{value}", code)


# --- the frame of every tool page --------------------------------------------------------------


def begin_tool(key: str) -> Concept:
    """Start a tool page: the intro, and the open concept (or a pointer to the start page)."""
    if place(key) is None:  # an unknown key is a programming error: fail loudly
        raise KeyError(key)
    page_intro(key, "tool")
    concept = require_concept()
    show_flash()
    return concept


def changed(message: str | None = None) -> None:
    """After a button changed the model: save, make widgets re-read it, say what happened."""
    frame.changed()
    if message:
        flash(message, "toast")


def add_button(label: str, key: str, items: Callable[[Concept], list[Any]],
                factory: Callable[[], Any]) -> None:
    def add() -> None:
        concept = current_concept()
        if concept is not None:
            items(concept).append(factory())
            changed()

    st.button(label, key=key, on_click=add, icon=":material/add:")


def remove_button(key: str, items: Callable[[Concept], list[Any]], item_id: str,
                   label: str | None = None,
                   forget: Callable[[Concept, list[str]], None] | None = None) -> None:
    """A remove button that asks once more before anything is lost; `forget` clears the links
    to the removed part elsewhere in the concept."""
    def remove() -> None:
        concept = current_concept()
        if concept is None:
            return
        parts = items(concept)
        parts[:] = [part for part in parts if part.id != item_id]
        if forget is not None:
            forget(concept, [item_id])
        changed(t("toolbox.removed"))

    with st.popover(label or t("toolbox.remove"), icon=":material/delete:",
                    key=f"confirm.{key}"):
        st.caption(t("toolbox.remove_confirm"))
        st.button(t("toolbox.remove_yes"), key=f"remove.{key}", on_click=remove, type="primary")


def profile_choice(concept: Concept, obj: EmpathyMap | EverydayLife, key: str) -> None:
    options = ["", *(p.id for p in concept.profiles)]
    if obj.profile_id not in options:  # the profile was deleted since
        obj.profile_id = ""
    wkey = widget_key(key)
    if st.session_state.get(wkey, "") not in options:
        del st.session_state[wkey]
    names = {p.id: p.name.strip() or t("toolbox.unnamed") for p in concept.profiles}
    names[""] = t("toolbox.no_profile")
    bind.choice(t("toolbox.profile_for"), obj, "profile_id", options, key=key,
                format_func=lambda pid: names.get(pid, ""))


def lines_field(label: str, obj: Any, attr: str, key: str, height: int = 120,
                after: Callable[[], None] | None = None) -> None:
    bind.lines(label, obj, attr, key=key, help=t("toolbox.one_per_line"), height=height,
               after=after)


def default_profile_id() -> str:
    concept = current_concept()
    profile = concept.primary_profile() if concept is not None else None
    return profile.id if profile is not None else ""
