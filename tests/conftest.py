"""Shared fixtures: the sample concepts, a store in a temporary folder, the app's environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from concept.model import Concept
from concept.samples import cafe_concept, large_concept
from concept.store import DATA_DIR_ENV, TinyDBConceptStore

APP_DIR = Path(__file__).resolve().parent.parent

# The fake OpenAI-compatible server's fixtures (`fake_openai`, `no_ai_from_outside`) for every test.
# The store contract's fixtures (`store_place`, `contract_store`: TinyDB and PostgreSQL) and the
# throwaway PostgreSQL server behind them (`pg_server`, `pg_url`).
pytest_plugins = ["tests.fake_openai", "tests.pgserver", "tests.stores"]


@pytest.fixture
def cafe() -> Concept:
    return cafe_concept()


@pytest.fixture
def large() -> Concept:
    return large_concept()


@pytest.fixture
def store(tmp_path: Path) -> TinyDBConceptStore:
    return TinyDBConceptStore(tmp_path / "data")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's data folder for AppTest runs: a fresh temporary one per test."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder
