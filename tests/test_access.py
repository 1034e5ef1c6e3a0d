"""The access rules (pure functions) and the JSON-file access store."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from concept.access import (
    LOCAL_USER,
    JSONAccessStore,
    Share,
    User,
    access_of,
    browser_address,
    can_delete,
    can_edit,
    can_open,
    can_share,
    hand_over,
    is_local_client,
    link_is_usable,
    may_open_concepts,
    stamp_author,
    start_lists,
    take_ownership,
    user_from_claims,
)
from concept.model import Concept
from concept.store import ReadOnlyStoreError, StoreError, TinyDBConceptStore

ISS = "https://login.example.com/tenant"
ALICE = User(ISS, "alice-sub", "alice@example.com", "Alice")
BOB = User(ISS, "bob-sub", "bob@example.com", "Bob")
CAROL = User(ISS, "carol-sub", "carol@example.com", "Carol")


def test_owner_may_do_everything_and_a_stranger_nothing() -> None:
    owner = ALICE.key
    assert access_of(ALICE, owner, []) == "owner"
    for rule in (can_open, can_edit, can_delete, can_share):
        assert rule(ALICE, owner, [])
        assert not rule(BOB, owner, [])


def test_same_subject_from_another_issuer_is_someone_else() -> None:
    impostor = User("https://evil.example.com", ALICE.subject, ALICE.email)
    assert access_of(impostor, ALICE.key, []) is None


def test_editor_edits_but_neither_deletes_nor_shares() -> None:
    shares = [Share("c1", BOB.email, "editor")]
    assert can_open(BOB, ALICE.key, shares) and can_edit(BOB, ALICE.key, shares)
    assert not can_delete(BOB, ALICE.key, shares)
    assert not can_share(BOB, ALICE.key, shares)


def test_viewer_reads_only() -> None:
    shares = [Share("c1", BOB.email, "viewer")]
    assert can_open(BOB, ALICE.key, shares)
    assert not can_edit(BOB, ALICE.key, shares)
    assert not can_delete(BOB, ALICE.key, shares)


def test_a_share_to_someone_else_gives_nothing() -> None:
    shares = [Share("c1", CAROL.email, "editor")]
    assert not can_open(BOB, ALICE.key, shares)


def test_user_without_email_gets_no_shares() -> None:
    nameless = User(ISS, "x")
    assert not can_open(nameless, ALICE.key, [Share("c1", "", "editor")])


def test_unowned_concept_is_nobodys_on_a_server_but_the_laptop_users() -> None:
    assert not can_open(ALICE, "", [])
    assert can_delete(LOCAL_USER, "", [])
    assert not can_share(LOCAL_USER, "", [])  # sharing needs sign-in


def test_start_lists_split_mine_and_shared(tmp_path) -> None:
    store = TinyDBConceptStore(tmp_path)
    mine = take_ownership(Concept(name="A1"), ALICE)
    theirs = take_ownership(Concept(name="B1"), BOB)
    shared = take_ownership(Concept(name="B2"), BOB)
    laptop = Concept(name="old")
    for concept in (mine, theirs, shared, laptop):
        store.create(concept)
    shares = [Share(shared.id, ALICE.email, "viewer")]
    own, others = start_lists(ALICE, store.list(), shares)
    assert [s.name for s in own] == ["A1"]
    assert [s.name for s in others] == ["B2"]
    filtered = store.list(owner=ALICE.key, ids={shared.id})
    assert {s.name for s in filtered} == {"A1", "B2"}
    local_own, local_shared = start_lists(LOCAL_USER, store.list(), [])
    assert len(local_own) == 4 and local_shared == []


def test_owner_survives_a_store_restart(tmp_path) -> None:
    concept = take_ownership(Concept(name="A1"), ALICE)
    TinyDBConceptStore(tmp_path).create(concept)
    reopened = TinyDBConceptStore(tmp_path)
    assert reopened.list()[0].owner == ALICE.key
    assert reopened.load(concept.id).owner.email == ALICE.email


def test_save_records_the_author(tmp_path) -> None:
    store = TinyDBConceptStore(tmp_path)
    concept = store.create(take_ownership(Concept(name="A1"), ALICE))
    stamp_author(concept, BOB)
    store.save(concept)
    assert store.load(concept.id).last_changed_by.email == BOB.email


def test_old_files_without_owner_load_unchanged() -> None:
    data = json.loads(Concept(name="old").model_dump_json())
    data.pop("owner")
    data.pop("last_changed_by")
    loaded = Concept.model_validate(data)
    assert loaded.owner is None and loaded.last_changed_by is None


def test_copy_and_import_belong_to_whoever_makes_them() -> None:
    original = take_ownership(Concept(name="B1"), BOB)
    stamp_author(original, BOB)
    copy = take_ownership(original.model_copy(deep=True), ALICE)
    assert copy.owner.key == ALICE.key and copy.last_changed_by is None


def test_only_the_owner_hands_over() -> None:
    concept = take_ownership(Concept(name="A1"), ALICE)
    with pytest.raises(PermissionError):
        hand_over(concept, BOB, BOB)
    hand_over(concept, ALICE, BOB)
    assert concept.owner.key == BOB.key


def test_claims_need_issuer_and_subject() -> None:
    assert user_from_claims({"email": "a@b.fi"}) is None
    user = user_from_claims({"iss": ISS, "sub": "s", "email": " A@Example.COM "})
    assert user is not None and user.email == "a@example.com"


def test_shares_are_kept_per_concept_and_email(tmp_path) -> None:
    access = JSONAccessStore(tmp_path)
    access.share("c1", "Bob@Example.com", "viewer")
    access.share("c1", "bob@example.com", "editor")  # changes the role, no second share
    access.share("c2", "carol@example.com", "viewer")
    assert access.shares("c1") == [Share("c1", "bob@example.com", "editor")]
    assert [s.concept_id for s in JSONAccessStore(tmp_path).shared_with("BOB@example.com")] == [
        "c1"]
    access.unshare("c1", "bob@example.com")
    assert access.shares("c1") == []
    access.forget("c2")
    assert access.shared_with("carol@example.com") == []


def test_client_links_expire_and_are_revoked(tmp_path) -> None:
    access = JSONAccessStore(tmp_path)
    today = date(2026, 11, 27)
    link = access.create_link("c1", today, ALICE.key)
    assert len(link.token) >= 40
    found = access.find_link(link.token)
    assert found == link and link_is_usable(found, today)
    assert not link_is_usable(found, today + timedelta(days=1))
    access.revoke_link(link.token)
    assert not link_is_usable(access.find_link(link.token), today)
    assert access.find_link("") is None and access.find_link(link.token[:-1]) is None
    assert access.links("c1")[0].revoked


def test_users_are_found_by_email_after_signing_in(tmp_path) -> None:
    access = JSONAccessStore(tmp_path)
    assert access.user_by_email(BOB.email) is None
    access.remember_user(BOB)
    assert access.user_by_email("BOB@example.com") == BOB
    access.remember_user(LOCAL_USER)
    assert len(json.loads((tmp_path / "access.json").read_text())["users"]) == 1


def test_read_only_access_store_refuses_writes(tmp_path) -> None:
    access = JSONAccessStore(tmp_path, read_only=True)
    with pytest.raises(ReadOnlyStoreError):
        access.share("c1", "bob@example.com", "viewer")
    assert access.shares("c1") == []


@pytest.mark.parametrize("ip, local", [
    ("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), (None, True),
    ("127.0.0.2", False), ("192.168.1.20", False), ("10.0.0.1", False), ("", False),
    ("not an address", False), ("0.0.0.0", False),
])
def test_is_local_client(ip, local) -> None:
    assert is_local_client(ip) is local


@pytest.mark.parametrize("headers", [
    {"X-Forwarded-For": "127.0.0.1"}, {"x-forwarded-for": "203.0.113.9, 127.0.0.1"},
    {"Forwarded": "for=127.0.0.1"}, {"X-Real-IP": "::1"},
])
def test_a_request_through_a_proxy_is_never_this_computers_browser(headers) -> None:
    # A reverse proxy on this computer connects from 127.0.0.1 for every browser in the world.
    address = browser_address("127.0.0.1", headers)
    assert not is_local_client(address)
    assert not may_open_concepts(address)


def test_a_direct_request_is_judged_by_its_own_address() -> None:
    assert browser_address("127.0.0.1", {"Host": "127.0.0.1:8501"}) == "127.0.0.1"
    assert browser_address("192.168.1.20", {"X-Forwarded-For": ""}) == "192.168.1.20"


def test_sign_in_alone_decides_once_configured() -> None:
    assert may_open_concepts("192.168.1.20", signed_in=True)
    assert not may_open_concepts("127.0.0.1", signed_in=False)
    assert not may_open_concepts("192.168.1.20")


def test_an_unreadable_access_file_grants_nothing_and_is_not_overwritten(tmp_path) -> None:
    access = JSONAccessStore(tmp_path)
    access.share("c1", "bob@example.com", "editor")
    torn = (tmp_path / "access.json").read_text()[:-5]
    (tmp_path / "access.json").write_text(torn)
    assert access.shared_with("bob@example.com") == []
    with pytest.raises(StoreError):
        access.share("c2", "carol@example.com", "viewer")
    assert (tmp_path / "access.json").read_text() == torn
