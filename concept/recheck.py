"""Check again (methodology X-09 stale data, R-08 re-check trigger): when an earlier step changes
after a later step was last reviewed, the later step asks to be checked again.

A review of a step remembers a fingerprint of each earlier step it builds on. The rule is one
function of the model, `stale_steps`: a reviewed step is stale when an earlier step's
fingerprint differs from the one it saw. Undoing the change clears it again. A step that has
content but no review yet gets one as it is (`note_baselines`): writing it was looking at it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from concept.model import Concept, StepReview, utc_now

# Later step → the earlier steps it builds on. The value proposition answers the profiles'
# pains and gains, lives in the journey's touchpoints and rests on the competitive edge; the
# relationship serves the value proposition and is met in the journey.
UPSTREAM: dict[str, tuple[str, ...]] = {
    "journey": ("profiles",),
    "purchase": ("journey",),
    "experience": ("journey",),
    "relationships": ("journey", "value"),
    "competition": ("profiles",),
    "value": ("profiles", "journey", "competition"),
}
# Links that later steps set on the journey's touchpoints: part of those steps, not the journey.
_LATER_LINKS = {"purchase_stage_keys", "horizon_ids", "involved_roles"}


def _profiles(concept: Concept) -> object:
    return [p.model_dump(mode="json") for p in concept.profiles]


def _journey(concept: Concept) -> object:
    # An empty journey (made when a page first shows a profile's journey) is no change.
    return [j.model_dump(mode="json", exclude={"touchpoints": {"__all__": _LATER_LINKS}})
            for j in concept.journeys
            if j.stages or j.touchpoints or j.entry_point.strip() or j.scope_start.strip()
            or j.scope_end.strip()]


def _competition(concept: Concept) -> object:
    return concept.competition.model_dump(mode="json")


def _value(concept: Concept) -> object:
    return [concept.value_proposition.model_dump(mode="json", exclude={"quality_self_check"}),
            concept.description.model_dump(mode="json")]


_PARTS: dict[str, Callable[[Concept], object]] = {
    "profiles": _profiles, "journey": _journey, "competition": _competition, "value": _value,
}


def fingerprint(concept: Concept, step: str) -> str:
    """A short hash of what `step` holds (only the parts later steps build on)."""
    text = json.dumps(_PARTS[step](concept), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def has_content(concept: Concept, step: str) -> bool:
    """Whether the user has written anything in `step` yet (nothing to re-check before that)."""
    from concept.checks import experience, relationships, value
    from concept.checks.competition import is_started as competition_started

    checks: dict[str, Callable[[Concept], bool]] = {
        "journey": lambda c: any(j.stages or j.touchpoints for j in c.journeys),
        "purchase": lambda c: any(tp.purchase_stage_keys for tp in c.all_touchpoints()),
        "experience": lambda c: experience.is_started(c.experience),
        "relationships": lambda c: relationships.is_started(c.relationship),
        "competition": lambda c: competition_started(c.competition),
        "value": value.is_started,
    }
    return checks[step](concept)


def stale_steps(concept: Concept) -> dict[str, list[str]]:
    """Reviewed steps whose earlier steps changed since: step key → the changed earlier steps,
    both in the method's order."""
    stale: dict[str, list[str]] = {}
    for step, earlier in UPSTREAM.items():
        review = concept.reviews.get(step)
        if review is None:
            continue
        changed = [e for e in earlier if e in review.seen
                   and review.seen[e] != fingerprint(concept, e)]
        if changed:
            stale[step] = changed
    return stale


def confirm_review(concept: Concept, step: str, now: datetime | None = None) -> None:
    """The user has checked `step` against its earlier steps as they are now."""
    concept.reviews[step] = StepReview(
        reviewed_at=now or utc_now(),
        seen={e: fingerprint(concept, e) for e in UPSTREAM[step]})


def note_baselines(concept: Concept, now: datetime | None = None) -> list[str]:
    """Give each step that has content but no review one as it stands; the steps given one."""
    noted = [step for step in UPSTREAM
             if step not in concept.reviews and has_content(concept, step)]
    for step in noted:
        confirm_review(concept, step, now)
    return noted
