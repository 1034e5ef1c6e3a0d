"""The extended tools of the recipes (methodology §5.9): channels, operating environment and the
positioning map."""

from __future__ import annotations

import streamlit as st

from concept.chart_text import positioning_summary
from concept.checks.extended import stages_served
from concept.figures import positioning_spec
from concept.formatting import plain
from concept.labels import stage_label
from concept.model import ChannelRole, Concept, EcosystemActor, PositionPoint
from concept.ui import bind
from concept.ui.charts import show
from concept.ui.session import lang, t
from concept.ui.tools.common import add_button, labels, lines_field, remove_button

CHANNELS = ("web", "app", "email", "phone", "chat", "social", "store", "field", "partner",
            "print", "event", "wom", "device", "other")
KINDS = ("us_current", "us_target", "competitor", "other")


def _roles(concept: Concept) -> list[ChannelRole]:
    return concept.toolbox.channel_roles


def _actors(concept: Concept) -> list[EcosystemActor]:
    return concept.toolbox.ecosystem


def _points(concept: Concept) -> list[PositionPoint]:
    return concept.toolbox.positioning.points


def channels_tool(concept: Concept) -> None:
    roles = concept.toolbox.channel_roles
    if not roles:
        st.info(t("extended.channels.none"), icon=":material/info:")
    stages = {s.key: s for s in concept.purchase_process.stages}
    code = lang()
    for role in roles:
        rid = role.id
        with st.container(border=True):
            left, right = st.columns(2)
            with left:
                bind.choice(t("extended.channel"), role, "channel", [None, *CHANNELS],
                            key=f"channel.{rid}.channel", format_func=labels("enum.channel"))
                bind.text_area(t("extended.role"), role, "role", key=f"channel.{rid}.role",
                               height=80)
            with right:
                bind.scale(t("extended.importance"), role, "business_importance",
                           key=f"channel.{rid}.importance")
                lines_field(t("extended.strengths"), role, "strengths", f"channel.{rid}.strengths",
                            height=80)
            if role.channel:
                served = [stage_label(stages[key], code) for key in stages
                          if key in stages_served(concept, role.channel)]
                st.caption(t("extended.stages_served", stages=plain(", ".join(served)) or "–"))
            remove_button(f"channel.{rid}", _roles, rid)
    add_button(t("extended.channels.add"), "channel.add", _roles, ChannelRole)


def ecosystem_tool(concept: Concept) -> None:
    actors = concept.toolbox.ecosystem
    if not actors:
        st.info(t("extended.ecosystem.none"), icon=":material/info:")
    for actor in actors:
        aid = actor.id
        with st.container(border=True):
            left, right = st.columns(2)
            with left:
                bind.text(t("field.name"), actor, "name", key=f"actor.{aid}.name")
                bind.toggle(t("extended.is_new"), actor, "is_new", key=f"actor.{aid}.new")
            with right:
                lines_field(t("extended.roles"), actor, "roles", f"actor.{aid}.roles", height=80)
                bind.text_area(t("extended.notes"), actor, "notes", key=f"actor.{aid}.notes",
                               height=68)
            remove_button(f"actor.{aid}", _actors, aid)
    add_button(t("extended.ecosystem.add"), "actor.add", _actors, EcosystemActor)


def positioning_tool(concept: Concept) -> None:
    positioning = concept.toolbox.positioning
    left, right = st.columns(2)
    with left:
        bind.text(t("extended.x_label"), positioning, "x_label", key="position.x_label")
    with right:
        bind.text(t("extended.y_label"), positioning, "y_label", key="position.y_label")
    points = positioning.points
    if not points:
        st.info(t("extended.positioning.none"), icon=":material/info:")
    for point in points:
        pid = point.id
        with st.container(border=True):
            cols = st.columns([3, 2, 2, 2])
            with cols[0]:
                bind.text(t("field.name"), point, "name", key=f"point.{pid}.name")
            with cols[1]:
                bind.choice(t("extended.kind"), point, "kind", KINDS, key=f"point.{pid}.kind",
                            format_func=labels("extended.point_kind"))
            with cols[2]:
                bind.bound(st.slider, t("extended.x"), point, "x", key=f"point.{pid}.x",
                           min_value=0.0, max_value=1.0, step=0.05)
            with cols[3]:
                bind.bound(st.slider, t("extended.y"), point, "y", key=f"point.{pid}.y",
                           min_value=0.0, max_value=1.0, step=0.05)
            remove_button(f"point.{pid}", _points, pid)
    add_button(t("extended.positioning.add"), "point.add", _points, PositionPoint)
    show(positioning_spec(positioning, lang()), description=t("tool.positioning.title"),
         summary=positioning_summary(positioning, lang()))
