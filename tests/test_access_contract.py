"""The `AccessStore` contract (concept/access.py): users, shares and client links, kept the same
by the JSON file beside the TinyDB store and by the PostgreSQL store's own tables."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from concept.access import LOCAL_USER, Share, User, link_is_usable, take_ownership
from concept.model import Concept
from concept.store import ReadOnlyStoreError

ISS = "https://login.example.com/tenant"
ALICE = User(ISS, "alice-sub", "alice@example.com", "Alice")
BOB = User(ISS, "bob-sub", "bob@example.com", "Bob")


@pytest.fixture
def concepts(store_place):
    store = store_place.open()
    made = [store.create(take_ownership(Concept(name=name), ALICE)) for name in ("A1", "A2")]
    return store, store_place.access(store), made


def test_shares_are_kept_per_concept_and_email(store_place, concepts):
    store, access, (first, second) = concepts
    access.share(first.id, "Bob@Example.com ", "viewer")
    access.share(first.id, "bob@example.com", "editor")  # changes the role, no second share
    access.share(second.id, "carol@example.com", "viewer")
    assert access.shares(first.id) == [Share(first.id, "bob@example.com", "editor")]
    again = store_place.access(store_place.open())  # another app process
    assert again.shared_with("BOB@example.com") == [Share(first.id, "bob@example.com", "editor")]
    assert again.shared_with("") == []
    access.unshare(first.id, "BOB@example.com")
    assert access.shares(first.id) == []
    store.delete(second.id)
    access.forget(second.id)  # what the app does when it deletes a concept
    assert access.shared_with("carol@example.com") == []


def test_the_start_list_of_a_user_is_theirs_and_what_is_shared_with_them(concepts):
    store, access, (first, second) = concepts
    bobs = store.create(take_ownership(Concept(name="B1"), BOB))
    store.create(take_ownership(Concept(name="B2"), BOB))
    access.share(bobs.id, ALICE.email, "viewer")
    shared = {s.concept_id for s in access.shared_with(ALICE.email)}
    listed = store.list(owner=ALICE.key, ids=shared)
    assert {s.name for s in listed} == {"A1", "A2", "B1"}
    assert {s.owner for s in listed} == {ALICE.key, BOB.key}
    assert [s.name for s in store.list(owner="", ids={bobs.id})] == ["B1"]
    assert len(store.list()) == 4


def test_client_links_expire_and_are_revoked(store_place, concepts):
    store, access, (first, _) = concepts
    today = date(2026, 11, 27)
    link = access.create_link(first.id, today, ALICE.key)
    assert len(link.token) >= 40
    found = store_place.access(store_place.open()).find_link(link.token)
    assert found == link and link_is_usable(found, today)
    assert not link_is_usable(found, today + timedelta(days=1))
    access.revoke_link(link.token)
    assert not link_is_usable(access.find_link(link.token), today)
    assert access.find_link("") is None and access.find_link(link.token[:-1]) is None
    assert [(k.token, k.revoked) for k in access.links(first.id)] == [(link.token, True)]
    store.delete(first.id)
    access.forget(first.id)
    assert access.find_link(link.token) is None


def test_users_are_found_by_email_after_signing_in(concepts):
    _, access, _ = concepts
    assert access.user_by_email(BOB.email) is None
    access.remember_user(BOB)
    access.remember_user(BOB)  # every page run: nothing new
    assert access.user_by_email("BOB@example.com") == BOB
    renamed = User(ISS, BOB.subject, BOB.email, "Robert")
    access.remember_user(renamed)
    assert access.user_by_email(BOB.email) == renamed
    access.remember_user(LOCAL_USER)
    assert access.user_by_email("") is None


def test_owner_and_author_survive_a_restart_and_a_hand_over(store_place, concepts):
    from concept.access import hand_over, stamp_author

    _, _, (first, _) = concepts
    reopened = store_place.open()
    concept = reopened.load(first.id)
    assert concept.owner.key == ALICE.key and concept.last_changed_by is None
    stamp_author(concept, BOB)
    hand_over(concept, ALICE, BOB)
    reopened.save(concept)
    again = store_place.open()
    assert again.load(first.id).last_changed_by.email == BOB.email
    assert {s.owner for s in again.list() if s.id == first.id} == {BOB.key}
    assert first.id not in {s.id for s in again.list(owner=ALICE.key)}


def test_a_read_only_place_refuses_shares_and_links(store_place, concepts, monkeypatch):
    _, access, (first, _) = concepts
    access.share(first.id, BOB.email, "viewer")
    reader = store_place.access(store_place.open_read_only(monkeypatch))
    assert reader.read_only
    with pytest.raises(ReadOnlyStoreError):
        reader.share(first.id, "carol@example.com", "editor")
    with pytest.raises(ReadOnlyStoreError):
        reader.create_link(first.id, date(2026, 12, 1), ALICE.key)
    reader.remember_user(BOB)  # signing in on a read-only server is not an error
    assert reader.shares(first.id) == [Share(first.id, BOB.email, "viewer")]
