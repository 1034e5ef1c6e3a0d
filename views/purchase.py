"""Step 3: purchase process: buying stages, touchpoints mapped to them, balance and gaps."""

import streamlit as st

from concept.checks.purchase import findings
from concept.steps import is_started
from concept.ui import purchase as ui
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.recheck import check_again_notice
from concept.ui.session import t

concept = begin_step("purchase")
check_again_notice(concept, "purchase")

st.header(t("purchase.stages_title"), anchor=False)
st.caption(t("purchase.stages_hint"))
for index, stage in enumerate(list(concept.purchase_process.stages)):
    ui.stage_editor(concept, stage, index)
st.button(t("purchase.add_stage"), key="purchase.add_stage", icon=":material/add:",
          on_click=ui.add_stage, args=(concept,))

st.header(t("purchase.mapping_title"), anchor=False)
st.caption(t("purchase.mapping_hint"))
if not ui.mapping(concept):
    st.info(t("purchase.no_touchpoints"), icon=":material/route:")
    st.page_link("views/journey.py", label=t("purchase.go_to_journey"), icon=":material/route:")

st.divider()
chart, advice = st.columns([3, 2])
with chart:
    ui.stage_chart(concept)
    ui.balance_view(concept)
with advice:
    show_findings(findings(concept), started=is_started(concept, "purchase"))
    st.caption(t("purchase.advice_live"))
step_navigation("purchase")
