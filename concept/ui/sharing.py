"""The sharing page's parts (team server only): who owns the open concept and who changed it
last, shares by e-mail, handing ownership over, and the client's read-only links.

Only the owner changes any of it; every action checks that again when it runs, not only the
button that offers it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from concept.access import (
    ROLES,
    ClientLink,
    hand_over,
    link_is_usable,
    looks_like_email,
    normal_email,
    person_label,
)
from concept.formatting import babel_locale, format_day, plain
from concept.model import Concept, utc_now
from concept.store import ReadOnlyStoreError, StoreError
from concept.ui.auth import LINK_PARAM, current_user, get_access, sign_in_configured
from concept.ui.frame import confirm, flash
from concept.ui.session import (
    ROLE,
    check_access,
    current_concept,
    lang,
    save_current,
    t,
)

LINK_DAYS = 14  # a client link's default life
SHARE_EMAIL = "sharing.email"
SHARE_ROLE = "sharing.role"
HANDOVER_EMAIL = "sharing.handover_email"
LINK_EXPIRES = "sharing.link_expires"


def _moment(value: datetime) -> str:
    from babel.dates import format_datetime

    try:
        zone = st.context.timezone
    except Exception:  # no browser context (AppTest): UTC
        zone = None
    return format_datetime(value, format="short", tzinfo=zone or "UTC",
                           locale=babel_locale(lang()))


def last_changed_line(concept: Concept) -> None:
    """'Last changed by … at …' on a team server (the laptop has one author)."""
    if not sign_in_configured() or concept.last_changed_by is None:
        return
    st.caption(t("access.last_changed", who=plain(person_label(concept.last_changed_by)),
                 when=_moment(concept.updated_at)), help=None)


def _is_owner(concept: Concept) -> bool:
    user = current_user()
    return (user is not None and not user.local and concept.owner is not None
            and concept.owner.key == user.key)


def _owned_open_concept() -> Concept | None:
    concept = current_concept()
    if concept is None or not _is_owner(concept):
        flash(t("access.not_allowed"), "error")
        return None
    return concept


def _write(action, *args) -> bool:  # noqa: ANN001, ANN002 - a store method and its arguments
    try:
        action(*args)
    except ReadOnlyStoreError:
        flash(t("save.read_only"), "error")
        return False
    except (StoreError, OSError):
        flash(t("save.action_failed"), "error")
        return False
    return True


# --- shares ---


def _share() -> None:
    concept = _owned_open_concept()
    if concept is None:
        return
    email = normal_email(st.session_state.get(SHARE_EMAIL) or "")
    role = st.session_state.get(SHARE_ROLE) or "viewer"
    user = current_user()
    if not looks_like_email(email):
        flash(t("access.share_bad_email"), "error")
        return
    if user is not None and email == user.email:
        flash(t("access.share_self"), "error")
        return
    if _write(get_access().share, concept.id, email, role):
        st.session_state[SHARE_EMAIL] = ""
        flash(t("access.shared", email=plain(email), role=t(f"access.role.{role}")))


def _unshare(email: str) -> None:
    concept = _owned_open_concept()
    if concept is not None and _write(get_access().unshare, concept.id, email):
        flash(t("access.unshared", email=plain(email)))


def shares_panel(concept: Concept) -> None:
    st.subheader(t("access.shares_heading"), anchor=False)
    shares = get_access().shares(concept.id)
    if not shares:
        st.caption(t("access.no_shares"))
    for share in shares:
        text, action = st.columns([4, 1], vertical_alignment="center")
        text.markdown(t("access.share_line", email=plain(share.email),
                        role=t(f"access.role.{share.role}")))
        action.button(t("access.unshare"), key=f"unshare_{share.email}", on_click=_unshare,
                      args=(share.email,), width="stretch")
    with st.form("share_form", clear_on_submit=False, border=True):
        st.text_input(t("access.share_email"), key=SHARE_EMAIL, max_chars=254,
                      placeholder=t("access.email_placeholder"))
        labels = {role: t(f"access.role.{role}") for role in ROLES}
        st.radio(t("access.share_role"), ROLES, key=SHARE_ROLE, horizontal=True,
                 format_func=labels.__getitem__, captions=[t(f"access.role_help.{r}")
                                                           for r in ROLES])
        st.form_submit_button(t("access.share"), type="primary", on_click=_share,
                              icon=":material/person_add:")


# --- hand-over ---


def _hand_over(email: str) -> None:
    concept = _owned_open_concept()
    user = current_user()
    if concept is None or user is None:
        return
    new_owner = get_access().user_by_email(email)
    if new_owner is None:
        flash(t("access.handover_unknown", email=plain(email)), "error")
        return
    previous = concept.owner
    hand_over(concept, user, new_owner)
    if not save_current():
        concept.owner = previous  # the save problem banner says why
        return
    # The previous owner keeps working on it as an editor.
    _write(get_access().share, concept.id, user.email, "editor")
    _write(get_access().unshare, concept.id, new_owner.email)
    st.session_state.pop(ROLE, None)
    check_access()
    flash(t("access.handed_over", email=plain(new_owner.label())))


def handover_panel(concept: Concept) -> None:
    st.subheader(t("access.handover_heading"), anchor=False)
    st.caption(t("access.handover_hint"))
    email_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
    email_col.text_input(t("access.handover_email"), key=HANDOVER_EMAIL, max_chars=254,
                         placeholder=t("access.email_placeholder"))
    if button_col.button(t("access.handover"), key="handover_start", width="stretch"):
        email = normal_email(st.session_state.get(HANDOVER_EMAIL) or "")
        if not looks_like_email(email):
            st.error(t("access.share_bad_email"), icon=":material/error:")
            return

        def body() -> None:
            st.markdown(t("access.handover_confirm", email=plain(email),
                          name=plain(concept.name or t("common.untitled"))))

        confirm(t("access.handover_title"), body, t("access.handover_yes"),
                lambda: _hand_over(email), key="handover", save=False)


# --- client links ---


def link_address(token: str) -> str:
    """The client link's full address: this server's address with only `?link=<token>`."""
    try:
        here = st.context.url or ""
    except Exception:
        here = ""
    parts = urlsplit(here)
    query = urlencode({LINK_PARAM: token})
    base = (st.get_option("server.baseUrlPath") or "").strip("/")  # behind a proxy's path
    path = f"/{base}/" if base else "/"
    if not parts.scheme:
        return f"{path}?{query}"
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def _create_link() -> None:
    concept = _owned_open_concept()
    user = current_user()
    if concept is None or user is None:
        return
    expires = st.session_state.get(LINK_EXPIRES) or utc_now().date() + timedelta(days=LINK_DAYS)
    if expires < utc_now().date():
        flash(t("access.link_past"), "error")
        return
    if _write(get_access().create_link, concept.id, expires, user.key):
        flash(t("access.link_created", date=format_day(expires, lang())))


def _revoke(token: str) -> None:
    concept = _owned_open_concept()
    if concept is None:
        return
    if not any(link.token == token for link in get_access().links(concept.id)):
        flash(t("access.not_allowed"), "error")
        return
    if _write(get_access().revoke_link, token):
        flash(t("access.link_revoked"))


def _link_state(link: ClientLink, today: date) -> str:
    if link.revoked:
        return t("access.link_state_revoked")
    if not link_is_usable(link, today):
        return t("access.link_state_expired", date=format_day(link.expires, lang()))
    return t("access.link_state_active", date=format_day(link.expires, lang()))


def links_panel(concept: Concept) -> None:
    st.subheader(t("access.links_heading"), anchor=False)
    st.caption(t("access.links_hint"))
    today = utc_now().date()
    date_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    date_col.date_input(t("access.link_expires"), key=LINK_EXPIRES,
                        value=today + timedelta(days=LINK_DAYS), min_value=today,
                        format="DD.MM.YYYY")
    button_col.button(t("access.link_create"), key="link_create", on_click=_create_link,
                      type="primary", icon=":material/add_link:", width="stretch")
    for number, link in enumerate(reversed(get_access().links(concept.id)), start=1):
        with st.container(border=True):
            st.markdown(t("access.link_line", number=number, state=_link_state(link, today)))
            if link_is_usable(link, today):
                st.code(link_address(link.token), language=None)
                st.button(t("access.link_revoke"), key=f"revoke_{link.token[:16]}",
                          on_click=_revoke, args=(link.token,), icon=":material/link_off:")


def sharing_page() -> None:
    """The whole sharing page for the open concept."""
    from concept.ui.frame import require_concept

    concept = require_concept()
    owner = person_label(concept.owner) or t("access.no_owner")
    st.markdown(t("access.owner_line", owner=plain(owner)))
    role = st.session_state.get(ROLE)
    last_changed_line(concept)
    if not _is_owner(concept):
        st.info(t("access.your_role", role=t(f"access.role.{role or 'viewer'}")),
                icon=":material/info:")
        return
    shares_panel(concept)
    st.divider()
    links_panel(concept)
    st.divider()
    handover_panel(concept)
