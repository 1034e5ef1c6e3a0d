"""Check again in the UI: the notice on a step page whose earlier steps changed since it was
last checked, with the button that confirms it, and the sidebar's badges."""

from __future__ import annotations

import streamlit as st

from concept.model import Concept
from concept.recheck import confirm_review, note_baselines, stale_steps
from concept.steps import step as step_of
from concept.ui.a11y import advice
from concept.ui.session import current_concept, save_current, t

FLASH = "recheck_flash"


def _confirm(key: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    confirm_review(concept, key)
    save_current()
    st.session_state[FLASH] = t("recheck.confirmed")


def stale_now(concept: Concept) -> dict[str, list[str]]:
    """The stale steps, after giving steps with content and no review their first one."""
    note_baselines(concept)  # kept in memory; saved with the next change
    return stale_steps(concept)


def check_again_notice(concept: Concept, key: str) -> None:
    """On a step page: which earlier steps changed, and a button to confirm it was checked."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message, icon=":material/task_alt:")
    changed = stale_now(concept).get(key)
    if not changed:
        return
    with st.container(border=True):
        steps = ", ".join(t(step_of(e).title_key) for e in changed)
        advice(t("recheck.notice", steps=steps), icon=":material/sync_problem:")
        st.button(t("recheck.confirm"), key=f"recheck_confirm_{key}", icon=":material/done:",
                  on_click=_confirm, args=(key,))
