"""What only the PostgreSQL store has (the contract both stores keep is in tests/test_store.py):
its schema migrations, rows of a newer app version, and the app choosing it by
KONSEPTIKONE_DATABASE_URL."""

from __future__ import annotations

import threading

import psycopg
import pytest
from psycopg.types.json import Jsonb

from concept.model import Concept
from concept.pgstore import PostgresConceptStore, migrations
from concept.store import DATABASE_URL_ENV, ConceptNotFound
from tests.helpers import TIMEOUT


def test_migration_files_are_numbered_one_to_n_and_ship_as_package_data():
    found = migrations()
    assert [number for number, _, _ in found] == list(range(1, len(found) + 1))
    assert all(sql.strip() for _, _, sql in found)


def test_app_processes_starting_together_apply_each_migration_once(pg_url):
    opened: list[PostgresConceptStore] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def open_one() -> None:
        try:
            start.wait()
            opened.append(PostgresConceptStore(pg_url, pool_size=1))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in opened:
        store.close()
    assert not errors and len(opened) == 6
    with psycopg.connect(pg_url) as conn:
        applied = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [row[0] for row in applied] == [number for number, _, _ in migrations()]


def test_a_row_of_a_newer_app_version_is_left_in_place_not_set_aside(pg_url):
    # Two app versions may share a database during an upgrade: the older one must not move the
    # newer one's concepts aside.
    with PostgresConceptStore(pg_url) as store:
        concept = store.create(Concept(name="Uudempi"))
        with psycopg.connect(pg_url) as conn:
            body = conn.execute("SELECT body FROM concepts WHERE id = %s",
                                (concept.id,)).fetchone()[0]
            body["schema_version"] = 99
            conn.execute("UPDATE concepts SET body = %s WHERE id = %s", (Jsonb(body), concept.id))
        with pytest.raises(ConceptNotFound):
            store.load(concept.id)
        assert store.problems() == []
        assert [s.id for s in store.list()] == [concept.id]


def test_the_app_uses_the_database_when_the_url_is_set(pg_url, data_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_DIR

    monkeypatch.setenv(DATABASE_URL_ENV, pg_url)
    with PostgresConceptStore(pg_url) as store:
        concept = store.create(Concept(name="Tietokannasta"))
        at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = "en"
        at.query_params["c"] = concept.id
        at.run()
        assert not at.exception
        who = next(a for a in at.text_area if a.key and a.key.endswith(".idea.who"))
        who.input("kahvilan kanta-asiakkaat").run()
        stored = store.load(concept.id)
        assert (stored.idea.who, stored.revision) == ("kahvilan kanta-asiakkaat", 2)
    assert not (data_dir / "concepts").exists()  # nothing went to the data folder


def test_a_row_set_aside_is_left_untouched_with_its_shares_and_comes_back_when_repaired(pg_url):
    with PostgresConceptStore(pg_url) as store:
        concept = store.create(Concept(name="Rikki"))
        store.share(concept.id, "bob@example.com", "viewer")
        with psycopg.connect(pg_url) as conn:
            body = conn.execute("SELECT body FROM concepts WHERE id = %s",
                                (concept.id,)).fetchone()[0]
            broken = {**body, "journeys": "ei lista"}
            conn.execute("UPDATE concepts SET body = %s WHERE id = %s",
                         (Jsonb(broken), concept.id))
        with pytest.raises(ConceptNotFound):
            store.load(concept.id)
        (problem,) = store.problems()
        assert problem.original == concept.id and "ValidationError" in problem.reason
        concept.name = "vanhasta kopiosta"
        with pytest.raises(ConceptNotFound):
            store.save(concept)  # an earlier copy never overwrites it
        store.delete(concept.id)  # nor does a delete remove it
        with psycopg.connect(pg_url) as conn:
            assert conn.execute("SELECT body FROM concepts WHERE id = %s",
                                (concept.id,)).fetchone()[0] == broken
            # Repaired by hand: the body fixed and the mark cleared.
            conn.execute("UPDATE concepts SET body = %s, set_aside_at = NULL WHERE id = %s",
                         (Jsonb(body), concept.id))
        assert store.load(concept.id).name == "Rikki"
        assert [s.email for s in store.shares(concept.id)] == ["bob@example.com"]
        assert store.problems() == []


def test_the_test_server_finds_debians_binaries_off_the_path(monkeypatch, tmp_path):
    # Debian's postgresql package puts initdb and pg_ctl in /usr/lib/postgresql/<version>/bin,
    # not on PATH; the newest version wins.
    from tests import pgserver

    for version in ("9", "15", "13"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "initdb").touch()
    monkeypatch.setattr(pgserver.shutil, "which", lambda name: None)
    monkeypatch.setattr(pgserver, "DEBIAN_PATTERN", str(tmp_path / "*" / "bin" / "initdb"))
    assert pgserver.find_bin_dir() == tmp_path / "15" / "bin"
    monkeypatch.setattr(pgserver, "DEBIAN_PATTERN", str(tmp_path / "none" / "initdb"))
    assert pgserver.find_bin_dir() is None
    assert "apt-get install postgresql" in pgserver.missing()
