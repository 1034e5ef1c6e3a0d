"""What every page shares: the intro (title, purpose, guiding questions, example), the checks'
advice, a message kept for the next run, the confirmation dialog, and Back / Next."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import streamlit as st

from concept.checks.base import Finding
from concept.formatting import format_day, plain
from concept.model import Concept
from concept.steps import missing_text, neighbours, step
from concept.ui.a11y import advice
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
    refresh_widgets,
    reload_current,
    restore_recovered,
    save_again_as_new,
    save_current,
    t,
    t_list,
)

FlashKind = Literal["success", "error", "toast"]
SEVERITY_ICON = {"gap": ":material/error_outline:", "warn": ":material/warning:",
                 "info": ":material/lightbulb:"}



def read_only_banner() -> None:
    """On every page while the data folder cannot be written: what works and what does not."""
    if get_store().read_only:
        st.warning(t("store.read_only", folder=str(get_store().data_dir)),
                   icon=":material/lock:")
    elif read_only():  # a team server: the user is a viewer of the open concept
        st.info(t("access.viewer_banner"), icon=":material/visibility:")


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
    elif problem == "viewer":
        st.error(t("access.viewer_not_saved"), icon=":material/lock:")


def page_intro(key: str, kind: Literal["step", "tool"] = "step") -> None:
    """Title, purpose, guiding questions and (for a step) the worked example of a page."""
    prefix = f"{kind}.{key}"
    st.title(t(f"{prefix}.title"), anchor=False)
    purpose = t(f"{prefix}.purpose")
    if purpose != f"{prefix}.purpose":  # a page may have its title alone (the run screen)
        st.markdown(purpose)
    questions = t_list(f"{prefix}.questions")
    if questions:
        with st.expander(t("common.guiding_questions"), expanded=True,
                         icon=":material/help:"):
            st.markdown("\n".join(f"- {q}" for q in questions))
    example = t(f"{prefix}.example")
    if example and example != f"{prefix}.example":
        with st.expander(t("common.example"), icon=":material/lightbulb:"):
            st.markdown(example)


def show_findings(found: Sequence[Finding], *, started: bool = True,
                  quiet_when_none: bool = False, heading: str | None = None) -> None:
    """The checks' advice under one heading: gaps and warnings as warnings, the rest as notes;
    never a blocker. A step with nothing entered (`started` false) says it is not started yet,
    never that all is well. `quiet_when_none` shows nothing at all when there is no advice;
    `heading` replaces the heading "Advice"."""
    if not found and started and quiet_when_none:
        return
    st.header(heading or t("common.advice"), anchor=False)
    if not started:
        st.info(t("missing.not_started"), icon=":material/hourglass_empty:")
    elif not found:
        st.caption(t("common.advice_none"))
        return
    from concept.ui.actions import action_button  # the actions page's helper, loaded on use

    for index, finding in enumerate(found):
        advice(finding.message(lang(), plain), icon=SEVERITY_ICON[finding.severity])
        action_button(finding, index)


def flash(message: str, kind: FlashKind = "success", slot: str = "page") -> None:
    """Keep a message to show once, on the run after the change (a callback's or a rerun's).

    The sidebar has its own `slot`, so a page's message is never shown in the sidebar.
    """
    st.session_state[f"flash.{slot}"] = (kind, message)


def show_flash(slot: str = "page") -> None:
    """Show (once) the message kept by `flash` for this slot, if any."""
    entry = st.session_state.pop(f"flash.{slot}", None)
    if not entry:
        return
    kind, message = entry
    if kind == "toast":
        st.toast(message, icon=":material/check:")
    elif kind == "error":
        st.error(message, icon=":material/error:")
    else:
        st.success(message, icon=":material/check:")


def changed() -> None:
    """After changing the model from code: save it and let every widget re-read it."""
    save_current()
    refresh_widgets()


def confirm(title: str, body: Callable[[], None], yes_label: str, on_yes: Callable[[], None],
            *, on_dismiss: Callable[[], None] | None = None, key: str = "confirm",
            save: bool = True, width: Literal["small", "medium", "large"] = "medium") -> None:
    """A dialog that asks before something is lost; Yes runs `on_yes`, then (with `save`) saves
    the open concept and makes widgets re-read it, and closes the dialog."""

    def dialog() -> None:
        body()
        left, right = st.columns(2)
        if left.button(t("common.cancel"), key=f"{key}_cancel", width="stretch"):
            if on_dismiss:
                on_dismiss()
            st.rerun()
        if right.button(yes_label, key=f"{key}_yes", type="primary", width="stretch"):
            on_yes()
            if save:
                changed()
            st.rerun()

    st.dialog(title, width=width, on_dismiss=on_dismiss or "ignore")(dialog)()


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
    page_intro(key, "step")
    concept = require_concept()
    to_complete(concept, key)
    return concept


def to_complete(concept: Concept, key: str) -> None:
    """The step's "to complete this step" line: what its sidebar tick still waits for."""
    line = missing_text(concept, key, lang())
    if line:
        st.caption(f":material/pending: {line}")


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
