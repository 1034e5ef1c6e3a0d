"""Settings: where the data lives, and the AI assistance (kept for this session only)."""

import streamlit as st

from concept.ui.ai_panel import settings_section
from concept.ui.session import get_store, t

st.title(t("page.settings.title"), anchor=False)
st.header(t("settings.data_title"), anchor=False)
st.markdown(t("settings.data_folder", folder=str(get_store().data_dir)))
st.caption(t("settings.data_hint"))
st.divider()
settings_section()
