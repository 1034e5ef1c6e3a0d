"""The description step's widgets: export language and status, download buttons, the preview.

The preview lays out the same structured document the exports render. Every text goes through
the Markdown escaping of the Markdown export, so a user's `**`, `<script>` or `[link](…)` shows
exactly as typed and is never interpreted.
"""

from __future__ import annotations

import streamlit as st

from concept.document import Bullets, Document, Heading, KeyValue, Paragraph, Table
from concept.export import FORMATS, export, file_name
from concept.export.markdown import escape, table_lines
from concept.i18n import LANGUAGES
from concept.model import Concept
from concept.ui import bind
from concept.ui.session import enum_label, lang, t

EXPORT_LANG = "description.export_lang"
# The widget's own state is dropped when the user visits another page; this keeps the choice.
CHOSEN_LANG = "description.chosen_export_lang"


def _remember_language() -> None:
    st.session_state[CHOSEN_LANG] = st.session_state.get(EXPORT_LANG)


def export_language() -> str:
    """The document's language, chosen here; it starts as the UI language and stays as chosen."""
    if st.session_state.get(EXPORT_LANG) not in LANGUAGES:
        chosen = st.session_state.get(CHOSEN_LANG)
        st.session_state[EXPORT_LANG] = chosen if chosen in LANGUAGES else lang()
    return st.segmented_control(t("description.export_language"), options=list(LANGUAGES),
                                format_func=lambda code: t(f"language.{code}"),
                                key=EXPORT_LANG, on_change=_remember_language,
                                help=t("description.export_hint")) or lang()


def status_choice(concept: Concept) -> None:
    bind.bound(st.radio, t("description.status"), concept, "status", key="description.status",
               options=["draft", "final"], horizontal=True,
               format_func=lambda value: enum_label("concept_status", value))


def download_buttons(concept: Concept, doc_lang: str) -> None:
    columns = st.columns(len(FORMATS))
    for column, spec in zip(columns, FORMATS.values(), strict=True):
        # A callable is run only when the button is clicked, so nothing is built in advance.
        column.download_button(
            t(spec.label_key), data=lambda fmt=spec.key: export(concept, fmt, doc_lang),
            file_name=file_name(concept, spec.key), mime=spec.mime, help=t(spec.help_key),
            key=f"description.download.{spec.key}", on_click="ignore", width="stretch",
            icon=":material/download:",
        )


def _cell(text: str) -> str:
    return escape(text.replace("\n", "; "))


def _table(block: Table) -> None:
    # A Markdown table: st.table would build a DataFrame per table, several times slower.
    st.markdown("\n".join(table_lines(block, _cell)))


def _list_item(text: str) -> str:
    return escape(text).replace("\n", "\n  ")


def preview(document: Document) -> None:
    """The document laid out with Streamlit elements, in its own bordered container."""
    with st.container(border=True):
        st.caption(escape(document.cover.kind))
        st.header(escape(document.cover.title), anchor=False)
        if document.cover.tagline:
            st.markdown(f"*{escape(document.cover.tagline)}*")
        st.markdown("\n".join(f"- **{escape(k)}:** {_list_item(v)}"
                              for k, v in document.cover.meta))
        if not document.sections:
            st.info(t("description.empty"), icon=":material/info:")
        for section in document.sections:
            st.subheader(escape(section.title), anchor=False, divider="gray")
            for block in section.blocks:
                if isinstance(block, Heading):
                    st.markdown("#" * min(block.level + 2, 6) + " " + escape(block.text))
                elif isinstance(block, Paragraph):
                    st.markdown(escape(block.text))
                elif isinstance(block, Bullets):
                    st.markdown("\n".join("- " + _list_item(item) for item in block.items))
                elif isinstance(block, KeyValue):
                    st.markdown("\n".join(f"- **{escape(k)}:** {_list_item(v)}"
                                          for k, v in block.items))
                elif isinstance(block, Table):
                    _table(block)
