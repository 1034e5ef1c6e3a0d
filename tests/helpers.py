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


def refuse_writes_under(monkeypatch, folder):
    """Make the OS refuse every write under `folder`, as a read-only mount or folder does;
    returns a function that allows writes again (and touches no other patch of `monkeypatch`).

    The tests run as root, for whom chmod stops no write, so the refusal is simulated at the
    os-module calls the store and its lock make (open for writing, mkdir, rename, unlink)."""
    import errno
    import os
    from pathlib import Path

    root = str(Path(folder).resolve())

    def inside(path) -> bool:
        return str(Path(os.fsdecode(path)).resolve()).startswith(root)

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    real_open, real_mkdir = os.open, os.mkdir
    real_replace, real_unlink = os.replace, os.unlink
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def guarded_open(path, flags, *args, **kwargs):
        if flags & writing and inside(path):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if inside(path):
            if Path(os.fsdecode(path)).exists():
                raise FileExistsError(errno.EEXIST, "File exists", os.fsdecode(path))
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    def guarded_replace(source, target, *args, **kwargs):
        if inside(source) or inside(target):
            refuse(target)
        return real_replace(source, target, *args, **kwargs)

    def guarded_unlink(path, *args, **kwargs):
        if inside(path):
            refuse(path)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    monkeypatch.setattr(os, "replace", guarded_replace)
    monkeypatch.setattr(os, "unlink", guarded_unlink)

    def allow() -> None:
        for name, real in (("open", real_open), ("mkdir", real_mkdir),
                           ("replace", real_replace), ("unlink", real_unlink)):
            monkeypatch.setattr(os, name, real)

    return allow
