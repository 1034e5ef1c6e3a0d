"""Accessibility pieces the pages share: the document's language, the browser tab's title, advice
announced politely (a status, not an alert) and names for icon-only buttons."""

from __future__ import annotations

import json

import streamlit as st

from concept.ui.session import current_concept, lang, t

APP_NAME = "Konseptikone"
TITLE_SEPARATOR = " · "


def document_language() -> None:
    """Tells the browser (and so screen readers, spell checkers and hyphenation) the UI language:
    Streamlit's page always says <html lang="en">. A script-only st.html takes no room."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang())};</script>",
            unsafe_allow_javascript=True)


def page_title_text(page_title: str, concept_name: str | None, unnamed: str) -> str:
    """"Asiakaspolku · Kahvila Kulma · Konseptikone": the page first, so tabs and a page change
    are told apart. The browser shows it as plain text (no Markdown), so the name goes in as is."""
    parts = [page_title]
    if concept_name is not None:
        parts.append(" ".join(concept_name.split()) or unnamed)
    parts.append(APP_NAME)
    return TITLE_SEPARATOR.join(parts)


def set_page_title(page_title: str) -> None:
    concept = current_concept()
    name = concept.name if concept is not None else None
    st.set_page_config(page_title=page_title_text(page_title, name, t("a11y.unnamed_concept")))


def advice(message: str, icon: str) -> None:
    """Advice the user may act on, not an alarm: Streamlit gives st.warning and st.error
    role="alert" (read out at once, interrupting; ten of them on the health page) and st.info
    role="status". So all advice is an info box, told apart by its icon; warnings and errors stay
    for failures (a save that did not happen, a refused value)."""
    st.info(message, icon=icon)
