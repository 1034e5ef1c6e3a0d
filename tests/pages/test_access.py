"""AppTest security tests for the team server: with an `[auth]` section, user A cannot open,
export, rename, duplicate, delete or import over user B's concept by any route (the `c=` address
included); a viewer cannot save; the client link shows only the preview and downloads, and a
revoked or expired link is refused; signed out, only the sign-in page answers.

AppTest cannot drive st.login, so a test sets `at.secrets["auth"]` (sign-in is on) and `at.user`
(the OIDC claims `st.user` carries); the app reads both through concept/ui/auth.py, as it reads
the real ones.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from concept.access import JSONAccessStore, User, stamp_author, take_ownership
from concept.model import Concept, utc_now
from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from concept.transfer import concept_to_json
from tests.conftest import APP_DIR
from tests.helpers import TIMEOUT

ISS = "http://127.0.0.1:9/issuer"
ALICE = User(ISS, "alice", "alice@example.com", "Alice")
BOB = User(ISS, "bob", "bob@example.com", "Bob")
AUTH = {"redirect_uri": "http://127.0.0.1:9/oauth2callback", "cookie_secret": "test-secret",
        "client_id": "konseptikone", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def claims(user: User) -> dict:
    return {"is_logged_in": True, "iss": user.issuer, "sub": user.subject, "email": user.email,
            "name": user.name}


def app_as(user: User | None, *, lang: str = "en", concept_id: str | None = None,
           link: str | None = None) -> AppTest:
    """The app on a team server, as `user` (None: signed out), opened at `?c=` or `?link=`."""
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    if user is not None:
        at.user = claims(user)
    at.session_state["lang"] = lang
    if concept_id:
        at.query_params["c"] = concept_id
    if link:
        at.query_params["link"] = link
    return at.run()


def owned(data_dir, owner: User, name: str) -> Concept:
    concept = take_ownership(cafe_concept(), owner)
    concept.name = name
    return TinyDBConceptStore(data_dir).create(concept)


def text_of(at: AppTest) -> str:
    """Everything shown as text, with Markdown's escapes read as their characters."""
    parts = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption",
                                       "info", "warning", "error", "success", "code")
             for e in getattr(at, kind)]
    parts += [str(b.label) for b in at.button]
    if at.dataframe:
        parts += [str(v) for v in at.dataframe[0].value["name"].tolist()]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def rows(at: AppTest) -> list[str]:
    return at.dataframe[0].value["name"].tolist() if at.dataframe else []


def choose(at: AppTest, name: str) -> AppTest:
    position = rows(at).index(name)
    at.session_state[at.dataframe[0].key] = {
        "selection": {"rows": [position], "columns": [], "cells": []}}
    return at.run()


def labels(at: AppTest) -> dict[str, object]:
    return {b.label: b for b in at.button}


def assert_shut_out(at: AppTest, hidden: str, pages: tuple[str, ...]) -> None:
    """Nothing of the concept named `hidden` shown, no concept opened, and none of `pages`
    reachable: they are not in this visitor's navigation."""
    assert hidden not in text_of(at)
    assert "concept" not in at.session_state
    for page in pages:
        with pytest.raises(Exception):  # noqa: B017 - the page is not in this navigation
            at.switch_page(page).run()


@pytest.fixture
def two_users(data_dir):
    """Alice's "Alice café" and Bob's "Bob bakery" in one store."""
    return owned(data_dir, ALICE, "Alice café"), owned(data_dir, BOB, "Bob bakery")


# --- signed out -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, sign_in", [("en", "Sign in"), ("fi", "Kirjaudu sisään")])
def test_signed_out_visitor_reaches_only_the_sign_in_page(data_dir, two_users, lang, sign_in):
    alice_cafe, _ = two_users
    at = app_as(None, lang=lang, concept_id=alice_cafe.id)
    assert not at.exception
    assert [b.label for b in at.button] == [sign_in]
    assert_shut_out(at, "Alice café",
                    ("views/profiles.py", "views/description.py", "views/settings.py"))


def test_signing_out_closes_the_open_concept(data_dir, two_users):
    alice_cafe, _ = two_users
    at = app_as(ALICE, concept_id=alice_cafe.id)
    assert at.session_state["concept"].id == alice_cafe.id
    at.user = {"is_logged_in": False}
    at.run()
    assert "concept" not in at.session_state
    assert [b.label for b in at.button] == ["Sign in"]


# --- the start list and the address -----------------------------------------------------------


def test_each_user_lists_only_their_own_concepts(data_dir, two_users):
    at = app_as(ALICE)
    assert rows(at) == ["Alice café"]
    at = app_as(BOB)
    assert rows(at) == ["Bob bakery"]


def test_a_laptop_concept_without_owner_is_nobodys_on_a_server(data_dir, two_users):
    TinyDBConceptStore(data_dir).create(Concept(name="From a laptop"))
    assert "From a laptop" not in rows(app_as(ALICE))


def test_another_users_concept_does_not_open_from_the_address(data_dir, two_users):
    _, bob_bakery = two_users
    at = app_as(ALICE, concept_id=bob_bakery.id)
    assert not at.exception
    assert "concept" not in at.session_state
    assert "c" not in at.query_params
    assert "Bob bakery" not in text_of(at)
    at.switch_page("views/description.py").run()
    assert "Bob bakery" not in text_of(at)
    assert not at.get("download_button")


def test_a_concept_opened_before_a_share_was_removed_closes(data_dir, two_users):
    _, bob_bakery = two_users
    access = JSONAccessStore(data_dir)
    access.share(bob_bakery.id, ALICE.email, "editor")
    at = app_as(ALICE, concept_id=bob_bakery.id)
    assert at.session_state["concept"].id == bob_bakery.id
    access.unshare(bob_bakery.id, ALICE.email)
    at.switch_page("views/profiles.py").run()
    assert "concept" not in at.session_state
    assert "Bob bakery" not in text_of(at)


def _forge(action: str, concept_id: str, data_dir) -> None:
    """A script that calls a list action on `concept_id` directly, as a forged widget event
    would: the action must check the user itself, not rely on which buttons were drawn."""
    import streamlit as st

    from concept.ui import start
    from concept.ui.frame import show_flash

    if action == "rename":
        st.session_state["forged_name"] = "Taken over"
        start._rename(concept_id, "forged_name")
    elif action == "duplicate":
        start._duplicate(concept_id)
    elif action == "export":
        try:
            start._json_of(concept_id)
        except Exception as problem:  # noqa: BLE001 - what a download would meet
            st.session_state["export_error"] = type(problem).__name__
    elif action == "delete":
        start.attempt(lambda: start.delete_concept(concept_id, "Bob bakery"))
    show_flash()


@pytest.mark.parametrize("action", ["rename", "duplicate", "export", "delete"])
def test_list_actions_on_another_users_concept_are_refused(data_dir, two_users, action):
    _, bob_bakery = two_users
    at = AppTest.from_function(_forge, args=(action, bob_bakery.id, str(data_dir)),
                               default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    store = TinyDBConceptStore(data_dir)
    kept = store.load(bob_bakery.id)  # not deleted
    assert kept.name == "Bob bakery" and kept.revision == bob_bakery.revision
    assert sorted(s.name for s in store.list()) == ["Alice café", "Bob bakery"]  # no copy
    if action == "export":
        assert at.session_state["export_error"] == "ConceptNotFound"
    else:
        assert "could not be found" in text_of(at) or "cannot" in text_of(at)


def test_an_editor_cannot_delete_by_a_forged_event(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "editor")
    at = AppTest.from_function(_forge, args=("delete", bob_bakery.id, str(data_dir)),
                               default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert TinyDBConceptStore(data_dir).load(bob_bakery.id).name == "Bob bakery"
    assert "Only its owner" in text_of(at)


def test_duplicating_a_shared_concept_makes_a_copy_of_ones_own(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "viewer")
    at = AppTest.from_function(_forge, args=("duplicate", bob_bakery.id, str(data_dir)),
                               default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    copies = [s for s in TinyDBConceptStore(data_dir).list() if s.name == "Bob bakery (copy)"]
    assert len(copies) == 1 and copies[0].owner == ALICE.key


def test_importing_another_users_file_makes_a_new_concept_of_ones_own(data_dir, two_users):
    _, bob_bakery = two_users
    at = app_as(ALICE)
    at.file_uploader(key="import_json").set_value(
        ("bob.json", concept_to_json(bob_bakery).encode(), "application/json")).run()
    at.button(key="import_do").click().run()
    assert not at.exception
    store = TinyDBConceptStore(data_dir)
    assert store.load(bob_bakery.id).owner.key == BOB.key  # Bob's is untouched
    imported = [s for s in store.list() if s.id not in (bob_bakery.id, two_users[0].id)]
    assert len(imported) == 1 and imported[0].owner == ALICE.key
    assert sorted(rows(at)) == sorted(["Alice café", imported[0].name])


# --- sharing ----------------------------------------------------------------------------------


def test_a_viewer_sees_the_concept_under_shared_and_cannot_change_it(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "viewer")
    at = app_as(ALICE)
    assert rows(at) == ["Alice café"]
    at.segmented_control(key="concepts_which").set_value("shared").run()
    assert rows(at) == ["Bob bakery"]
    at = choose(at, "Bob bakery")
    buttons = labels(at)
    assert buttons["Rename"].disabled and buttons["Delete"].disabled
    assert not buttons["Duplicate"].disabled
    at.button(key=f"open_{bob_bakery.id}").click().run()
    assert at.session_state["concept"].id == bob_bakery.id
    assert "shared it with you as a viewer" in text_of(at)
    name = next(w for w in at.text_input if w.key and w.key.endswith("concept.name"))
    assert name.disabled


def test_a_viewers_save_is_refused(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "viewer")
    at = AppTest.from_function(_save_open, args=(bob_bakery.id,), default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.session_state["saved"] is False
    assert TinyDBConceptStore(data_dir).load(bob_bakery.id).name == "Bob bakery"


def _save_open(concept_id: str) -> None:
    import streamlit as st

    from concept.ui.session import current_concept, open_concept, save_current

    open_concept(concept_id)
    current_concept().name = "Changed by a viewer"
    st.session_state["saved"] = save_current()


def test_an_editor_saves_and_is_named_as_last_changer(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "editor")
    at = app_as(ALICE, concept_id=bob_bakery.id)
    name = next(w for w in at.text_input if w.key and w.key.endswith("concept.name"))
    name.set_value("Bob bakery, edited").run()
    stored = TinyDBConceptStore(data_dir).load(bob_bakery.id)
    assert stored.name == "Bob bakery, edited"
    assert stored.last_changed_by.email == ALICE.email and stored.owner.key == BOB.key
    assert "Last changed by alice@example.com at" in text_of(at)


@pytest.mark.parametrize("lang, share_label, said", [
    ("en", "Share", "Shared with bob@example.com as editor."),
    ("fi", "Jaa", "Jaettu: bob@example.com (muokkaaja)."),
])
def test_the_owner_shares_by_email_and_the_colleague_sees_it(data_dir, two_users, lang,
                                                              share_label, said):
    alice_cafe, _ = two_users
    at = app_as(ALICE, lang=lang, concept_id=alice_cafe.id)
    at.switch_page("views/sharing.py").run()
    assert not at.exception
    at.text_input(key="sharing.email").set_value("Bob@Example.com")
    at.radio(key="sharing.role").set_value("editor")
    next(b for b in at.button if b.label == share_label).click().run()
    assert said in text_of(at)
    bob = app_as(BOB)
    bob.segmented_control(key="concepts_which").set_value("shared").run()
    assert rows(bob) == ["Alice café"]


def test_only_the_owner_sees_the_sharing_controls(data_dir, two_users):
    _, bob_bakery = two_users
    JSONAccessStore(data_dir).share(bob_bakery.id, ALICE.email, "editor")
    at = app_as(ALICE, concept_id=bob_bakery.id)
    at.switch_page("views/sharing.py").run()
    assert "Your role: editor" in text_of(at)
    assert not at.text_input or all(w.key != "sharing.email" for w in at.text_input)


def _hand_over_script(concept_id: str, email: str) -> None:
    import streamlit as st

    from concept.ui import sharing
    from concept.ui.session import open_concept

    open_concept(concept_id)
    sharing._hand_over(email)
    st.session_state["role_after"] = st.session_state.get("access_role")


def test_handing_over_makes_the_colleague_owner_and_keeps_the_old_owner_as_editor(
        data_dir, two_users):
    alice_cafe, _ = two_users
    access = JSONAccessStore(data_dir)
    access.remember_user(BOB)
    at = AppTest.from_function(_hand_over_script, args=(alice_cafe.id, BOB.email),
                               default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert TinyDBConceptStore(data_dir).load(alice_cafe.id).owner.key == BOB.key
    assert at.session_state["role_after"] == "editor"
    assert [(s.email, s.role) for s in access.shares(alice_cafe.id)] == [
        (ALICE.email, "editor")]


def test_a_non_owner_cannot_hand_over(data_dir, two_users):
    _, bob_bakery = two_users
    access = JSONAccessStore(data_dir)
    access.share(bob_bakery.id, ALICE.email, "editor")
    access.remember_user(ALICE)
    at = AppTest.from_function(_hand_over_script, args=(bob_bakery.id, ALICE.email),
                               default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = claims(ALICE)
    at.session_state["lang"] = "en"
    at.run()
    assert TinyDBConceptStore(data_dir).load(bob_bakery.id).owner.key == BOB.key


# --- the client link --------------------------------------------------------------------------


def _link(data_dir, concept: Concept, expires: date | None = None) -> str:
    access = JSONAccessStore(data_dir)
    return access.create_link(concept.id, expires or utc_now().date() + timedelta(days=3),
                              ALICE.key).token


@pytest.mark.parametrize("lang, title", [
    ("en", "Concept description: “Alice café”"),
    ("fi", "Konseptikuvaus: ”Alice café”"),
])
def test_a_client_link_shows_the_preview_and_downloads_only(data_dir, two_users, lang, title):
    alice_cafe, bob_bakery = two_users
    at = app_as(None, lang=lang, link=_link(data_dir, alice_cafe), concept_id=bob_bakery.id)
    assert not at.exception
    assert at.title[0].value == title
    downloads = at.get("download_button")
    assert downloads and all("json" not in (d.proto.label or "").lower() for d in downloads)
    assert not at.text_input and not at.text_area and not at.sidebar.button
    assert_shut_out(at, "Bob bakery", ("views/profiles.py", "views/start.py", "views/settings.py"))


def test_a_signed_in_user_with_a_client_link_sees_only_the_link(data_dir, two_users):
    alice_cafe, bob_bakery = two_users
    at = app_as(BOB, link=_link(data_dir, alice_cafe))
    assert "Alice café" in at.title[0].value
    assert not at.dataframe and "Bob bakery" not in text_of(at)


@pytest.mark.parametrize("how", ["revoked", "expired", "unknown", "cut short"])
def test_a_revoked_expired_or_wrong_link_is_refused(data_dir, two_users, how):
    alice_cafe, _ = two_users
    if how == "expired":
        token = _link(data_dir, alice_cafe, utc_now().date() - timedelta(days=1))
    else:
        token = _link(data_dir, alice_cafe)
    if how == "revoked":
        JSONAccessStore(data_dir).revoke_link(token)
    elif how == "unknown":
        token = "x" * 43
    elif how == "cut short":
        token = token[:-1]
    at = app_as(None, link=token)
    assert not at.exception
    assert "expired, has been revoked or is incomplete" in text_of(at)
    assert "Alice café" not in text_of(at)
    assert not at.get("download_button")


def test_the_owner_makes_and_revokes_a_client_link(data_dir, two_users):
    alice_cafe, _ = two_users
    at = app_as(ALICE, concept_id=alice_cafe.id)
    at.switch_page("views/sharing.py").run()
    at.button(key="link_create").click().run()
    links = JSONAccessStore(data_dir).links(alice_cafe.id)
    assert len(links) == 1 and links[0].token in text_of(at)
    at.button(key=f"revoke_{links[0].token[:16]}").click().run()
    assert JSONAccessStore(data_dir).links(alice_cafe.id)[0].revoked
    assert links[0].token not in text_of(at)
    refused = app_as(None, link=links[0].token)
    assert "Alice café" not in text_of(refused)


# --- the laptop -------------------------------------------------------------------------------


def test_without_auth_the_laptop_user_sees_everything_and_no_sharing(data_dir, two_users):
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["link"] = _link(data_dir, two_users[0])  # no client links on a laptop
    at.run()
    assert sorted(rows(at)) == ["Alice café", "Bob bakery"]
    with pytest.raises(Exception):  # noqa: B017 - no sharing page without sign-in
        at.switch_page("views/sharing.py").run()


def test_stamp_author_is_what_the_store_keeps(store):
    concept = store.create(take_ownership(Concept(name="x"), ALICE))
    stamp_author(concept, BOB)
    store.save(concept)
    assert store.load(concept.id).last_changed_by.subject == "bob"


# --- user text stays text ---------------------------------------------------------------------


def test_sharing_and_client_pages_show_names_and_addresses_literally(data_dir):
    from tests.hostile import HOSTILE, hostile_concept
    from tests.pages.test_markdown_safety import assert_safe

    hostile_user = User(ISS, "alice", f"{HOSTILE}@host.fi", HOSTILE)
    concept = take_ownership(hostile_concept(), hostile_user)
    stamp_author(concept, hostile_user)
    TinyDBConceptStore(data_dir).create(concept)
    access = JSONAccessStore(data_dir)
    access.share(concept.id, f"{HOSTILE}.x@host.fi", "viewer")
    token = access.create_link(concept.id, utc_now().date(), hostile_user.key).token
    at = app_as(hostile_user, concept_id=concept.id)
    at.switch_page("views/sharing.py").run()
    assert_safe(at)
    assert_safe(app_as(None, link=token))
