"""Sign-in for the team server: whether it is on, who the user is, and the access store.

Everything the app knows about the user comes through `current_user()`: on the laptop (no `[auth]`
section in `.streamlit/secrets.toml`) it is `LOCAL_USER`; with sign-in it is built from `st.user`
(the OIDC claims `iss`, `sub`, `email`, `name`), or None while nobody is signed in. AppTest fakes a
user by setting `at.secrets["auth"]` and `at.user` (see tests/pages/test_access.py).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from concept.access import (
    LOCAL_USER,
    AccessStore,
    JSONAccessStore,
    Share,
    User,
    access_of,
    user_from_claims,
)
from concept.model import Concept
from concept.store import default_data_dir

LINK_PARAM = "link"  # the client link: /?link=<token>


def sign_in_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section: the app is a team server."""
    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # no secrets file at all: the laptop
        return False


def _claims() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no script context
        return {}


def current_user() -> User | None:
    """The user of this session: `LOCAL_USER` without sign-in, None while signed out."""
    if not sign_in_configured():
        return LOCAL_USER
    claims = _claims()
    if not claims.get("is_logged_in"):
        return None
    return user_from_claims(claims)


@st.cache_resource
def _access_for(data_dir: str) -> AccessStore:
    # One object per process and folder, like the concept store: its lock is shared.
    return JSONAccessStore(data_dir)


def get_access() -> AccessStore:
    """The access store beside the concept store: a concept store that keeps users, shares and
    links itself (PostgreSQL, in its own tables) is its own; TinyDB's is `access.json`."""
    from concept.ui.session import get_store  # session imports this module

    store = get_store()
    if callable(getattr(store, "shared_with", None)):
        return store  # type: ignore[return-value]
    return _access_for(str(default_data_dir()))


def shares_of(concept_id: str) -> list[Share]:
    return get_access().shares(concept_id)


def role_for(user: User | None, concept: Concept) -> str | None:
    """"owner", "editor", "viewer" or None for `user` and the concept as loaded."""
    if user is None:
        return None
    owner = concept.owner.key if concept.owner is not None else ""
    shares = [] if user.local else shares_of(concept.id)
    return access_of(user, owner, shares)


def role_for_summary(user: User | None, concept_id: str, owner: str) -> str | None:
    if user is None:
        return None
    return access_of(user, owner, [] if user.local else shares_of(concept_id))
