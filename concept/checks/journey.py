"""Checks of the customer journeys (methodology §4.2): J-01 … J-04, J-06, J-07, J-11, the curve."""

from __future__ import annotations

from concept.checks.base import EnumParam, Finding
from concept.model import Concept, Journey, Touchpoint

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


def curve_highlights(journey: Journey) -> tuple[int | None, int | None]:
    """J-12: indexes (into the stages) of the curve's lowest point and of its end point.

    The lowest is the first stage with the lowest emotion; the end is the last stage with an
    emotion. (None, None) when no stage has an emotion.
    """
    rated = [(i, s.emotion) for i, s in enumerate(journey.stages) if s.emotion is not None]
    if not rated:
        return None, None
    lowest = min(rated, key=lambda pair: pair[1])[0]
    return lowest, rated[-1][0]


def narrow_scope(journey: Journey) -> str | None:
    """J-05: 'start', 'end' or 'both' when no stage beyond the concept lies before the first
    or after the last own touchpoint; None when the scope is wide enough or nothing is own."""
    order = {stage.id: i for i, stage in enumerate(journey.stages)}
    own = sorted(order[tp.stage_id] for tp in journey.touchpoints
                 if tp.owner == "own" and tp.stage_id in order)
    if not own:
        return None
    before = any(s.is_beyond_concept for s in journey.stages[:own[0]])
    after = any(s.is_beyond_concept for s in journey.stages[own[-1] + 1:])
    if before and after:
        return None
    if not before and not after:
        return "both"
    return "end" if before else "start"


def ordered_touchpoints(journey: Journey) -> list[Touchpoint]:
    """The journey's live touchpoints in the order of their stages (then as entered)."""
    order = {stage.id: i for i, stage in enumerate(journey.stages)}
    live = [tp for tp in journey.touchpoints if tp.stage_id in order and tp.dev_status != "remove"]
    return sorted(live, key=lambda tp: order[tp.stage_id])


def channel_switches(journey: Journey) -> list[tuple[Touchpoint, Touchpoint]]:
    """J-08: consecutive touchpoints in different channels where neither is a communication
    touchpoint (a message, link or call that hands the customer over to the next channel)."""
    ordered = [tp for tp in ordered_touchpoints(journey) if tp.channel]
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False)
            if a.channel != b.channel and "communication" not in (a.kind, b.kind)]


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
    # A stage beyond the concept (J-05) is where you do not serve the customer: alone by design.
    alone = [s.name or "?" for s in journey.stages
             if s.id not in used and not s.is_beyond_concept]
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
    scope = narrow_scope(journey)
    if scope is not None:
        found.append(Finding("J-05", "info", STEP, f"journey.check.narrow_{scope}",
                             {"profile": profile}))
    switches = channel_switches(journey)
    if switches:
        found.append(Finding("J-08", "info", STEP, "journey.check.channel_switch", {
            "profile": profile,
            "switches": "; ".join(f"{a.name or '?'} → {b.name or '?'}" for a, b in switches)}))
    found += curve_findings(journey, profile)
    return found


def curve_findings(journey: Journey, profile: str) -> list[Finding]:
    """J-12: name the lowest point and the end of the emotion curve when either is low: the end
    weighs most in what the customer remembers (the peak-end heuristic)."""
    lowest, end = curve_highlights(journey)
    if lowest is None or end is None:
        return []
    low_stage, end_stage = journey.stages[lowest], journey.stages[end]
    if low_stage.emotion >= 0 and end_stage.emotion > 0:
        return []
    if lowest == end or low_stage.emotion == end_stage.emotion:
        return [Finding("J-12", "info", STEP, "journey.check.curve_ends_low", {
            "profile": profile, "end": end_stage.name or "?",
            "end_emotion": EnumParam("emotion", str(end_stage.emotion))})]
    return [Finding("J-12", "info", STEP, "journey.check.curve", {
        "profile": profile, "lowest": low_stage.name or "?",
        "low_emotion": EnumParam("emotion", str(low_stage.emotion)),
        "end": end_stage.name or "?",
        "end_emotion": EnumParam("emotion", str(end_stage.emotion))})]


def findings(concept: Concept) -> list[Finding]:
    found = [f for journey in concept.target_journeys()
             for f in journey_findings(concept, journey)]
    if change_ratio(concept) == 0:
        found.append(Finding("J-07", "warn", STEP, "journey.check.nothing_changes"))
    return found
