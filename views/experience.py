"""Step 4: experience over time: horizons, what matters in each, feelings, delights and risks."""

from typing import get_args

import streamlit as st

from concept.chart_text import feeling_summary
from concept.checks import findings_for_step
from concept.model import ExperiencePattern
from concept.steps import is_started
from concept.ui import bind
from concept.ui.charts import show
from concept.ui.experience import (
    feeling_chart,
    fixed_labels,
    horizon_cards,
    profile_essentials_hint,
)
from concept.ui.frame import begin_step, show_findings, step_navigation
from concept.ui.recheck import check_again_notice
from concept.ui.session import enum_label, lang, t

concept = begin_step("experience")
check_again_notice(concept, "experience")

st.header(t("experience.horizons_title"), anchor=False)
st.caption(t("experience.horizons_hint"))
profile_essentials_hint(concept)
horizon_cards(concept)

st.header(t("experience.pattern_title"), anchor=False)
patterns = [None, *get_args(ExperiencePattern)]
bind.bound(st.radio, t("field.intended_pattern"), concept.experience, "intended_pattern",
           key="experience.pattern", options=patterns, horizontal=True,
           format_func=fixed_labels(patterns, lambda v: enum_label("experience_pattern", v)
                                    if v else t("experience.not_set")))
show(feeling_chart(concept), description=t("experience.pattern_title"),
     summary=feeling_summary(concept, lang()))
bind.text_area(t("field.notes"), concept.experience, "notes", key="experience.notes",
               height=80)

show_findings(findings_for_step(concept, "experience"),
              started=is_started(concept, "experience"))
step_navigation("experience")
