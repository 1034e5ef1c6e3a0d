"""Expanders whose content runs only while they are open.

A filled concept has many stages, attributes and tables; drawing all of them on every run made
the big pages several times slower. Closed sections cost nothing. Which sections are open is
remembered per session, so a section stays open when its title changes (Streamlit draws a new
expander for a new title) and a section the user just added can open itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st


def state_key(group: str) -> str:
    return f"open.{group}"


def open_ids(group: str) -> set[str]:
    """Ids of the items of `group` whose sections are open in this session."""
    return st.session_state.setdefault(state_key(group), set())


def open_item(group: str, item_id: str) -> None:
    open_ids(group).add(item_id)


def _remember(group: str, key: str, item_id: str) -> None:
    if st.session_state.get(key):
        open_ids(group).add(item_id)
    else:
        open_ids(group).discard(item_id)


@contextmanager
def section(label: str, group: str, item_id: str) -> Iterator[bool]:
    """`with section(title, "journey.stages", stage.id) as is_open: if is_open: ...`"""
    key = f"open.{group}.{item_id}"
    # `expanded` is part of the expander's identity: passing the open state of this run would
    # make the expander a new element after it is opened (its rerun), and the browser's focus
    # would drop to the page. So it is the open state when this title was first drawn; the
    # widget's own state keeps it open or closed after that, and a renamed section (a new
    # element anyway) starts as open as it was.
    wanted = item_id in open_ids(group)
    first_key = f"lazy.first.{key}.{label}"
    first = st.session_state.setdefault(first_key, wanted)
    if wanted and not first and not st.session_state.get(key, False):
        # Opened from code (a stage just added), not by its title: a new element, drawn open.
        first = st.session_state[first_key] = True
    with st.expander(label, key=key, expanded=first,
                     on_change=_remember, args=(group, key, item_id)) as box:
        yield bool(box.open)
