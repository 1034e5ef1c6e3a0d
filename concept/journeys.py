"""The current journey (mapped from interviews) beside the target journey (designed): starting
the target from the current one, and the two side by side (methodology §5.5 point 4)."""

from __future__ import annotations

from dataclasses import dataclass

from concept.model import Concept, Journey, JourneyStage, Touchpoint, new_id


def has_content(journey: Journey | None) -> bool:
    return journey is not None and bool(
        journey.stages or journey.touchpoints or journey.entry_point.strip()
        or journey.scope_start.strip() or journey.scope_end.strip())


def can_start_target_from_current(concept: Concept, profile_id: str) -> bool:
    """A current journey with stages, and a target journey with nothing in it yet."""
    current = concept.journey_for(profile_id, "current")
    return current is not None and bool(current.stages) and not has_content(
        concept.journey_for(profile_id, "target"))


def start_target_from_current(concept: Concept, profile_id: str) -> Journey | None:
    """Copy the current journey into a new target journey; every copied stage and touchpoint
    keeps the id of its original in `source_id`, the journey in `based_on_id`. An empty target
    journey is replaced; one with content is never overwritten (None)."""
    if not can_start_target_from_current(concept, profile_id):
        return None
    current = concept.journey_for(profile_id, "current")
    assert current is not None
    stage_ids = {stage.id: new_id() for stage in current.stages}
    target = Journey(
        profile_id=profile_id, kind="target", based_on_id=current.id,
        entry_point=current.entry_point, scope_start=current.scope_start,
        scope_end=current.scope_end,
        stages=[JourneyStage(**stage.model_dump(exclude={"id", "source_id"}),
                             id=stage_ids[stage.id], source_id=stage.id)
                for stage in current.stages],
        touchpoints=[Touchpoint(**tp.model_dump(exclude={"id", "source_id", "stage_id"}),
                                stage_id=stage_ids.get(tp.stage_id, ""), source_id=tp.id)
                     for tp in current.touchpoints],
    )
    concept.journeys = [j for j in concept.journeys
                        if not (j.profile_id == profile_id and j.kind == "target")] + [target]
    return target


@dataclass(frozen=True)
class StagePair:
    """One row of the side-by-side view: a current stage and the target stage made from it (or
    a stage only one of the journeys has)."""

    current: JourneyStage | None
    target: JourneyStage | None


def side_by_side(current: Journey, target: Journey) -> list[StagePair]:
    """Stages paired by the target's links back; unmatched ones in their own journey's order."""
    by_source = {s.source_id: s for s in target.stages if s.source_id}
    used: set[str] = set()
    pairs = []
    for stage in current.stages:
        match = by_source.get(stage.id)
        if match is not None:
            used.add(match.id)
        pairs.append(StagePair(stage, match))
    pairs += [StagePair(None, s) for s in target.stages if s.id not in used]
    return pairs
