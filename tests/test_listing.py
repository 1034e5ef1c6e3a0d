"""The start page's list as data: search, sort and pages."""

from datetime import UTC, datetime, timedelta

from concept import listing
from concept.store import ConceptSummary

BASE = datetime(2026, 11, 1, tzinfo=UTC)


def _summary(name: str, industry: str = "", days: int = 0) -> ConceptSummary:
    return ConceptSummary(name.casefold().replace(" ", "-"), name, industry,
                          BASE + timedelta(days=days), 1)


def test_search_matches_every_word_in_name_or_industry_ignoring_case():
    items = [_summary("Kahvila Kulma", "kahvila"), _summary("Pyöräpaja", "pyörät"),
             _summary("Kulman pyörät")]
    assert [s.name for s in listing.search(items, "PYÖRÄT")] == ["Pyöräpaja", "Kulman pyörät"]
    assert [s.name for s in listing.search(items, "kulma kahvila")] == ["Kahvila Kulma"]
    assert listing.search(items, "  ") == items


def test_sort_by_change_name_or_industry():
    items = [_summary("b", "x", 1), _summary("A", "", 3), _summary("c", "a", 2)]
    assert [s.name for s in listing.sort(items, "changed")] == ["A", "c", "b"]
    assert [s.name for s in listing.sort(items, "name")] == ["A", "b", "c"]
    assert [s.name for s in listing.sort(items, "industry")] == ["c", "b", "A"]  # empty last


def test_pages_are_clamped_to_the_pages_there_are():
    items = [_summary(f"k{i:02d}") for i in range(23)]
    assert listing.page_count(23, 10) == 3 and listing.page_count(0, 10) == 1
    rows, number = listing.page(items, 3, 10)
    assert number == 3 and [s.name for s in rows] == ["k20", "k21", "k22"]
    assert listing.page(items, 9, 10)[1] == 3 and listing.page(items, 0, 10)[1] == 1
    assert listing.page([], 2) == ([], 1)
    assert len(listing.page(items, 1)[0]) == min(23, listing.PAGE_SIZE)
