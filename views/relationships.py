"""Step 5: relationships: type, closeness, duration, the people involved and the effects."""

from typing import get_args

import streamlit as st

from concept.checks import findings_for_step
from concept.model import ContactFrequency, RelationshipDuration, RelationshipType
from concept.steps import is_started
from concept.ui import bind
from concept.ui.experience import fixed_labels
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.recheck import check_again_notice
from concept.ui.relationships import (
    closeness_widget,
    journey_context,
    people_table,
    role_touchpoints,
)
from concept.ui.session import enum_label, t

concept = begin_step("relationships")
check_again_notice(concept, "relationships")
rel = concept.relationship

st.header(t("relationships.kind_title"), anchor=False)
bind.multi(t("field.types"), rel, "types", get_args(RelationshipType),
           key="relationships.types",
           format_func=fixed_labels(get_args(RelationshipType),
                                    lambda v: enum_label("relationship_type", v)),
           placeholder=t("relationships.types_placeholder"))
closeness_widget(concept)
left, right = st.columns(2)
with left:
    bind.choice(t("field.duration"), rel, "duration", [None, *get_args(RelationshipDuration)],
                key="relationships.duration",
                format_func=fixed_labels([None, *get_args(RelationshipDuration)], lambda v: (
                    enum_label("relationship_duration", v) if v
                    else t("relationships.not_chosen"))))
with right:
    bind.choice(t("field.contact_frequency"), rel, "contact_frequency",
                [None, *get_args(ContactFrequency)], key="relationships.frequency",
                format_func=fixed_labels([None, *get_args(ContactFrequency)], lambda v: (
                    enum_label("contact_frequency", v) if v
                    else t("relationships.not_chosen"))))
bind.text_area(t("field.rationale_for_value_proposition"), rel,
               "rationale_for_value_proposition", key="relationships.rationale", height=90,
               placeholder=t("relationships.rationale_placeholder"))
bind.text_area(t("field.honesty_note"), rel, "honesty_note", key="relationships.honesty",
               height=80, placeholder=t("relationships.honesty_placeholder"))

st.header(t("relationships.people_title"), anchor=False)
st.caption(t("relationships.people_hint"))
people_table(concept)
role_touchpoints(concept)

st.header(t("relationships.effects_title"), anchor=False)
journey_context(concept)
left, right = st.columns(2)
with left:
    bind.text_area(t("field.impact_on_journey"), rel, "impact_on_journey",
                   key="relationships.impact_journey", height=110,
                   placeholder=t("relationships.impact_journey_placeholder"))
with right:
    bind.text_area(t("field.impact_on_purchase"), rel, "impact_on_purchase",
                   key="relationships.impact_purchase", height=110,
                   placeholder=t("relationships.impact_purchase_placeholder"))

show_findings(findings_for_step(concept, "relationships"),
              started=is_started(concept, "relationships"))
step_navigation("relationships")
