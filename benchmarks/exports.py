"""Exports of the large concept (Finnish), side by side per format: figures drawn anew (the render
cache cleared before each export; the target of issue 13 is this median), figures already drawn
(the same concept exported again), and the first export in a fresh process (Python's imports, the
fonts and vl-convert's JavaScript engine all loaded from nothing). Then the figures alone, drawn
with nothing else running, and an empty concept for the floor."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Comparison, compare, ms, print_header, print_note

TARGET = 1.5  # seconds, median per format with its figures drawn anew (issue 13)
FIRST_EXPORT = """
import json, sys, time
start = time.perf_counter()
from concept.export import export
from concept.samples import large_concept
concept = large_concept()
imported = time.perf_counter()
export(concept, sys.argv[1], "fi")
done = time.perf_counter()
print(json.dumps({"export": done - imported, "with_imports": done - start}))
"""


def run(rounds: int, quick: bool = False) -> list[Comparison]:
    print_header("Export of the large concept (Finnish): each format side by side "
                  f"(medians of {rounds}; target <= {TARGET:g} s with figures drawn anew)")
    try:
        from concept.export import FORMATS, export
        from concept.export.figures import clear_cache
    except ImportError as exc:
        print_note(f"skipped: concept.export is not available ({exc})")
        return []
    from concept.model import Concept
    from concept.samples import large_concept

    large, empty = large_concept(), Concept(name="Tyhjä")
    firsts = {fmt: _first_export(fmt) for fmt in (("pdf",) if quick else FORMATS)}
    print(f"  {'format':<10}{'size':>11}  {'figures anew':>13}  {'(CPU)':>11}  "
          f"{'figures drawn':>13}  {'first in new process':>21}  {'empty concept':>13}  target")
    results = []
    for fmt in FORMATS:
        cpu: list[float] = []

        def anew(f=fmt, cpu=cpu) -> None:
            clear_cache()
            start = time.process_time()
            export(large, f, "fi")
            cpu.append(time.process_time() - start)

        try:
            size = len(export(large, fmt, "fi"))
            result = compare(fmt, "figures drawn anew", anew, "figures already drawn",
                             lambda f=fmt: export(large, f, "fi"), rounds)
            floor = statistics.median(_times(lambda f=fmt: export(empty, f, "fi"), rounds))
        except Exception as exc:  # an exporter under construction: say so, go on
            print_note(f"{fmt}: not measured: {type(exc).__name__}: {exc}")
            continue
        verdict = "ok" if result.median_a <= TARGET else "NOT OK"
        print(f"  {fmt:<10}{size:>11,}  {ms(result.median_a):>13}  "
              f"{ms(statistics.median(cpu)):>11}  {ms(result.median_b):>13}  "
              f"{firsts.get(fmt, '(not run)'):>21}  {ms(floor):>13}  {verdict}")
        results.append(result)
    print_note("CPU: the process's CPU time (every thread, vl-convert's too) of an export with "
               "its figures drawn anew; it stays the same when other work loads the machine")
    print_note("first in new process: the export alone (imports, the sample, and the export "
               "with them in brackets)")
    results.append(_figures(large, rounds))
    return results


def _times(action, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _figures(large, rounds: int) -> Comparison:
    from concept.document import Figure, build_document
    from concept.export.figures import clear_cache, png, svg

    document = build_document(large, "fi")
    specs = [b.spec for s in document.sections for b in s.blocks if isinstance(b, Figure)]

    def cold(render):
        def run() -> None:
            clear_cache()
            for spec in specs:
                render(spec)
        return run

    figures = compare("figures alone", "PNG 200 dpi", cold(png), "SVG", cold(svg), rounds)
    print(f"  figures alone ({len(specs)} in the document, drawn anew each round): "
          f"PNG 200 dpi {ms(figures.median_a).strip()}, SVG {ms(figures.median_b).strip()}")
    return figures


def _first_export(fmt: str) -> str:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", FIRST_EXPORT, fmt], cwd=root,
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        return "failed: " + done.stderr.strip().splitlines()[-1][:40]
    times = json.loads(done.stdout)
    return f"{times['export'] * 1000:.0f} ms ({times['with_imports'] * 1000:.0f})"
