"""A small mark beside each item the AI wrote, until the user edits its text (issue 12, point 10).

Tables of parts (`bind.table`) get a narrow read-only first column showing `ICON` in the rows
whose text is still the AI's, and only when the table has such rows, so ordinary tables do not
change. Whether a mark applies is decided by concept/ai/provenance.py from the item's current
text: editing the text in the grid makes the mark go away.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from concept.ai.provenance import DRAFTED, applies, item_text
from concept.formatting import format_short_day, plain
from concept.model import AIMark
from concept.ui.session import current_concept, lang, t

ICON = "✨"  # a text column shows characters, not Material icons
COLUMN = "_ai_mark"  # the mark column's id in a table's data (never a model attribute)


def marked(items: Sequence[Any]) -> dict[str, AIMark]:
    """The AI marks of `items` whose text is still the AI's, by item id."""
    concept = current_concept()
    if concept is None or not concept.ai_marks:
        return {}
    # The items are at hand, so a mark is checked against its item's text directly (the same
    # rule as provenance.live_marks, without searching the concept for each mark).
    by_id = {m.item_id: m for m in concept.ai_marks if m.item_id}
    found = {}
    for item in items:
        m = by_id.get(getattr(item, "id", ""))
        if m is not None and item_text(item) == m.text:
            found[item.id] = m
    return found


def origin(marks: Iterable[AIMark]) -> str:
    """'model, date' of each distinct model and day, for the mark's help."""
    seen = dict.fromkeys(f"{plain(m.model)}, {format_short_day(m.added, lang())}"
                         for m in marks)
    return "; ".join(seen)


def column(marks: dict[str, AIMark]) -> Any:
    """The mark column's configuration: narrow, read-only, with who wrote the rows in its help."""
    return st.column_config.TextColumn(ICON, width=40, disabled=True,
                                       help=t("ai_marks.help", origin=origin(marks.values())))


def cells(items: Sequence[Any], marks: dict[str, AIMark]) -> list[str]:
    return [ICON if getattr(item, "id", "") in marks else "" for item in items]


def place_marks(target_key: str, owner_id: str = "") -> list[AIMark]:
    """The live marks of lines (or a drafted text) at one place: a list without item ids."""
    concept = current_concept()
    if concept is None or not concept.ai_marks:
        return []
    return [m for m in concept.ai_marks if not m.item_id and m.target == target_key
            and m.owner == owner_id and applies(concept, m)]


def under(target_key: str, owner_id: str = "", where: str = "") -> None:
    """A small caption under a text area (or a table's cell of lines) naming what the AI wrote
    there that the user has not edited; nothing when there is none. `where` names the owner
    when the widget does not (a competitor in the competitors table)."""
    marks = place_marks(target_key, owner_id)
    if not marks:
        return
    if target_key in DRAFTED:  # a whole drafted text: it is right above, so not repeated
        text = t("ai_marks.draft", origin=origin(marks))
    else:
        items = "; ".join(plain(m.text) for m in marks)
        key = "ai_marks.lines_of" if where else "ai_marks.lines"
        text = t(key, items=items, where=plain(where), origin=origin(marks))
    st.caption(f"{ICON} {text}", help=t("ai_marks.lines_help"))
