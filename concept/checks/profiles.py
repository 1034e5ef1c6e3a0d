"""Checks of the customer profiles (methodology §4.1, P-01 … P-06) and the priority quadrant."""

from __future__ import annotations

import re
from itertools import combinations

from concept.checks.base import Finding
from concept.model import Concept, CustomerProfile, Job

STEP = "profiles"
RECOMMENDED_MIN, RECOMMENDED_MAX = 3, 5
MIN_ITEMS = 3
QUADRANTS = ("core_easy", "core_hard", "secondary_easy", "secondary_hard")


def _name(profile: CustomerProfile, concept: Concept | None = None) -> str:
    """The profile's name; an unnamed one is shown by its number (#2)."""
    if profile.name.strip():
        return profile.name.strip()
    if concept is not None and profile in concept.profiles:
        return f"#{concept.profiles.index(profile) + 1}"
    return "?"


def _filled(items: list) -> list:
    return [item for item in items if item.text.strip()]


def priority_quadrant(profile: CustomerProfile) -> str:
    """P-05: business importance × difficulty to serve → one of QUADRANTS.

    On the 1–5 scales, 4 and 5 count as high; the middle value 3 counts as low, so a profile
    becomes "core" or "hard" only when the user says so clearly.
    """
    core = profile.business_importance >= 4
    hard = profile.service_difficulty >= 4
    return f"{'core' if core else 'secondary'}_{'hard' if hard else 'easy'}"


def underserved_jobs(profile: CustomerProfile) -> list[Job]:
    """P-04: important jobs (importance ≥ 4) met poorly today (satisfaction ≤ 2)."""
    return [job for job in _filled(profile.jobs)
            if job.importance >= 4 and job.current_satisfaction is not None
            and job.current_satisfaction <= 2]


def profile_count_finding(concept: Concept) -> list[Finding]:
    count = len(concept.profiles)
    if count < RECOMMENDED_MIN:
        return [Finding("P-01", "info", STEP, "profiles.check.too_few", {"count": count})]
    if count > RECOMMENDED_MAX:
        return [Finding("P-01", "info", STEP, "profiles.check.too_many", {"count": count})]
    return []


def thin_profile_findings(profile: CustomerProfile, name: str = "") -> list[Finding]:
    """P-02: fewer than three jobs, pains or gains."""
    found = []
    for attr in ("jobs", "pains", "gains"):
        count = len(_filled(getattr(profile, attr)))
        if count < MIN_ITEMS:
            found.append(Finding("P-02", "warn", STEP, f"profiles.check.few_{attr}",
                                 {"profile": name or _name(profile), "count": count}))
    return found


def job_type_finding(profile: CustomerProfile, name: str = "") -> list[Finding]:
    """P-03: jobs listed, but none of them social or emotional."""
    jobs = _filled(profile.jobs)
    if jobs and not any(job.type in ("social", "emotional") for job in jobs):
        return [Finding("P-03", "warn", STEP, "profiles.check.no_social_emotional",
                        {"profile": name or _name(profile)})]
    return []


def underserved_finding(profile: CustomerProfile, name: str = "") -> list[Finding]:
    jobs = underserved_jobs(profile)
    if not jobs:
        return []
    return [Finding("P-04", "info", STEP, "profiles.check.underserved",
                    {"profile": name or _name(profile),
                     "jobs": "; ".join(j.text for j in jobs)})]


def quadrant_finding(profile: CustomerProfile, name: str = "") -> list[Finding]:
    """P-05 as advice: a secondary, hard-to-serve profile may be worth leaving out."""
    if priority_quadrant(profile) == "secondary_hard":
        return [Finding("P-05", "info", STEP, "profiles.check.secondary_hard",
                        {"profile": name or _name(profile)})]
    return []


def primary_finding(concept: Concept) -> list[Finding]:
    """P-06: exactly one profile should be marked primary."""
    if not concept.profiles:
        return []
    primaries = [p for p in concept.profiles if p.is_primary]
    if not primaries:
        return [Finding("P-06", "gap", STEP, "profiles.check.no_primary")]
    if len(primaries) > 1:
        return [Finding("P-06", "warn", STEP, "profiles.check.many_primary",
                        {"profiles": ", ".join(_name(p, concept) for p in primaries)})]
    return []


SIMILAR = 0.7  # Jaccard similarity of the profiles' words above which they look like one
VAGUE_WORDS = 3  # a pain or gain of fewer words, with no number, is too vague to act on


def _stems(text: str) -> set[str]:
    """Word beginnings of the longer words, so inflected Finnish forms still meet."""
    return {w[:5] for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4}


def profile_words(profile: CustomerProfile) -> set[str]:
    """The 'tags' of a profile: the word beginnings of its jobs, pains and gains."""
    items = [*profile.jobs, *profile.pains, *profile.gains]
    return set().union(*(_stems(item.text) for item in items))


def similarity(first: CustomerProfile, second: CustomerProfile) -> float:
    """P-07: Jaccard similarity of the two profiles' words, 0…1 (0 when either has none)."""
    a, b = profile_words(first), profile_words(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def similar_pairs(concept: Concept) -> list[tuple[CustomerProfile, CustomerProfile]]:
    """Profiles that say mostly the same things: Jaccard similarity over SIMILAR.

    (The methodology also names closeness on the priority 2×2; every new profile starts at the
    same place there, so position alone would call all fresh profiles alike.)
    """
    return [(a, b) for a, b in combinations(concept.profiles, 2) if similarity(a, b) > SIMILAR]


def is_vague(text: str) -> bool:
    """P-09, a plain heuristic: fewer than three words and no number to measure by."""
    words = text.split()
    return bool(words) and len(words) < VAGUE_WORDS and not any(c.isdigit() for c in text)


def vague_items(profile: CustomerProfile) -> list[str]:
    return [item.text.strip() for item in [*profile.pains, *profile.gains] if is_vague(item.text)]


def evidence_finding(concept: Concept) -> list[Finding]:
    """P-08: the primary profile's most important jobs and most severe pains that no interview
    or named source backs yet (methodology §2.1: find out before designing)."""
    from concept.evidence import top_unevidenced

    items = top_unevidenced(concept)
    if not items:
        return []
    return [Finding("P-08", "info", STEP, "evidence.check.top_assumptions",
                    {"items": "; ".join(item.text.strip() for item in items)})]


def findings(concept: Concept) -> list[Finding]:
    found = profile_count_finding(concept) + primary_finding(concept) + evidence_finding(concept)
    for first, second in similar_pairs(concept):
        found.append(Finding("P-07", "warn", STEP, "profiles.check.too_similar",
                             {"first": _name(first, concept), "second": _name(second, concept),
                              "percent": round(100 * similarity(first, second))}))
    for profile in concept.profiles:
        name = _name(profile, concept)
        found += (thin_profile_findings(profile, name) + job_type_finding(profile, name)
                  + underserved_finding(profile, name) + quadrant_finding(profile, name))
        vague = vague_items(profile)
        if vague:
            found.append(Finding("P-09", "info", STEP, "profiles.check.vague",
                                 {"profile": name, "items": "; ".join(vague)}))
    return found
