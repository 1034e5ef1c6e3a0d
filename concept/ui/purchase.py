"""Streamlit parts of the purchase-process step: stages, the touchpoint mapping, the chart.

`stage_chart(concept)` is reused by other pages (the health overview).
"""

from __future__ import annotations

import streamlit as st

from concept.checks.purchase import (
    balance_index,
)
from concept.figures import stage_spec
from concept.formatting import plain
from concept.labels import stage_label
from concept.model import Concept, Journey, PurchaseStage
from concept.references import move_item, purchase_stage_references, remove_purchase_stage
from concept.ui import bind
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
        with st.expander(t("purchase.details")):
            left, right = st.columns(2)
            with left:
                bind.text_area(t("field.info_needs"), stage, "info_needs",
                               key=f"{sid}.info", height=80)
                bind.multi(t("field.decision_makers"), stage, "decision_makers", ROLES,
                           key=f"{sid}.deciders",
                           format_func=lambda v: enum_label("person_role", v))
            with right:
                bind.text_area(t("field.triggers_to_next"), stage, "triggers_to_next",
                               key=f"{sid}.triggers", height=80)
                bind.text_area(t("field.drop_off_risks"), stage, "drop_off_risks",
                               key=f"{sid}.risks", height=80)


# --- mapping touchpoints to stages -----------------------------------------------------------


def mapping_table(concept: Concept, journey: Journey) -> None:
    """The journey's touchpoints with a multiselect column of purchase stages."""
    stages = concept.purchase_process.stages
    labels = {s.key: label_of(s) for s in stages}
    stage_names = {s.id: s.name or "?" for s in journey.stages}
    columns = [
        bind.Column("name", t("field.name"), width="medium"),
        bind.Column("stage_id", t("field.stage_id"), "select", options=list(stage_names),
                    format_func=lambda v: stage_names.get(v, v)),
        bind.Column("purchase_stage_keys", t("field.purchase_stage_keys"), "multi",
                    options=list(labels), format_func=lambda v: labels.get(v, v),
                    width="large"),
    ]
    bind.table(journey.touchpoints, columns, key=f"purchase.map.{journey.id}",
               factory=lambda: None, replace=lambda _items: None, dynamic=False,
               disabled=["name", "stage_id"], placeholder="")


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
    st.markdown(f"**{t('purchase.chart_title')}**")
    if spec is None:
        st.caption(t("purchase.chart_empty"))
        return
    show(spec)


def balance_view(concept: Concept) -> None:
    index = balance_index(concept)
    if index is None:
        return
    st.metric(t("purchase.balance"), f"{round(index)} / 100", help=t("purchase.balance_help"))
