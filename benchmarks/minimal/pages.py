"""Twin of the app's step pages: st.navigation over the same number of pages, a title each."""

import streamlit as st

TITLES = ["Start", "Customer profiles", "Customer journey", "Purchase process",
          "Experience over time", "Relationships", "Competitive edge", "Value proposition",
          "Concept description"]


def page_for(title: str):
    def show() -> None:
        st.title(title)

    show.__name__ = "page_" + "".join(c if c.isalnum() else "_" for c in title.lower())
    return st.Page(show, title=title)


st.navigation([page_for(title) for title in TITLES]).run()
