"""About: what Konseptikone is and the method it is based on."""

import streamlit as st

from concept.ui.session import t

st.title(t("page.about.title"), anchor=False)
st.markdown(t("about.body"))
st.header(t("about.method_title"), anchor=False)
st.markdown(t("about.method"))
