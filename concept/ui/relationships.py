"""Streamlit helpers of the relationships step: closeness scale, people table, their touchpoints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

import streamlit as st

from concept.checks.relationships import needs_touchpoints, post_purchase_touchpoints
from concept.model import Concept, PersonInvolved, PersonRole
from concept.ui import bind
from concept.ui.experience import fixed_labels
from concept.ui.session import enum_label, save_current, t, widget_key

CLOSENESS = (1, 2, 3, 4, 5)


def closeness_text(value: int) -> str:
    return f"{value} · {t(f'relationships.closeness_anchor.{value}')}"


def closeness_widget(concept: Concept) -> None:
    bind.bound(st.segmented_control, t("field.closeness"), concept.relationship, "closeness",
               key="relationships.closeness", options=list(CLOSENESS),
               format_func=fixed_labels(CLOSENESS, closeness_text),
               help=t("relationships.closeness_help"))


def people_table(concept: Concept) -> None:
    rel = concept.relationship
    roles = list(get_args(PersonRole))
    columns = [
        bind.Column("role", t("field.role"), kind="select", options=roles,
                    format_func=fixed_labels(roles, lambda r: enum_label("person_role", r)),
                    required=True,
                    default="other", width="small"),
        bind.Column("description", t("field.description"), width="large",
                    help=t("relationships.person_description_help")),
        bind.Column("influence", t("field.influence"), kind="scale", default=3,
                    help=t("relationships.influence_help"), width="small"),
        bind.Column("needs_own_touchpoints", t("field.needs_own_touchpoints"), kind="bool",
                    default=False, width="small"),
    ]
    bind.table(rel.people, columns, key="relationships.people", factory=PersonInvolved,
               replace=lambda items: setattr(rel, "people", items))


def set_role_touchpoints(concept: Concept, role: str, touchpoint_ids: Sequence[str]) -> None:
    """Mark `role` as present in exactly the chosen touchpoints (Touchpoint.involved_roles)."""
    chosen = set(touchpoint_ids)
    for tp in concept.all_touchpoints():
        present = role in tp.involved_roles
        if tp.id in chosen and not present:
            tp.involved_roles = [*tp.involved_roles, role]
        elif tp.id not in chosen and present:
            tp.involved_roles = [r for r in tp.involved_roles if r != role]


def role_touchpoints(concept: Concept) -> None:
    """For each important person's role: in which touchpoints do they take part (R-04)."""
    roles = []
    for person in concept.relationship.people:
        if needs_touchpoints(person) and person.role not in roles:
            roles.append(person.role)
    touchpoints = [tp for tp in concept.all_touchpoints() if tp.name.strip()]
    if not roles:
        return
    st.markdown(t("relationships.role_touchpoints_intro"))
    if not touchpoints:
        st.caption(t("relationships.no_touchpoints"))
        return
    names = {tp.id: tp.name for tp in touchpoints}
    for role in roles:
        wkey = widget_key(f"relationships.role.{role}.touchpoints")
        chosen = [tp.id for tp in touchpoints if role in tp.involved_roles]

        def commit(role: str = role, wkey: str = wkey) -> None:
            set_role_touchpoints(concept, role, st.session_state[wkey])
            save_current()

        st.multiselect(t("relationships.role_touchpoints",
                         role=enum_label("person_role", role).lower()),
                       options=list(names), key=wkey, default=chosen, on_change=commit,
                       format_func=lambda tid: names.get(tid, tid),
                       placeholder=t("widget.choose_many"), select_all=False)


def journey_context(concept: Concept) -> None:
    """What the earlier steps say, so the user can judge the effect without retyping."""
    touchpoints = concept.all_touchpoints()
    human = [tp for tp in touchpoints if tp.kind == "human"]
    post = post_purchase_touchpoints(concept)
    st.caption(t("relationships.context", touchpoints=len(touchpoints), human=len(human),
                 post=len(post)))
