"""AI assistance through any OpenAI-compatible endpoint: suggestions, critiques and drafts.

One service for the whole app. Prompts come from `prompts/` (one file per task); the context
builder sends only a compact, capped summary of what the task needs. Typed answers use chat
completions with a JSON-schema `response_format`, falling back to "JSON in the prompt" for
servers without structured outputs; pydantic validates either way. Every failure becomes an
`AIError` whose message key has a text in both languages; the API key never appears in a
message or a log line.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from string import Template
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from concept.ai_settings import PLACEHOLDER_KEY, AISettings
from concept.i18n import t
from concept.labels import horizon_label, stage_label
from concept.model import (
    CompetitiveAttribute,
    Concept,
    CustomerProfile,
    Gain,
    GainCreator,
    Job,
    Pain,
    PainReliever,
    PersonInvolved,
    Touchpoint,
)

log = logging.getLogger(__name__)

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
LANGUAGE_NAMES = {"fi": "Finnish", "en": "English"}
DEFAULT_AZURE_API_VERSION = "2024-10-21"
SUGGESTION_COUNT = 5
MAX_SUGGESTIONS = 8
MAX_ITEM_CHARS = 300

# Budgets (characters) that keep prompts small for large concepts.
SECTION_CHARS = 700  # an earlier step, summarised
CURRENT_SECTION_CHARS = 1800  # the step being worked on
EXISTING_CHARS = 1500  # items already in the list, so the model does not repeat them
CONTEXT_CHARS = 6000  # the whole context block

DraftKind = Literal["description", "statement"]


# --- errors ------------------------------------------------------------------------------------


class AIError(Exception):
    """A failure the user can understand: `key` is the catalog key under `ai.error.`."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return t(f"ai.error.{self.key}", lang, **self.params)


_BEARER = re.compile(r"(?i)bearer\s+[^\s\"',]+")
_OPENAI_KEY = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")


def scrub(text: str, *secrets: str) -> str:
    """`text` without the given secrets or anything that looks like an API key."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    text = _BEARER.sub("Bearer ***", text)
    return _OPENAI_KEY.sub("sk-***", text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def to_ai_error(exc: BaseException, settings: AISettings) -> AIError:
    """Map any failure of a request to an `AIError` (logged by type and status only)."""
    import openai

    if isinstance(exc, AIError):
        return exc
    status = getattr(exc, "status_code", None)
    log.warning("AI request failed: %s%s", type(exc).__name__,
                f" (HTTP {status})" if status else "")
    if isinstance(exc, openai.APITimeoutError):
        return AIError("timeout", seconds=f"{settings.timeout:g}")
    if isinstance(exc, openai.APIConnectionError):
        return AIError("connection", url=settings.endpoint_label)
    if isinstance(exc, openai.AuthenticationError):
        return AIError("auth")
    if isinstance(exc, openai.PermissionDeniedError):
        return AIError("permission")
    if isinstance(exc, openai.NotFoundError):
        return AIError("not_found", model=settings.model, url=settings.endpoint_label)
    if isinstance(exc, openai.RateLimitError):
        return AIError("rate_limit")
    if isinstance(exc, (openai.BadRequestError, openai.UnprocessableEntityError)):
        detail = _clip(scrub(_error_detail(exc), settings.api_key), 200)
        return AIError("bad_request", detail=detail)
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return AIError("server", status=exc.status_code)
        return AIError("status", status=exc.status_code)
    if isinstance(exc, openai.APIResponseValidationError):
        return AIError("not_compatible", url=settings.endpoint_label)
    if isinstance(exc, ValidationError):
        return AIError("schema")
    if isinstance(exc, ValueError):  # json.JSONDecodeError: the server's body is not JSON
        return AIError("not_compatible", url=settings.endpoint_label)
    if isinstance(exc, openai.OpenAIError):
        return AIError("unexpected", kind=type(exc).__name__)
    return AIError("unexpected", kind=type(exc).__name__)


def _error_detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if body.get("message"):
            return str(body["message"])
    return str(getattr(exc, "message", "") or "")


# --- typed answers -------------------------------------------------------------------------------


class Suggestion(BaseModel):
    text: str = Field(max_length=2000)
    reason: str = Field(default="", max_length=2000)


class Suggestions(BaseModel):
    suggestions: list[Suggestion] = Field(max_length=50)


class Critique(BaseModel):
    questions: list[str] = Field(max_length=30)
    risks: list[str] = Field(max_length=30)


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the strict form structured outputs accept."""

    def tidy(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: tidy(v) for k, v in node.items()
                    if k not in ("title", "default", "maxLength", "maxItems", "description")}
            if node.get("type") == "object":
                node["additionalProperties"] = False
                node["required"] = list(node.get("properties", {}))
            return node
        if isinstance(node, list):
            return [tidy(v) for v in node]
        return node

    return tidy(model.model_json_schema())


# --- what can be suggested ------------------------------------------------------------------------

Owner = tuple[str, str]  # (id, label)


@dataclass(frozen=True)
class ListTarget:
    """A list field of a step that suggestions can add to, and where its items live."""

    key: str  # "<step>.<list>"
    step: str
    label_key: str  # catalog key of the list's name (field.*)
    owner_kind: str | None  # what the user picks first: profile, stage, horizon, ...
    owners: Callable[[Concept, str], list[Owner]]
    existing: Callable[[Concept, str], list[str]]
    add: Callable[[Concept, str, str], None]


def _profiles(concept: Concept, lang: str) -> list[Owner]:
    return [(p.id, p.name or t("common.untitled", lang)) for p in concept.profiles]


def _profile(concept: Concept, owner_id: str) -> CustomerProfile:
    profile = concept.profile(owner_id)
    if profile is None:
        raise AIError("owner_gone")
    return profile


def _stages(concept: Concept, lang: str) -> list[Owner]:
    owners = []
    for journey in concept.journeys:
        profile = concept.profile(journey.profile_id)
        prefix = f"{profile.name} · " if profile and profile.name and len(concept.journeys) > 1 \
            else ""
        owners += [(s.id, f"{prefix}{s.name or '?'}") for s in journey.stages]
    return owners


def _stage_journey(concept: Concept, stage_id: str):
    for journey in concept.journeys:
        for stage in journey.stages:
            if stage.id == stage_id:
                return journey, stage
    raise AIError("owner_gone")


def _purchase_stages(concept: Concept, lang: str) -> list[Owner]:
    return [(s.key, stage_label(s, lang)) for s in concept.purchase_process.stages]


def _find(items: list[Any], value: str, attr: str = "id") -> Any:
    """The item whose `attr` is `value`; gone since the suggestions were asked for → AIError."""
    for item in items:
        if getattr(item, attr) == value:
            return item
    raise AIError("owner_gone")


def _purchase_stage(concept: Concept, key: str):
    return _find(concept.purchase_process.stages, key, attr="key")


def _horizons(concept: Concept, lang: str) -> list[Owner]:
    return [(h.id, horizon_label(h, lang) or "?") for h in concept.experience.horizons]


def _horizon(concept: Concept, horizon_id: str):
    return _find(concept.experience.horizons, horizon_id)


def _competitors(concept: Concept, lang: str) -> list[Owner]:
    return [(c.id, c.name or "?") for c in concept.competition.competitors]


def _competitor(concept: Concept, competitor_id: str):
    return _find(concept.competition.competitors, competitor_id)


def _no_owner(concept: Concept, lang: str) -> list[Owner]:
    return [("", "")]


def _info_needs_lines(concept: Concept, key: str) -> list[str]:
    return [line.strip() for line in _purchase_stage(concept, key).info_needs.splitlines()
            if line.strip()]


def _add_info_need(concept: Concept, key: str, text: str) -> None:
    stage = _purchase_stage(concept, key)
    stage.info_needs = "\n".join([*(line for line in stage.info_needs.splitlines()), text]).strip()


def _add_touchpoint(concept: Concept, stage_id: str, text: str) -> None:
    journey, stage = _stage_journey(concept, stage_id)
    # A suggested touchpoint is by definition one the journey does not have yet.
    journey.touchpoints = [*journey.touchpoints,
                           Touchpoint(stage_id=stage.id, name=text, dev_status="new")]


def _append(getter: Callable[[Concept, str], Any], attr: str,
            make: Callable[[str], Any] | None = None) -> Callable[[Concept, str, str], None]:
    def add(concept: Concept, owner_id: str, text: str) -> None:
        owner = getter(concept, owner_id)
        # Assign a new list (not .append) so pydantic validates the new item.
        setattr(owner, attr, [*getattr(owner, attr), make(text) if make else text])
    return add


def _texts(getter: Callable[[Concept, str], Any], attr: str,
           field: str | None = None) -> Callable[[Concept, str], list[str]]:
    def existing(concept: Concept, owner_id: str) -> list[str]:
        items = getattr(getter(concept, owner_id), attr)
        return [getattr(i, field) if field else i for i in items]
    return existing


def _root(path: str) -> Callable[[Concept, str], Any]:
    def get(concept: Concept, owner_id: str) -> Any:
        obj: Any = concept
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj
    return get


def _touchpoint_names(concept: Concept, stage_id: str) -> list[str]:
    journey, _ = _stage_journey(concept, stage_id)
    return [tp.name for tp in journey.touchpoints if tp.stage_id == stage_id]


TARGETS: tuple[ListTarget, ...] = (
    ListTarget("profiles.jobs", "profiles", "field.jobs", "profile", _profiles,
               _texts(_profile, "jobs", "text"), _append(_profile, "jobs", lambda s: Job(text=s))),
    ListTarget("profiles.pains", "profiles", "field.pains", "profile", _profiles,
               _texts(_profile, "pains", "text"),
               _append(_profile, "pains", lambda s: Pain(text=s))),
    ListTarget("profiles.gains", "profiles", "field.gains", "profile", _profiles,
               _texts(_profile, "gains", "text"),
               _append(_profile, "gains", lambda s: Gain(text=s))),
    ListTarget("journey.touchpoints", "journey", "field.touchpoints", "stage", _stages,
               _touchpoint_names, _add_touchpoint),
    ListTarget("purchase.info_needs", "purchase", "field.info_needs", "purchase_stage",
               _purchase_stages, _info_needs_lines, _add_info_need),
    ListTarget("experience.delight_moments", "experience", "field.delight_moments", "horizon",
               _horizons, _texts(_horizon, "delight_moments"),
               _append(_horizon, "delight_moments")),
    ListTarget("experience.churn_risks", "experience", "field.churn_risks", "horizon",
               _horizons, _texts(_horizon, "churn_risks"), _append(_horizon, "churn_risks")),
    ListTarget("relationships.people", "relationships", "field.people", None, _no_owner,
               _texts(_root("relationship"), "people", "description"),
               _append(_root("relationship"), "people",
                       lambda s: PersonInvolved(description=s))),
    ListTarget("competition.weaknesses", "competition", "field.weaknesses", "competitor",
               _competitors, _texts(_competitor, "weaknesses"),
               _append(_competitor, "weaknesses")),
    ListTarget("competition.attributes", "competition", "field.attributes", None, _no_owner,
               _texts(_root("competition"), "attributes", "name"),
               _append(_root("competition"), "attributes",
                       lambda s: CompetitiveAttribute(name=s))),
    ListTarget("value.pain_relievers", "value", "field.pain_relievers", None, _no_owner,
               _texts(_root("value_proposition"), "pain_relievers", "text"),
               _append(_root("value_proposition"), "pain_relievers",
                       lambda s: PainReliever(text=s))),
    ListTarget("value.gain_creators", "value", "field.gain_creators", None, _no_owner,
               _texts(_root("value_proposition"), "gain_creators", "text"),
               _append(_root("value_proposition"), "gain_creators",
                       lambda s: GainCreator(text=s))),
    ListTarget("value.reasons_to_believe", "value", "field.reasons_to_believe", None, _no_owner,
               _texts(_root("value_proposition"), "reasons_to_believe"),
               _append(_root("value_proposition"), "reasons_to_believe")),
)


def targets_for(step_key: str) -> list[ListTarget]:
    return [target for target in TARGETS if target.step == step_key]


def target(key: str) -> ListTarget:
    for candidate in TARGETS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def accept(concept: Concept, target_key: str, owner_id: str, text: str) -> str:
    """Add one accepted suggestion to the concept, exactly as the user left it; returns it."""
    text = text.strip()
    if not text:
        raise AIError("empty_item")
    target(target_key).add(concept, owner_id, text)
    return text


# --- the context builder ------------------------------------------------------------------------

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


# --- prompts ------------------------------------------------------------------------------------


@cache
def _template(name: str) -> Template:
    return Template((PROMPTS_DIR / name).read_text(encoding="utf-8"))


@cache
def guidance() -> dict[str, Any]:
    with (PROMPTS_DIR / "guidance.toml").open("rb") as handle:
        return tomllib.load(handle)


def _render(name: str, **values: Any) -> str:
    # One pass of substitution: "$" in the user's text is never expanded again.
    return _template(name).substitute(**values).strip()


def _messages(task_file: str, lang: str, **values: Any) -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(lang, "English")
    return [
        {"role": "system", "content": _render("system.md", language=language)},
        {"role": "user", "content": _render(task_file, language=language, **values)},
    ]


def suggest_messages(concept: Concept, target_key: str, owner_id: str,
                     lang: str) -> list[dict[str, str]]:
    tgt = target(target_key)
    existing = [e for e in tgt.existing(concept, owner_id) if str(e).strip()]
    existing_text = _clip_block("\n".join(f"- {_data(e, 120)}" for e in existing),
                                EXISTING_CHARS) or "(none yet)"
    focus = _focus(concept, tgt, owner_id, lang)
    context = build_context(concept, tgt.step, lang,
                            focus_profile=owner_id if tgt.owner_kind == "profile" else "")
    if focus:
        context += f"\n\n## Focus of this task\n{focus}"
    return _messages(
        "suggest_list.md", lang,
        field=t(tgt.label_key, "en"), step=t(f"step.{tgt.step}.title", "en"),
        focus_line=("The suggestions are for the item described under "
                    "\"Focus of this task\"." if focus else ""),
        field_help=guidance()["target"][tgt.key], context=context, existing=existing_text,
        count=SUGGESTION_COUNT,
    )


def critique_messages(concept: Concept, step_key: str, lang: str) -> list[dict[str, str]]:
    return _messages("critique.md", lang, step=t(f"step.{step_key}.title", "en"),
                     step_help=guidance()["step"].get(step_key, ""),
                     context=build_context(concept, step_key, lang))


def draft_messages(concept: Concept, kind: DraftKind, lang: str) -> list[dict[str, str]]:
    context = build_context(concept, "description", lang)
    if kind == "description":
        return _messages("draft_description.md", lang, context=context)
    shape = guidance()["statement"].get(concept.value_proposition.statement_template,
                                        guidance()["statement"]["short"])
    return _messages("draft_statement.md", lang, statement_shape=shape, context=context)


def prompt_size_table(concept: Concept, lang: str = "fi") -> dict[str, int]:
    """Characters sent for every task and choice (the largest owner of each list)."""
    sizes: dict[str, int] = {}

    def size(messages: list[dict[str, str]]) -> int:
        return sum(len(m["content"]) for m in messages)

    for tgt in TARGETS:
        owners = tgt.owners(concept, lang)
        if owners:
            sizes[f"suggest_list:{tgt.key}"] = max(
                size(suggest_messages(concept, tgt.key, oid, lang)) for oid, _ in owners)
    for step_key in (*SECTION_STEPS, "description"):
        sizes[f"critique:{step_key}"] = size(critique_messages(concept, step_key, lang))
    for kind in ("description", "statement"):
        sizes[f"draft_{kind}"] = size(draft_messages(concept, kind, lang))  # type: ignore[arg-type]
    return sizes


def prompt_sizes(concept: Concept, lang: str = "fi") -> dict[str, int]:
    """The largest prompt (characters, system + user message) of each task, for benchmarks."""
    result: dict[str, int] = {}
    for name, chars in prompt_size_table(concept, lang).items():
        task = name.split(":")[0]
        result[task] = max(result.get(task, 0), chars)
    return result


# --- talking to the server ------------------------------------------------------------------------

# (endpoint, model) pairs that refused a JSON-schema response_format: ask for JSON in the prompt.
_NO_STRUCTURED_OUTPUT: set[tuple[str, str]] = set()


def make_client(settings: AISettings) -> Any:
    """An openai client with an explicit timeout and few retries (Azure when configured so).

    Clients are reused per settings: building one loads the TLS certificates (0.1-0.6 s), and
    the client is safe to share between sessions.
    """
    if not settings.configured:
        raise AIError("not_configured")
    return _client_for(settings)


@lru_cache(maxsize=8)
def _client_for(settings: AISettings) -> Any:
    import openai

    key = settings.api_key or PLACEHOLDER_KEY
    timeout = openai.Timeout(settings.timeout, connect=min(10.0, settings.timeout))
    if settings.is_azure:
        return openai.AzureOpenAI(
            azure_endpoint=settings.base_url, api_key=key,
            api_version=settings.api_version or DEFAULT_AZURE_API_VERSION,
            azure_deployment=settings.azure_deployment or settings.model,
            timeout=timeout, max_retries=settings.max_retries)
    return openai.OpenAI(api_key=key, base_url=settings.base_url or None, timeout=timeout,
                         max_retries=settings.max_retries)


def _extract_json(content: str) -> Any:
    """JSON from a reply; tolerates a code fence or words around one object."""
    text = content.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fence:
        text = fence.group(1).strip()
    try:
        return json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:
            try:
                return json.loads(text[start: end + 1])
            except ValueError:
                pass
    raise AIError("malformed")


def complete_json(settings: AISettings, messages: list[dict[str, str]],
                  schema_model: type[BaseModel], schema_name: str) -> Any:
    """A typed answer: structured output when the server has it, JSON in the prompt otherwise."""
    import openai

    try:
        client = make_client(settings)
        marker = (settings.endpoint_label, settings.model)
        response = None
        if marker not in _NO_STRUCTURED_OUTPUT:
            try:
                response = client.chat.completions.create(
                    model=settings.model, messages=messages,
                    response_format={"type": "json_schema", "json_schema": {
                        "name": schema_name, "strict": True,
                        "schema": strict_schema(schema_model)}})
            except (openai.BadRequestError, openai.UnprocessableEntityError):
                # Many local servers reject response_format; remember it and ask in the prompt.
                log.info("endpoint has no structured outputs; asking for JSON in the prompt")
                _NO_STRUCTURED_OUTPUT.add(marker)
        if response is None:
            instruction = _render("json_fallback.md", schema=json.dumps(
                strict_schema(schema_model), ensure_ascii=False))
            fallback = [*messages[:-1], {"role": "user", "content":
                                         messages[-1]["content"] + "\n\n" + instruction}]
            response = client.chat.completions.create(model=settings.model, messages=fallback)
        if not response.choices:
            raise AIError("empty")
        message = response.choices[0].message
        if getattr(message, "refusal", None):
            raise AIError("refused")
        if not (message.content or "").strip():
            raise AIError("empty")
        return schema_model.model_validate(_extract_json(message.content))
    except Exception as exc:  # every failure becomes a message; none reaches the page raw
        raise to_ai_error(exc, settings) from None


def _clean_suggestions(found: Suggestions, existing: list[str]) -> list[Suggestion]:
    seen = {" ".join(str(e).split()).casefold() for e in existing}
    result = []
    for item in found.suggestions:
        text = " ".join(item.text.split())[:MAX_ITEM_CHARS]
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        result.append(Suggestion(text=text, reason=" ".join(item.reason.split())[:MAX_ITEM_CHARS]))
    return result[:MAX_SUGGESTIONS]


def suggest(settings: AISettings, concept: Concept, target_key: str, owner_id: str,
            lang: str) -> list[Suggestion]:
    """New items for a list field, each with a one-line reason. Changes nothing in `concept`."""
    messages = suggest_messages(concept, target_key, owner_id, lang)
    found = complete_json(settings, messages, Suggestions, "suggestions")
    return _clean_suggestions(found, target(target_key).existing(concept, owner_id))


def critique(settings: AISettings, concept: Concept, step_key: str, lang: str) -> Critique:
    """Questions and risks about a step: things to think about, not answers."""
    found = complete_json(settings, critique_messages(concept, step_key, lang), Critique,
                          "critique")
    questions = [" ".join(q.split()) for q in found.questions if q.strip()]
    risks = [" ".join(r.split()) for r in found.risks if r.strip()]
    if not questions and not risks:
        raise AIError("empty")
    return Critique(questions=questions, risks=risks)


def stream_draft(settings: AISettings, concept: Concept, kind: DraftKind,
                 lang: str) -> Iterator[str]:
    """The draft's text as it is written; raises `AIError` if the stream fails or is cut off."""
    messages = draft_messages(concept, kind, lang)
    received = False
    finished = False
    try:
        client = make_client(settings)
        stream = client.chat.completions.create(model=settings.model, messages=messages,
                                                stream=True)
        for chunk in stream:
            if not chunk.choices:  # Azure sends content-filter notes without choices
                continue
            choice = chunk.choices[0]
            text = choice.delta.content if choice.delta else None
            if text:
                received = True
                yield text
            if choice.finish_reason:
                finished = True
    except Exception as exc:
        if received and not isinstance(exc, AIError):
            log.warning("AI stream broke off: %s", type(exc).__name__)
            raise AIError("stream_cut") from None
        raise to_ai_error(exc, settings) from None
    if not received:
        raise AIError("empty")
    if not finished:
        raise AIError("stream_cut")


def check_connection(settings: AISettings) -> str:
    """Send a tiny request; returns the model name that answered, raises `AIError` otherwise."""
    import openai

    try:
        client = make_client(settings)
        try:
            response = client.chat.completions.create(
                model=settings.model,
                messages=[{"role": "user", "content": _render("check_connection.md")}])
        except openai.NotFoundError:
            available = _available_models(client)
            if available:
                raise AIError("model_unknown", model=settings.model,
                              models=", ".join(available)) from None
            raise
        if not getattr(response, "choices", None):
            raise AIError("not_compatible", url=settings.endpoint_label)
        return str(getattr(response, "model", "") or settings.model)
    except Exception as exc:
        raise to_ai_error(exc, settings) from None


def _available_models(client: Any) -> list[str]:
    try:
        return sorted(m.id for m in client.models.list())[:15]
    except Exception:  # listing is only a hint; many servers (Azure) do not offer it
        return []
