"""Deleting parts that other steps refer to: count the links first, then delete and clean up.

Pages ask the user before deleting a part that is still referred to (`*_references` say by
what), then call the matching `remove_*` function, which removes the part and every link to it
across the concept, so no step is left pointing at something that no longer exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from concept.model import (
    CompetitiveAnalysis,
    CompetitiveAttribute,
    CompetitorScore,
    Concept,
    Journey,
    JourneyStage,
    Touchpoint,
)


def _drop(ids: list[str], gone: set[str]) -> list[str]:
    return [i for i in ids if i not in gone]


# --- jobs, pains and gains -------------------------------------------------------------------


def forget_profile_items(concept: Concept, item_ids: Iterable[str]) -> None:
    """Remove links to jobs, pains or gains that are already gone from their profile."""
    gone = set(item_ids)
    if not gone:
        return
    vp = concept.value_proposition
    for product in vp.products_services:
        product.job_ids = _drop(product.job_ids, gone)
    for reliever in vp.pain_relievers:
        reliever.pain_ids = _drop(reliever.pain_ids, gone)
    for creator in vp.gain_creators:
        creator.gain_ids = _drop(creator.gain_ids, gone)
    for attribute in concept.competition.attributes:
        attribute.linked_job_ids = _drop(attribute.linked_job_ids, gone)
        attribute.linked_pain_ids = _drop(attribute.linked_pain_ids, gone)
        attribute.linked_gain_ids = _drop(attribute.linked_gain_ids, gone)


def profile_item_references(concept: Concept, item_id: str) -> int:
    """How many links (value proposition, competitive attributes) point at a job, pain or gain."""
    vp = concept.value_proposition
    lists: list[list[str]] = [p.job_ids for p in vp.products_services]
    lists += [r.pain_ids for r in vp.pain_relievers] + [c.gain_ids for c in vp.gain_creators]
    for attribute in concept.competition.attributes:
        lists += [attribute.linked_job_ids, attribute.linked_pain_ids, attribute.linked_gain_ids]
    return sum(ids.count(item_id) for ids in lists)


# --- touchpoints -----------------------------------------------------------------------------


def touchpoint_references(concept: Concept, touchpoint_id: str) -> int:
    """How many pain relievers and gain creators name the touchpoint."""
    vp = concept.value_proposition
    return sum(part.touchpoint_ids.count(touchpoint_id)
               for part in [*vp.pain_relievers, *vp.gain_creators])


def forget_touchpoints(concept: Concept, touchpoint_ids: Iterable[str]) -> None:
    """Remove links to touchpoints that are already gone from their journey."""
    gone = set(touchpoint_ids)
    vp = concept.value_proposition
    for part in [*vp.pain_relievers, *vp.gain_creators]:
        part.touchpoint_ids = _drop(part.touchpoint_ids, gone)


def remove_touchpoint(concept: Concept, touchpoint_id: str) -> bool:
    for journey in concept.journeys:
        kept = [tp for tp in journey.touchpoints if tp.id != touchpoint_id]
        if len(kept) != len(journey.touchpoints):
            journey.touchpoints = kept
            forget_touchpoints(concept, [touchpoint_id])
            return True
    return False


def restore_linked_touchpoints(concept: Concept, journey: Journey, order: list[str],
                               removed: list[Touchpoint]) -> list[Touchpoint]:
    """Put back the removed touchpoints that something still links to, in their old places.

    A table editor deletes rows at once; the page asks before the linked ones really go.
    Returns the touchpoints put back.
    """
    linked = [tp for tp in removed if touchpoint_references(concept, tp.id)]
    if linked:
        position = {tp_id: i for i, tp_id in enumerate(order)}
        journey.touchpoints = sorted([*journey.touchpoints, *linked],
                                     key=lambda tp: position.get(tp.id, len(position)))
    return linked


# --- journey stages --------------------------------------------------------------------------


def find_stage(concept: Concept, stage_id: str) -> tuple[Journey, JourneyStage] | None:
    for journey in concept.journeys:
        for stage in journey.stages:
            if stage.id == stage_id:
                return journey, stage
    return None


def stage_references(concept: Concept, stage_id: str) -> dict[str, int]:
    """The touchpoints placed in a stage and the value-proposition links to them."""
    found = find_stage(concept, stage_id)
    if found is None:
        return {"touchpoints": 0, "links": 0}
    journey, _ = found
    touchpoints = [tp for tp in journey.touchpoints if tp.stage_id == stage_id]
    links = sum(touchpoint_references(concept, tp.id) for tp in touchpoints)
    return {"touchpoints": len(touchpoints), "links": links}


def remove_stage(concept: Concept, stage_id: str, move_touchpoints_to: str | None = None) -> bool:
    """Delete a stage. Its touchpoints move to another stage of the same journey when given,
    otherwise they are deleted with their links."""
    found = find_stage(concept, stage_id)
    if found is None:
        return False
    journey, _ = found
    target = move_touchpoints_to
    if target is not None and not any(s.id == target and s.id != stage_id
                                      for s in journey.stages):
        target = None
    journey.stages = [s for s in journey.stages if s.id != stage_id]
    removed: list[str] = []
    for touchpoint in list(journey.touchpoints):
        if touchpoint.stage_id == stage_id:
            if target is not None:
                touchpoint.stage_id = target
            else:
                removed.append(touchpoint.id)
    if removed:
        journey.touchpoints = [tp for tp in journey.touchpoints if tp.id not in removed]
        forget_touchpoints(concept, removed)
    return True


def order_touchpoints_by_stage(journey: Journey) -> None:
    """Keep the journey's touchpoints in stage order (stable within a stage)."""
    position = {stage.id: i for i, stage in enumerate(journey.stages)}
    journey.touchpoints = sorted(journey.touchpoints,
                                 key=lambda tp: position.get(tp.stage_id, len(position)))


def replace_stage_touchpoints(journey: Journey, stage_id: str, new: list[Touchpoint]) -> None:
    """Store an edited list of one stage's touchpoints back into the journey.

    A row whose stage was changed in the editor moves to that stage.
    """
    new_ids = {tp.id for tp in new}
    others = [tp for tp in journey.touchpoints
              if tp.stage_id != stage_id and tp.id not in new_ids]
    for touchpoint in new:
        if not touchpoint.stage_id:
            touchpoint.stage_id = stage_id
    journey.touchpoints = others + new
    order_touchpoints_by_stage(journey)


# --- profiles --------------------------------------------------------------------------------


def _has_content(journey: Journey) -> bool:
    return bool(journey.stages or journey.touchpoints or journey.entry_point.strip()
                or journey.scope_start.strip() or journey.scope_end.strip())


def profile_references(concept: Concept, profile_id: str) -> dict[str, int]:
    """What other steps hold about a profile; all zero means it can go without asking."""
    profile = concept.profile(profile_id)
    if profile is None:
        return {}
    # An untouched journey (opened once on the journey page) is not worth asking about.
    journeys = [j for j in concept.journeys if j.profile_id == profile_id and _has_content(j)]
    item_ids = [i.id for i in [*profile.jobs, *profile.pains, *profile.gains]]
    vp_links = int(concept.value_proposition.profile_id == profile_id)
    competition_links = 0
    for item_id in item_ids:
        count = profile_item_references(concept, item_id)
        in_competition = sum(
            [*a.linked_job_ids, *a.linked_gain_ids, *a.linked_pain_ids].count(item_id)
            for a in concept.competition.attributes)
        vp_links += count - in_competition
        competition_links += in_competition
    toolbox = concept.toolbox
    return {
        "journeys": len(journeys),
        "touchpoints": sum(len(j.touchpoints) for j in journeys),
        "value_links": vp_links,
        "competition_links": competition_links,
        "empathy_maps": sum(1 for m in toolbox.empathy_maps if m.profile_id == profile_id),
        "everyday_life": sum(1 for e in toolbox.everyday_life if e.profile_id == profile_id),
    }


def remove_profile(concept: Concept, profile_id: str) -> bool:
    """Delete a profile with its journeys; clear every link to it and its jobs, pains, gains.

    Empathy maps and everyday-life notes keep their content and lose only the profile link.
    When the primary profile goes, the first remaining profile becomes primary.
    """
    profile = concept.profile(profile_id)
    if profile is None:
        return False
    was_primary = profile.is_primary
    concept.profiles = [p for p in concept.profiles if p.id != profile_id]
    forget_profile_items(concept, [i.id for i in [*profile.jobs, *profile.pains,
                                                  *profile.gains]])
    journeys = [j for j in concept.journeys if j.profile_id == profile_id]
    concept.journeys = [j for j in concept.journeys if j.profile_id != profile_id]
    forget_touchpoints(concept, [tp.id for j in journeys for tp in j.touchpoints])
    if concept.value_proposition.profile_id == profile_id:
        concept.value_proposition.profile_id = ""
    for part in [*concept.toolbox.empathy_maps, *concept.toolbox.everyday_life]:
        if part.profile_id == profile_id:
            part.profile_id = ""
    if was_primary and concept.profiles:
        concept.profiles[0].is_primary = True
    return True


def set_primary(concept: Concept, profile_id: str) -> None:
    """Mark one profile primary and every other one not."""
    for profile in concept.profiles:
        profile.is_primary = profile.id == profile_id


# --- purchase stages -------------------------------------------------------------------------


def purchase_stage_references(concept: Concept, key: str) -> int:
    return sum(1 for tp in concept.all_touchpoints() if key in tp.purchase_stage_keys)


def remove_purchase_stage(concept: Concept, key: str) -> bool:
    stages = concept.purchase_process.stages
    kept = [s for s in stages if s.key != key]
    if len(kept) == len(stages):
        return False
    concept.purchase_process.stages = kept
    for touchpoint in concept.all_touchpoints():
        if key in touchpoint.purchase_stage_keys:
            touchpoint.purchase_stage_keys = [k for k in touchpoint.purchase_stage_keys
                                              if k != key]
    return True


# --- competitors' scores ----------------------------------------------------------------------


def remove_competitor_scores(analysis: CompetitiveAnalysis, competitor_ids: Sequence[str]) -> None:
    """Drop the scores of deleted competitors from every attribute."""
    gone = set(competitor_ids)
    for attribute in analysis.attributes:
        if any(s.competitor_id in gone for s in attribute.competitor_scores):
            attribute.competitor_scores = [s for s in attribute.competitor_scores
                                           if s.competitor_id not in gone]


def set_competitor_score(attribute: CompetitiveAttribute, competitor_id: str,
                         score: Any) -> bool:
    """Set (or clear, with None) one competitor's score; False if the value is refused."""
    kept = [s for s in attribute.competitor_scores if s.competitor_id != competitor_id]
    if score is None or score == "":
        attribute.competitor_scores = kept
        return True
    try:
        entry = CompetitorScore(competitor_id=competitor_id, score=int(score))
    except (ValidationError, TypeError, ValueError):
        return False
    position = next((i for i, s in enumerate(attribute.competitor_scores)
                     if s.competitor_id == competitor_id), len(kept))
    kept.insert(position, entry)
    attribute.competitor_scores = kept
    return True


# --- ordering --------------------------------------------------------------------------------


def move_item(items: list[Any], index: int, offset: int) -> list[Any]:
    """A copy of `items` with the item at `index` moved by `offset` (clamped at the ends)."""
    moved = list(items)
    if not 0 <= index < len(moved):
        return moved
    target = max(0, min(len(moved) - 1, index + offset))
    moved.insert(target, moved.pop(index))
    return moved


# --- interviews and quotes -------------------------------------------------------------------


def forget_quotes(concept: Concept, quote_ids: Iterable[str]) -> None:
    """Remove links to quotes that are gone, from every item that carries evidence."""
    from concept.evidence import evidenced_items  # evidence imports the model only; no cycle

    gone = set(quote_ids)
    if not gone:
        return
    for item in evidenced_items(concept):
        if any(q in gone for q in item.quote_ids):
            item.quote_ids = _drop(item.quote_ids, gone)


def quote_references(concept: Concept, quote_ids: Iterable[str]) -> int:
    """How many items the quotes are linked to (asked before deleting them)."""
    from concept.evidence import evidenced_items

    wanted = set(quote_ids)
    return sum(1 for item in evidenced_items(concept) if wanted & set(item.quote_ids))


def remove_quote(concept: Concept, quote_id: str) -> bool:
    for interview in concept.toolbox.interviews:
        kept = [q for q in interview.quotes if q.id != quote_id]
        if len(kept) != len(interview.quotes):
            interview.quotes = kept
            forget_quotes(concept, [quote_id])
            return True
    return False


def remove_interview(concept: Concept, interview_id: str) -> bool:
    """Delete an interview with its quotes and every link to them."""
    toolbox = concept.toolbox
    gone = [i for i in toolbox.interviews if i.id == interview_id]
    if not gone:
        return False
    toolbox.interviews = [i for i in toolbox.interviews if i.id != interview_id]
    forget_quotes(concept, [q.id for q in gone[0].quotes])
    return True


def forget_stakeholders(concept: Concept, stakeholder_ids: Iterable[str]) -> None:
    """Interviews of a deleted stakeholder group keep everything but the group."""
    gone = set(stakeholder_ids)
    for interview in concept.toolbox.interviews:
        if interview.stakeholder_id in gone:
            interview.stakeholder_id = ""


def forget_context_details(theme: Any) -> None:
    """Drop the evidence of context-theme details that are no longer in the theme."""
    details = set(theme.details)
    if any(record.detail not in details for record in theme.detail_evidence):
        theme.detail_evidence = [r for r in theme.detail_evidence if r.detail in details]
