"""Exports of the large concept, each format through `concept.export.export` (median)."""

from __future__ import annotations

from benchmarks.common import Comparison, compare, print_comparison, print_header, print_note


def run(rounds: int) -> list[Comparison]:
    print_header("Export of the large concept (Finnish), per format; an empty concept beside it")
    try:
        from concept.export import FORMATS, export
    except ImportError as exc:
        print_note(f"skipped: concept.export is not available ({exc})")
        return []
    from concept.model import Concept
    from concept.samples import large_concept

    large, empty = large_concept(), Concept(name="Tyhjä")
    results = []
    for fmt in FORMATS:
        try:
            size = len(export(large, fmt, "fi"))
            result = compare(f"{fmt} ({size:,} bytes)", "large concept",
                             lambda f=fmt: export(large, f, "fi"), "empty concept",
                             lambda f=fmt: export(empty, f, "fi"), rounds)
        except Exception as exc:  # an exporter under construction: say so, go on
            print_note(f"{fmt}: not measured: {type(exc).__name__}: {exc}")
            continue
        print_comparison(result)
        results.append(result)
    return results
