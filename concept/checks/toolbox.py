"""Checks of the workshop side tools, the parking lot and the stop list (methodology §5).

A side tool is optional, so its checks speak only once the tool has been used: an empty
stakeholder map is not a finding, a map with two stakeholders is. A stopped item missing from the
exclusions (ST-01) is reported once, as V-09 of the value checks.
"""

from __future__ import annotations

from concept.checks.base import Finding
from concept.model import Concept
from concept.promotion import unpromoted_notes
from concept.toolbox import (
    MIN_IMAGE_ANSWERS,
    answers,
    empathy_map_name,
    planned_interviews,
    quadrant,
)

MIN_STAKEHOLDERS = 5
MIN_INTERVIEWS = 10
MIN_FRAMES = 3
QUADRANT_FIELDS = ("experiences", "attitude_self_environment", "pain_points", "success_feelings")


def empathy_findings(concept: Concept) -> list[Finding]:
    found: list[Finding] = []
    for number, empathy_map in enumerate(concept.toolbox.empathy_maps, start=1):
        name = empathy_map_name(empathy_map, concept, number)
        empty = sum(1 for attr in QUADRANT_FIELDS if not getattr(empathy_map, attr))
        if empty:
            found.append(Finding("E-01", "warn", "empathy_map", "check.toolbox.empty_quadrant",
                                 {"name": name, "count": empty}))
        waiting = len(unpromoted_notes(empathy_map))
        if waiting:
            found.append(Finding("E-03", "info", "empathy_map", "check.toolbox.not_promoted",
                                 {"name": name, "count": waiting}))
    return found


def image_findings(concept: Concept) -> list[Finding]:
    goal = concept.toolbox.image_goal
    if not goal.responses:
        return []
    always, never = len(answers(goal, "always")), len(answers(goal, "never"))
    if always < MIN_IMAGE_ANSWERS or never < MIN_IMAGE_ANSWERS:
        return [Finding("M-01", "warn", "image_goal", "check.toolbox.few_image_answers",
                        {"always": always, "never": never, "minimum": MIN_IMAGE_ANSWERS})]
    return []


def stakeholder_findings(concept: Concept) -> list[Finding]:
    stakeholders = concept.toolbox.stakeholders
    if not stakeholders:
        return []
    found: list[Finding] = []
    if len(stakeholders) < MIN_STAKEHOLDERS:
        found.append(Finding("SH-01", "info", "stakeholders", "check.toolbox.few_stakeholders",
                             {"count": len(stakeholders), "minimum": MIN_STAKEHOLDERS}))
    for stakeholder in stakeholders:
        if quadrant(stakeholder) == "key_group" and not stakeholder.interview_candidate:
            found.append(Finding("SH-02", "warn", "stakeholders",
                                 "check.toolbox.key_group_not_interviewed",
                                 {"name": stakeholder.name.strip() or "?"}))
    total = planned_interviews(stakeholders)
    if total < MIN_INTERVIEWS:
        found.append(Finding("SH-03", "info", "stakeholders", "check.toolbox.few_interviews",
                             {"count": total, "minimum": MIN_INTERVIEWS}))
    return found


def storyboard_findings(concept: Concept) -> list[Finding]:
    found: list[Finding] = []
    for number, board in enumerate(concept.toolbox.storyboards, start=1):
        name = board.title.strip() or f"#{number}"
        if not board.how_they_want_to_be_served.strip():
            found.append(Finding("SB-02", "warn", "storyboard", "check.toolbox.no_service_wish",
                                 {"name": name}))
        if len(board.frames) < MIN_FRAMES:
            found.append(Finding("SB-03", "info", "storyboard", "check.toolbox.few_frames",
                                 {"name": name, "count": len(board.frames),
                                  "minimum": MIN_FRAMES}))
    return found


def parking_findings(concept: Concept) -> list[Finding]:
    found: list[Finding] = []
    for item in concept.parking_lot:
        if item.status == "open" and not item.owner.strip():
            found.append(Finding("PK-01", "warn", "parking", "check.toolbox.parked_no_owner",
                                 {"text": _short(item.text)}))
    for item in concept.stop_list:
        if (item.status == "stopped" and item.reason == "against_strategy"
                and not item.rationale.strip()):
            found.append(Finding("ST-02", "warn", "parking", "check.toolbox.stop_no_rationale",
                                 {"text": _short(item.text)}))
    return found


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def findings(concept: Concept) -> list[Finding]:
    return (empathy_findings(concept) + image_findings(concept) + stakeholder_findings(concept)
            + storyboard_findings(concept) + parking_findings(concept))
