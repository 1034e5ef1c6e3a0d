"""Step 6: competitive edge: competitors, scored attributes, parity vs difference, the matrix."""

import streamlit as st

from concept.chart_text import competitor_summary
from concept.checks import findings_for_step
from concept.steps import is_started
from concept.ui import bind
from concept.ui.charts import show
from concept.ui.competition import (
    attribute_details,
    attribute_table,
    competitor_matrix_chart,
    competitor_table,
    parity_and_difference,
)
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.recheck import check_again_notice
from concept.ui.session import lang, t

concept = begin_step("competition")
check_again_notice(concept, "competition")
analysis = concept.competition

left, right = st.columns(2)
with left:
    bind.text_area(t("field.frame_of_reference"), analysis, "frame_of_reference",
                   key="competition.frame", height=80,
                   placeholder=t("competition.frame_placeholder"))
with right:
    bind.text_area(t("field.what_if_no_concept"), analysis, "what_if_no_concept",
                   key="competition.no_concept", height=80,
                   placeholder=t("competition.no_concept_placeholder"))

st.header(t("field.competitors"), anchor=False)
st.caption(t("competition.competitors_hint"))
competitor_table(concept)

st.header(t("competition.attributes_title"), anchor=False)
st.caption(t("competition.attributes_hint"))
attribute_table(concept)
bind.scale(t("field.category_threshold"), analysis, "category_threshold",
           key="competition.threshold", help=t("competition.threshold_help"), width=320)
if analysis.attributes:
    st.markdown(t("competition.details_intro"))
    attribute_details(concept)

st.header(t("competition.summary_title"), anchor=False)
parity_and_difference(concept)
chart = competitor_matrix_chart(concept)
if chart is not None:
    st.subheader(t("competition.matrix_title"), anchor=False)
    show(chart, description=t("competition.matrix_title"),
         summary=competitor_summary(concept, lang()))

show_findings(findings_for_step(concept, "competition"),
              started=is_started(concept, "competition"))
step_navigation("competition")
