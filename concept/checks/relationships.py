"""Checks of the customer relationship (methodology §4.5): closeness, duration, people involved."""

from __future__ import annotations

from concept.checks.base import EnumParam, Finding
from concept.checks.experience import later_horizons
from concept.model import Concept, PersonInvolved, Relationship, Touchpoint

STEP = "relationships"
# Channels where a community can gather: social media, events, messaging groups.
COMMUNITY_CHANNELS = ("social", "event", "chat")


def is_started(rel: Relationship) -> bool:
    return bool(rel.types or rel.closeness or rel.duration or rel.contact_frequency
                or rel.rationale_for_value_proposition.strip() or rel.people
                or rel.honesty_note.strip() or rel.impact_on_journey.strip()
                or rel.impact_on_purchase.strip())


def post_stage_key(concept: Concept) -> str | None:
    """The purchase stage after the purchase: 'post' if kept, else the last stage."""
    stages = concept.purchase_process.stages
    keys = [s.key for s in stages]
    if "post" in keys:
        return "post"
    return keys[-1] if keys else None


def post_purchase_touchpoints(concept: Concept) -> list[Touchpoint]:
    key = post_stage_key(concept)
    return [tp for tp in concept.all_touchpoints() if key and key in tp.purchase_stage_keys]


def later_horizon_touchpoints(concept: Concept) -> list[Touchpoint]:
    later = {h.id for h in later_horizons(concept.experience)}
    return [tp for tp in concept.all_touchpoints() if later & set(tp.horizon_ids)]


def needs_touchpoints(person: PersonInvolved) -> bool:
    return person.influence >= 4 or person.needs_own_touchpoints


def people_without_touchpoints(concept: Concept) -> list[PersonInvolved]:
    """Important people whose role takes part in no touchpoint (R-04)."""
    present = {role for tp in concept.all_touchpoints() for role in tp.involved_roles}
    return [p for p in concept.relationship.people
            if needs_touchpoints(p) and p.role not in present]


def after_decision_keys(concept: Concept) -> set[str]:
    """Purchase stages after the decision: those after 'decide' if kept, else the last stage."""
    keys = [s.key for s in concept.purchase_process.stages]
    if "decide" in keys:
        return set(keys[keys.index("decide") + 1:])
    post = post_stage_key(concept)
    return {post} if post else set()


def human_after_decision(concept: Concept) -> list[Touchpoint]:
    """Human touchpoints after the purchase decision: in a later purchase stage or period."""
    after = after_decision_keys(concept)
    later = {h.id for h in later_horizons(concept.experience)}
    return [tp for tp in concept.all_touchpoints()
            if tp.kind == "human" and tp.dev_status != "remove"
            and (after & set(tp.purchase_stage_keys) or later & set(tp.horizon_ids))]


def is_close(rel: Relationship) -> bool:
    return (rel.closeness or 0) >= 4 or bool({"personal", "dedicated"} & set(rel.types))


EVALUATE_DECIDE = ("evaluate", "decide")
OTHER_THAN_USER = ("decider", "payer")


def roles_missing_at_decision(concept: Concept) -> list[str]:
    """R-05: the decider or payer, named among the people and not the user, who takes part in no
    touchpoint of the evaluate or decide stage."""
    keys = {s.key for s in concept.purchase_process.stages} & set(EVALUATE_DECIDE)
    if not keys:
        return []
    present = {role for tp in concept.all_touchpoints() if keys & set(tp.purchase_stage_keys)
               for role in tp.involved_roles}
    named = [p.role for p in concept.relationship.people if p.role in OTHER_THAN_USER]
    return [role for role in dict.fromkeys(named) if role not in present]


def findings(concept: Concept) -> list[Finding]:
    rel = concept.relationship
    if not is_started(rel):
        return []
    found: list[Finding] = []
    closeness = rel.closeness or 0
    # Only when the relationship is all digital: a personal type beside it explains the closeness.
    if closeness >= 4 and rel.types and set(rel.types) <= {"self_service", "automated"}:
        found.append(Finding("R-02", "info", STEP, "relationships.check.r02",
                             {"closeness": closeness}))
    # R-01 once there is a journey to look at: without touchpoints R-03 already says it.
    if is_close(rel) and concept.all_touchpoints() and not human_after_decision(concept):
        found.append(Finding("R-01", "warn", STEP, "relationships.check.r01"))
    for role in roles_missing_at_decision(concept):
        found.append(Finding("R-05", "warn", STEP, "relationships.check.r05",
                             {"role": EnumParam("person_role", role)}))
    if rel.duration in ("long", "continuous") and not (
            post_purchase_touchpoints(concept) or later_horizon_touchpoints(concept)):
        found.append(Finding("R-03", "gap", STEP, "relationships.check.r03"))
    for person in people_without_touchpoints(concept):
        if person.description.strip():
            found.append(Finding("R-04", "warn", STEP, "relationships.check.r04",
                                 {"person": person.description.strip()}))
        else:
            found.append(Finding("R-04", "warn", STEP, "relationships.check.r04_unnamed"))
    if not rel.rationale_for_value_proposition.strip():
        found.append(Finding("R-06", "warn", STEP, "relationships.check.r06"))
    if "community" in rel.types and not any(
            tp.channel in COMMUNITY_CHANNELS for tp in concept.all_touchpoints()):
        found.append(Finding("R-07", "info", STEP, "relationships.check.r07"))
    return found
