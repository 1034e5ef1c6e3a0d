"""The concept list of the start page: create, open, rename, duplicate, delete, export, import.

The list is one table, searched, sorted and paged (`concept.listing`), with the actions below it
for the chosen row, so a run draws the same few elements whether 1 or 10,000 concepts are
stored. A store action that fails (a full disk, a folder that cannot be written) leaves a banner
with a Retry button instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from concept import listing
from concept.access import stamp_author, start_lists
from concept.export import file_name_for
from concept.formatting import format_day, plain
from concept.model import Concept, Hypothesis, duplicate
from concept.store import ConceptNotFound, ConceptSummary, ReadOnlyStoreError, StoreError
from concept.transfer import ImportProblem, as_named_import, concept_from_json, concept_to_json
from concept.ui.a11y import name_button
from concept.ui.auth import current_user, get_access, role_for, role_for_summary, sign_in_configured
from concept.ui.frame import confirm, flash
from concept.ui.session import (
    close_concept,
    create_concept,
    current_concept,
    get_store,
    lang,
    open_concept,
    t,
)

RETRY = "concepts_retry"  # the store action that failed, kept for the Retry button
SEARCH = "concepts_search"
SORT = "concepts_sort"
PAGE = "concepts_page"
ROW_PX = 35  # the height of one table row in Streamlit's grid
RENAMING = "concepts_renaming"  # the id whose rename field is shown
WHICH = "concepts_which"  # with sign-in: "mine" or "shared" (with me)
EDITING = ("owner", "editor")


class NotAllowed(StoreError):
    """The user may see the concept but not do this with it (a viewer renaming, an editor
    deleting)."""


def _load_as(concept_id: str, allowed: tuple[str, ...] | None = None) -> Concept:
    """Load a concept for an action of the list, checked for this user: one the user may not
    open is `ConceptNotFound` (as if it did not exist), one whose role is not in `allowed` is
    `NotAllowed`. Every list action goes through here, whatever its button says."""
    concept = get_store().load(concept_id)
    role = role_for(current_user(), concept)
    if role is None:
        raise ConceptNotFound(concept_id)
    if allowed is not None and role not in allowed:
        raise NotAllowed(concept_id)
    return concept


def visible_summaries() -> tuple[list[ConceptSummary], list[ConceptSummary]]:
    """The start list: the user's own concepts and those shared with them (on the laptop, all
    concepts are "mine")."""
    user = current_user()
    if user is None:
        return [], []
    if user.local:
        return get_store().list(), []
    shares = get_access().shared_with(user.email) if user.email else []
    found = get_store().list(owner=user.key, ids={share.concept_id for share in shares})
    return start_lists(user, found, shares)


def attempt(action: Callable[[], None]) -> bool:
    """Run a store action. If the disk or folder refuses it, keep it for Retry and say so; the
    action itself leaves its success message."""
    try:
        action()
    except ReadOnlyStoreError:
        st.session_state.pop(RETRY, None)
        flash(t("save.read_only"), "error")
        return False
    except ConceptNotFound:
        st.session_state.pop(RETRY, None)
        flash(t("concepts.missing"), "error")
        return False
    except NotAllowed:
        st.session_state.pop(RETRY, None)
        flash(t("access.not_allowed"), "error")
        return False
    except (StoreError, OSError):
        st.session_state[RETRY] = action
        return False
    st.session_state.pop(RETRY, None)
    return True


def _retry() -> None:
    action = st.session_state.get(RETRY)
    if action is not None:
        attempt(action)


def retry_banner() -> None:
    """While a store action on this page has failed: why, and a button to try it again."""
    if st.session_state.get(RETRY) is None:
        return
    with st.container(border=True):
        st.error(t("save.action_failed"), icon=":material/error:")
        left, right = st.columns(2)
        left.button(t("save.retry"), on_click=_retry, key="concepts_retry_button",
                    icon=":material/refresh:", type="primary")
        right.button(t("common.cancel"), key="concepts_retry_cancel",
                     on_click=lambda: st.session_state.pop(RETRY, None))


def new_label(field_key: str) -> str:
    """The new-concept form's field labels differ from the open concept's ("Nimi"), which are on
    the same page: a screen reader's list of fields tells them apart."""
    return t("a11y.new_concept_field", field=t(field_key))


def create_form() -> None:
    locked = get_store().read_only  # a viewer of the open concept still makes new ones
    with st.form("create_concept", clear_on_submit=True, border=True):
        st.header(t("concepts.new"), anchor=False)
        name = st.text_input(new_label("field.name"), placeholder=t("concepts.name_placeholder"))
        industry = st.text_input(new_label("field.industry"),
                                 placeholder=t("concepts.industry_placeholder"))
        st.caption(t("concepts.idea_hint"))
        who = st.text_input(new_label("field.who"), placeholder=t("concepts.who_placeholder"))
        what = st.text_input(new_label("field.what_value"),
                             placeholder=t("concepts.what_placeholder"))
        how = st.text_input(new_label("field.how"), placeholder=t("concepts.how_placeholder"))
        if st.form_submit_button(t("concepts.create"), type="primary",
                                 icon=":material/add:", disabled=locked):
            if not name.strip():
                st.error(t("concepts.name_required"))
                return
            concept = Concept(name=name.strip(), industry=industry.strip(),
                              idea=Hypothesis(who=who, what_value=what, how=how))

            def create() -> None:
                create_concept(concept)
                open_concept(concept.id)
                flash(t("concepts.created", name=plain(concept.name)))

            attempt(create)
            st.rerun()


def delete_concept(concept_id: str, name: str) -> None:
    """Delete a concept of the user's own (only the owner may), with its shares and links."""
    _load_as(concept_id, ("owner",))
    get_store().delete(concept_id)
    if sign_in_configured():
        get_access().forget(concept_id)
    open_one = current_concept()
    if open_one is not None and open_one.id == concept_id:
        close_concept()
    flash(t("concepts.deleted", name=plain(name)))


def confirm_delete(concept_id: str, name: str) -> None:
    def body() -> None:
        st.markdown(t("concepts.delete_confirm", name=plain(name)))
        st.caption(t("concepts.delete_hint"))

    # Nothing to save afterwards: the concept is gone (and may have been the open one).
    confirm(t("concepts.delete_title"), body, t("concepts.delete_yes"),
            lambda: attempt(lambda: delete_concept(concept_id, name)),
            key="delete", save=False, width="small")


def _start_rename(concept_id: str) -> None:
    st.session_state[RENAMING] = concept_id


def _rename_row(summary: ConceptSummary) -> None:
    name_col, save_col, cancel_col = st.columns([4, 1, 1], vertical_alignment="bottom")
    rename_key = f"rename_{summary.id}"
    name_col.text_input(t("field.name"), value=summary.name, key=rename_key, max_chars=300)
    save_col.button(t("common.save"), key=f"rename_save_{summary.id}", on_click=_rename,
                    args=(summary.id, rename_key), type="primary", width="stretch")
    cancel_col.button(t("common.cancel"), key=f"rename_cancel_{summary.id}", width="stretch",
                      on_click=lambda: st.session_state.pop(RENAMING, None))


def _rename(concept_id: str, key: str) -> None:
    new_name = (st.session_state.get(key) or "").strip()
    if not new_name:
        flash(t("concepts.name_required"), "error")
        return
    st.session_state.pop(RENAMING, None)
    open_one = current_concept()
    if open_one is not None and open_one.id == concept_id:
        from concept.ui.session import save_current
        # save_current refuses a viewer's save and shows why.

        open_one.name = new_name
        if save_current():  # a failure shows the open concept's own banner, with Retry
            flash(t("concepts.renamed", name=plain(new_name)))
        return

    def rename() -> None:
        concept = _load_as(concept_id, EDITING)
        user = current_user()
        if user is None:
            raise NotAllowed(concept_id)
        concept.name = new_name
        stamp_author(concept, user)
        get_store().save(concept)
        flash(t("concepts.renamed", name=plain(new_name)))

    attempt(rename)


def _duplicate(concept_id: str) -> None:
    def make_copy() -> None:
        original = _load_as(concept_id)
        copy = create_concept(duplicate(original, t("concepts.copy_name", name=original.name)))
        flash(t("concepts.duplicated", name=plain(copy.name)))

    attempt(make_copy)


def _open(concept_id: str) -> None:
    try:
        open_concept(concept_id)
    except (ConceptNotFound, StoreError):
        flash(t("concepts.missing"), "error")


def _json_of(concept_id: str) -> str:
    return concept_to_json(_load_as(concept_id))


def continue_banner(summaries: list[ConceptSummary]) -> None:
    """With nothing open, offer the most recently changed concept first."""
    if current_concept() is not None:
        return
    if not summaries:
        return
    latest = summaries[0]
    with st.container(border=True):
        text, action = st.columns([3, 1], vertical_alignment="center")
        text.markdown(t("concepts.continue", name=plain(latest.name or t("common.untitled")),
                        date=format_day(latest.updated_at, lang())))
        action.button(t("concepts.continue_button"), key="continue_latest", type="primary",
                      on_click=_open, args=(latest.id,), width="stretch",
                      icon=":material/play_arrow:")


def _first_page() -> None:
    st.session_state[PAGE] = 1


def _turn_page(step: int) -> None:
    st.session_state[PAGE] = st.session_state.get(PAGE, 1) + step


def _list_controls(summaries: list[ConceptSummary]
                   ) -> tuple[list[ConceptSummary], list[ConceptSummary], int]:
    """Search and sort above the table; returns the page's rows, all found, the page number."""
    query_col, sort_col = st.columns([3, 2], vertical_alignment="bottom")
    query = query_col.text_input(t("concepts.search"), key=SEARCH, on_change=_first_page,
                                 placeholder=t("concepts.search_placeholder"),
                                 icon=":material/search:")
    # Labels looked up now, not in format_func, which Streamlit may call outside the run.
    labels = {key: t(f"concepts.sort_{key}") for key in listing.SORTS}
    order = sort_col.selectbox(t("concepts.sort"), listing.SORTS, key=SORT,
                               on_change=_first_page, format_func=labels.__getitem__)
    found = listing.sort(listing.search(summaries, query or ""), order or "changed")
    rows, number = listing.page(found, st.session_state.get(PAGE, 1))
    st.session_state[PAGE] = number
    return rows, found, number


def _pager(found: list[ConceptSummary], number: int) -> None:
    pages = listing.page_count(len(found))
    if pages <= 1:
        return
    back, where, forward = st.columns([2, 3, 2], vertical_alignment="center")
    back.button(t("concepts.page_back"), key="concepts_page_back", on_click=_turn_page,
                args=(-1,), disabled=number <= 1, icon=":material/chevron_left:",
                width="stretch")
    where.caption(t("concepts.page_of", page=number, pages=pages, count=len(found)))
    forward.button(t("concepts.page_next"), key="concepts_page_next", on_click=_turn_page,
                   args=(1,), disabled=number >= pages, icon=":material/chevron_right:",
                   icon_position="right", width="stretch")


def table_key(rows: list[ConceptSummary]) -> str:
    """The table's widget key, new whenever the rows or their order change: a selection is a
    row position, and must never carry over to a concept the user did not choose."""
    import hashlib

    shown = "\n".join(f"{s.id}:{s.revision}" for s in rows)
    return "concepts_table_" + hashlib.sha1(shown.encode("utf-8")).hexdigest()[:12]


def _browser_timezone() -> str | None:
    try:
        return st.context.timezone  # the browser's, so times read as the user's clock
    except Exception:  # no browser context (AppTest, bare mode): UTC
        return None


def _table(rows: list[ConceptSummary], open_id: str | None) -> ConceptSummary | None:
    """One table for the page's rows (one element, however many rows); the chosen row, else
    the open concept when it is on the page."""
    import pandas as pd

    frame = pd.DataFrame({
        "name": [(s.name or t("common.untitled"))
                 + (f" ({t('concepts.is_open')})" if s.id == open_id else "") for s in rows],
        "industry": [s.industry for s in rows],
        "changed": [s.updated_at for s in rows],
    })
    key = table_key(rows)
    event = st.dataframe(
        frame, key=key, on_select="rerun", selection_mode="single-row", hide_index=True,
        width="stretch", height=ROW_PX * (len(rows) + 1) + 3,  # the whole page, no scrolling
        column_config={
            "name": st.column_config.TextColumn(t("field.name"), width="medium"),
            "industry": st.column_config.TextColumn(t("field.industry")),
            "changed": st.column_config.DatetimeColumn(t("concepts.changed"),
                                                       format=t("concepts.date_format"),
                                                       timezone=_browser_timezone()),
        },
    )
    chosen = list(event.selection.rows) if event is not None else []
    if chosen and 0 <= chosen[0] < len(rows):
        return rows[chosen[0]]
    return next((s for s in rows if s.id == open_id), None)


def _actions(summary: ConceptSummary, is_open: bool) -> None:
    """Open, rename, duplicate, export and delete: for the one concept chosen in the table, as
    far as the user's role on it allows (the actions check it again when they run)."""
    store_locked = get_store().read_only
    role = role_for_summary(current_user(), summary.id, summary.owner)
    locked = store_locked or role not in EDITING
    label = summary.name or t("common.untitled")
    st.markdown(t("concepts.chosen", name=plain(label)))
    # A row that wraps (not five fixed columns): every button keeps its whole label at any
    # width or zoom, and each one's name says which concept it acts on ("Poista: ”Kahvila”").
    row = st.container(horizontal=True, wrap=True, gap="small")
    row.button(t("concepts.open"), key=f"open_{summary.id}", on_click=_open,
               args=(summary.id,), disabled=is_open, icon=":material/folder_open:")
    row.button(t("concepts.rename"), key=f"rename_start_{summary.id}",
               on_click=_start_rename, args=(summary.id,), disabled=locked)
    row.button(t("concepts.duplicate"), key=f"dup_{summary.id}", on_click=_duplicate,
               args=(summary.id,), disabled=store_locked)
    # Built only when clicked, so showing the button does not load the concept.
    row.download_button(
        t("concepts.export_json"), data=lambda: _json_of(summary.id),
        file_name=file_name_for(summary.name, "json"), mime="application/json",
        key=f"json_{summary.id}", on_click="ignore",
    )
    deleting = row.button(t("concepts.delete"), key=f"del_{summary.id}",
                          disabled=store_locked or role != "owner")
    for key, action in ((f"open_{summary.id}", "concepts.open"),
                        (f"rename_start_{summary.id}", "concepts.rename"),
                        (f"dup_{summary.id}", "concepts.duplicate"),
                        (f"json_{summary.id}", "concepts.export_json"),
                        (f"del_{summary.id}", "concepts.delete")):
        name_button(key, t("a11y.for_concept", action=t(action), name=label))
    if deleting:
        confirm_delete(summary.id, label)
    if st.session_state.get(RENAMING) == summary.id and not locked:
        _rename_row(summary)


def _which_list(mine: list[ConceptSummary], shared: list[ConceptSummary]
                ) -> list[ConceptSummary]:
    """With sign-in: "mine" or "shared with me", chosen above the one table."""
    labels = {"mine": t("access.list_mine", count=len(mine)),
              "shared": t("access.list_shared", count=len(shared))}
    which = st.segmented_control(t("access.list_which"), list(labels), key=WHICH,
                                 format_func=labels.__getitem__, required=True,
                                 default="mine", on_change=_first_page)
    return shared if which == "shared" else mine


def concept_list(mine: list[ConceptSummary], shared: list[ConceptSummary] | None = None) -> None:
    st.header(t("concepts.yours"), anchor=False)
    summaries = _which_list(mine, shared or []) if sign_in_configured() else mine
    if not summaries:
        st.info(t("concepts.none_yet"), icon=":material/info:")
        return
    rows, found, number = _list_controls(summaries)
    if not found:
        st.info(t("concepts.no_match"), icon=":material/search_off:")
        return
    open_one = current_concept()
    open_id = open_one.id if open_one is not None else None
    actions = st.container(border=True)  # above the table, filled once the choice is known
    chosen = _table(rows, open_id)
    _pager(found, number)
    with actions:
        if chosen is None:
            st.caption(t("concepts.choose_hint"))
        else:
            _actions(chosen, chosen.id == open_id)


def import_panel(taken: list[ConceptSummary]) -> None:
    """Import a JSON file as a new concept of this user's (named apart from `taken`, the
    user's own list): an import never replaces a stored concept."""
    with st.expander(t("concepts.import"), icon=":material/upload:"):
        st.caption(t("concepts.import_hint"))
        locked = get_store().read_only
        uploaded = st.file_uploader(t("concepts.import_file"), type=["json"],
                                    key="import_json", disabled=locked)
        # Always drawn (disabled without a file): a button that came and went with the file
        # was replaced by a redraw just as it was clicked, and the click was lost.
        if st.button(t("concepts.import_do"), key="import_do",
                     disabled=locked or uploaded is None) and uploaded is not None:
            try:
                concept, message = as_named_import(
                    concept_from_json(uploaded, lang()),
                    [summary.name for summary in taken], lang(), escape=plain)
            except ImportProblem as problem:
                st.error(str(problem), icon=":material/error:")
                return

            def store_import() -> None:
                create_concept(concept)
                flash(message)

            attempt(store_import)
            st.rerun()
