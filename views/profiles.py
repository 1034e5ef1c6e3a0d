"""Step 1: customer profiles: needs-based profiles with jobs, pains, gains and priority."""

import streamlit as st

from concept.checks.profiles import findings
from concept.steps import is_started
from concept.ui import profiles as ui
from concept.ui.evidence import group_suggestions, profile_evidence_panel
from concept.ui.frame import begin_step, show_findings, show_flash, step_navigation
from concept.ui.session import t

concept = begin_step("profiles")
show_flash()

count = len(concept.profiles)
if count:
    st.caption(t("profiles.count_hint", count=count))
else:
    st.info(t("profiles.none_yet"), icon=":material/group_add:")

chooser, adder = st.columns([4, 1], vertical_alignment="bottom")
with chooser:
    profile = ui.choose_profile(concept)
adder.button(t("profiles.add"), key="profiles_add", icon=":material/person_add:",
             on_click=ui.add_profile, args=(concept,), width="stretch")

if profile is not None:
    ui.profile_editor(concept, profile)
    profile_evidence_panel(concept, profile)
    ui.priority_chart(concept)
    group_suggestions(concept)

show_findings(findings(concept), started=is_started(concept, "profiles"))
step_navigation("profiles")
