"""Streamlit parts of the customer-journey step: stages, touchpoint tables, emotion curve.

`emotion_chart(journey)` and `change_summary_view(concept)` are reused by other pages.
"""

from __future__ import annotations

import streamlit as st

from concept.chart_text import emotion_summary
from concept.checks.journey import change_ratio, change_summary
from concept.figures import emotion_spec
from concept.formatting import plain
from concept.model import Concept, Journey, JourneyStage, Touchpoint
from concept.references import (
    move_item,
    order_touchpoints_by_stage,
    remove_stage,
    remove_touchpoint,
    replace_stage_touchpoints,
    restore_linked_touchpoints,
    stage_references,
    touchpoint_references,
)
from concept.ui import bind, lazy
from concept.ui.a11y import name_button
from concept.ui.charts import show
from concept.ui.frame import changed, confirm
from concept.ui.profiles import remember, remembered_choice
from concept.ui.session import enum_label, lang, refresh_widgets, t

PROFILE = "journey_profile"
PENDING_TP = "journey_pending_touchpoint_delete"
EMOTIONS = (None, -2, -1, 0, 1, 2)
CHANNELS = ("web", "app", "email", "phone", "chat", "social", "store", "field", "partner",
            "print", "event", "wom", "device", "other")
KINDS = ("human", "digital", "physical", "communication")
DEV_STATUSES = ("keep", "develop", "new", "remove")

STAGES = "journey.stages"  # which stage sections are open (see concept.ui.lazy)


def emotion_label(value: int | None) -> str:
    if value is None:
        return t("journey.emotion_unset")
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{abs(value)} {enum_label('emotion', str(value))}"


def stage_title(journey: Journey, stage: JourneyStage) -> str:
    number = journey.stages.index(stage) + 1
    return t("journey.stage_heading", number=number,
             name=stage.name.strip() or t("journey.unnamed_stage"))


# --- choosing the journey --------------------------------------------------------------------


def choose_journey(concept: Concept) -> Journey | None:
    """The profile whose journey is edited (offered from the profiles, never retyped)."""
    ids = [p.id for p in concept.profiles]
    if not ids:
        return None
    primary = concept.primary_profile()
    remembered_choice(PROFILE, ids, primary.id if primary else ids[0])
    names = {p.id: p.name.strip() or t("profiles.new_name", number=i + 1)
             for i, p in enumerate(concept.profiles)}
    chosen = st.selectbox(t("journey.choose_profile"), ids, key=PROFILE, format_func=names.get,
                          on_change=remember, args=(PROFILE,))
    from concept.ui.journey_kinds import choose_kind, kind_intro  # imports this module

    kind = choose_kind()
    kind_intro(concept, chosen or ids[0], kind)
    return concept.ensure_journey(chosen or ids[0], kind)


def journey_basics(journey: Journey) -> None:
    jid = journey.id
    bind.text(t("field.entry_point"), journey, "entry_point", key=f"journey.{jid}.entry",
              placeholder=t("journey.entry_placeholder"))
    left, right = st.columns(2)
    with left:
        bind.text(t("field.scope_start"), journey, "scope_start", key=f"journey.{jid}.start",
                  placeholder=t("journey.scope_start_placeholder"))
    with right:
        bind.text(t("field.scope_end"), journey, "scope_end", key=f"journey.{jid}.end",
                  placeholder=t("journey.scope_end_placeholder"))


# --- stages ----------------------------------------------------------------------------------


def add_stage(journey: Journey) -> None:
    stage = JourneyStage(name=t("journey.new_stage"))
    journey.stages.append(stage)
    lazy.open_item(STAGES, stage.id)  # the user means to fill it in now
    changed()


def move_stage(journey: Journey, stage_id: str, offset: int) -> None:
    index = next(i for i, s in enumerate(journey.stages) if s.id == stage_id)
    journey.stages = move_item(journey.stages, index, offset)
    order_touchpoints_by_stage(journey)
    changed()


def ask_delete_stage(concept: Concept, journey: Journey, stage: JourneyStage) -> None:
    refs = stage_references(concept, stage.id)
    if not refs["touchpoints"]:
        remove_stage(concept, stage.id)
        changed()
        st.rerun()
    others = [s for s in journey.stages if s.id != stage.id]
    choice_key = f"delete_stage_target_{stage.id}"

    def body() -> None:
        st.markdown(t("journey.delete_stage_body", name=plain(stage.name or "?"),
                      count=refs["touchpoints"], links=refs["links"]))
        options = [None] + [s.id for s in others]
        names = {s.id: s.name or "?" for s in others}
        st.radio(t("journey.delete_stage_move"), options, key=choice_key,
                 format_func=lambda v: (
                     t("journey.delete_stage_drop") if v is None
                     else t("journey.delete_stage_move_to", name=plain(names[v]))))

    def yes() -> None:
        remove_stage(concept, stage.id, move_touchpoints_to=st.session_state.get(choice_key))

    confirm(t("journey.delete_stage_title"), body, t("journey.delete_stage_yes"), yes,
            key="stage_delete")


def touchpoint_columns(journey: Journey, stage: JourneyStage) -> list[bind.Column]:
    """The touchpoint table's columns; a new row lands in `stage` unless moved."""
    stage_names = {s.id: stage_title(journey, s) for s in journey.stages}
    return [
        bind.Column("name", t("field.name"), width="medium"),
        bind.Column("channel", t("field.channel"), "select", options=CHANNELS,
                    format_func=lambda v: enum_label("channel", v)),
        bind.Column("kind", t("field.kind"), "select", options=KINDS,
                    format_func=lambda v: enum_label("touchpoint_kind", v)),
        bind.Column("importance", t("field.importance"), "scale", default=3),
        bind.Column("dev_status", t("field.dev_status"), "select", options=DEV_STATUSES,
                    format_func=lambda v: enum_label("dev_status", v), required=True,
                    default="keep", help=t("field.dev_status")),
        # No fixed width: the column fits its header ("Totuuden hetki" was cut to "Totuude").
        bind.Column("is_moment_of_truth", t("field.is_moment_of_truth"), "bool",
                    default=False, help=t("field.is_moment_of_truth")),
        bind.Column("description", t("field.description"), width="medium"),
        bind.Column("stage_id", t("field.stage_id"), "select", options=list(stage_names),
                    format_func=lambda v: stage_names.get(v, v), required=True,
                    width="small", default=stage.id),
    ]


def _touchpoints_removed(concept: Concept, journey: Journey, before: list[str],
                         removed: list[Touchpoint]) -> None:
    """Rows deleted in the editor: unlinked ones go now; linked ones come back until confirmed."""
    linked = restore_linked_touchpoints(concept, journey, before, removed)
    if linked:
        st.session_state[PENDING_TP] = [tp.id for tp in linked]
        refresh_widgets()  # the editor shows the rows that came back


def _replace_touchpoints(journey: Journey, stage: JourneyStage, new: list[Touchpoint]) -> None:
    replace_stage_touchpoints(journey, stage.id, new)
    if any(tp.stage_id != stage.id for tp in new):
        refresh_widgets()  # a row moved to another stage: both tables start afresh


def touchpoint_table(concept: Concept, journey: Journey, stage: JourneyStage) -> None:
    items = [tp for tp in journey.touchpoints if tp.stage_id == stage.id]
    before = [tp.id for tp in journey.touchpoints]
    bind.table(
        items, touchpoint_columns(journey, stage), key=f"journey.{journey.id}.stage.{stage.id}.tps",
        factory=lambda: Touchpoint(stage_id=stage.id),
        replace=lambda new: _replace_touchpoints(journey, stage, new),
        on_removed=lambda removed: _touchpoints_removed(concept, journey, before, removed),
        placeholder="",
    )


def confirm_pending_touchpoint_delete(concept: Concept) -> None:
    """Ask about touchpoints deleted in a table that the value proposition still links to."""
    pending = st.session_state.get(PENDING_TP)
    if not pending:
        return
    touchpoints = {tp.id: tp for tp in concept.all_touchpoints()}
    pending = [tp_id for tp_id in pending if tp_id in touchpoints]
    if not pending:
        st.session_state.pop(PENDING_TP, None)
        return

    def body() -> None:
        for tp_id in pending:
            st.markdown(t("journey.delete_tp_body", name=plain(touchpoints[tp_id].name or "?"),
                          count=touchpoint_references(concept, tp_id)))
        st.caption(t("journey.delete_tp_outro"))

    def yes() -> None:
        for tp_id in pending:
            remove_touchpoint(concept, tp_id)
        st.session_state.pop(PENDING_TP, None)

    def dismiss() -> None:
        st.session_state.pop(PENDING_TP, None)
        changed()

    confirm(t("journey.delete_tp_title"), body, t("journey.delete_tp_yes"), yes,
            on_dismiss=dismiss, key="tp_delete")


def stage_editor(concept: Concept, journey: Journey, stage: JourneyStage) -> None:
    """One stage as a section that is drawn only while open (see `lazy`)."""
    sid = f"journey.{journey.id}.stage.{stage.id}"
    index = journey.stages.index(stage)
    with lazy.section(plain(stage_title(journey, stage)), STAGES, stage.id) as is_open:
        if not is_open:
            return
        name_col, emotion_col, buttons = st.columns([4, 2, 2], vertical_alignment="bottom")
        with name_col:
            bind.text(t("field.name"), stage, "name", key=f"{sid}.name", max_chars=200)
        with emotion_col:
            bind.choice(t("field.emotion"), stage, "emotion", EMOTIONS, key=f"{sid}.emotion",
                        format_func=emotion_label, help=t("journey.emotion_help"))
        with buttons:
            up, down, delete = st.columns(3)
            up.button("", key=f"{sid}.up", icon=":material/arrow_upward:",
                      help=t("journey.move_up"), disabled=index == 0,
                      on_click=move_stage, args=(journey, stage.id, -1))
            down.button("", key=f"{sid}.down", icon=":material/arrow_downward:",
                        help=t("journey.move_down"), disabled=index == len(journey.stages) - 1,
                        on_click=move_stage, args=(journey, stage.id, 1))
            if delete.button("", key=f"{sid}.delete", icon=":material/delete:",
                             help=t("journey.delete_stage")):
                ask_delete_stage(concept, journey, stage)
            name = stage.name.strip() or t("journey.unnamed_stage")
            name_button(f"{sid}.up", t("a11y.stage_up", name=name))
            name_button(f"{sid}.down", t("a11y.stage_down", name=name))
            name_button(f"{sid}.delete", t("a11y.stage_delete", name=name))
        left, right = st.columns(2)
        with left:
            bind.lines(t("field.successes"), stage, "successes", key=f"{sid}.successes",
                       help=t("journey.successes_help"), height=80)
        with right:
            bind.lines(t("field.failures"), stage, "failures", key=f"{sid}.failures",
                       help=t("journey.failures_help"), height=80)
        st.markdown(t("journey.touchpoints_title"))
        touchpoint_table(concept, journey, stage)


# --- charts and summaries --------------------------------------------------------------------


def emotion_chart_spec(journey: Journey) -> dict | None:
    """The emotion curve's chart in this session's language (the document draws the same)."""
    return emotion_spec(journey, lang())


def emotion_chart(journey: Journey) -> None:
    """The emotion curve of a journey (stages in order); a hint when no emotions are set."""
    st.subheader(t("journey.emotion_title"), anchor=False)
    spec = emotion_chart_spec(journey)
    if spec is None:
        st.caption(t("journey.no_emotions"))
        return
    show(spec, description=t("journey.emotion_title"),
         summary=emotion_summary(journey, lang()))


def change_summary_view(concept: Concept) -> None:
    """Counts of touchpoints kept, developed, new and removed, with the change ratio."""
    counts = change_summary(concept)
    if not sum(counts.values()):
        return
    st.subheader(t("journey.changes_title"), anchor=False)
    columns = st.columns(2) + st.columns(2)
    for column, (status, count) in zip(columns, counts.items(), strict=True):
        column.metric(enum_label("dev_status", status), count)
    ratio = change_ratio(concept)
    if ratio is not None:
        st.caption(t("journey.change_ratio", percent=round(100 * ratio)))
