"""Development actions in the UI: the one-click "Make an action" beside a finding, and the page
that lists, sorts, filters and edits the actions."""

from __future__ import annotations

import hashlib

import streamlit as st

from concept import i18n
from concept.actions import (
    ACTION_STATUSES,
    SORTS,
    action_for,
    add_action,
    filtered,
    owners,
    remove_action,
    sorted_actions,
    source_of,
)
from concept.checks.base import Finding
from concept.model import Concept, DevelopmentAction
from concept.toolbox import place
from concept.ui import bind
from concept.ui.a11y import name_button
from concept.ui.session import (
    current_concept,
    enum_label,
    lang,
    refresh_widgets,
    save_current,
    t,
    widget_key,
)

FLASH = "actions_flash"
SORT = "actions_sort"
STATUS_FILTER = "actions_status_filter"
OWNER_FILTER = "actions_owner_filter"
NEW_TEXT = "actions_new_text"
EVERYONE = ""


def _make(finding: Finding, language: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    add_action(concept, finding, language)
    save_current()
    st.toast(t("actions.added"), icon=":material/add_task:")


def action_button(finding: Finding, where: str | int = "") -> None:
    """One click turns `finding` into a development action; once made, says so instead.

    `where` tells apart the buttons of one page (e.g. the finding's place in its list)."""
    concept = current_concept()
    if concept is None:
        return
    digest = hashlib.sha1(source_of(finding).encode("utf-8")).hexdigest()[:12]
    key = f"make_action_{where}_{digest}"
    if action_for(concept, finding) is not None:
        st.caption(f":material/task_alt: {t('actions.made')}")
        return
    st.button(t("actions.make"), key=key, icon=":material/add_task:", type="tertiary",
              help=t("actions.make_help"), on_click=_make, args=(finding, lang()))
    # Several of these sit on one page: a screen reader's list of buttons tells them apart.
    advice = " ".join(finding.message(lang()).replace("**", "").split())
    name_button(key, t("actions.make_named", finding=advice[:80] + ("…" if len(advice) > 80
                                                                      else "")))


# --- the page ----------------------------------------------------------------------------------


def _add_typed() -> None:
    concept = current_concept()
    text = (st.session_state.get(NEW_TEXT) or "").strip()
    if concept is None or not text:
        return
    concept.actions.append(DevelopmentAction(text=text))
    st.session_state[NEW_TEXT] = ""
    save_current()
    refresh_widgets()


def _remove(action_id: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    remove_action(concept, action_id)
    save_current()
    refresh_widgets()
    st.session_state[FLASH] = t("actions.removed")


def _action_card(action: DevelopmentAction) -> None:
    with st.container(border=True):
        bind.text_area(t("actions.text"), action, "text", key=f"action.{action.id}.text",
                       height=80)
        owner_col, priority_col, status_col, remove_col = st.columns(
            [4, 3, 3, 2], vertical_alignment="bottom")
        with owner_col:
            bind.text(t("field.owner"), action, "owner", key=f"action.{action.id}.owner")
        with priority_col:
            bind.scale(t("actions.priority"), action, "priority",
                       key=f"action.{action.id}.priority", help=t("actions.priority_help"))
        with status_col:
            labels = {s: enum_label("action_status", s) for s in ACTION_STATUSES}
            bind.choice(t("field.status"), action, "status", ACTION_STATUSES,
                        key=f"action.{action.id}.status", format_func=labels.__getitem__)
        remove_col.button(t("actions.remove"), key=widget_key(f"action.{action.id}.remove"),
                          icon=":material/delete:", on_click=_remove, args=(action.id,))
        target = place(action.source_step) if action.source_step else None
        if target is not None:
            st.page_link(target.page, label=t("actions.from_step", place=t(target.title_key)),
                         icon=target.icon)


def actions_page(concept: Concept) -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message, icon=":material/check:")
    with st.form("actions_new", clear_on_submit=False, border=False):
        text_col, button_col = st.columns([5, 1], vertical_alignment="bottom")
        text_col.text_input(t("actions.new"), key=NEW_TEXT,
                            placeholder=t("actions.new_placeholder"))
        button_col.form_submit_button(t("actions.add"), icon=":material/add:",
                                      on_click=_add_typed, width="stretch")
    actions = concept.actions
    if not actions:
        st.info(t("actions.none"), icon=":material/checklist:")
        return
    counts = {s: sum(1 for a in actions if a.status == s) for s in ACTION_STATUSES}
    st.caption(t("actions.count", **counts))
    code = lang()
    sort_col, status_col, owner_col = st.columns([3, 3, 2])
    with sort_col:
        by = st.segmented_control(t("actions.sort_by"), SORTS, key=SORT, default="priority",
                                  required=True,
                                  format_func=lambda s: i18n.t(f"actions.sort.{s}", code))
    with status_col:
        statuses = st.multiselect(
            t("actions.status_filter"), ACTION_STATUSES, key=STATUS_FILTER,
            default=["open", "in_progress"],
            format_func=lambda s: i18n.enum_label("action_status", s, code),
            placeholder=t("widget.choose_many"), select_all=False)
    with owner_col:
        named = owners(actions)
        owner = st.selectbox(t("actions.owner_filter"), [EVERYONE, *named], key=OWNER_FILTER,
                             format_func=lambda o: o or i18n.t("actions.everyone", code))
    shown = sorted_actions(filtered(actions, statuses, owner or None), by or "priority")
    if not shown:
        st.caption(t("actions.none_shown"))
    for action in shown:
        _action_card(action)
