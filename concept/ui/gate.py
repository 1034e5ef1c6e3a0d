"""What a visitor reaches before the app's own pages: a client link's page, or, on a team server,
the sign-in page until they sign in; and the sidebar's account panel with Sign out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from concept.formatting import plain
from concept.ui.a11y import lone_page
from concept.ui.auth import LINK_PARAM, current_user, get_access, sign_in_configured
from concept.ui.session import CONCEPT, close_concept, t


def _only(page: str, title: str, public: Sequence[Any] = ()) -> None:
    # A navigation of one hidden page (and the `public` ones): whatever path or page the
    # address names, this is it.
    shown = st.navigation([st.Page(page, title=title, default=True), *public],
                          position="hidden")
    shown.run()
    lone_page(shown.title)


def gate(public: Sequence[Any] = ()) -> bool:
    """Draw the client link's page or the sign-in page when one is due; True when it drew one
    (the caller stops there, so no other page, concept or sidebar is reached). `public` are the
    `st.Page`s a signed-out visitor may still reach by their address (the live workshop's
    participant page)."""
    if not sign_in_configured():
        return False  # the laptop: no sign-in, no client links
    if st.query_params.get(LINK_PARAM):
        _only("views/client.py", t("client.page_title"))
        return True
    user = current_user()
    if user is None:
        if CONCEPT in st.session_state:
            close_concept()  # signed out meanwhile: nothing of theirs stays in reach
        _only("views/signin.py", t("signin.page_title"), public)
        return True
    try:
        get_access().remember_user(user)  # so a concept can be handed over to them by e-mail
    except OSError:
        pass  # a read-only or full folder: hand-over finds them on a later sign-in
    return False


def _sign_out() -> None:
    close_concept()
    st.logout()


def sign_in_page() -> None:
    from concept.ui.client import language_switch

    language_switch()
    st.title(t("signin.title"), anchor=False)
    st.markdown(t("signin.intro"))
    if st.user.get("is_logged_in"):
        # Signed in, but the provider sent no issuer or subject to tell this user by.
        st.error(t("signin.no_subject"), icon=":material/error:")
        if st.button(t("signin.sign_out"), key="signin_sign_out"):
            _sign_out()
        return
    if st.button(t("signin.sign_in"), key="sign_in", type="primary", icon=":material/login:"):
        st.login()


def account_panel() -> None:
    """Who is signed in and Sign out, in the sidebar of a team server."""
    user = current_user()
    if user is None or user.local:
        return
    st.caption(t("signin.signed_in_as", who=plain(user.label())))
    if st.button(t("signin.sign_out"), key="sign_out", icon=":material/logout:"):
        _sign_out()
