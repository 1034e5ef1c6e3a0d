"""The store contract's fixture: every test that takes `contract_store` or `store_place` runs once
on the TinyDB store and once on the PostgreSQL store (a fresh database on a throwaway server,
tests/pgserver.py; skipped with the reason when PostgreSQL or psycopg is missing here).

A `StorePlace` is where a store keeps its concepts (a data folder, a database): opening it again
is what another app process does. It also reaches under the store for the few things a test must
do by hand (rewrite a stored concept as an older version or a bug would have left it; open it
read-only as a read-only folder or a read-only database role does).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from concept.store import ConceptStore, open_store

KINDS = ("tinydb", "postgresql")


class StorePlace:
    def __init__(self, kind: str, data_dir: Path, url: str | None) -> None:
        self.kind = kind
        self.data_dir = data_dir
        self.url = url
        self._opened: list[Any] = []

    def open(self) -> ConceptStore:
        store = open_store(self.data_dir, self.url)
        self._opened.append(store)
        return store

    def access(self, store: ConceptStore) -> Any:
        """The `AccessStore` beside `store`: on PostgreSQL the store itself (its own tables),
        with TinyDB the JSON file in the same data folder (read-only when the folder is)."""
        if self.url is not None:
            return store
        from concept.access import JSONAccessStore

        return JSONAccessStore(self.data_dir)

    def process_args(self) -> list[str]:
        """What a subprocess passes to `open_store` ("" for None) to reach the same place."""
        return [str(self.data_dir) if self.url is None else "", self.url or ""]

    def edit_stored(self, concept_id: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Rewrite the stored form of a concept behind the store's back."""
        if self.url is None:
            path = self.data_dir / "concepts" / f"{concept_id}.json"
            data = json.loads(path.read_text("utf-8"))
            (document,) = (doc for table in data.values() for doc in table.values())
            change(document)
            path.write_text(json.dumps(data), "utf-8")
            return
        import psycopg
        from psycopg.types.json import Jsonb

        with psycopg.connect(self.url) as conn:
            (body,) = conn.execute("SELECT body FROM concepts WHERE id = %s",
                                   (concept_id,)).fetchone()
            change(body)
            conn.execute("UPDATE concepts SET body = %s WHERE id = %s", (Jsonb(body), concept_id))

    def open_read_only(self, monkeypatch: pytest.MonkeyPatch) -> ConceptStore:
        """The same concepts as a read-only folder or a role with only SELECT rights sees them."""
        if self.url is None:
            from tests.helpers import refuse_writes_under

            refuse_writes_under(monkeypatch, self.data_dir)
            return self.open()
        import psycopg

        from concept.pgstore import PostgresConceptStore

        with psycopg.connect(self.url, autocommit=True) as conn:
            database = conn.info.dbname
            role = f"reader_{database}"
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
            conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        url = self.url.replace("postgresql://konseptikone@", f"postgresql://{role}@", 1)
        store = PostgresConceptStore(url)
        self._opened.append(store)
        return store

    def close(self) -> None:
        for store in self._opened:
            if hasattr(store, "close"):
                store.close()


@pytest.fixture(params=KINDS)
def store_place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StorePlace]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    place = StorePlace(request.param, tmp_path / "data", url)
    try:
        yield place
    finally:
        place.close()


@pytest.fixture
def contract_store(store_place: StorePlace) -> ConceptStore:
    return store_place.open()

