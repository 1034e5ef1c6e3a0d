"""Per-session state: the language, the open concept, and saving it.

The open `Concept` object lives in `st.session_state["concept"]` and is edited in place; every
change is saved at once through the store. Widget keys carry a generation number that moves on
whenever the concept is replaced from outside the widgets (opened, reloaded, AI suggestion
accepted), so no widget shows a stale value.
"""

from __future__ import annotations

import logging

import streamlit as st

from concept import i18n
from concept.model import Concept, is_valid_id
from concept.store import (
    ConceptNotFound,
    ConceptStore,
    StaleRevisionError,
    StoreError,
    TinyDBConceptStore,
    default_data_dir,
)

log = logging.getLogger(__name__)

CONCEPT = "concept"
LANG = "lang"
GENERATION = "widget_generation"
SAVE_PROBLEM = "save_problem"
LAST_SAVED = "last_saved"
QUERY_CONCEPT = "c"


@st.cache_resource
def _store_for(data_dir: str) -> ConceptStore:
    # One store object per process and folder: its lock must be shared by every session.
    return TinyDBConceptStore(data_dir)


def get_store() -> ConceptStore:
    return _store_for(str(default_data_dir()))


QUERY_LANG = "lang"


def lang() -> str:
    """The session's language: as chosen (kept in the address, so a reload keeps it), else the
    browser's, else English."""
    chosen = st.session_state.get(LANG)  # one look-up: this runs for every text on a page
    if chosen is None:
        chosen = st.query_params.get(QUERY_LANG)
        if chosen not in i18n.LANGUAGES:
            try:
                locale = st.context.locale
            except Exception:  # no browser context (AppTest, bare mode)
                locale = None
            chosen = i18n.normalise_language(locale)
        st.session_state[LANG] = chosen
    return chosen


def set_lang(value: str) -> None:
    st.session_state[LANG] = i18n.normalise_language(value)


def t(key: str, **placeholders: object) -> str:
    return i18n.t(key, lang(), **placeholders)


def t_list(key: str) -> list[str]:
    return i18n.t_list(key, lang())


def enum_label(enum_name: str, value: str | None) -> str:
    return i18n.enum_label(enum_name, value, lang())


def generation() -> int:
    return st.session_state.get(GENERATION, 0)


def refresh_widgets() -> None:
    """Make every bound widget read its value from the model again on the next run."""
    st.session_state[GENERATION] = generation() + 1


def widget_key(name: str) -> str:
    return f"w{generation()}.{name}"


def current_concept() -> Concept | None:
    """The open concept; after a browser reload it is reopened from the URL (?c=<id>)."""
    concept = st.session_state.get(CONCEPT)
    if concept is not None:
        return concept
    concept_id = st.query_params.get(QUERY_CONCEPT)
    if concept_id and not is_valid_id(concept_id):
        # An address with a long or odd `c=` is treated as an unknown concept, before the store.
        st.query_params.pop(QUERY_CONCEPT, None)
    elif concept_id:
        try:
            return open_concept(concept_id)
        except (ConceptNotFound, StoreError):
            st.query_params.pop(QUERY_CONCEPT, None)
    return None


def open_concept(concept_id: str) -> Concept:
    concept = get_store().load(concept_id)
    st.session_state[CONCEPT] = concept
    st.session_state.pop(SAVE_PROBLEM, None)
    st.query_params[QUERY_CONCEPT] = concept.id
    refresh_widgets()
    return concept


def close_concept() -> None:
    st.session_state.pop(CONCEPT, None)
    st.session_state.pop(SAVE_PROBLEM, None)
    st.query_params.pop(QUERY_CONCEPT, None)
    refresh_widgets()


def save_current() -> bool:
    """Save the open concept. A refused save is remembered and shown, never silently dropped."""
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return False
    try:
        get_store().save(concept)
    except StaleRevisionError:
        st.session_state[SAVE_PROBLEM] = "stale"
        return False
    except (StoreError, OSError) as exc:
        log.warning("saving concept %s failed: %s", concept.id, type(exc).__name__)
        st.session_state[SAVE_PROBLEM] = "io"
        return False
    st.session_state.pop(SAVE_PROBLEM, None)
    st.session_state[LAST_SAVED] = concept.updated_at
    return True


def reload_current() -> None:
    """Throw away the unsaved in-memory copy and load what is stored."""
    concept = st.session_state.get(CONCEPT)
    if concept is not None:
        open_concept(concept.id)


def keep_mine() -> None:
    """The user chose to overwrite what another window saved with this window's version."""
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return
    stored = get_store().load(concept.id)
    concept.revision = stored.revision
    save_current()
