"""`python -m concept migrate --to postgresql://…`: a laptop's TinyDB concepts copied into
PostgreSQL with their revisions, counts reported, and a second run changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from concept.access import User, take_ownership
from concept.cli import main
from concept.model import Concept
from concept.pgstore import PostgresConceptStore
from concept.store import TinyDBConceptStore
from tests.conftest import APP_DIR

ALICE = User("https://login.example.com", "alice-sub", "alice@example.com", "Alice")


def rows(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT id, name, owner, revision, body, created_at, updated_at,"
                            " last_changed_by FROM concepts ORDER BY id").fetchall()


@pytest.fixture
def laptop(tmp_path, cafe):
    store = TinyDBConceptStore(tmp_path / "laptop")
    store.create(cafe)
    edited = store.create(Concept(name="Muokattu"))
    for number in range(2):
        edited.description.short_description = f"versio {number}"
        store.save(edited)  # revision 3
    store.create(Concept(name="Kolmas"))
    (store.concepts_dir / "rikki0000000.json").write_text('{"concept": {"1": {"na', "utf-8")
    return store


def migrate(url: str, folder, *extra: str) -> int:
    return main(["migrate", "--to", url, "--from", str(folder), *extra])


def test_every_concept_is_copied_with_its_revision_and_a_second_run_changes_nothing(
        pg_url, laptop, capsys, monkeypatch):
    monkeypatch.setenv("KONSEPTIKONE_LANG", "en")
    assert migrate(pg_url, laptop.data_dir) == 0
    out, err = capsys.readouterr()
    assert "new 3, updated 0, unchanged 0, unreadable 1 (of 4 in" in out
    assert "rikki0000000.json" in err
    with PostgresConceptStore(pg_url) as server:
        assert {(s.name, s.revision) for s in server.list()} == {
            ("Kahvila Kulma", 1), ("Muokattu", 3), ("Kolmas", 1)}
        as_it_is = TinyDBConceptStore(laptop.data_dir, read_only=True)  # sets nothing aside
        for summary in as_it_is.list():
            assert server.load(summary.id) == as_it_is.load(summary.id)
    before = rows(pg_url)

    assert migrate(pg_url, laptop.data_dir) == 0
    assert "new 0, updated 0, unchanged 3, unreadable 1" in capsys.readouterr().out
    assert rows(pg_url) == before
    assert (laptop.concepts_dir / "rikki0000000.json").exists()  # the laptop is left as it was


def test_a_newer_laptop_copy_updates_and_a_server_edit_is_never_overwritten(
        pg_url, laptop, capsys, monkeypatch):
    monkeypatch.setenv("KONSEPTIKONE_LANG", "en")
    migrate(pg_url, laptop.data_dir)
    first, second = laptop.list()[:2]  # (this also sets the broken file aside on the laptop)
    on_laptop = laptop.load(first.id)
    on_laptop.name = "Jatkettu kannettavalla"
    laptop.save(on_laptop)
    with PostgresConceptStore(pg_url) as server:
        on_server = server.load(second.id)
        on_server.name = "Muutettu palvelimella"
        server.save(on_server)
    capsys.readouterr()
    assert migrate(pg_url, laptop.data_dir) == 0
    out, err = capsys.readouterr()
    assert "new 0, updated 1, unchanged 2, unreadable 0" in out
    assert "Changed on the server since" in err and second.name in err
    with PostgresConceptStore(pg_url) as server:
        assert server.load(first.id).name == "Jatkettu kannettavalla"
        assert server.load(second.id).name == "Muutettu palvelimella"


def test_owner_gives_unowned_concepts_to_a_user_who_has_signed_in(pg_url, tmp_path, capsys):
    store = TinyDBConceptStore(tmp_path / "laptop")
    unowned = store.create(Concept(name="Ilman omistajaa"))
    bobs = store.create(take_ownership(Concept(name="Bobin"),
                                       User("https://login.example.com", "bob-sub", "bob@x.fi")))
    assert migrate(pg_url, store.data_dir, "--owner", ALICE.email) == 2  # not signed in yet
    assert "alice@example.com" in capsys.readouterr().err
    with PostgresConceptStore(pg_url) as server:
        server.remember_user(ALICE)
    assert migrate(pg_url, store.data_dir, "--owner", "Alice@Example.com") == 0
    with PostgresConceptStore(pg_url) as server:
        owners = {s.id: s.owner for s in server.list()}
    assert owners[unowned.id] == ALICE.key and owners[bobs.id] != ALICE.key


def test_the_command_runs_as_a_module_in_finnish_and_masks_a_password(pg_server, laptop):
    env = {**os.environ, "PYTHONPATH": str(APP_DIR), "KONSEPTIKONE_LANG": "fi"}
    result = subprocess.run(
        [sys.executable, "-m", "concept", "migrate", "--to", pg_server.new_database(),
         "--from", str(laptop.data_dir)], cwd=APP_DIR, env=env, capture_output=True,
        text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Uusia: 3, päivitettyjä: 0, ennallaan: 0, lukukelvottomia: 1" in result.stdout
    wrong = "postgresql://someone:salainen@127.0.0.1:1/none?connect_timeout=2"
    refused = subprocess.run(
        [sys.executable, "-m", "concept", "migrate", "--to", wrong, "--from",
         str(laptop.data_dir)], cwd=APP_DIR, env=env, capture_output=True, text=True,
        timeout=120)
    assert refused.returncode == 2
    assert "salainen" not in refused.stderr and "someone:***@" in refused.stderr
