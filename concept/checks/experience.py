"""Checks of the experience over time (methodology §4.4): horizons, feelings, step 5 fit."""

from __future__ import annotations

import re

from concept.checks.base import Finding, HorizonParam
from concept.model import Concept, ExperienceHorizon, ExperienceTimeline, Touchpoint

STEP = "experience"
# Default horizons that reach beyond the first month; custom ones count by their position.
LATER_KEYS = ("first_year", "long_term")
EARLY_KEYS = ("first_moments", "first_month")


def horizon_has_content(horizon: ExperienceHorizon) -> bool:
    return bool(horizon.essentials or horizon.target_experience.strip()
                or horizon.delight_moments or horizon.churn_risks
                or horizon.target_rating is not None)


def is_started(timeline: ExperienceTimeline) -> bool:
    return timeline.intended_pattern is not None or any(
        horizon_has_content(h) for h in timeline.horizons)


def later_horizons(timeline: ExperienceTimeline) -> list[ExperienceHorizon]:
    """Horizons beyond the first month: the default year/long ones, else the third onward."""
    later = []
    for index, horizon in enumerate(timeline.horizons):
        if horizon.key in LATER_KEYS or (horizon.key not in EARLY_KEYS and index >= 2):
            later.append(horizon)
    return later


def rating_decline(timeline: ExperienceTimeline) -> tuple[int, int] | None:
    """(first rating, lowest later rating) when the target feeling falls after the first horizon."""
    rated = [h.target_rating for h in timeline.horizons]
    if not rated or rated[0] is None:
        return None
    later = [r for r in rated[1:] if r is not None]
    if later and min(later) < rated[0]:
        return rated[0], min(later)
    return None


def horizon_touchpoints(concept: Concept, horizon: ExperienceHorizon) -> list[Touchpoint]:
    return [tp for tp in concept.all_touchpoints()
            if horizon.id in tp.horizon_ids and tp.dev_status != "remove"]


def periods_used(concept: Concept) -> bool:
    """Whether some touchpoint has been placed in a period: until then T-02 and T-07 would only
    repeat that the touchpoints are not placed yet."""
    placed = {hid for tp in concept.all_touchpoints() for hid in tp.horizon_ids}
    return bool(placed & {h.id for h in concept.experience.horizons})


def silent_horizons(concept: Concept) -> list[ExperienceHorizon]:
    """T-02: periods with no touchpoint, once some touchpoint has been placed in a period."""
    if not periods_used(concept):
        return []
    return [h for h in concept.experience.horizons if not horizon_touchpoints(concept, h)]


def _stems(text: str) -> set[str]:
    """Word beginnings, so inflected Finnish forms still meet (laskun ~ lasku, laskutus)."""
    return {w[:5] for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4}


def unanswered_churn_risks(concept: Concept) -> list[tuple[ExperienceHorizon, str]]:
    """T-07: (period, risk) for each churn risk that no touchpoint of the same period answers.

    A plain heuristic: a touchpoint answers a risk when its name or description shares a word
    with it (inflected forms count), so the answer has to say what it is about. Only once some
    touchpoint is placed in a period (see `periods_used`).
    """
    unanswered: list[tuple[ExperienceHorizon, str]] = []
    if not periods_used(concept):
        return unanswered
    for horizon in concept.experience.horizons:
        texts = [_stems(f"{tp.name} {tp.description}")
                 for tp in horizon_touchpoints(concept, horizon)]
        for risk in (r.strip() for r in horizon.churn_risks):
            if risk and not any(_stems(risk) & words for words in texts):
                unanswered.append((horizon, risk))
    return unanswered


def _period(horizon: ExperienceHorizon) -> HorizonParam:
    return HorizonParam(horizon.key, horizon.label)


def findings(concept: Concept) -> list[Finding]:
    timeline = concept.experience
    if not is_started(timeline):
        return []
    found: list[Finding] = []
    horizons = timeline.horizons
    if len(horizons) < 3:
        found.append(Finding("T-01", "warn", STEP, "experience.check.t01",
                             {"count": len(horizons)}))
    ratings = [h.target_rating for h in horizons if h.target_rating is not None]
    if (len(ratings) >= 2 and len(set(ratings)) == 1
            and timeline.intended_pattern not in (None, "stable")):
        found.append(Finding("T-03", "info", STEP, "experience.check.t03"))
    decline = rating_decline(timeline)
    if decline is not None:
        found.append(Finding("T-04", "warn", STEP, "experience.check.t04",
                             {"first": f"{decline[0]:+d}", "lowest": f"{decline[1]:+d}"}))
    for horizon in silent_horizons(concept):
        found.append(Finding("T-02", "warn", STEP, "experience.check.t02",
                             {"period": _period(horizon)}))
    for horizon, risk in unanswered_churn_risks(concept):
        found.append(Finding("T-07", "info", STEP, "experience.check.t07",
                             {"period": _period(horizon), "risk": risk}))
    if horizons and not horizons[0].essentials:
        found.append(Finding("T-05", "gap", STEP, "experience.check.t05"))
    duration = concept.relationship.duration
    later_filled = any(horizon_has_content(h) for h in later_horizons(timeline))
    if duration in ("long", "continuous") and not later_filled:
        found.append(Finding("T-06", "warn", STEP, "experience.check.t06_long"))
    elif duration == "one_off" and later_filled:
        found.append(Finding("T-06", "warn", STEP, "experience.check.t06_one_off"))
    return found
