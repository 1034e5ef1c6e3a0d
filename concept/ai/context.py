"""The context builder: a compact, capped summary of the concept for one task."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from concept.ai.errors import _clip
from concept.ai.targets import (
    ListTarget,
    _competitor,
    _horizon,
    _profile,
    _purchase_stage,
    _stage_journey,
)
from concept.labels import horizon_label, stage_label
from concept.model import Concept, CustomerProfile

# Budgets (characters) that keep prompts small for large concepts.
SECTION_CHARS = 700  # an earlier step, summarised
CURRENT_SECTION_CHARS = 1800  # the step being worked on
EXISTING_CHARS = 1500  # items already in the list, so the model does not repeat them
CONTEXT_CHARS = 6000  # the whole context block

SECTION_STEPS = ("start", "profiles", "journey", "purchase", "experience", "relationships",
                 "competition", "value")


def _data(text: Any, limit: int = 160) -> str:
    """User text as data: one line, capped, with no way to close the delimiting tags."""
    return _clip(str(text), limit).replace("<", "‹").replace(">", "›")


def _join(items: list[str], limit: int = 80, most: int = 4) -> str:
    shown = [_data(i, limit) for i in items if str(i).strip()][:most]
    more = len([i for i in items if str(i).strip()]) - len(shown)
    return "; ".join(shown) + (f"; (+{more})" if more > 0 else "")


def _section_start(concept: Concept, lang: str, full: bool) -> list[str]:
    idea = concept.idea
    lines = [f"Concept: {_data(concept.name, 120)}"
             + (f" ({_data(concept.industry, 80)})" if concept.industry else "")]
    for label, value in (("Who it is for", idea.who), ("What value", idea.what_value),
                         ("How", idea.how)):
        if value.strip():
            lines.append(f"Starting idea, {label.lower()}: {_data(value, 300 if full else 160)}")
    return lines


def _ranked(items: list[Any], score: str) -> list[str]:
    return [i.text for i in sorted(items, key=lambda i: -getattr(i, score))]


def _profile_lines(profile: CustomerProfile, primary: bool, full: bool) -> list[str]:
    most = 6 if full else 3
    head = f"- Profile {_data(profile.name, 60)}" + (" (primary)" if primary else "")
    if profile.summary.strip():
        head += f": {_data(profile.summary, 200 if full else 120)}"
    lines = [head]
    for label, items, score in (("jobs", profile.jobs, "importance"),
                                ("pains", profile.pains, "severity"),
                                ("gains", profile.gains, "relevance")):
        if items:
            lines.append(f"  Top {label}: {_join(_ranked(items, score), 80, most)}")
    return lines


def _section_profiles(concept: Concept, lang: str, full: bool, skip: str = "") -> list[str]:
    primary = concept.primary_profile()
    ordered = sorted((p for p in concept.profiles if p.id != skip),
                     key=lambda p: p is not primary)
    lines = []
    for profile in ordered[: 5 if full else 3]:
        lines += _profile_lines(profile, profile is primary, full)
    if len(ordered) > (5 if full else 3):
        lines.append(f"(+{len(ordered) - (5 if full else 3)} more profiles)")
    return lines


def _section_journey(concept: Concept, lang: str, full: bool) -> list[str]:
    primary = concept.primary_profile()
    journeys = sorted(concept.journeys,
                      key=lambda j: not (primary and j.profile_id == primary.id))
    lines = []
    for journey in journeys[: 2 if full else 1]:
        profile = concept.profile(journey.profile_id)
        head = f"- Journey of {_data(profile.name, 60) if profile else '?'}"
        if journey.entry_point.strip():
            head += f", starts: {_data(journey.entry_point, 120)}"
        lines.append(head)
        for stage in journey.stages[:10]:
            names = [tp.name for tp in journey.touchpoints if tp.stage_id == stage.id]
            mood = f", emotion {stage.emotion:+d}" if stage.emotion is not None else ""
            lines.append(f"  Stage {_data(stage.name, 50)}{mood}: "
                         + (f"{len(names)} touchpoints ({_join(names, 40, 4 if full else 2)})"
                            if names else "no touchpoints"))
    return lines


def _section_purchase(concept: Concept, lang: str, full: bool) -> list[str]:
    weights: dict[str, float] = {}
    for tp in concept.all_touchpoints():
        for key in tp.purchase_stage_keys:
            weights[key] = weights.get(key, 0.0) + 1 / len(tp.purchase_stage_keys)
    lines = []
    for stage in concept.purchase_process.stages:
        count = weights.get(stage.key, 0.0)
        line = f"- {_data(stage_label(stage, lang), 40)}: {count:.1f} touchpoints"
        if stage.info_needs.strip():
            line += f"; info needed: {_data(stage.info_needs, 120 if full else 60)}"
        if full and stage.drop_off_risks.strip():
            line += f"; stops the customer: {_data(stage.drop_off_risks, 100)}"
        lines.append(line)
    return lines


def _section_experience(concept: Concept, lang: str, full: bool) -> list[str]:
    exp = concept.experience
    lines = []
    if exp.intended_pattern:
        lines.append(f"Intended pattern: {exp.intended_pattern}")
    for horizon in exp.horizons:
        parts = []
        if horizon.essentials:
            parts.append(f"essentials: {_join(horizon.essentials, 60, 3)}")
        if full and horizon.target_experience.strip():
            parts.append(f"target: {_data(horizon.target_experience, 100)}")
        if horizon.delight_moments:
            parts.append(f"delight: {_join(horizon.delight_moments, 60, 3)}")
        if horizon.churn_risks:
            parts.append(f"risks of leaving: {_join(horizon.churn_risks, 60, 3)}")
        if parts:
            lines.append(f"- {_data(horizon_label(horizon, lang), 40)}: " + "; ".join(parts))
    return lines


def _section_relationships(concept: Concept, lang: str, full: bool) -> list[str]:
    rel = concept.relationship
    lines = []
    if rel.types:
        lines.append("Relationship types: " + ", ".join(rel.types))
    facts = []
    if rel.closeness:
        facts.append(f"closeness {rel.closeness}/5")
    if rel.duration:
        facts.append(f"duration {rel.duration}")
    if rel.contact_frequency:
        facts.append(f"contact {rel.contact_frequency}")
    if facts:
        lines.append("Relationship: " + ", ".join(facts))
    if rel.rationale_for_value_proposition.strip():
        lines.append(f"Why: {_data(rel.rationale_for_value_proposition, 160)}")
    if rel.people:
        lines.append("People involved: " + _join(
            [f"{p.role}: {p.description}" for p in rel.people], 60, 5 if full else 3))
    return lines


def _section_competition(concept: Concept, lang: str, full: bool) -> list[str]:
    comp = concept.competition
    lines = []
    if comp.frame_of_reference.strip():
        lines.append(f"Market: {_data(comp.frame_of_reference, 120)}")
    if comp.what_if_no_concept.strip():
        lines.append(f"Without the concept the customer would: "
                     f"{_data(comp.what_if_no_concept, 120)}")
    for competitor in comp.competitors[: 6 if full else 3]:
        line = f"- Competitor {_data(competitor.name, 50)} ({competitor.type})"
        if competitor.strengths:
            line += f"; strengths: {_join(competitor.strengths, 50, 2)}"
        if competitor.weaknesses:
            line += f"; weaknesses: {_join(competitor.weaknesses, 50, 2)}"
        lines.append(line)
    if len(comp.competitors) > (6 if full else 3):
        lines.append(f"(+{len(comp.competitors) - (6 if full else 3)} more competitors)")
    if comp.attributes:
        ranked = sorted(comp.attributes, key=lambda a: -a.customer_importance)
        lines.append("Attributes (importance, our score): " + _join(
            [f"{a.name} ({a.customer_importance}, {a.our_score})" for a in ranked],
            50, 8 if full else 4))
    return lines


def _section_value(concept: Concept, lang: str, full: bool) -> list[str]:
    vp, desc = concept.value_proposition, concept.description
    lines = []
    pairs = (("Key promise", vp.key_promise), ("Statement", vp.statement),
             ("Category", desc.category), ("How it differs", desc.differentiation),
             ("Short description", desc.short_description))
    for label, value in pairs:
        if value.strip():
            lines.append(f"{label}: {_data(value, 300 if full else 120)}")
    most = 6 if full else 3
    for label, items in (("Products and services", [p.name for p in vp.products_services]),
                         ("Pain relievers", [r.text for r in vp.pain_relievers]),
                         ("Gain creators", [g.text for g in vp.gain_creators]),
                         ("Reasons to believe", vp.reasons_to_believe),
                         ("Not included", [e.text for e in desc.exclusions])):
        if items:
            lines.append(f"{label}: {_join(items, 80, most)}")
    return lines


SECTIONS: dict[str, Callable[[Concept, str, bool], list[str]]] = {
    "start": _section_start, "profiles": _section_profiles, "journey": _section_journey,
    "purchase": _section_purchase, "experience": _section_experience,
    "relationships": _section_relationships, "competition": _section_competition,
    "value": _section_value,
}
SECTION_TITLES = {
    "start": "Idea", "profiles": "Customer profiles", "journey": "Customer journey",
    "purchase": "Purchase process", "experience": "Experience over time",
    "relationships": "Relationships", "competition": "Competition", "value": "Value proposition",
}


def build_context(concept: Concept, step_key: str, lang: str,
                  sections: tuple[str, ...] | None = None, focus_profile: str = "") -> str:
    """A compact summary for a task on `step_key`: the earlier steps short, this one fuller.

    `focus_profile` is left out of the profiles section because the task describes it itself.
    """
    if sections is None:
        upto = SECTION_STEPS.index(step_key) + 1 if step_key in SECTION_STEPS \
            else len(SECTION_STEPS)
        sections = SECTION_STEPS[:upto]
    parts = []
    for key in sections:
        full = key == step_key
        if key == "profiles" and focus_profile:
            lines = _section_profiles(concept, lang, full, skip=focus_profile)
        else:
            lines = SECTIONS[key](concept, lang, full)
        if not lines:
            continue
        text = _clip_block("\n".join(lines), CURRENT_SECTION_CHARS if full else SECTION_CHARS)
        parts.append(f"## {SECTION_TITLES[key]}\n{text}")
    return _clip_block("\n\n".join(parts), CONTEXT_CHARS) or "(nothing written yet)"


def _clip_block(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return cut[: cut.rfind("\n")] + "\n…" if "\n" in cut else cut + "…"


def _focus(concept: Concept, tgt: ListTarget, owner_id: str, lang: str) -> str:
    """The chosen profile, stage, horizon or competitor, described for the prompt."""
    if tgt.owner_kind == "profile":
        profile = _profile(concept, owner_id)
        return "\n".join(_profile_lines(profile, profile.is_primary, True))
    if tgt.owner_kind == "stage":
        journey, stage = _stage_journey(concept, owner_id)
        profile = concept.profile(journey.profile_id)
        text = f"Stage {_data(stage.name, 60)} of the journey of " \
               f"{_data(profile.name, 60) if profile else '?'}"
        if stage.customer_goal.strip():
            text += f"; customer's goal: {_data(stage.customer_goal, 160)}"
        if stage.failures:
            text += f"; failures: {_join(stage.failures, 60, 3)}"
        return text
    if tgt.owner_kind == "purchase_stage":
        return f"Purchase stage {_data(stage_label(_purchase_stage(concept, owner_id), lang))}"
    if tgt.owner_kind == "horizon":
        horizon = _horizon(concept, owner_id)
        text = f"Period {_data(horizon_label(horizon, lang), 60)}"
        if horizon.essentials:
            text += f"; essentials: {_join(horizon.essentials, 60, 4)}"
        return text
    if tgt.owner_kind == "competitor":
        competitor = _competitor(concept, owner_id)
        text = f"Competitor {_data(competitor.name, 60)} ({competitor.type})"
        if competitor.summary.strip():
            text += f": {_data(competitor.summary, 200)}"
        if competitor.strengths:
            text += f"; strengths: {_join(competitor.strengths, 60, 4)}"
        return text
    return ""
