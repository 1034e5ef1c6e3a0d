"""The list fields suggestions can add to: who owns each list, what it holds, how to add."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from concept.ai.errors import AIError
from concept.i18n import t
from concept.labels import horizon_label, stage_label
from concept.model import (
    ChannelRole,
    CompetitiveAttribute,
    Concept,
    CustomerProfile,
    EcosystemActor,
    Gain,
    GainCreator,
    Job,
    Pain,
    PainReliever,
    PersonInvolved,
    PositionPoint,
    Touchpoint,
)

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
    add: Callable[[Concept, str, str], Any]  # returns the new item (None for a plain line)


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


def channel_name(role: ChannelRole, lang: str) -> str:
    """A channel role as the user knows it: the channel's name, else its role's first words."""
    if role.channel:
        return t(f"enum.channel.{role.channel}", lang)
    return " ".join(role.role.split()[:6]) or "?"


def _channels(concept: Concept, lang: str) -> list[Owner]:
    return [(r.id, channel_name(r, lang)) for r in concept.toolbox.channel_roles]


def _channel(concept: Concept, role_id: str) -> ChannelRole:
    return _find(concept.toolbox.channel_roles, role_id)


def _actors(concept: Concept, lang: str) -> list[Owner]:
    return [(a.id, a.name or "?") for a in concept.toolbox.ecosystem]


def _actor(concept: Concept, actor_id: str) -> EcosystemActor:
    return _find(concept.toolbox.ecosystem, actor_id)


def _no_owner(concept: Concept, lang: str) -> list[Owner]:
    return [("", "")]


def _info_needs_lines(concept: Concept, key: str) -> list[str]:
    return [line.strip() for line in _purchase_stage(concept, key).info_needs.splitlines()
            if line.strip()]


def _add_info_need(concept: Concept, key: str, text: str) -> Any:
    stage = _purchase_stage(concept, key)
    stage.info_needs = "\n".join([*(line for line in stage.info_needs.splitlines()), text]).strip()
    return None


def _add_touchpoint(concept: Concept, stage_id: str, text: str) -> Any:
    journey, stage = _stage_journey(concept, stage_id)
    # A suggested touchpoint is by definition one the journey does not have yet.
    touchpoint = Touchpoint(stage_id=stage.id, name=text, dev_status="new")
    journey.touchpoints = [*journey.touchpoints, touchpoint]
    return touchpoint


def _append(getter: Callable[[Concept, str], Any], attr: str,
            make: Callable[[str], Any] | None = None) -> Callable[[Concept, str, str], Any]:
    def add(concept: Concept, owner_id: str, text: str) -> Any:
        owner = getter(concept, owner_id)
        item = make(text) if make else text
        # Assign a new list (not .append) so pydantic validates the new item.
        setattr(owner, attr, [*getattr(owner, attr), item])
        return item if make else None
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
    # The extended tools of the recipes (methodology §5.9): their key is the tool's.
    ListTarget("channels.strengths", "channels", "ai.tools.field.channel_strengths", "channel",
               _channels, _texts(_channel, "strengths"), _append(_channel, "strengths")),
    ListTarget("ecosystem.actors", "ecosystem", "ai.tools.field.actors", None, _no_owner,
               _texts(_root("toolbox"), "ecosystem", "name"),
               _append(_root("toolbox"), "ecosystem", lambda s: EcosystemActor(name=s))),
    ListTarget("ecosystem.roles", "ecosystem", "ai.tools.field.actor_roles", "actor", _actors,
               _texts(_actor, "roles"), _append(_actor, "roles")),
    # A suggested alternative is placed in the middle of the map; the user moves it.
    ListTarget("positioning.points", "positioning", "ai.tools.field.alternatives", None,
               _no_owner, _texts(_root("toolbox.positioning"), "points", "name"),
               _append(_root("toolbox.positioning"), "points",
                       lambda s: PositionPoint(name=s, kind="competitor"))),
)


def targets_for(step_key: str) -> list[ListTarget]:
    return [target for target in TARGETS if target.step == step_key]


def target(key: str) -> ListTarget:
    for candidate in TARGETS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def accept(concept: Concept, target_key: str, owner_id: str, text: str,
           model: str = "") -> str:
    """Add one accepted suggestion to the concept, exactly as the user left it; returns it.

    With `model` (the model that suggested it) the item gets an AI mark: see
    concept/ai/provenance.py."""
    from concept.ai.provenance import mark

    text = text.strip()
    if not text:
        raise AIError("empty_item")
    item = target(target_key).add(concept, owner_id, text)
    if model:
        mark(concept, target_key, owner_id, text, model, item_id=getattr(item, "id", ""))
    return text
