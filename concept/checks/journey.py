"""Checks of the customer journeys (methodology §4.2): J-01 … J-04, J-06, J-07, J-11, the curve."""

from __future__ import annotations

from concept.checks.base import Finding
from concept.model import Concept, Journey

STEP = "journey"
MIN_STAGES, MAX_STAGES = 3, 10
DEV_STATUSES = ("keep", "develop", "new", "remove")


def _profile_name(concept: Concept, journey: Journey) -> str:
    """The journey's profile by name; an unnamed one by its number (#2)."""
    for number, profile in enumerate(concept.profiles, start=1):
        if profile.id == journey.profile_id:
            return profile.name.strip() or f"#{number}"
    return "?"


def emotion_curve(journey: Journey) -> list[tuple[str, int | None]]:
    """(stage name, emotion −2…+2 or None) in the journey's order, for the emotion chart."""
    return [(stage.name, stage.emotion) for stage in journey.stages]


def change_summary(concept: Concept) -> dict[str, int]:
    """J-07: how many touchpoints of all journeys stay, are developed, are new or go."""
    counts = dict.fromkeys(DEV_STATUSES, 0)
    for touchpoint in concept.all_touchpoints():
        counts[touchpoint.dev_status] += 1
    return counts


def change_ratio(concept: Concept) -> float | None:
    """(develop + new + remove) / all touchpoints; None when there are no touchpoints."""
    counts = change_summary(concept)
    total = sum(counts.values())
    if not total:
        return None
    return (total - counts["keep"]) / total


def journey_findings(concept: Concept, journey: Journey) -> list[Finding]:
    profile = _profile_name(concept, journey)
    found: list[Finding] = []
    if not journey.entry_point.strip():
        found.append(Finding("J-01", "gap", STEP, "journey.check.no_entry_point",
                             {"profile": profile}))
    count = len(journey.stages)
    if count < MIN_STAGES or count > MAX_STAGES:
        found.append(Finding("J-02", "warn", STEP, "journey.check.stage_count",
                             {"profile": profile, "count": count}))
    used = {tp.stage_id for tp in journey.touchpoints}
    alone = [s.name or "?" for s in journey.stages if s.id not in used]
    if alone:
        found.append(Finding("J-03", "warn", STEP, "journey.check.customer_alone",
                             {"profile": profile, "stages": ", ".join(alone),
                              "count": len(alone)}))
    no_channel = [tp.name or "?" for tp in journey.touchpoints if not tp.channel]
    if no_channel:
        found.append(Finding("J-04", "warn", STEP, "journey.check.no_channel",
                             {"profile": profile, "touchpoints": ", ".join(no_channel),
                              "count": len(no_channel)}))
    hotspots = []
    for stage in journey.stages:
        painful = (stage.emotion is not None and stage.emotion <= -1) or bool(stage.failures)
        changing = any(tp.stage_id == stage.id and tp.dev_status in ("develop", "new")
                       for tp in journey.touchpoints)
        if painful and not changing:
            hotspots.append(stage.name or "?")
    if hotspots:
        found.append(Finding("J-06", "gap", STEP, "journey.check.pain_hotspot",
                             {"profile": profile, "stages": ", ".join(hotspots),
                              "count": len(hotspots)}))
    if journey.touchpoints and not any(tp.is_moment_of_truth for tp in journey.touchpoints):
        found.append(Finding("J-11", "info", STEP, "journey.check.no_moment_of_truth",
                             {"profile": profile}))
    return found


def findings(concept: Concept) -> list[Finding]:
    found = [f for journey in concept.target_journeys()
             for f in journey_findings(concept, journey)]
    if change_ratio(concept) == 0:
        found.append(Finding("J-07", "warn", STEP, "journey.check.nothing_changes"))
    return found
