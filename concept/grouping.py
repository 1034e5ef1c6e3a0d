"""Grouping interviewees by the jobs, pains and gains they share, to suggest customer profiles
(methodology §5.9.4: the value canvas also helps group interviewees into profiles). A suggestion
only: the user accepts it (a new profile with the shared items) or ignores it."""

from __future__ import annotations

from dataclasses import dataclass

from concept.model import Concept, CustomerProfile, Gain, Job, Pain

# Two interviewees belong together when they share at least this many items.
MIN_SHARED = 2


@dataclass(frozen=True)
class GroupSuggestion:
    interview_ids: tuple[str, ...]
    item_ids: tuple[str, ...]  # items that at least two of the group's interviews back

    @property
    def key(self) -> str:
        return ".".join(sorted(self.interview_ids))


def _items_by_interview(concept: Concept) -> dict[str, set[str]]:
    owner = {q.id: i.id for i in concept.toolbox.interviews for q in i.quotes}
    found: dict[str, set[str]] = {i.id: set() for i in concept.toolbox.interviews}
    for item in [*concept.all_jobs(), *concept.all_pains(), *concept.all_gains()]:
        for quote_id in item.quote_ids:
            if quote_id in owner:
                found[owner[quote_id]].add(item.id)
    return found


def suggest_groups(concept: Concept, min_shared: int = MIN_SHARED) -> list[GroupSuggestion]:
    """Interviewees linked when they share `min_shared` items, grouped transitively; each group
    of two or more with the items at least two of them share, largest group first."""
    items = _items_by_interview(concept)
    ids = [i for i in items if items[i]]
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            if len(items[a] & items[b]) >= min_shared:
                parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    order = [item.id for item in [*concept.all_jobs(), *concept.all_pains(), *concept.all_gains()]]
    suggestions = []
    for members in groups.values():
        if len(members) < 2:
            continue
        counts = {item: sum(item in items[m] for m in members) for item in order}
        shared = tuple(item for item in order if counts[item] >= 2)
        suggestions.append(GroupSuggestion(tuple(members), shared))
    return sorted(suggestions, key=lambda s: -len(s.interview_ids))


def accept_group(concept: Concept, suggestion: GroupSuggestion, name: str) -> CustomerProfile:
    """A new profile with copies of the shared items, each backed by the same quotes."""
    profile = CustomerProfile(name=name, is_primary=not concept.profiles)
    wanted = set(suggestion.item_ids)
    for source in concept.profiles:
        for kind, model in (("jobs", Job), ("pains", Pain), ("gains", Gain)):
            for item in getattr(source, kind):
                if item.id in wanted:
                    copy = model(**item.model_dump(exclude={"id"}))
                    getattr(profile, kind).append(copy)
    concept.profiles.append(profile)
    return profile
