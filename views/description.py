"""Step: the concept description (konseptikuvaus): export language and version, downloads,
the concept's status, and a preview of the document."""

import streamlit as st

from concept.ui.description import (
    download_buttons,
    export_language,
    preview,
    status_control,
    variant_choice,
)
from concept.ui.frame import begin_step, step_navigation
from concept.ui.session import t

concept = begin_step("description")

with st.container(border=True):
    st.header(t("description.export_heading"), anchor=False)
    left, right = st.columns(2)
    with left:
        doc_lang = export_language()
    with right:
        variant = variant_choice(concept)
    download_buttons(concept, doc_lang, variant)
    st.divider()
    status_control(concept)

st.header(t("description.preview_heading"), anchor=False)
preview(concept, doc_lang, variant)

step_navigation("description")
