"""The description step's widgets: export language and version, the concept's status, download
buttons, the preview.

The export panel chooses only which version of the document to download (a draft with the
appendix of findings, or the final one without it); marking the concept itself final is a
separate button that asks first and says what it does, so a download never changes what is saved.

The preview lays out the same structured document the exports render. Every text goes through
the Markdown escaping of the Markdown export, so a user's `**`, `<script>` or `[link](…)` shows
exactly as typed and is never interpreted.
"""

from __future__ import annotations

import streamlit as st

from concept.document import Document, build_document
from concept.export import FORMATS, export, file_name
from concept.export.markdown import blocks_markdown, caption_only, escape
from concept.i18n import LANGUAGES
from concept.model import Concept
from concept.ui.session import current_concept, enum_label, lang, save_current, t

EXPORT_LANG = "description.export_lang"
# The widget's own state is dropped when the user visits another page; this keeps the choice.
CHOSEN_LANG = "description.chosen_export_lang"
PREVIEW_MEMO = "description.preview_memo"
VARIANTS = ("draft", "final")


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


def variant_choice(concept: Concept) -> str:
    """Draft or final document, for the downloads and the preview; starts as the concept's
    status and is never saved (the widget's key names the concept, so another concept starts
    from its own status)."""
    key = f"description.variant.{concept.id}"
    if st.session_state.get(key) not in VARIANTS:
        st.session_state[key] = concept.status
    return st.radio(t("description.variant"), VARIANTS, key=key, horizontal=True,
                    format_func=lambda value: t(f"description.variant_{value}"),
                    help=t("description.variant_help")) or concept.status


def _set_status(status: str, variant_key: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    concept.status = status
    # The download version follows the status the user has just set.
    st.session_state[variant_key] = status
    save_current()


def status_control(concept: Concept) -> None:
    """The concept's saved status in plain words, and a button to change it after a question."""
    target = "draft" if concept.status == "final" else "final"
    text, action = st.columns([3, 2], vertical_alignment="center")
    text.markdown(t("description.status_line",
                    status=enum_label("concept_status", concept.status)))
    with action.popover(t(f"description.mark_{target}"), width="stretch"):
        st.markdown(t(f"description.mark_{target}_body"))
        st.button(t(f"description.mark_{target}_yes"), key=f"description.mark_{target}",
                  type="primary", on_click=_set_status,
                  args=(target, f"description.variant.{concept.id}"))


def download_buttons(concept: Concept, doc_lang: str, variant: str, *,
                     documents_only: bool = False) -> None:
    """One button per format; `documents_only` leaves out the JSON file (the whole concept, for
    moving it between machines), as the client link does."""
    specs = [spec for spec in FORMATS.values() if spec.renderer or not documents_only]
    columns = st.columns(len(specs))
    for column, spec in zip(columns, specs, strict=True):
        # A callable is run only when the button is clicked, so nothing is built in advance.
        column.download_button(
            t(spec.label_key),
            data=lambda fmt=spec.key: export(concept, fmt, doc_lang, variant=variant),
            file_name=file_name(concept, spec.key), mime=spec.mime, help=t(spec.help_key),
            key=f"description.download.{spec.key}", on_click="ignore", width="stretch",
            icon=":material/download:",
        )


def _cell(text: str) -> str:
    # Streamlit shows no HTML, so a line break in a cell (<br> in the export) becomes "; ".
    return escape(text.replace("\n", "; "))


def _preview_markdown(document: Document) -> tuple[str, list[tuple[str, str]]]:
    """(the cover, [(section title, its body)]) as escaped Markdown, the export's own way."""
    cover = document.cover
    lines = [f"*{escape(cover.tagline)}*", ""] if cover.tagline else []
    lines += [f"- **{escape(k)}:** " + escape(v).replace("\n", "\n  ") for k, v in cover.meta]
    sections = [(escape(section.title),
                 "\n".join(blocks_markdown(section.blocks, heading_offset=2, cell=_cell,
                                           figure=caption_only)))
                for section in document.sections]
    return "\n".join(lines), sections


def preview(concept: Concept, doc_lang: str, variant: str) -> None:
    """The document in its own bordered container: one Markdown block per section."""
    # Built again only when the concept or the language changed: a large concept's document
    # takes longer to build and escape than the rest of the page.
    memo_key = (concept.model_dump_json(), doc_lang, variant)
    memo = st.session_state.get(PREVIEW_MEMO)
    if memo is None or memo[0] != memo_key:
        with st.spinner(t("description.building")):
            document = build_document(concept, doc_lang, variant=variant)
            memo = (memo_key, document.cover, _preview_markdown(document))
        st.session_state[PREVIEW_MEMO] = memo
    _, cover, (cover_markdown, sections) = memo
    with st.container(border=True):
        st.caption(escape(cover.kind))
        st.subheader(escape(cover.title), anchor=False)
        st.markdown(cover_markdown)
        if not sections:
            st.info(t("description.empty"), icon=":material/info:")
        for title, body in sections:
            st.subheader(title, anchor=False, divider="gray")
            st.markdown(body)
