"""Accessibility pieces the pages share: the document's language, the browser tab's title, advice
announced politely (a status, not an alert) and names for icon-only buttons."""

from __future__ import annotations

import json
import re

import streamlit as st

from concept.ui.session import current_concept, lang, t

APP_NAME = "Konseptikone"
TITLE_SEPARATOR = " · "


def _language_script() -> str:
    return f"<script>document.documentElement.lang = {_script_json(lang())};</script>"


def document_language() -> None:
    """Tells the browser (and so screen readers, spell checkers and hyphenation) the UI language:
    Streamlit's page always says <html lang="en">. In the sidebar, after its content: a script
    element still takes a gap in the layout, and it would sit above the page's title."""
    st.sidebar.html(_language_script(), unsafe_allow_javascript=True)


def lone_page(title: str | None) -> None:
    """For a page drawn without the sidebar (sign-in, a client link's page, a workshop
    participant's phone, the room gate's refusal): the tab's title and the document's language.
    Called after the page, so the script's small gap is at its end. No concept is looked up:
    these pages must not open one."""
    st.set_page_config(page_title=page_title_text(title, None, "") if title else APP_NAME)
    st.html(_language_script(), unsafe_allow_javascript=True)


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


BUTTON_NAMES = "a11y.button_names"


def _script_json(value: object) -> str:
    # JSON inside <script>: "<" escaped, so no user text can close the script element.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def name_button(key: str, name: str) -> None:
    """Give the icon-only button (or popover) with widget `key` the accessible name `name`
    ("Siirrä vaihe ”Tiedonhaku” ylös"): Streamlit names it by its icon ("arrow_upward") and has
    no aria-label parameter. The names are set by `apply_button_names` at the end of the run."""
    st.session_state.setdefault(BUTTON_NAMES, {})[key] = name


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element of a widget with a user key (documented)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def button_names_script(names: dict[str, str]) -> str:
    by_class = {key_class(key): name for key, name in names.items()}
    # One observer per browser tab keeps the names on buttons React draws again later.
    return f"""<script>
window.konseptikoneButtonNames = {_script_json(by_class)};
(() => {{
  const apply = () => {{
    for (const [cls, name] of Object.entries(window.konseptikoneButtonNames)) {{
      for (const b of document.querySelectorAll(`.${{cls}} button`)) {{
        if (b.getAttribute("aria-label") !== name) b.setAttribute("aria-label", name);
      }}
    }}
  }};
  if (!window.konseptikoneNamer) {{
    window.konseptikoneNamer = new MutationObserver(apply);
    window.konseptikoneNamer.observe(document.body, {{childList: true, subtree: true}});
  }}
  apply();
}})();
</script>"""


def apply_button_names() -> None:
    """At the end of the page's run: name this run's icon-only buttons (see `name_button`)."""
    names = st.session_state.pop(BUTTON_NAMES, {})
    st.html(button_names_script(names), unsafe_allow_javascript=True)
