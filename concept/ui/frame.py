"""The frame every step page shares: title, purpose, guiding questions, example, Back / Next."""

from __future__ import annotations

import streamlit as st

from concept.formatting import format_day
from concept.model import Concept
from concept.steps import neighbours, step
from concept.ui.bind import show_notice
from concept.ui.session import (
    RECOVERED,
    SAVE_PROBLEM,
    close_concept,
    current_concept,
    discard_recovered,
    get_store,
    keep_mine,
    lang,
    read_only,
    reload_current,
    restore_recovered,
    save_again_as_new,
    save_current,
    t,
    t_list,
)


def read_only_banner() -> None:
    """On every page while the data folder cannot be written: what works and what does not."""
    if read_only():
        st.warning(t("store.read_only", folder=str(get_store().data_dir)),
                   icon=":material/lock:")


def save_problem_banner() -> None:
    kept = st.session_state.get(RECOVERED)
    if kept is not None:
        with st.container(border=True):
            st.warning(t("save.recovered", date=format_day(kept.kept_at, lang())),
                       icon=":material/restore:")
            left, right = st.columns(2)
            left.button(t("save.restore"), on_click=restore_recovered, key="save_restore",
                        icon=":material/restore:", disabled=read_only())
            right.button(t("save.discard"), on_click=discard_recovered, key="save_discard")
    problem = st.session_state.get(SAVE_PROBLEM)
    if problem == "stale":
        with st.container(border=True):
            st.error(t("save.stale"), icon=":material/sync_problem:")
            left, right = st.columns(2)
            left.button(t("save.reload"), on_click=reload_current, key="save_reload",
                        icon=":material/refresh:")
            right.button(t("save.keep_mine"), on_click=keep_mine, key="save_keep_mine")
    elif problem == "io":
        with st.container(border=True):
            st.error(t("save.io_error"), icon=":material/error:")
            st.button(t("save.retry"), on_click=save_current, key="save_retry",
                      icon=":material/refresh:")
    elif problem == "gone":
        with st.container(border=True):
            st.error(t("save.gone"), icon=":material/delete_forever:")
            left, right = st.columns(2)
            left.button(t("save.save_again"), on_click=save_again_as_new, key="save_again",
                        icon=":material/save:")
            right.button(t("save.close"), on_click=close_concept, key="save_close")
    elif problem == "read_only":
        st.error(t("save.read_only"), icon=":material/lock:")


def step_intro(key: str) -> None:
    """Purpose, guiding questions and the worked example of a step."""
    st.title(t(f"step.{key}.title"))
    st.markdown(t(f"step.{key}.purpose"))
    questions = t_list(f"step.{key}.questions")
    if questions:
        with st.expander(t("common.guiding_questions"), expanded=True,
                         icon=":material/help:"):
            st.markdown("\n".join(f"- {q}" for q in questions))
    example = t(f"step.{key}.example")
    if example and example != f"step.{key}.example":
        with st.expander(t("common.example"), icon=":material/lightbulb:"):
            st.markdown(example)


def require_concept() -> Concept:
    """The open concept, with any save problem or notice shown; without one, a pointer to the
    start page, and the page stops there."""
    concept = current_concept()
    if concept is None:
        st.info(t("common.no_concept_open"), icon=":material/info:")
        st.page_link("views/start.py", label=t("common.go_to_start"), icon=":material/flag:")
        st.stop()
    save_problem_banner()
    show_notice()
    return concept


def begin_step(key: str) -> Concept:
    """Start a step page: the intro, and the open concept (or a pointer to the start page)."""
    step(key)  # an unknown key is a programming error: fail loudly
    step_intro(key)
    return require_concept()


def step_navigation(key: str) -> None:
    """The AI assistant (or a hint how to enable it), then Back and Next in the method's order."""
    from concept.ui.ai_panel import ai_panel  # imported here: only step pages need it

    ai_panel(key)
    before, after = neighbours(key)
    st.divider()
    left, _, right = st.columns([1, 2, 1])
    if before is not None:
        if left.button(t("common.back", title=t(before.title_key)), key=f"nav_back_{key}",
                       icon=":material/arrow_back:", width="stretch"):
            st.switch_page(before.page)
    if after is not None:
        if right.button(t("common.next", title=t(after.title_key)), key=f"nav_next_{key}",
                        icon=":material/arrow_forward:", icon_position="right",
                        type="primary", width="stretch"):
            st.switch_page(after.page)
