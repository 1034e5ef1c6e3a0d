"""Step: the concept description (konseptikuvaus): export language and status, downloads,
and a preview of the document."""

import streamlit as st

from concept.ui.description import download_buttons, export_language, preview, status_choice
from concept.ui.frame import begin_step, step_navigation
from concept.ui.session import t

concept = begin_step("description")

with st.container(border=True):
    st.subheader(t("description.export_heading"), anchor=False)
    left, right = st.columns(2)
    with left:
        doc_lang = export_language()
    with right:
        status_choice(concept)
    download_buttons(concept, doc_lang)

st.subheader(t("description.preview_heading"), anchor=False)
preview(concept, doc_lang)

step_navigation("description")
