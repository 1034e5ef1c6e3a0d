"""Parsing a two-hour interview's captions (about 20,000 words): the goal is under a second.

`python -m benchmarks --only transcripts`; the caption file is compared with the same text as
plain .txt, so the ratio shows what the caption handling costs.
"""

from __future__ import annotations

from benchmarks.common import Comparison, compare, print_comparison, print_header, print_note
from concept.samples import large_transcript
from concept.transcripts import read_transcript


def run(rounds: int) -> list[Comparison]:
    print_header("Transcript upload: a two-hour interview (goal: under 1 s)")
    captions = large_transcript().encode("utf-8")
    plain = read_transcript("big.vtt", captions).encode("utf-8")
    result = compare(f"{len(plain.split()):,} words", ".vtt captions",
                     lambda: read_transcript("big.vtt", captions), "the same as .txt",
                     lambda: read_transcript("big.txt", plain), rounds)
    print_comparison(result)
    print_note(f"goal under 1 s: {'ok' if result.median_a < 1 else 'OVER'}")
    return [result]
