"""Sharing (team server): owner, colleagues, client links and handing the concept over."""

import streamlit as st

from concept.ui.frame import show_flash
from concept.ui.session import t
from concept.ui.sharing import sharing_page

st.title(t("page.sharing.title"), anchor=False)
st.markdown(t("page.sharing.purpose"))
show_flash()
sharing_page()
