"""The parking lot and the stop list: the sidebar forms shown on every page, and the list page.

Each new item remembers the page it was raised on: app.py stores the current page's key (its
url path: a step or tool key) in session state before the sidebar is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from concept.formatting import plain
from concept.model import Concept, ParkingLotItem, StopItem
from concept.promotion import is_excluded, make_exclusion
from concept.toolbox import place
from concept.ui import bind
from concept.ui.frame import flash, show_flash
from concept.ui.session import current_concept, refresh_widgets, save_current, t
from concept.ui.tools.common import labels, remove_button

CURRENT_PAGE = "current_page_key"
FLASH_SLOT = "sidebar"  # the sidebar's own: a page's message is never shown there
PARK_REASONS = ("needs_investigation", "unsolvable_now")
# None first: a stop item has no reason until the user picks one, and the form says so.
STOP_REASONS = (None, "off_topic", "against_strategy", "impossible", "other")
PARK_STATUSES = ("open", "resolved", "dropped")
STOP_STATUSES = ("stopped", "reconsidered")
DEFAULT_PAGE_KEY = "start"  # the default page's url path is "", and it is the start step


def remember_page(page: object) -> None:
    """Remember which step or tool the user is on, so new items know where they came from."""
    st.session_state[CURRENT_PAGE] = getattr(page, "url_path", "") or DEFAULT_PAGE_KEY


def current_page_key() -> str:
    return st.session_state.get(CURRENT_PAGE, "")


def place_title(key: str) -> str:
    found = place(key)
    if found is not None:
        return t(found.title_key)
    if key in ("settings", "about"):
        return t(f"page.{key}.title")
    return key


# --- the sidebar ---------------------------------------------------------------------------


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _park_form(concept: Concept) -> None:
    with st.form("park_form", clear_on_submit=True, border=False):
        text = st.text_area(t("facilitation.park_text"), key="park_text", height=80,
                            placeholder=t("facilitation.park_placeholder"))
        reason = st.selectbox(t("field.reason"), PARK_REASONS, key="park_reason",
                              format_func=labels("enum.park_reason"))
        owner = st.text_input(t("facilitation.park_owner"), key="park_owner", max_chars=200)
        due = st.date_input(t("facilitation.park_due"), value=None, key="park_due",
                            format="DD.MM.YYYY")
        if st.form_submit_button(t("facilitation.park_submit"), icon=":material/local_parking:"):
            if not text.strip():
                st.error(t("facilitation.text_required"))
                return
            concept.parking_lot.append(ParkingLotItem(
                text=text.strip(), raised_in_step=current_page_key(), reason=reason,
                owner=owner.strip(), due_date=due.isoformat() if isinstance(due, date) else "",
            ))
            save_current()
            refresh_widgets()
            flash(t("facilitation.parked", text=plain(_short(text))), "toast", FLASH_SLOT)
            st.rerun()


def _stop_reason_label() -> Callable[[str | None], str]:
    reason_label, unchosen = labels("enum.stop_reason"), t("facilitation.no_reason")
    return lambda value: unchosen if value is None else reason_label(value)


def _stop_form(concept: Concept) -> None:
    with st.form("stop_form", clear_on_submit=True, border=False):
        text = st.text_area(t("facilitation.stop_text"), key="stop_text", height=80,
                            placeholder=t("facilitation.stop_placeholder"))
        reason = st.selectbox(t("field.reason"), STOP_REASONS, key="stop_reason",
                              format_func=_stop_reason_label())
        rationale = st.text_area(t("facilitation.stop_rationale"), key="stop_rationale",
                                 height=68)
        if st.form_submit_button(t("facilitation.stop_submit"), icon=":material/block:"):
            if not text.strip():
                st.error(t("facilitation.text_required"))
                return
            concept.stop_list.append(StopItem(
                text=text.strip(), raised_in_step=current_page_key(), reason=reason,
                rationale=rationale.strip(),
            ))
            save_current()
            refresh_widgets()
            flash(t("facilitation.stopped", text=plain(_short(text))), "toast", FLASH_SLOT)
            st.rerun()


def sidebar_panel() -> None:
    """Park or stop an item from any page (shown only while a concept is open)."""
    show_flash(FLASH_SLOT)
    concept = current_concept()
    if concept is None:
        return
    open_count = sum(1 for item in concept.parking_lot if item.status == "open")
    title = (t("facilitation.sidebar_title_count", count=open_count) if open_count
             else t("facilitation.sidebar_title"))
    # Keyed, so the panel stays open when its label's count changes after adding an item.
    with st.expander(title, icon=":material/local_parking:", key="parking_panel"):
        park_tab, stop_tab = st.tabs([t("facilitation.park_tab"), t("facilitation.stop_tab")],
                                     key="parking_tabs")
        with park_tab:
            _park_form(concept)
        with stop_tab:
            _stop_form(concept)
        st.page_link("views/facilitation.py", label=t("facilitation.open_list"),
                     icon=":material/list:")


# --- the list page -------------------------------------------------------------------------


def _raised_in(key: str) -> str:
    return t("facilitation.raised_in", place=place_title(key)) if key else t(
        "facilitation.raised_unknown")


def _iso_to_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parking_item(item: ParkingLotItem) -> None:
    pid = item.id
    with st.container(border=True):
        bind.text_area(t("field.text"), item, "text", key=f"park.{pid}.text", height=68)
        reason_col, owner_col, due_col, status_col = st.columns(4)
        with reason_col:
            bind.choice(t("field.reason"), item, "reason", PARK_REASONS, key=f"park.{pid}.reason",
                        format_func=labels("enum.park_reason"))
        with owner_col:
            bind.text(t("field.owner"), item, "owner", key=f"park.{pid}.owner", max_chars=200)
        with due_col:
            bind.bound(st.date_input, t("field.due_date"), item, "due_date",
                       key=f"park.{pid}.due", format="DD.MM.YYYY",
                       from_model=_iso_to_date,
                       to_model=lambda v: v.isoformat() if isinstance(v, date) else "")
        with status_col:
            bind.choice(t("field.status"), item, "status", PARK_STATUSES,
                        key=f"park.{pid}.status",
                        format_func=labels("enum.park_status"))
        if item.status != "open" or item.resolution:
            bind.text_area(t("field.resolution"), item, "resolution",
                           key=f"park.{pid}.resolution", height=68)
        due = _iso_to_date(item.due_date)
        notes = [_raised_in(item.raised_in_step)]
        if item.status == "open" and due is not None and due < date.today():
            notes.append(t("facilitation.due_overdue"))
        note_col, remove_col = st.columns([4, 1], vertical_alignment="center")
        note_col.caption(" · ".join(notes))
        with remove_col:
            remove_button(f"park.{pid}", lambda c: c.parking_lot, pid)


def _make_exclusion(item_id: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    item = next((i for i in concept.stop_list if i.id == item_id), None)
    if item is None:
        return
    if make_exclusion(concept, item) is not None or is_excluded(concept, item):
        flash(t("facilitation.exclusion_added", text=plain(_short(item.text))), "toast",
              FLASH_SLOT)
    save_current()
    refresh_widgets()


def _stop_item(concept: Concept, item: StopItem) -> None:
    sid = item.id
    with st.container(border=True):
        bind.text_area(t("field.text"), item, "text", key=f"stop.{sid}.text", height=68)
        reason_col, status_col = st.columns(2)
        with reason_col:
            bind.choice(t("field.reason"), item, "reason", STOP_REASONS, key=f"stop.{sid}.reason",
                        format_func=_stop_reason_label())
        with status_col:
            bind.choice(t("field.status"), item, "status", STOP_STATUSES,
                        key=f"stop.{sid}.status",
                        format_func=labels("facilitation.stop_status"))
        bind.text_area(t("facilitation.stop_rationale"), item, "rationale",
                       key=f"stop.{sid}.rationale", height=68)
        action_col, note_col, remove_col = st.columns([2, 3, 1], vertical_alignment="center")
        with remove_col:
            # An exclusion made from the item stays: it is part of the concept by now.
            remove_button(f"stop.{sid}", lambda c: c.stop_list, sid)
        if is_excluded(concept, item):
            action_col.markdown(t("facilitation.excluded"))
        elif item.status == "stopped":
            action_col.button(t("facilitation.make_exclusion"), key=f"stop.{sid}.exclude",
                              on_click=_make_exclusion, args=(sid,), icon=":material/block:")
        else:
            action_col.caption(t("facilitation.reconsidered_note"))
        note_col.caption(_raised_in(item.raised_in_step))


def parking_page(concept: Concept) -> None:
    show_flash(FLASH_SLOT)
    with st.container():
        st.header(t("facilitation.parking_title"), anchor=False)
        open_items = [i for i in concept.parking_lot if i.status == "open"]
        closed = [i for i in concept.parking_lot if i.status != "open"]
        if not concept.parking_lot:
            st.info(t("facilitation.no_parked"), icon=":material/info:")
        for item in open_items:
            _parking_item(item)
        if closed:
            with st.expander(t("facilitation.closed_title", count=len(closed))):
                for item in closed:
                    _parking_item(item)
    with st.container():
        st.header(t("facilitation.stop_title"), anchor=False)
        if not concept.stop_list:
            st.info(t("facilitation.no_stopped"), icon=":material/info:")
        for item in concept.stop_list:
            _stop_item(concept, item)


def parked_editor(item: ParkingLotItem) -> None:
    """One parked item's editor (owner, due date, status), for the workshop's closing review."""
    _parking_item(item)


def stopped_editor(concept: Concept, item: StopItem) -> None:
    """One stopped item's editor with its "make an exclusion" button, for the closing review."""
    _stop_item(concept, item)
