"""Step 7: value proposition and the short concept description."""

import streamlit as st

from concept.checks import findings_for_step
from concept.steps import is_started
from concept.ui import ai_marks, bind
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.recheck import check_again_notice
from concept.ui.session import t
from concept.ui.value import (
    differentiation_hint,
    exclusions_editor,
    final_answers,
    fit_panel,
    profile_chooser,
    quality_self_check,
    statement_editor,
    value_map,
)

concept = begin_step("value")
check_again_notice(concept, "value")
vp, desc = concept.value_proposition, concept.description

profile = profile_chooser(concept)
if profile is not None:
    st.header(t("value.map_title"), anchor=False)
    value_map(concept, profile)
    st.header(t("value.fit_section"), anchor=False)
    fit_panel(concept)

st.header(t("value.promise_title"), anchor=False)
bind.text(t("field.key_promise"), vp, "key_promise", key="value.promise",
          placeholder=t("value.promise_placeholder"))
bind.lines(t("field.reasons_to_believe"), vp, "reasons_to_believe", key="value.reasons",
           height=90, placeholder=t("value.reasons_placeholder"))
ai_marks.under("value.reasons_to_believe")

st.header(t("field.exclusions"), anchor=False)
st.caption(t("value.exclusions_hint"))
exclusions_editor(concept)

st.header(t("value.concept_title"), anchor=False)
final_answers(concept)
left, right = st.columns(2)
with left:
    bind.text(t("field.category"), desc, "category", key="value.category",
              placeholder=t("value.category_placeholder"))
with right:
    bind.text(t("field.tagline"), desc, "tagline", key="value.tagline")
bind.text_area(t("field.differentiation"), desc, "differentiation", key="value.differentiation",
               height=80)
differentiation_hint(concept)

st.header(t("value.statement_title"), anchor=False)
statement_editor(concept)
quality_self_check(concept)

show_findings(findings_for_step(concept, "value"),
              started=is_started(concept, "value"))
step_navigation("value")
