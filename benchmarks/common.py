"""Measuring helpers: interleaved A/B timing, medians and the printed report."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Comparison:
    """Two variants timed in alternation; times in seconds."""

    name: str
    label_a: str
    label_b: str
    times_a: list[float] = field(default_factory=list)
    times_b: list[float] = field(default_factory=list)
    target: float | None = None  # the ratio a/b should stay at or under this

    @property
    def median_a(self) -> float:
        return statistics.median(self.times_a)

    @property
    def median_b(self) -> float:
        return statistics.median(self.times_b)

    @property
    def ratio(self) -> float:
        return self.median_a / self.median_b if self.median_b else float("inf")

    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "ok" if self.ratio <= self.target else "OVER TARGET"


def timed(action: Callable[[], object]) -> float:
    """Seconds the action took; an action that returns a float has timed itself (its part)."""
    start = time.perf_counter()
    measured = action()
    elapsed = time.perf_counter() - start
    return measured if isinstance(measured, float) else elapsed


def compare(name: str, label_a: str, action_a: Callable[[], object], label_b: str,
            action_b: Callable[[], object], rounds: int, target: float | None = None,
            warmup: int = 1) -> Comparison:
    """Run a and b alternately (a-b, then b-a, ...) so drifts in machine load hit both alike."""
    for _ in range(warmup):
        action_a()
        action_b()
    result = Comparison(name, label_a, label_b, target=target)
    for index in range(rounds):
        if index % 2 == 0:
            result.times_a.append(timed(action_a))
            result.times_b.append(timed(action_b))
        else:
            result.times_b.append(timed(action_b))
            result.times_a.append(timed(action_a))
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def print_header(title: str) -> None:
    print()
    print(f"== {title}")


def print_comparison(result: Comparison) -> None:
    target = f"  (target <= {result.target:g}x: {result.verdict()})" if result.target else ""
    print(f"  {result.name:<34} {result.ratio:5.2f}x{target}")
    print(f"      {result.label_a:<30} median {ms(result.median_a)}  (n={len(result.times_a)})")
    print(f"      {result.label_b:<30} median {ms(result.median_b)}  (n={len(result.times_b)})")


def print_note(text: str) -> None:
    print(f"  -- {text}")
