"""Widgets bound to the model: the value comes from the model, a change is written back and saved.

    bind.text_area(t("field.summary"), profile, "summary", key=f"profile.{profile.id}.summary")

`key` names the field for this widget (stable across reruns); it never doubles as a data key.
Lists of parts are edited as tables with `table`, which applies the editor's row changes to the
model list, keeps each row's id, and skips a value the model refuses (with a message).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import BaseModel, ValidationError

from concept.ui import ai_marks
from concept.ui.session import read_only, refresh_widgets, save_current, t, widget_key

NOTICE = "bind_notice"


# Widgets whose starting value is given as a position in `options`, or as `default`.
_INDEX_WIDGETS = {"selectbox", "radio"}
_DEFAULT_WIDGETS = {"multiselect", "segmented_control", "pills"}


def starting_value(widget: Callable[..., Any], value: Any, kwargs: dict[str, Any]
                   ) -> dict[str, Any]:
    """The keyword that gives `widget` the model's value as its default.

    The default is the model's value on every run, not only the first: the browser falls back
    to a widget's default when it re-creates the widget (after an interrupted run, say), and a
    default of "" or the slider's minimum would then be sent back as if the user had typed it.
    With a key, Streamlit keeps the widget's identity when only its default changes.
    """
    name = getattr(widget, "__name__", "")
    if name in _INDEX_WIDGETS:
        options = list(kwargs.get("options", []))
        return {"index": options.index(value) if value in options else None}
    if name in _DEFAULT_WIDGETS:
        return {"default": value}
    return {"value": value}


def _commit(obj: BaseModel, attr: str, wkey: str, to_model: Callable[[Any], Any],
            after: Callable[[], None] | None) -> None:
    try:
        setattr(obj, attr, to_model(st.session_state[wkey]))
    except ValidationError:
        st.session_state[NOTICE] = t("common.value_refused")
        refresh_widgets()  # fresh widgets show the value that was kept
        return
    if after:
        after()
    save_current()


def bound(widget: Callable[..., Any], label: str, obj: BaseModel, attr: str, *, key: str,
          to_model: Callable[[Any], Any] = lambda v: v,
          from_model: Callable[[Any], Any] = lambda v: v,
          after: Callable[[], None] | None = None, **kwargs: Any) -> Any:
    """Any single-value Streamlit widget bound to `obj.attr`."""
    wkey = widget_key(key)
    kwargs.update(starting_value(widget, from_model(getattr(obj, attr)), kwargs))
    if read_only():  # nothing can be saved: show the value, say why (a banner) and lock it
        kwargs["disabled"] = True
    return widget(label, key=wkey, on_change=_commit,
                  args=(obj, attr, wkey, to_model, after), **kwargs)


def text(label: str, obj: BaseModel, attr: str, *, key: str, **kwargs: Any) -> str:
    return bound(st.text_input, label, obj, attr, key=key, **kwargs)


def text_area(label: str, obj: BaseModel, attr: str, *, key: str, **kwargs: Any) -> str:
    return bound(st.text_area, label, obj, attr, key=key, **kwargs)


def lines(label: str, obj: BaseModel, attr: str, *, key: str, **kwargs: Any) -> list[str]:
    """A list of short texts edited as one text area, one item per line."""
    return bound(
        st.text_area, label, obj, attr, key=key,
        from_model=lambda items: "\n".join(items),
        to_model=lambda value: [line.strip() for line in (value or "").splitlines()
                                if line.strip()],
        **kwargs,
    )


def choice(label: str, obj: BaseModel, attr: str, options: Sequence[Any], *, key: str,
           format_func: Callable[[Any], str] = str, **kwargs: Any) -> Any:
    """A selectbox over `options`; include None in options for "not chosen"."""
    kwargs.setdefault("placeholder", t("widget.choose"))  # not Streamlit's English
    return bound(st.selectbox, label, obj, attr, key=key, options=list(options),
                 format_func=format_func, **kwargs)


def multi(label: str, obj: BaseModel, attr: str, options: Sequence[Any], *, key: str,
          format_func: Callable[[Any], str] = str, **kwargs: Any) -> list[Any]:
    allowed = list(options)
    # Streamlit's own "Choose options" and "Select all" are English only: our placeholder, and
    # no "Select all" (the lists are short, and a link to everything says nothing).
    kwargs.setdefault("placeholder", t("widget.choose_many"))
    kwargs.setdefault("select_all", False)
    return bound(st.multiselect, label, obj, attr, key=key, options=allowed,
                 format_func=format_func,
                 from_model=lambda values: [v for v in values if v in allowed],
                 to_model=list, **kwargs)


def scale(label: str, obj: BaseModel, attr: str, *, key: str, low: int = 1, high: int = 5,
          **kwargs: Any) -> int:
    return bound(st.slider, label, obj, attr, key=key, min_value=low, max_value=high, **kwargs)


def toggle(label: str, obj: BaseModel, attr: str, *, key: str, **kwargs: Any) -> bool:
    return bound(st.toggle, label, obj, attr, key=key, **kwargs)


def show_notice() -> None:
    """Show (once) a message left by a refused value."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.warning(notice, icon=":material/warning:")


# --- tables of parts -------------------------------------------------------------------------


def display_labels(options: Sequence[Any], format_func: Callable[[Any], str] | None
                   ) -> dict[Any, str]:
    """The label shown for each option, every label distinct (a repeated one gets a number), so
    an edited cell's label leads back to exactly one stored value."""
    labels: dict[Any, str] = {}
    used: set[str] = set()
    for option in options:
        if option is None:
            continue
        base = (format_func(option) if format_func else str(option)).strip() or "?"
        label, number = base, 1
        while label in used:
            number += 1
            label = f"{base} ({number})"
        used.add(label)
        labels[option] = label
    return labels


@dataclass
class Column:
    """One column of a table editor: the model attribute and how to show and edit it.

    A choice column (`select`, `multi`) holds its options' display labels, not the stored
    values: the grid's table for screen readers reads the cells' data, so stored codes and ids
    ("social", "c11452c360fa") would be read out where the screen shows "Sosiaalinen". An edit
    is mapped back to the stored value when it is applied.
    """

    attr: str
    label: str
    kind: str = "text"  # text | int | scale | select | multi | bool | lines
    options: Sequence[Any] = ()
    format_func: Callable[[Any], str] | None = None
    required: bool = False
    width: str | None = None
    help: str | None = None
    default: Any = None  # a new row's value, as the model stores it
    extra: dict[str, Any] = field(default_factory=dict)
    labels: dict[Any, str] = field(init=False, repr=False)  # stored value -> label
    codes: dict[str, Any] = field(init=False, repr=False)  # label -> stored value

    def __post_init__(self) -> None:
        choice = self.kind in ("select", "multi")
        self.labels = display_labels(self.options, self.format_func) if choice else {}
        self.codes = {label: code for code, label in self.labels.items()}

    def _label(self, value: Any) -> Any:
        if value is None:
            return None
        if value in self.labels:
            return self.labels[value]
        # A value outside the options (a link to a removed stage): its label, not its code.
        return self.format_func(value) if self.format_func else value

    def _code(self, value: Any) -> Any:
        return self.codes.get(value, value) if isinstance(value, str) else value

    def to_cell(self, value: Any) -> Any:
        if self.kind == "lines":
            return "; ".join(value or [])
        if self.kind == "select":
            return self._label(value)
        if self.kind == "multi":
            return [self._label(v) for v in value or []]
        return value

    def to_model(self, value: Any) -> Any:
        if self.kind == "lines":
            return [part.strip() for part in str(value or "").split(";") if part.strip()]
        if self.kind == "text":
            return "" if value is None else str(value)
        if self.kind in ("int", "scale") and value is not None:
            return int(value)
        if self.kind == "select":
            return self._code(value)
        if self.kind == "multi":
            return [self._code(v) for v in value or []]
        if self.kind == "bool":
            return bool(value)
        return value

    def config(self) -> Any:
        cc = st.column_config
        # `default` fills a newly added row, so it shows the values the model will give it.
        default = None if self.default is None else self.to_cell(self.default)
        common = dict(label=self.label, help=self.help, width=self.width, required=self.required,
                      default=default)
        if self.kind == "select":
            return cc.SelectboxColumn(options=list(self.labels.values()), **common)
        if self.kind == "multi":
            return cc.MultiselectColumn(options=list(self.labels.values()), **common)
        if self.kind == "scale":
            return cc.NumberColumn(min_value=1, max_value=5, step=1, format="%d", **common)
        if self.kind == "int":
            return cc.NumberColumn(step=1, format="%d", **common, **self.extra)
        if self.kind == "bool":
            return cc.CheckboxColumn(**common)
        return cc.TextColumn(**common)


@dataclass
class Extra:
    """Table columns that are not attributes of the part: one per competitor (the attribute
    table's scores), one per purchase stage (the mapping table's ticks).

    `config` maps a column id to its `st.column_config` entry (in display order), `cell(part,
    column_id)` gives the part's value for it and `assign(part, column_id, value)` writes an edit
    back, returning False when the model refuses the value.
    """

    config: dict[str, Any]
    cell: Callable[[BaseModel, str], Any]
    assign: Callable[[BaseModel, str, Any], bool]
    dtype: str = "object"  # the frame's dtype for these columns ("Int64", "boolean")
    after: int | None = None  # shown after this many `columns` (None: after all of them)


def apply_table_changes(items: list[BaseModel], changes: dict[str, Any], columns: Sequence[Column],
                        factory: Callable[[], BaseModel], extra: Extra | None = None
                        ) -> tuple[list[BaseModel], list[BaseModel], int]:
    """Apply a data editor's changes to a list of parts.

    Returns (the new list, the removed parts, the number of refused values). Rows keep their
    objects (and so their ids); edits refer to the row numbers before deletions and additions.
    """
    by_attr = {c.attr: c for c in columns}
    extras = extra.config if extra else {}
    refused = 0

    def assign(item: BaseModel, attr: str, value: Any) -> None:
        nonlocal refused
        if attr in extras:
            refused += not extra.assign(item, attr, value)
            return
        column = by_attr.get(attr)
        if column is None:
            return
        try:
            setattr(item, attr, column.to_model(value))
        except (ValidationError, TypeError, ValueError):
            refused += 1

    for row, edits in (changes.get("edited_rows") or {}).items():
        index = int(row)
        if 0 <= index < len(items):
            for attr, value in edits.items():
                assign(items[index], attr, value)
    deleted = {int(i) for i in changes.get("deleted_rows") or []}
    kept = [item for i, item in enumerate(items) if i not in deleted]
    removed = [item for i, item in enumerate(items) if i in deleted]
    for row in changes.get("added_rows") or []:
        item = factory()
        for attr, value in row.items():
            if value is not None:
                assign(item, attr, value)
        kept.append(item)
    return kept, removed, refused


_EMPTY_DTYPES = {"text": "string", "lines": "string", "int": "Int64", "scale": "Int64",
                 "bool": "boolean"}


def _frame(items: list[BaseModel], columns: Sequence[Column], extra: Extra | None = None) -> Any:
    """The editor's starting data: one row per item, one column per `Column` and extra column."""
    import pandas as pd

    extras = list(extra.config) if extra else []
    if not items:
        # Empty lists would become float columns, which a text column refuses to edit.
        return pd.DataFrame({
            **{c.attr: pd.Series(dtype=_EMPTY_DTYPES.get(c.kind, "object")) for c in columns},
            **{name: pd.Series(dtype=extra.dtype) for name in extras}})
    frame = pd.DataFrame(
        [{**{c.attr: c.to_cell(getattr(item, c.attr)) for c in columns},
          **{name: extra.cell(item, name) for name in extras}} for item in items],
        columns=[c.attr for c in columns] + extras)
    if extras:
        # Typed: a score column with gaps would otherwise be float or object.
        frame = frame.astype({name: extra.dtype for name in extras})
    return frame


def _has_edits(state: Any) -> bool:
    return bool(state) and any(state.get(name) for name in
                               ("edited_rows", "added_rows", "deleted_rows"))


def reusing_factory(factory: Callable[[], BaseModel], made: list[BaseModel]
                    ) -> Callable[[], BaseModel]:
    """A factory that hands out the parts made for the editor's added rows before, in order.

    The change set is cumulative and re-applied on every change: without this, a row added
    earlier would get a new object (and id) each time, breaking links to it made meanwhile
    (e.g. the competitive-edge scores of a competitor just added).
    """
    position = 0

    def make() -> BaseModel:
        nonlocal position
        if position >= len(made):
            made.append(factory())
        item = made[position]
        position += 1
        return item

    return make


@dataclass
class TableState:
    """What a table editor started from, kept in the session while the user edits it."""

    signature: tuple[str, str]  # the widget key and its column configuration
    items: list[BaseModel]  # the parts the editor's rows stand for (its change set refers to)
    frame: Any  # the editor's starting data, built once from `items`
    held: list[int]  # id() of each part in the list the model holds since the editor wrote it
    made: list[BaseModel] = field(default_factory=list)  # parts made for added rows


def _with_defaults(columns: Sequence[Column], factory: Callable[[], BaseModel | None]
                   ) -> list[Column]:
    """Columns whose new-row default is the model's own default (a new row shows what will be
    stored, never an empty "None" cell that is stored as something else)."""
    sample = factory()
    if sample is None:
        return list(columns)
    return [c if c.default is not None or not hasattr(sample, c.attr)
            else dataclasses.replace(c, default=getattr(sample, c.attr))
            for c in columns]


def table(items: list[BaseModel], columns: Sequence[Column], *, key: str,
          factory: Callable[[], BaseModel], replace: Callable[[list[BaseModel]], None],
          on_removed: Callable[[list[BaseModel]], None] | None = None,
          extra: Extra | None = None, dynamic: bool = True, **kwargs: Any) -> None:
    """An editable table of `items` (pydantic parts), with `extra` columns that are not
    attributes of the parts if given.

    `replace(new_list)` stores the edited list on the model (e.g. `lambda v: setattr(p, "jobs",
    v)`); `on_removed(parts)` cleans up references to deleted rows elsewhere in the concept
    (it may be called again with the same parts, so it must not mind repeats).

    The editor keeps the rows it started from while the user edits: its change set is
    cumulative, so every change re-applies the whole set to those starting rows. Showing the
    saved rows instead would give the editor new data, and Streamlit would then replace it
    mid-edit (a row just added would lose the text being typed into it).
    """
    columns = _with_defaults(columns, factory)
    version_key = f"table_version.{key}"
    state_key = f"table_state.{key}"
    state: TableState | None = st.session_state.get(state_key)
    if state is not None and state.held != [id(item) for item in items]:
        # Code changed the list since the editor last wrote it (a button added a row, say):
        # start a fresh editor, so its pending edits are not re-applied over that change.
        st.session_state[version_key] = st.session_state.get(version_key, 0) + 1
    version = st.session_state.setdefault(version_key, 0)
    wkey = widget_key(f"{key}.v{version}")
    config = {c.attr: c.config() for c in columns}
    order = [c.attr for c in columns]
    if extra:
        config.update(extra.config)
        at = len(order) if extra.after is None else extra.after
        order[at:at] = list(extra.config)
    marks = ai_marks.marked(items)  # rows the AI wrote: a narrow mark column first
    if marks:
        config[ai_marks.COLUMN] = ai_marks.column(marks)
        order.insert(0, ai_marks.COLUMN)
    signature = (wkey, str(config))
    if (state is None or state.signature != signature
            or not _has_edits(st.session_state.get(wkey))):
        frame = _frame(items, columns, extra)
        if marks:
            frame.insert(0, ai_marks.COLUMN, ai_marks.cells(items, marks))
        state = TableState(signature, list(items), frame, [id(item) for item in items])
        st.session_state[state_key] = state

    def commit() -> None:
        changes = st.session_state.get(wkey) or {}
        new_items, removed, refused = apply_table_changes(
            list(state.items), changes, columns, reusing_factory(factory, state.made), extra)
        replace(new_items)
        # The list the model holds from now on, unless other code changes it meanwhile.
        state.held = [id(item) for item in new_items]
        if removed and on_removed:
            on_removed(removed)
        if refused:
            st.session_state[NOTICE] = t("common.value_refused")
        if refused or ai_marks.marked(new_items).keys() != marks.keys():
            # A fresh editor shows the value that was kept, not the refused one, and the AI
            # marks of the rows as they are now (an edited text is the user's own).
            st.session_state[version_key] = version + 1
        save_current()

    if read_only():
        kwargs["disabled"] = True
        dynamic = False
    kwargs.setdefault("placeholder", "")  # an empty cell shows empty, not Streamlit's "None"
    st.data_editor(
        state.frame,  # kept with the state: not rebuilt each run (Streamlit edits a copy of it)
        key=wkey,
        column_config=config,
        column_order=order,
        num_rows="dynamic" if dynamic else "fixed",
        hide_index=True,
        on_change=commit,
        width="stretch",
        **kwargs,
    )
