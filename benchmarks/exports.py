"""Exports of the large concept, each format through `concept.export.export` (median), the
figure rendering alone (vl-convert, cache cleared each time), and the first export in a fresh
process (the JavaScript engine and the fonts loaded from nothing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.common import (
    Comparison,
    compare,
    ms,
    print_comparison,
    print_header,
    print_note,
)

TARGET = 1.5  # seconds, median per format (issue 13)
FIRST_EXPORT = """
import time
from concept.samples import large_concept
from concept.export import export
concept = large_concept()
start = time.perf_counter()
export(concept, {fmt!r}, "fi")
print(time.perf_counter() - start)
"""


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
    results += _figures(large, rounds)
    _first_exports()
    return results


def _figures(large, rounds: int) -> list[Comparison]:
    from concept.export import export
    from concept.export.figures import clear_cache, png, svg
    from concept.figures import document_figures

    specs = [f.spec for f in document_figures(large, "fi")]

    def cold(render):
        def run() -> None:
            clear_cache()
            for spec in specs:
                render(spec)
        return run

    figures = compare(f"figures alone ({len(specs)}, cache cleared)", "PNG 200 dpi", cold(png),
                      "SVG", cold(svg), rounds)
    print_comparison(figures)

    def pdf_cold() -> None:
        clear_cache()
        export(large, "pdf", "fi")

    anew = compare("pdf, figures rendered anew", "large concept", pdf_cold, "cached figures",
                   lambda: export(large, "pdf", "fi"), rounds)
    print_comparison(anew)
    verdict = "ok" if anew.median_a <= TARGET else "NOT OK"
    print_note(f"pdf with figures rendered anew: median {ms(anew.median_a)} "
               f"(target <= {TARGET:g} s: {verdict})")
    return [figures, anew]


def _first_exports() -> None:
    root = Path(__file__).resolve().parents[1]
    for fmt in ("pdf", "docx", "html"):
        done = subprocess.run([sys.executable, "-c", FIRST_EXPORT.format(fmt=fmt)], cwd=root,
                              capture_output=True, text=True, timeout=300)
        if done.returncode:
            print_note(f"first {fmt} export in a fresh process failed: {done.stderr[-300:]}")
            continue
        print_note(f"first {fmt} export in a fresh process: {ms(float(done.stdout.strip()))}")
