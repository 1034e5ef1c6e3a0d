"""Streamlit parts of the purchase-process step: stages, the touchpoint mapping, the chart.

`stage_chart(concept)` is reused by other pages (the health overview).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from concept.chart_text import stage_summary
from concept.checks.purchase import (
    balance_index,
)
from concept.figures import stage_spec
from concept.formatting import plain
from concept.labels import stage_label
from concept.model import Concept, Journey, PurchaseStage, Touchpoint
from concept.references import move_item, purchase_stage_references, remove_purchase_stage
from concept.ui import ai_marks, bind
from concept.ui.a11y import name_button
from concept.ui.charts import show
from concept.ui.frame import changed, confirm
from concept.ui.session import enum_label, lang, t

ROLES = ("user", "buyer", "payer", "decider", "influencer", "gatekeeper", "close_person",
         "advisor", "other")


def label_of(stage: PurchaseStage) -> str:
    return stage_label(stage, lang())


# --- stages ----------------------------------------------------------------------------------


def add_stage(concept: Concept) -> None:
    concept.purchase_process.stages.append(PurchaseStage(label=t("purchase.new_stage")))
    changed()


def move_stage(concept: Concept, key: str, offset: int) -> None:
    stages = concept.purchase_process.stages
    index = next(i for i, s in enumerate(stages) if s.key == key)
    concept.purchase_process.stages = move_item(stages, index, offset)
    changed()


def ask_delete_stage(concept: Concept, stage: PurchaseStage) -> None:
    count = purchase_stage_references(concept, stage.key)
    if not count:
        remove_purchase_stage(concept, stage.key)
        changed()
        st.rerun()
    name = label_of(stage)
    confirm(t("purchase.delete_title"),
            lambda: st.markdown(t("purchase.delete_body", name=plain(name), count=count)),
            t("purchase.delete_yes"), lambda: remove_purchase_stage(concept, stage.key),
            key="purchase_stage_delete")


def stage_editor(concept: Concept, stage: PurchaseStage, index: int) -> None:
    stages = concept.purchase_process.stages
    sid = f"purchase.stage.{stage.key}"
    default = enum_label("purchase_stage", stage.key)
    with st.container(border=True):
        name_col, buttons = st.columns([6, 2], vertical_alignment="bottom")
        with name_col:
            bind.text(f"{index + 1}. {t('purchase.stage_name')}", stage, "label",
                      key=f"{sid}.label", placeholder=default if default != stage.key else "",
                      max_chars=200)
        with buttons:
            up, down, delete = st.columns(3)
            up.button("", key=f"{sid}.up", icon=":material/arrow_upward:",
                      help=t("journey.move_up"), disabled=index == 0,
                      on_click=move_stage, args=(concept, stage.key, -1))
            down.button("", key=f"{sid}.down", icon=":material/arrow_downward:",
                        help=t("journey.move_down"), disabled=index == len(stages) - 1,
                        on_click=move_stage, args=(concept, stage.key, 1))
            only_one = len(stages) == 1
            if delete.button("", key=f"{sid}.delete", icon=":material/delete:",
                             help=t("purchase.last_stage_stays") if only_one
                             else t("purchase.delete_stage"), disabled=only_one):
                ask_delete_stage(concept, stage)
            name = stage.label.strip() or default
            name_button(f"{sid}.up", t("a11y.stage_up", name=name))
            name_button(f"{sid}.down", t("a11y.stage_down", name=name))
            name_button(f"{sid}.delete", t("a11y.stage_delete", name=name))
        with st.expander(t("purchase.details")):
            left, right = st.columns(2)
            with left:
                bind.text_area(t("field.info_needs"), stage, "info_needs",
                               key=f"{sid}.info", height=80)
                ai_marks.under("purchase.info_needs", stage.key)
                bind.multi(t("field.decision_makers"), stage, "decision_makers", ROLES,
                           key=f"{sid}.deciders",
                           format_func=lambda v: enum_label("person_role", v))
            with right:
                bind.text_area(t("field.triggers_to_next"), stage, "triggers_to_next",
                               key=f"{sid}.triggers", height=80)
                bind.text_area(t("field.drop_off_risks"), stage, "drop_off_risks",
                               key=f"{sid}.risks", height=80)


# --- mapping touchpoints to stages -----------------------------------------------------------


SHORT = 12  # characters of a column header that fit a narrow column


def short_label(text: str, limit: int = SHORT) -> str:
    """A header short enough to be read whole; the column's help carries the full text."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _stage_ticks(concept: Concept) -> bind.Extra:
    """One tick column per purchase stage (`stage_<key>`), in the process's order.

    Ticks, not a multiselect cell: a choice cell's editor opens in an overlay, and after the
    rerun that saves a choice the grid ignored the next click on another row (Streamlit 1.67,
    Chromium), so Enter opened the previous row's editor and a stage landed on the wrong
    touchpoint. A tick is one click on the row the user sees, with no editor in between.
    """
    prefix = "stage_"
    config = {}
    for index, stage in enumerate(concept.purchase_process.stages):
        label = label_of(stage)
        config[f"{prefix}{stage.key}"] = st.column_config.CheckboxColumn(
            short_label(f"{index + 1}. {label}"),
            help=t("purchase.mapping_stage_help", stage=label))

    def cell(touchpoint: Touchpoint, column: str) -> bool:
        return column[len(prefix):] in touchpoint.purchase_stage_keys

    def assign(touchpoint: Touchpoint, column: str, ticked: Any) -> bool:
        key = column[len(prefix):]
        keys = [k for k in touchpoint.purchase_stage_keys if k != key]
        if ticked:
            # Kept in the process's order, whatever order the ticks came in.
            order = [s.key for s in concept.purchase_process.stages]
            keys = sorted([*keys, key], key=lambda k: order.index(k) if k in order else len(order))
        touchpoint.purchase_stage_keys = keys
        return True

    return bind.Extra(config, cell, assign, dtype="boolean")


def mapping_table(concept: Concept, journey: Journey) -> None:
    """The journey's touchpoints with a tick column per purchase stage."""
    stage_names = {s.id: s.name or "?" for s in journey.stages}
    columns = [
        bind.Column("name", t("field.name"), width="medium"),
        bind.Column("stage_id", t("field.stage_id"), "select", options=list(stage_names),
                    format_func=lambda v: stage_names.get(v, v), width="small"),
    ]
    bind.table(journey.touchpoints, columns, key=f"purchase.map.{journey.id}",
               factory=lambda: None, replace=lambda _items: None, dynamic=False,
               extra=_stage_ticks(concept), disabled=["name", "stage_id"])


def mapping(concept: Concept) -> bool:
    """One mapping table per journey; False when there is no touchpoint to map."""
    journeys = [j for j in concept.journeys if j.touchpoints]
    if not journeys:
        return False
    for journey in journeys:
        profile = concept.profile(journey.profile_id)
        st.markdown(t("purchase.journey_of",
                      profile=plain((profile.name if profile else "") or "?")))
        mapping_table(concept, journey)
    return True


# --- chart -----------------------------------------------------------------------------------


def stage_chart(concept: Concept) -> None:
    """Bar chart of weighted touchpoints per stage, gaps and over-weighted stages marked."""
    spec = stage_spec(concept, lang())
    st.subheader(t("purchase.chart_title"), anchor=False)
    if spec is None:
        st.caption(t("purchase.chart_empty"))
        return
    show(spec, description=t("purchase.chart_title"), summary=stage_summary(concept, lang()))


def balance_view(concept: Concept) -> None:
    index = balance_index(concept)
    if index is None:
        return
    st.metric(t("purchase.balance"), f"{round(index)} / 100", help=t("purchase.balance_help"))
