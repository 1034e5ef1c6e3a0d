"""Helpers for AppTest page tests: start the app, create and open a concept, find widgets."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from concept.model import Concept
from concept.store import TinyDBConceptStore
from tests.conftest import APP_DIR

TIMEOUT = 60


def start_app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    return at.run()


def open_app_with(concept: Concept, data_dir, page: str | None = None,
                  lang: str = "en") -> AppTest:
    """Store `concept` in `data_dir`, start the app with it open, optionally on `page`."""
    store = TinyDBConceptStore(data_dir)
    if not (store.concepts_dir / f"{concept.id}.json").exists():
        store.create(concept)
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.query_params["c"] = concept.id
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def button(at: AppTest, label_start: str):
    matches = [b for b in at.button if b.label.startswith(label_start)]
    assert matches, f"no button starting {label_start!r}: {[b.label for b in at.button]}"
    return matches[0]


def stored(data_dir, concept_id: str) -> Concept:
    return TinyDBConceptStore(data_dir).load(concept_id)
