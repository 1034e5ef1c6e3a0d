"""The sidebar shown on every page: language, the open concept, progress and save state."""

from __future__ import annotations

import streamlit as st

from concept import i18n
from concept.formatting import plain
from concept.steps import STEPS, completed_keys, missing_list, progress
from concept.ui.facilitation import sidebar_panel
from concept.ui.gate import account_panel
from concept.ui.recheck import stale_now
from concept.ui.session import (
    LAST_SAVED,
    current_concept,
    get_store,
    lang,
    set_lang,
    t,
)
from concept.ui.workshop import run_link


def _language_switch() -> None:
    key = "lang_switch"
    st.session_state[key] = lang()

    def changed() -> None:
        if st.session_state.get(key):
            set_lang(st.session_state[key])

    st.segmented_control(
        t("sidebar.language"), options=list(i18n.LANGUAGES), key=key, on_change=changed,
        format_func=lambda code: i18n.t(f"language.{code}", code), required=True,
    )


def _open_concept_panel() -> None:
    concept = current_concept()
    if concept is None:
        st.caption(t("sidebar.no_concept"))
        return
    st.markdown(f"**{plain(concept.name or t('common.untitled'))}**")
    done, total = progress(concept)
    st.progress(done / total if total else 0.0,
                text=t("sidebar.progress", done=done, total=total))
    completed = completed_keys(concept)
    stale = stale_now(concept)
    marks, needs = [], []
    for s in STEPS:
        if s.is_complete is None:
            continue
        mark = "✓" if s.key in completed else "○"
        badge = f" · :orange-badge[:material/sync_problem: {t('recheck.badge')}]" \
            if s.key in stale else ""
        marks.append(f"{mark} {t(s.title_key)}{badge}")
        if s.key not in completed:
            parts = missing_list(concept, s.key, lang())
            needs.append(f"- {t('missing.sidebar_line', title=t(s.title_key), parts=parts)}")
    # The tooltip says what each unticked step still waits for, so the ticks are no riddle.
    help_text = "\n".join([t("missing.sidebar_help"), "", *needs]) if needs else None
    st.caption("  \n".join(marks), help=help_text)
    saved = st.session_state.get(LAST_SAVED)
    if saved is not None:
        st.caption(t("sidebar.saved", revision=concept.revision))


def _store_problems() -> None:
    problems = get_store().problems()
    if problems:
        st.warning(t("store.quarantined", count=len(problems)), icon=":material/warning:")
        with st.expander(t("store.quarantined_details")):
            for problem in problems:
                st.caption(t("store.quarantined_line", name=plain(problem.original),
                             moved_to=problem.moved_to))


def render_sidebar() -> None:
    with st.sidebar:
        _language_switch()
        account_panel()  # a team server: who is signed in, and Sign out
        run_link()  # back to the run screen while a workshop runs
        sidebar_panel()  # the parking lot and stop list, high enough to be seen on every page
        _open_concept_panel()
        _store_problems()
