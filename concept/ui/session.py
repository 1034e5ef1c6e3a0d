"""Per-session state: the language, the open concept, and saving it.

The open `Concept` object lives in `st.session_state["concept"]` and is edited in place; every
change is saved at once through the store. Widget keys carry a generation number that moves on
whenever the concept is replaced from outside the widgets (opened, reloaded, AI suggestion
accepted), so no widget shows a stale value.
"""

from __future__ import annotations

import logging

import streamlit as st

from concept import i18n, recovery
from concept.access import stamp_author
from concept.model import Concept, is_valid_id
from concept.store import (
    ConceptNotFound,
    ConceptStore,
    ReadOnlyStoreError,
    StaleRevisionError,
    StoreError,
    database_url,
    default_data_dir,
    open_store,
)
from concept.ui.auth import current_user, role_for

log = logging.getLogger(__name__)

CONCEPT = "concept"
LANG = "lang"
GENERATION = "widget_generation"
SAVE_PROBLEM = "save_problem"
LAST_SAVED = "last_saved"
RECOVERED = "recovered"  # an unsaved version kept by a failed save, offered for restoring
KEPT = "recovery_kept"  # the id whose unsaved version this session wrote to a recovery file
QUERY_CONCEPT = "c"
ROLE = "access_role"  # the user's role on the open concept: "owner", "editor" or "viewer"
EDITING_ROLES = ("owner", "editor")


@st.cache_resource
def _store_for(data_dir: str, database_url: str | None) -> ConceptStore:
    # One store object per process and place: its lock (TinyDB) or its connection pool
    # (PostgreSQL) is shared by every session.
    return open_store(data_dir, database_url)


def get_store() -> ConceptStore:
    return _store_for(str(default_data_dir()), database_url())


def read_only() -> bool:
    """True when the open concept cannot be changed here (the store cannot be written, or the
    user is a viewer of it): pages show, export, and disable their editing."""
    if get_store().read_only:
        return True
    return CONCEPT in st.session_state and not may_edit_open()


def _role() -> str | None:
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return None
    if ROLE not in st.session_state:  # put in place by hand (a test, a restored version)
        st.session_state[ROLE] = role_for(current_user(), concept)
    return st.session_state[ROLE]


def may_edit_open() -> bool:
    return _role() in EDITING_ROLES


def check_access() -> None:
    """Once per run: the user's role on the open concept again (a share may have been removed,
    the user signed out); a concept the user may no longer open is closed."""
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return
    role = role_for(current_user(), concept)
    if role is None:
        close_concept()
    else:
        st.session_state[ROLE] = role


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
    """Open a concept the user may open; any other is `ConceptNotFound`, as if it did not exist
    (an address with another user's id tells nothing about it)."""
    concept = get_store().load(concept_id)
    role = role_for(current_user(), concept)
    if role is None:
        raise ConceptNotFound(concept_id)
    st.session_state[ROLE] = role
    st.session_state[CONCEPT] = concept
    st.session_state.pop(SAVE_PROBLEM, None)
    st.query_params[QUERY_CONCEPT] = concept.id
    kept = recovery.find(default_data_dir(), concept.id)
    if kept is not None:
        st.session_state[RECOVERED] = kept
    else:
        st.session_state.pop(RECOVERED, None)
    refresh_widgets()
    return concept


def create_concept(concept: Concept) -> Concept:
    """Store a new concept (made, duplicated, imported, drafted) as the signed-in user's own:
    every new concept goes through here, so none is left without its owner on a team server."""
    from concept.access import take_ownership

    user = current_user()
    if user is None:  # signed out meanwhile
        raise ReadOnlyStoreError("nobody is signed in")
    return get_store().create(take_ownership(concept, user))


def close_concept() -> None:
    st.session_state.pop(CONCEPT, None)
    st.session_state.pop(ROLE, None)
    st.session_state.pop(SAVE_PROBLEM, None)
    st.session_state.pop(RECOVERED, None)
    st.query_params.pop(QUERY_CONCEPT, None)
    refresh_widgets()


def save_current() -> bool:
    """Save the open concept. A refused save is remembered and shown, never silently dropped."""
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return False
    user = current_user()
    if user is None or not may_edit_open():
        st.session_state[SAVE_PROBLEM] = "viewer"  # a viewer, or signed out meanwhile
        return False
    stamp_author(concept, user)
    try:
        get_store().save(concept)
    except StaleRevisionError:
        st.session_state[SAVE_PROBLEM] = "stale"
        return False
    except ReadOnlyStoreError:
        st.session_state[SAVE_PROBLEM] = "read_only"
        return False
    except ConceptNotFound:
        st.session_state[SAVE_PROBLEM] = "gone"  # deleted in another tab or window
        return False
    except (StoreError, OSError) as exc:
        log.warning("saving concept %s failed: %s", concept.id, type(exc).__name__)
        st.session_state[SAVE_PROBLEM] = "io"
        # Kept outside the session too, so a reload does not lose it before a save goes through.
        _keep(concept)
        return False
    _saved(concept)
    return True


def _keep(concept: Concept) -> None:
    if recovery.keep(default_data_dir(), concept) is not None:
        st.session_state[KEPT] = concept.id


def _saved(concept: Concept) -> None:
    st.session_state.pop(SAVE_PROBLEM, None)
    st.session_state[LAST_SAVED] = concept.updated_at
    # The file this session kept is no longer needed; one offered from an earlier session stays
    # until the user restores or discards it.
    if st.session_state.pop(KEPT, None) == concept.id:
        recovery.discard(default_data_dir(), concept.id)


def save_again_as_new() -> None:
    """The open concept was deleted elsewhere: store this window's version under its id again."""
    concept = st.session_state.get(CONCEPT)
    if concept is None or not may_edit_open():
        return
    try:
        get_store().create(concept)
    except (StoreError, OSError) as exc:
        log.warning("re-creating concept %s failed: %s", concept.id, type(exc).__name__)
        st.session_state[SAVE_PROBLEM] = "io"
        _keep(concept)
        return
    _saved(concept)


def restore_recovered() -> None:
    """Put the kept unsaved version back in place of the loaded one and try to save it; a save
    refused because the concept changed since shows the usual choice between the two."""
    kept = st.session_state.pop(RECOVERED, None)
    if kept is None:
        return
    st.session_state[CONCEPT] = kept.concept
    st.session_state[KEPT] = kept.concept.id  # a save that goes through removes the file
    refresh_widgets()
    save_current()


def discard_recovered() -> None:
    kept = st.session_state.pop(RECOVERED, None)
    if kept is not None:
        recovery.discard(default_data_dir(), kept.concept.id)


def reload_current() -> None:
    """Throw away the unsaved in-memory copy and load what is stored."""
    concept = st.session_state.get(CONCEPT)
    if concept is not None:
        try:
            open_concept(concept.id)
        except ConceptNotFound:
            st.session_state[SAVE_PROBLEM] = "gone"


def keep_mine() -> None:
    """The user chose to overwrite what another window saved with this window's version."""
    concept = st.session_state.get(CONCEPT)
    if concept is None:
        return
    try:
        stored = get_store().load(concept.id)
    except ConceptNotFound:
        st.session_state[SAVE_PROBLEM] = "gone"
        return
    concept.revision = stored.revision
    save_current()
