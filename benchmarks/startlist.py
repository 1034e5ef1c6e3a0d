"""The start page's concept list at scale (AppTest): the start page with 1,000 and 10,000 stored
concepts against the same page with 1 stored concept. Target: 10,000 within 2x of 1.

Three figures per size: a new session's first page (what opening the app in a new tab costs,
the store already open), a rerun (what a click such as Open costs), and opening the store (the
process's first load: an index read and a stat per file, no concept file read).
`make_data_folder` builds a folder of N concepts quickly, for this and the browser benchmarks.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.common import Comparison, compare, print_comparison, print_header, print_note

APP_DIR = Path(__file__).resolve().parent.parent
TARGET = 2.0


def make_data_folder(folder: Path, count: int) -> list[str]:
    """A data folder holding `count` copies of the café sample ("Café Kulma 1", ...), one
    minute apart, written straight in the store's layout (no fsync per file) with its index,
    so even 10,000 take seconds. Returns the ids, most recently changed first."""
    from concept.model import new_id, utc_now
    from concept.samples import cafe_concept
    from concept.store import (
        DOC_ID,
        INDEX_FILE,
        INDEX_VERSION,
        TABLE,
        ConceptSummary,
        _signature,
        _summary_to_json,
    )

    concepts_dir = Path(folder) / "concepts"
    concepts_dir.mkdir(parents=True, exist_ok=True)
    template = cafe_concept()
    data = template.model_dump(mode="json")
    now = utc_now()
    ids, entries = [], []
    for number in range(count):
        changed = now - timedelta(minutes=number)
        data.update(id=new_id(), name=f"{template.name} {number + 1}", revision=1,
                    updated_at=changed.isoformat())
        path = concepts_dir / f"{data['id']}.json"
        path.write_text(json.dumps({TABLE: {str(DOC_ID): data}}, ensure_ascii=False),
                        encoding="utf-8")
        summary = ConceptSummary(data["id"], data["name"], data["industry"], changed, 1)
        entries.append(_summary_to_json(summary, _signature(path.stat())))
        ids.append(data["id"])
    (Path(folder) / INDEX_FILE).write_text(
        json.dumps({"version": INDEX_VERSION, "entries": entries}, ensure_ascii=False),
        encoding="utf-8")
    return ids


class _StartPage:
    """A start page session on its own data folder (the folder is chosen per run)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _use(self) -> None:
        from concept.store import DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = str(self.folder)

    def new_session(self):
        from streamlit.testing.v1 import AppTest

        self._use()
        at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=300)
        at.session_state["lang"] = "fi"
        at.run()
        if at.exception:
            raise RuntimeError(f"the start page raised: {at.exception[0].message}")
        return at

    def rerun(self, at) -> None:
        self._use()
        at.run()
        if at.exception:
            raise RuntimeError(f"the start page raised: {at.exception[0].message}")


def run(rounds: int, sizes: tuple[int, ...] = (1_000, 10_000)) -> list[Comparison]:
    from concept.store import DATA_DIR_ENV, TinyDBConceptStore

    print_header("Start page (AppTest) with many stored concepts vs 1, Finnish UI")
    results: list[Comparison] = []
    previous = os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="bench-list-") as base:
        try:
            one = Path(base) / "1"
            make_data_folder(one, 1)
            small = _StartPage(one)
            for size in sizes:
                folder = Path(base) / str(size)
                started = time.perf_counter()
                make_data_folder(folder, size)
                print_note(f"{size:,} concepts written in {time.perf_counter() - started:.1f} s")
                big = _StartPage(folder)
                label = f"{size:,} concepts"
                first = compare(f"new session, {size:,}", label, big.new_session,
                                "1 concept", small.new_session, rounds, target=TARGET)
                print_comparison(first)
                big_at, small_at = big.new_session(), small.new_session()
                again = compare(f"rerun (a click), {size:,}", label,
                                lambda b=big, a=big_at: b.rerun(a), "1 concept",
                                lambda a=small_at: small.rerun(a), rounds, target=TARGET)
                print_comparison(again)
                opening = compare(f"open the store, {size:,}", label,
                                  lambda f=folder: TinyDBConceptStore(f), "1 concept",
                                  lambda: TinyDBConceptStore(one), max(3, rounds // 3))
                print_comparison(opening)
                results.extend([first, again, opening])
        finally:
            if previous is None:
                os.environ.pop(DATA_DIR_ENV, None)
            else:
                os.environ[DATA_DIR_ENV] = previous
    print_note("the list is one table of a page of rows (25); search, sort and paging work "
               "on the summaries the store keeps in its index")
    return results
