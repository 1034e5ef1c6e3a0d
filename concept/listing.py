"""The start page's concept list as data: search, sort and page the stored summaries.

Pure functions over `ConceptSummary`, so the list costs the same to show whether 1 or 10,000
concepts are stored: only one page of rows is ever drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from concept.store import ConceptSummary

PAGE_SIZE = 25
SORTS = ("changed", "name", "industry")


def search(summaries: Sequence[ConceptSummary], query: str) -> list[ConceptSummary]:
    """The summaries whose name or industry contains every word of `query` (any case)."""
    words = query.casefold().split()
    if not words:
        return list(summaries)
    return [s for s in summaries
            if all(word in f"{s.name}\n{s.industry}".casefold() for word in words)]


def sort(summaries: Sequence[ConceptSummary], order: str) -> list[ConceptSummary]:
    """Most recently changed first, or by name or industry (then name), ignoring case."""
    if order == "name":
        return sorted(summaries, key=lambda s: (s.name.casefold(), s.id))
    if order == "industry":
        return sorted(summaries, key=lambda s: (not s.industry, s.industry.casefold(),
                                                s.name.casefold(), s.id))
    return sorted(summaries, key=lambda s: s.updated_at, reverse=True)


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def page(summaries: Sequence[ConceptSummary], number: int, size: int = PAGE_SIZE
         ) -> tuple[list[ConceptSummary], int]:
    """Page `number` (1-based, clamped to the pages there are) and the number actually shown."""
    number = min(max(1, number), page_count(len(summaries), size))
    start = (number - 1) * size
    return list(summaries[start:start + size]), number
