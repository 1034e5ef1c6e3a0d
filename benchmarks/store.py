"""Saving: one save with 1,000 stored concepts against one save with a single stored concept
(target: at most 1.5x), each store in its own temporary folder. Also shown: opening the store
and listing the concepts (both grow with the number of concepts; they are not saves)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Comparison, compare, print_comparison, print_header, print_note


def _filled_store(folder: Path, count: int):
    from concept.model import duplicate
    from concept.samples import cafe_concept
    from concept.store import TinyDBConceptStore

    store = TinyDBConceptStore(folder)
    template = cafe_concept()
    edited = None
    for number in range(count):
        copy = duplicate(template, f"{template.name} {number}")
        store.create(copy)
        edited = copy
    return store, edited


def run(rounds: int, many: int = 1_000) -> list[Comparison]:
    from concept.store import TinyDBConceptStore

    print_header(f"Saving one concept: {many:,} stored concepts vs 1 stored concept")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
        base = Path(folder)
        big_store, big_concept = _filled_store(base / "many", many)
        small_store, small_concept = _filled_store(base / "one", 1)

        def save_in(store, concept):
            def action() -> None:
                concept.description.short_description = f"muokkaus {concept.revision}"
                store.save(concept)
            return action

        save = compare("save", f"{many:,} concepts stored", save_in(big_store, big_concept),
                       "1 concept stored", save_in(small_store, small_concept),
                       rounds * 4, target=1.5)
        print_comparison(save)
        listing = compare("list (summaries cached)", f"{many:,} concepts stored",
                          big_store.list, "1 concept stored", small_store.list, rounds)
        print_comparison(listing)
        opening = compare("open the store (app start)", f"{many:,} concepts stored",
                          lambda: TinyDBConceptStore(base / "many"), "1 concept stored",
                          lambda: TinyDBConceptStore(base / "one"), max(3, rounds // 3))
        print_comparison(opening)
        print_note("a save is a read of the one file, a temp file, fsync and a rename; fsync "
                   "times vary with the disk, so medians over many rounds")
    return [save, listing, opening]
