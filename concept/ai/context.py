"""The context builder: a compact, capped summary of the concept for one task."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from concept.ai.errors import _clip
from concept.ai.targets import (
    ListTarget,
    _actor,
    _channel,
    _competitor,
    _horizon,
    _profile,
    _purchase_stage,
    _stage_journey,
    channel_name,
)
from concept.formatting import format_number
from concept.i18n import t
from concept.labels import horizon_label, stage_label
from concept.model import Concept, CustomerProfile

# Budgets (characters) that keep prompts small for large concepts.
SECTION_CHARS = 700  # an earlier step, summarised
CURRENT_SECTION_CHARS = 1800  # the step being worked on
EXISTING_CHARS = 1500  # items already in the list, so the model does not repeat them
CONTEXT_CHARS = 6000  # the whole context block

SECTION_STEPS = ("start", "profiles", "journey", "purchase", "experience", "relationships",
                 "competition", "value")
# The extended tools' sections (methodology §5.9), each after the step it belongs with: a task on
# that step or a later one sees the tool's notes, and a task on the tool sees the whole concept.
TOOL_SECTIONS = {"channels": "journey", "ecosystem": "relationships",
                 "positioning": "competition"}


def _data(text: Any, limit: int = 160) -> str:
    """User text as data: one line, capped, with no way to close the delimiting tags."""
    return _clip(str(text), limit).replace("<", "‹").replace(">", "›")


# Items the task already lists once ("Items already in the list"): left out of the summary so
# the prompt carries each only once (set by `omitting`, read by `_join`).
_OMIT: ContextVar[frozenset[str]] = ContextVar("ai_context_omit", default=frozenset())


@contextmanager
def omitting(items: list[str]) -> Iterator[None]:
    token = _OMIT.set(frozenset(" ".join(str(i).split()).casefold() for i in items))
    try:
        yield
    finally:
        _OMIT.reset(token)


def _label(key: str, lang: str, **values: Any) -> str:
    """A data label in the answer's language (catalog ai.prompt.*), so a small model reads
    one language throughout."""
    return t(f"ai.prompt.{key}", lang, **values)


def _name(text: Any, limit: int, lang: str) -> str:
    """A name the user wrote, in quotes (FINNISH.md: names in quotes, never inflected)."""
    return f"”{_data(text, limit)}”" if lang == "fi" else f"“{_data(text, limit)}”"


def _enum(name: str, value: Any, lang: str) -> str:
    return t(f"enum.{name}.{value}", lang) if value not in (None, "") else ""


def _count(value: float, lang: str) -> str:
    return format_number(value, lang, 1)


def _join(items: list[str], limit: int = 80, most: int = 4) -> str:
    omit = _OMIT.get()
    kept = [i for i in items if str(i).strip()
            and " ".join(str(i).split()).casefold() not in omit]
    shown = [_data(i, limit) for i in kept][:most]
    more = len(kept) - len(shown)
    return "; ".join(shown) + (f"; (+{more})" if more > 0 else "")


def _section_start(concept: Concept, lang: str, full: bool) -> list[str]:
    idea = concept.idea
    lines = [f"{_label('concept', lang)}: {_data(concept.name, 120)}"
             + (f" ({_data(concept.industry, 80)})" if concept.industry else "")]
    for key, value in (("idea_who", idea.who), ("idea_what", idea.what_value),
                       ("idea_how", idea.how)):
        if value.strip():
            lines.append(f"{_label(key, lang)}: {_data(value, 300 if full else 160)}")
    return lines


def _ranked(items: list[Any], score: str) -> list[str]:
    return [i.text for i in sorted(items, key=lambda i: -getattr(i, score))]


def _profile_lines(profile: CustomerProfile, primary: bool, full: bool,
                   lang: str = "en") -> list[str]:
    most = 6 if full else 3
    head = f"- {_label('profile', lang)} {_name(profile.name, 60, lang)}" + (
        f" ({_label('primary', lang)})" if primary else "")
    if profile.summary.strip():
        head += f": {_data(profile.summary, 200 if full else 120)}"
    lines = [head]
    for key, items, score in (("top_jobs", profile.jobs, "importance"),
                              ("top_pains", profile.pains, "severity"),
                              ("top_gains", profile.gains, "relevance")):
        joined = _join(_ranked(items, score), 80, most)
        if joined:
            lines.append(f"  {_label(key, lang)}: {joined}")
    return lines


def _section_profiles(concept: Concept, lang: str, full: bool, skip: str = "") -> list[str]:
    primary = concept.primary_profile()
    ordered = sorted((p for p in concept.profiles if p.id != skip),
                     key=lambda p: p is not primary)
    lines = []
    for profile in ordered[: 5 if full else 3]:
        lines += _profile_lines(profile, profile is primary, full, lang)
    if len(ordered) > (5 if full else 3):
        lines.append(_label("more_profiles", lang, count=len(ordered) - (5 if full else 3)))
    return lines


def _section_journey(concept: Concept, lang: str, full: bool) -> list[str]:
    primary = concept.primary_profile()
    journeys = sorted(concept.journeys,
                      key=lambda j: not (primary and j.profile_id == primary.id))
    lines = []
    for journey in journeys[: 2 if full else 1]:
        profile = concept.profile(journey.profile_id)
        head = _label("journey_of", lang, name=_name(profile.name, 60, lang) if profile else "?")
        if journey.entry_point.strip():
            head += f"; {_label('entry_point', lang)}: {_data(journey.entry_point, 120)}"
        lines.append(f"- {head}")
        for stage in journey.stages[:10]:
            names = [tp.name for tp in journey.touchpoints if tp.stage_id == stage.id]
            mood = (f"; {_label('emotion', lang)} {stage.emotion:+d}"
                    if stage.emotion is not None else "")
            joined = _join(names, 40, 4 if full else 2)
            listed = (f"{_label('touchpoints', lang)}: {len(names)}"
                      + (f" ({joined})" if joined else "")) if names \
                else _label("no_touchpoints", lang)
            lines.append(f"  {_label('stage', lang)} {_name(stage.name, 50, lang)}{mood}: "
                         f"{listed}")
    return lines


def _section_purchase(concept: Concept, lang: str, full: bool) -> list[str]:
    weights: dict[str, float] = {}
    for tp in concept.all_touchpoints():
        for key in tp.purchase_stage_keys:
            weights[key] = weights.get(key, 0.0) + 1 / len(tp.purchase_stage_keys)
    lines = []
    for stage in concept.purchase_process.stages:
        count = weights.get(stage.key, 0.0)
        line = (f"- {_data(stage_label(stage, lang), 40)}: "
                f"{_label('touchpoints', lang)} {_count(count, lang)}")
        needs = _join([x for x in stage.info_needs.splitlines()], 60 if full else 40, 4)
        if needs:
            line += f"; {_label('info_needs', lang)}: {needs}"
        if full and stage.drop_off_risks.strip():
            line += f"; {_label('drop_off', lang)}: {_data(stage.drop_off_risks, 100)}"
        lines.append(line)
    return lines


def _section_experience(concept: Concept, lang: str, full: bool) -> list[str]:
    exp = concept.experience
    lines = []
    if exp.intended_pattern:
        lines.append(f"{_label('pattern', lang)}: "
                     f"{_enum('experience_pattern', exp.intended_pattern, lang)}")
    for horizon in exp.horizons:
        parts = []
        for key, items in (("essentials", horizon.essentials),
                           ("delight", horizon.delight_moments),
                           ("churn", horizon.churn_risks)):
            joined = _join(items, 60, 3)
            if joined:
                parts.append(f"{_label(key, lang)}: {joined}")
        if full and horizon.target_experience.strip():
            parts.insert(1, f"{_label('target_experience', lang)}: "
                            f"{_data(horizon.target_experience, 100)}")
        if parts:
            lines.append(f"- {_data(horizon_label(horizon, lang), 40)}: " + "; ".join(parts))
    return lines


def _section_relationships(concept: Concept, lang: str, full: bool) -> list[str]:
    rel = concept.relationship
    lines = []
    if rel.types:
        lines.append(f"{_label('relationship_types', lang)}: "
                     + ", ".join(_enum("relationship_type", x, lang) for x in rel.types))
    facts = []
    if rel.closeness:
        facts.append(f"{_label('closeness', lang)} {rel.closeness}/5")
    if rel.duration:
        facts.append(f"{_label('duration', lang)}: "
                     f"{_enum('relationship_duration', rel.duration, lang)}")
    if rel.contact_frequency:
        facts.append(f"{_label('contact', lang)}: "
                     f"{_enum('contact_frequency', rel.contact_frequency, lang)}")
    if facts:
        lines.append("; ".join(facts))
    if rel.rationale_for_value_proposition.strip():
        lines.append(f"{_label('why', lang)}: {_data(rel.rationale_for_value_proposition, 160)}")
    people = _join([p.description for p in rel.people], 60, 5 if full else 3)
    if people:
        roles = {p.description: _enum("person_role", p.role, lang) for p in rel.people}
        people = _join([f"{roles[p.description]}: {p.description}" for p in rel.people
                        if " ".join(p.description.split()).casefold() not in _OMIT.get()],
                       60, 5 if full else 3)
        lines.append(f"{_label('people', lang)}: {people}")
    return lines


def _section_competition(concept: Concept, lang: str, full: bool) -> list[str]:
    comp = concept.competition
    lines = []
    if comp.frame_of_reference.strip():
        lines.append(f"{_label('market', lang)}: {_data(comp.frame_of_reference, 120)}")
    if comp.what_if_no_concept.strip():
        lines.append(f"{_label('without', lang)}: {_data(comp.what_if_no_concept, 120)}")
    for competitor in comp.competitors[: 6 if full else 3]:
        line = (f"- {_label('competitor', lang)} {_name(competitor.name, 50, lang)} "
                f"({_enum('competitor_type', competitor.type, lang)})")
        for key, items in (("strengths", competitor.strengths),
                           ("weaknesses", competitor.weaknesses)):
            joined = _join(items, 50, 2)
            if joined:
                line += f"; {_label(key, lang)}: {joined}"
        lines.append(line)
    if len(comp.competitors) > (6 if full else 3):
        lines.append(_label("more_competitors", lang,
                            count=len(comp.competitors) - (6 if full else 3)))
    ranked = [a for a in sorted(comp.attributes, key=lambda a: -a.customer_importance)
              if " ".join(a.name.split()).casefold() not in _OMIT.get()]
    if ranked:
        lines.append(f"{_label('attributes', lang)}: " + _join(
            [f"{a.name} ({a.customer_importance}, {a.our_score})" for a in ranked],
            50, 8 if full else 4))
    return lines


def _section_value(concept: Concept, lang: str, full: bool) -> list[str]:
    vp, desc = concept.value_proposition, concept.description
    lines = []
    pairs = (("key_promise", vp.key_promise), ("statement", vp.statement),
             ("category", desc.category), ("differs", desc.differentiation),
             ("short_description", desc.short_description))
    for key, value in pairs:
        if value.strip():
            lines.append(f"{_label(key, lang)}: {_data(value, 300 if full else 120)}")
    most = 6 if full else 3
    for key, items in (("products", [p.name for p in vp.products_services]),
                       ("pain_relievers", [r.text for r in vp.pain_relievers]),
                       ("gain_creators", [g.text for g in vp.gain_creators]),
                       ("reasons", vp.reasons_to_believe),
                       ("not_included", [e.text for e in desc.exclusions])):
        joined = _join(items, 80, most)
        if joined:
            lines.append(f"{_label(key, lang)}: {joined}")
    return lines


def _channel_line(role, lang: str, full: bool) -> str:
    line = (f"- {_label('channel', lang)} {_name(channel_name(role, lang), 50, lang)} "
            f"({_label('importance', lang)} {role.business_importance}/5)")
    if role.role.strip():
        line += f": {_data(role.role, 200 if full else 100)}"
    strengths = _join(role.strengths, 60, 4 if full else 2)
    if strengths:
        line += f"; {_label('strengths', lang)}: {strengths}"
    return line


def _section_channels(concept: Concept, lang: str, full: bool) -> list[str]:
    roles = sorted(concept.toolbox.channel_roles, key=lambda r: -r.business_importance)
    return [_channel_line(r, lang, full) for r in roles[: 10 if full else 5]
            if r.channel or r.role.strip() or r.strengths]


def _actor_line(actor, lang: str, full: bool) -> str:
    line = f"- {_label('actor', lang)} {_name(actor.name, 50, lang)}"
    if actor.is_new:
        line += f" ({_label('new', lang)})"
    roles = _join(actor.roles, 50, 5 if full else 3)
    if roles:
        line += f"; {_label('roles', lang)}: {roles}"
    if full and actor.notes.strip():
        line += f"; {_data(actor.notes, 120)}"
    return line


def _section_ecosystem(concept: Concept, lang: str, full: bool) -> list[str]:
    omit = _OMIT.get()
    actors = [a for a in concept.toolbox.ecosystem
              if a.name.strip() and " ".join(a.name.split()).casefold() not in omit]
    return [_actor_line(a, lang, full) for a in actors[: 12 if full else 6]]


def _section_positioning(concept: Concept, lang: str, full: bool) -> list[str]:
    positioning = concept.toolbox.positioning
    omit = _OMIT.get()
    lines = []
    if positioning.x_label.strip() or positioning.y_label.strip():
        lines.append(f"{_label('axes', lang)}: {_data(positioning.x_label or '?', 60)} / "
                     f"{_data(positioning.y_label or '?', 60)}")
    for point in positioning.points[: 12 if full else 6]:
        if not point.name.strip() or " ".join(point.name.split()).casefold() in omit:
            continue
        lines.append(f"- {_name(point.name, 50, lang)} "
                     f"({t(f'extended.point_kind.{point.kind}', lang)}): "
                     f"{_count(point.x, lang)}; {_count(point.y, lang)}")
    return lines


SECTIONS: dict[str, Callable[[Concept, str, bool], list[str]]] = {
    "start": _section_start, "profiles": _section_profiles, "journey": _section_journey,
    "purchase": _section_purchase, "experience": _section_experience,
    "relationships": _section_relationships, "competition": _section_competition,
    "value": _section_value, "channels": _section_channels, "ecosystem": _section_ecosystem,
    "positioning": _section_positioning,
}


def context_sections(key: str) -> tuple[str, ...]:
    """The sections a task on step or tool `key` sees, in order: the steps up to this one (every
    step for a tool or the whole description), each followed by its tools' sections."""
    upto = SECTION_STEPS.index(key) + 1 if key in SECTION_STEPS else len(SECTION_STEPS)
    order: list[str] = []
    for step_key in SECTION_STEPS[:upto]:
        order += [step_key, *(tool for tool, after in TOOL_SECTIONS.items() if after == step_key)]
    return tuple(order)


def section_title(key: str, lang: str) -> str:
    return t(f"tool.{key}.title" if key in TOOL_SECTIONS else f"step.{key}.title", lang)


def build_context(concept: Concept, step_key: str, lang: str,
                  sections: tuple[str, ...] | None = None, focus_profile: str = "") -> str:
    """A compact summary for a task on `step_key` (a step or an extended tool): the earlier
    steps short, this one fuller.

    `focus_profile` is left out of the profiles section because the task describes it itself.
    """
    if sections is None:
        sections = context_sections(step_key)
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
        parts.append(f"## {section_title(key, lang)}\n{text}")
    return _clip_block("\n\n".join(parts), CONTEXT_CHARS) or _label("nothing_yet", lang)


def _clip_block(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return cut[: cut.rfind("\n")] + "\n…" if "\n" in cut else cut + "…"


def _focus(concept: Concept, tgt: ListTarget, owner_id: str, lang: str) -> str:
    """The chosen profile, stage, horizon or competitor, described for the prompt."""
    if tgt.owner_kind == "profile":
        profile = _profile(concept, owner_id)
        return "\n".join(_profile_lines(profile, profile.is_primary, True, lang))
    if tgt.owner_kind == "stage":
        journey, stage = _stage_journey(concept, owner_id)
        profile = concept.profile(journey.profile_id)
        text = f"{_label('stage', lang)} {_name(stage.name, 60, lang)}; " + _label(
            "journey_of", lang, name=_name(profile.name, 60, lang) if profile else "?")
        if stage.customer_goal.strip():
            text += f"; {_label('customer_goal', lang)}: {_data(stage.customer_goal, 160)}"
        failures = _join(stage.failures, 60, 3)
        if failures:
            text += f"; {_label('failures', lang)}: {failures}"
        return text
    if tgt.owner_kind == "purchase_stage":
        return (f"{_label('purchase_stage', lang)}: "
                f"{_data(stage_label(_purchase_stage(concept, owner_id), lang))}")
    if tgt.owner_kind == "horizon":
        horizon = _horizon(concept, owner_id)
        text = f"{_label('period', lang)}: {_data(horizon_label(horizon, lang), 60)}"
        essentials = _join(horizon.essentials, 60, 4)
        if essentials:
            text += f"; {_label('essentials', lang)}: {essentials}"
        return text
    if tgt.owner_kind == "competitor":
        competitor = _competitor(concept, owner_id)
        text = (f"{_label('competitor', lang)} {_name(competitor.name, 60, lang)} "
                f"({_enum('competitor_type', competitor.type, lang)})")
        if competitor.summary.strip():
            text += f": {_data(competitor.summary, 200)}"
        strengths = _join(competitor.strengths, 60, 4)
        if strengths:
            text += f"; {_label('strengths', lang)}: {strengths}"
        return text
    if tgt.owner_kind == "channel":
        return _channel_line(_channel(concept, owner_id), lang, True).removeprefix("- ")
    if tgt.owner_kind == "actor":
        return _actor_line(_actor(concept, owner_id), lang, True).removeprefix("- ")
    return ""
