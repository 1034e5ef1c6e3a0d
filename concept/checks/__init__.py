"""Deterministic checks of a concept: gentle advice, never blockers (methodology §4, §6).

Each module in this package covers one area and defines `findings(concept) -> list[Finding]`;
`all_findings` runs them all. Analyses that pages and documents show (counts, indices, the fit
figure, classifications) are plain functions in the same modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from concept.checks.base import SEVERITY_ORDER, Finding
from concept.model import Concept

__all__ = ["Finding", "all_findings", "findings_for_step"]


@lru_cache(maxsize=1)
def _check_modules() -> tuple[ModuleType, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base")
    modules = (importlib.import_module(f"{__name__}.{name}") for name in names)
    return tuple(m for m in modules if hasattr(m, "findings"))


def all_findings(concept: Concept) -> list[Finding]:
    """Every finding of every area, the most serious first."""
    found = [f for module in _check_modules() for f in module.findings(concept)]
    return sorted(found, key=lambda f: (SEVERITY_ORDER[f.severity], f.step, f.check_id))


def findings_for_step(concept: Concept, step_key: str) -> list[Finding]:
    return [f for f in all_findings(concept) if f.step == step_key]
