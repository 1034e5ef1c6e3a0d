"""The client's read-only view, reached by a client link (`/?link=<token>`) without an account:
the concept description preview and its document downloads, nothing else (no editors, no other
concept, no settings, no AI). A revoked, expired or unknown link is refused with one message, so
it tells nothing about which it was."""

from __future__ import annotations

import streamlit as st

from concept import i18n
from concept.access import link_is_usable
from concept.formatting import plain
from concept.model import Concept
from concept.store import ConceptNotFound, StoreError
from concept.ui.auth import LINK_PARAM, get_access
from concept.ui.session import get_store, lang, set_lang, t


def linked_concept() -> Concept | None:
    """The concept of the link in the address, if the link may be used today."""
    token = st.query_params.get(LINK_PARAM) or ""
    link = get_access().find_link(token) if token else None
    if not link_is_usable(link):
        return None
    try:
        return get_store().load(link.concept_id)
    except (ConceptNotFound, StoreError):
        return None


def language_switch() -> None:
    key = "client_lang"
    st.session_state[key] = lang()

    def changed() -> None:
        if st.session_state.get(key):
            set_lang(st.session_state[key])

    st.segmented_control(t("sidebar.language"), options=list(i18n.LANGUAGES), key=key,
                         on_change=changed, required=True,
                         format_func=lambda code: i18n.t(f"language.{code}", code))


def client_page() -> None:
    from concept.ui.description import download_buttons, export_language, preview

    language_switch()
    concept = linked_concept()
    if concept is None:
        st.title(t("client.refused_title"), anchor=False)
        st.error(t("client.refused"), icon=":material/link_off:")
        return
    st.title(t("client.title", name=plain(concept.name or t("common.untitled"))), anchor=False)
    st.caption(t("client.intro"))
    with st.container(border=True):
        st.header(t("description.export_heading"), anchor=False)
        doc_lang = export_language()
        # The version the owner marked (draft or final); the client does not choose.
        download_buttons(concept, doc_lang, concept.status, documents_only=True)
    st.header(t("description.preview_heading"), anchor=False)
    preview(concept, doc_lang, concept.status)
