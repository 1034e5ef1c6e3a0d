"""The concept list of the start page: create, open, rename, duplicate, delete, export, import."""

from __future__ import annotations

import re

import streamlit as st

from concept.formatting import format_day
from concept.model import Concept, Hypothesis, duplicate
from concept.store import ConceptNotFound, ConceptSummary, StoreError
from concept.transfer import ImportProblem, as_new_import, concept_from_json, concept_to_json
from concept.ui.session import (
    close_concept,
    current_concept,
    get_store,
    lang,
    open_concept,
    t,
)

FLASH = "concepts_flash"


def flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    entry = st.session_state.pop(FLASH, None)
    if entry:
        kind, message = entry
        (st.success if kind == "success" else st.error)(message)


def safe_file_name(name: str, suffix: str) -> str:
    stem = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-")[:60] or "concept"
    return f"{stem}.{suffix}"


def create_form() -> None:
    with st.form("create_concept", clear_on_submit=True, border=True):
        st.subheader(t("concepts.new"))
        name = st.text_input(t("field.name"), placeholder=t("concepts.name_placeholder"))
        industry = st.text_input(t("field.industry"),
                                 placeholder=t("concepts.industry_placeholder"))
        st.caption(t("concepts.idea_hint"))
        who = st.text_input(t("field.who"), placeholder=t("concepts.who_placeholder"))
        what = st.text_input(t("field.what_value"), placeholder=t("concepts.what_placeholder"))
        how = st.text_input(t("field.how"), placeholder=t("concepts.how_placeholder"))
        if st.form_submit_button(t("concepts.create"), type="primary",
                                 icon=":material/add:"):
            if not name.strip():
                st.error(t("concepts.name_required"))
                return
            concept = Concept(name=name.strip(), industry=industry.strip(),
                              idea=Hypothesis(who=who, what_value=what, how=how))
            get_store().create(concept)
            open_concept(concept.id)
            flash("success", t("concepts.created", name=concept.name))
            st.rerun()


def confirm_delete(concept_id: str, name: str) -> None:
    st.dialog(t("concepts.delete_title"), width="small")(_delete_dialog)(concept_id, name)


def _delete_dialog(concept_id: str, name: str) -> None:
    st.markdown(t("concepts.delete_confirm", name=name))
    st.caption(t("concepts.delete_hint"))
    left, right = st.columns(2)
    if left.button(t("common.cancel"), key="delete_cancel", width="stretch"):
        st.rerun()
    if right.button(t("concepts.delete_yes"), key="delete_yes", type="primary",
                    width="stretch"):
        get_store().delete(concept_id)
        open_one = current_concept()
        if open_one is not None and open_one.id == concept_id:
            close_concept()
        flash("success", t("concepts.deleted", name=name))
        st.rerun()


def _rename(concept_id: str, key: str) -> None:
    new_name = (st.session_state.get(key) or "").strip()
    if not new_name:
        flash("error", t("concepts.name_required"))
        return
    store = get_store()
    open_one = current_concept()
    if open_one is not None and open_one.id == concept_id:
        open_one.name = new_name
        from concept.ui.session import save_current

        save_current()
    else:
        concept = store.load(concept_id)
        concept.name = new_name
        store.save(concept)
    flash("success", t("concepts.renamed", name=new_name))


def _duplicate(concept_id: str) -> None:
    store = get_store()
    original = store.load(concept_id)
    copy = duplicate(original, t("concepts.copy_name", name=original.name))
    store.create(copy)
    flash("success", t("concepts.duplicated", name=copy.name))


def _open(concept_id: str) -> None:
    try:
        open_concept(concept_id)
    except (ConceptNotFound, StoreError):
        flash("error", t("concepts.missing"))


def _json_of(concept_id: str) -> str:
    return concept_to_json(get_store().load(concept_id))


def continue_banner(summaries: list[ConceptSummary]) -> None:
    """With nothing open, offer the most recently changed concept first."""
    if current_concept() is not None:
        return
    if not summaries:
        return
    latest = summaries[0]
    with st.container(border=True):
        text, action = st.columns([3, 1], vertical_alignment="center")
        text.markdown(t("concepts.continue", name=latest.name or t("common.untitled"),
                        date=format_day(latest.updated_at, lang())))
        action.button(t("concepts.continue_button"), key="continue_latest", type="primary",
                      on_click=_open, args=(latest.id,), width="stretch",
                      icon=":material/play_arrow:")


def concept_list(summaries: list[ConceptSummary]) -> None:
    st.subheader(t("concepts.yours"))
    if not summaries:
        st.info(t("concepts.none_yet"), icon=":material/info:")
        return
    open_one = current_concept()
    for summary in summaries:
        with st.container(border=True):
            info, actions = st.columns([3, 4], vertical_alignment="center")
            is_open = open_one is not None and open_one.id == summary.id
            label = summary.name or t("common.untitled")
            info.markdown(f"**{label}**" + (f"  \n{t('concepts.is_open')}" if is_open else ""))
            info.caption(t("concepts.meta", industry=summary.industry or "—",
                           date=format_day(summary.updated_at, lang())))
            cols = actions.columns(5)
            cols[0].button(t("concepts.open"), key=f"open_{summary.id}", on_click=_open,
                           args=(summary.id,), disabled=is_open, width="stretch")
            with cols[1].popover(t("concepts.rename"), width="stretch"):
                rename_key = f"rename_{summary.id}"
                st.text_input(t("field.name"), value=summary.name, key=rename_key)
                st.button(t("common.save"), key=f"rename_save_{summary.id}",
                          on_click=_rename, args=(summary.id, rename_key))
            cols[2].button(t("concepts.duplicate"), key=f"dup_{summary.id}",
                           on_click=_duplicate, args=(summary.id,), width="stretch")
            # Built only when clicked, so a long list does not load every concept.
            cols[3].download_button(
                t("concepts.export_json"), data=lambda cid=summary.id: _json_of(cid),
                file_name=safe_file_name(summary.name, "json"), mime="application/json",
                key=f"json_{summary.id}", on_click="ignore", width="stretch",
            )
            if cols[4].button(t("concepts.delete"), key=f"del_{summary.id}", width="stretch"):
                confirm_delete(summary.id, label)


def import_panel() -> None:
    with st.expander(t("concepts.import"), icon=":material/upload:"):
        st.caption(t("concepts.import_hint"))
        uploaded = st.file_uploader(t("concepts.import_file"), type=["json"],
                                    key="import_json")
        # Always drawn (disabled without a file): a button that came and went with the file
        # was replaced by a redraw just as it was clicked, and the click was lost.
        if st.button(t("concepts.import_do"), key="import_do", disabled=uploaded is None) \
                and uploaded is not None:
            try:
                concept = as_new_import(concept_from_json(uploaded.getvalue(), lang()))
            except ImportProblem as problem:
                st.error(str(problem), icon=":material/error:")
                return
            get_store().create(concept)
            flash("success", t("concepts.imported", name=concept.name))
            st.rerun()
