"""Start: the concept list, a new concept, and the open concept's starting idea (step 0)."""

import streamlit as st

from concept.formatting import plain
from concept.ui import bind
from concept.ui.brief import brief_panel
from concept.ui.frame import (
    page_intro,
    save_problem_banner,
    show_flash,
    step_navigation,
    to_complete,
)
from concept.ui.session import current_concept, t
from concept.ui.sharing import last_changed_line
from concept.ui.start import (
    concept_list,
    continue_banner,
    create_form,
    import_panel,
    retry_banner,
    visible_summaries,
)
from concept.ui.workshop import recipe_picker

page_intro("start")
show_flash()
retry_banner()
save_problem_banner()
bind.show_notice()

mine, shared = visible_summaries()  # once per run: both lists below use it
continue_banner(mine)
concept = current_concept()
if concept is not None:
    with st.container(border=True):
        st.header(t("start.open_concept", name=plain(concept.name or t("common.untitled"))),
                  anchor=False)
        last_changed_line(concept)
        left, right = st.columns(2)
        with left:
            bind.text(t("field.name"), concept, "name", key="concept.name", max_chars=300)
            bind.text(t("field.author"), concept, "author", key="concept.author", max_chars=300)
        with right:
            bind.text(t("field.industry"), concept, "industry", key="concept.industry",
                      max_chars=300)
            bind.text(t("field.organisation"), concept, "organisation",
                      key="concept.organisation", max_chars=300)
        st.markdown(t("start.why_intro"))
        bind.text_area(t("field.background"), concept, "background", key="concept.background",
                       height=80)
        bind.text_area(t("field.objective"), concept, "objective", key="concept.objective",
                       height=80)
        st.markdown(t("start.idea_intro"))
        bind.text_area(t("field.who"), concept.idea, "who", key="idea.who", height=80)
        bind.text_area(t("field.what_value"), concept.idea, "what_value", key="idea.what",
                       height=80)
        bind.text_area(t("field.how"), concept.idea, "how", key="idea.how", height=80)
        to_complete(concept, "start")
        brief_panel(concept)  # a new or empty concept: draft every step from a brief
        recipe_picker(concept)  # the path the concept follows: a recipe, or the full path

left, right = st.columns([3, 2])
with left:
    concept_list(mine, shared)
with right:
    create_form()
    import_panel(mine)

if concept is not None:
    step_navigation("start")
