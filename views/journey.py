"""Step 2: customer journey: per profile, where it starts, ordered stages and touchpoints."""

import streamlit as st

from concept.checks import findings_for_step
from concept.steps import is_started
from concept.ui import journey as ui
from concept.ui.evidence import touchpoint_evidence
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.journey_kinds import side_by_side_view
from concept.ui.recheck import check_again_notice
from concept.ui.session import t

concept = begin_step("journey")
check_again_notice(concept, "journey")

journey = ui.choose_journey(concept)
if journey is None:
    st.info(t("journey.no_profiles"), icon=":material/group_add:")
    st.page_link("views/profiles.py", label=t("journey.go_to_profiles"), icon=":material/group:")
else:
    ui.confirm_pending_touchpoint_delete(concept)
    ui.journey_basics(journey)
    st.header(t("journey.stages_title"), anchor=False)
    st.caption(t("journey.stages_hint"))
    if not journey.stages:
        st.info(t("journey.no_stages"), icon=":material/route:")
    else:
        st.caption(t("journey.table_hint"))
    for stage in list(journey.stages):
        ui.stage_editor(concept, journey, stage)
    st.button(t("journey.add_stage"), key=f"journey.{journey.id}.add_stage",
              icon=":material/add:", on_click=ui.add_stage, args=(journey,))
    st.divider()
    left, right = st.columns([3, 2])
    with left:
        ui.emotion_chart(journey)
    with right:
        ui.change_summary_view(concept)
    touchpoint_evidence(concept, journey)
    side_by_side_view(concept, journey.profile_id)

# With the checks across steps that lead here.
show_findings(findings_for_step(concept, "journey"), started=is_started(concept, "journey"))
step_navigation("journey")
