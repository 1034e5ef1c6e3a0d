"""Review of a draft from a brief (concept/ai/brief.py): what accepting an item or a whole step
puts into the concept, with its AI mark, and when it would replace the user's own text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from concept.ai.brief import BriefDraft, BriefError, DraftItem
from concept.ai.provenance import mark
from concept.model import (
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    CustomerProfile,
    ExperienceHorizon,
    Gain,
    Job,
    JourneyStage,
    Pain,
    PersonInvolved,
    Touchpoint,
)

# Kinds that replace a single text of the concept (the user's own text needs a confirmation):
# kind -> reader of the text it would replace.
_REPLACES: dict[str, Callable[[Concept, DraftItem], str]] = {
    "who": lambda c, i: c.idea.who,
    "what_value": lambda c, i: c.idea.what_value,
    "how": lambda c, i: c.idea.how,
    "period_target": lambda c, i: _horizon(c, i.data["horizon"], create=False).target_experience
    if _horizon(c, i.data["horizon"], create=False) else "",
    "rationale": lambda c, i: c.relationship.rationale_for_value_proposition,
    "key_promise": lambda c, i: c.value_proposition.key_promise,
    "statement": lambda c, i: c.value_proposition.statement,
    "rel_shape": lambda c, i: "x" if (c.relationship.types or c.relationship.closeness or
                                      c.relationship.duration or
                                      c.relationship.contact_frequency) else "",
}


def replaces(concept: Concept, item: DraftItem, text: str | None = None) -> bool:
    """True when accepting `item` would replace text the concept already holds."""
    reader = _REPLACES.get(item.kind)
    if reader is None:
        return False
    current = str(reader(concept, item) or "").strip()
    return bool(current) and current != (text if text is not None else item.text).strip()


def _horizon(concept: Concept, key: str, create: bool = True) -> ExperienceHorizon | None:
    horizon = next((h for h in concept.experience.horizons if h.key == key), None)
    if horizon is None and create:
        horizon = ExperienceHorizon(key=key)
        concept.experience.horizons = [*concept.experience.horizons, horizon]
    return horizon


def _find(items: list[Any], part_id: str) -> Any:
    return next((i for i in items if i.id == part_id), None)


def _parent(concept: Concept, draft: BriefDraft, item: DraftItem, model: str) -> str:
    """The concept part's id of the item's parent, accepting the parent first if needed."""
    if item.parent not in draft.created or not _exists(concept, draft.created[item.parent]):
        accept_item(concept, draft, item.parent, None, model)
    return draft.created[item.parent]


def _exists(concept: Concept, part_id: str) -> bool:
    from concept.ai.provenance import _find_item

    return _find_item(concept, part_id) is not None


def _touchpoint_named(concept: Concept, name: str) -> Touchpoint | None:
    wanted = name.casefold()
    return next((tp for tp in concept.all_touchpoints() if tp.name.strip().casefold() == wanted),
                None)


def accept_item(concept: Concept, draft: BriefDraft, item_id: str, text: str | None,
                model: str) -> None:
    """Put one draft item (with the user's edit, if any) into the concept, with its AI mark.
    A child (a pain, a touchpoint, a weakness) brings its parent along when that is not in yet.
    The caller asks for confirmation first when `replaces` says so."""
    item = draft.item(item_id)
    text = " ".join(str(item.text if text is None else text).split()) if item.editable else ""
    if item.editable and not text:
        raise BriefError("empty_item")
    kind = item.kind
    c = concept
    if kind in ("who", "what_value", "how"):
        setattr(c.idea, kind, text)
        mark(c, f"start.{kind}", "", text, model)
    elif kind == "profile":
        profile = CustomerProfile(name=text, summary=item.data.get("summary", ""),
                                  is_primary=not any(p.is_primary for p in c.profiles))
        c.profiles = [*c.profiles, profile]
        draft.created[item_id] = profile.id
        mark(c, "profiles.profiles", "", text, model, item_id=profile.id)
    elif kind in ("job", "pain", "gain"):
        parent_id = _parent(c, draft, item, model)  # before reading the list it may add to
        profile = _find(c.profiles, parent_id)
        made = {"job": Job, "pain": Pain, "gain": Gain}[kind](text=text)
        setattr(profile, f"{kind}s", [*getattr(profile, f"{kind}s"), made])
        mark(c, f"profiles.{kind}s", profile.id, text, model, item_id=made.id)
    elif kind == "stage":
        primary = c.primary_profile()
        if primary is None:
            raise BriefError("needs_profile")
        journey = c.ensure_journey(primary.id)
        stage = JourneyStage(name=text, customer_goal=item.data.get("goal", ""))
        journey.stages = [*journey.stages, stage]
        draft.created[item_id] = stage.id
        mark(c, "journey.stages", "", text, model, item_id=stage.id)
    elif kind == "touchpoint":
        stage_id = _parent(c, draft, item, model)
        journey = next(j for j in c.journeys if any(s.id == stage_id for s in j.stages))
        tp = Touchpoint(stage_id=stage_id, name=text, channel=item.data.get("channel") or None,
                        kind=item.data.get("tp_kind") or None)
        journey.touchpoints = [*journey.touchpoints, tp]
        draft.created[item_id] = tp.id
        mark(c, "journey.touchpoints", stage_id, text, model, item_id=tp.id)
    elif kind == "tp_stages":
        tp = _touchpoint_named(c, item.data["touchpoint"])
        if tp is None:
            raise BriefError("needs_touchpoint", name=item.data["touchpoint"])
        tp.purchase_stage_keys = list(dict.fromkeys([*tp.purchase_stage_keys,
                                                     *item.data["keys"]]))
    elif kind == "period_target":
        horizon = _horizon(c, item.data["horizon"])
        horizon.target_experience = text
        mark(c, "experience.target_experience", horizon.id, text, model)
    elif kind in ("delight", "churn"):
        horizon = _horizon(c, item.data["horizon"])
        attr = "delight_moments" if kind == "delight" else "churn_risks"
        setattr(horizon, attr, [*getattr(horizon, attr), text])
        mark(c, f"experience.{attr}", horizon.id, text, model)
    elif kind == "rel_shape":
        r = c.relationship
        r.types = item.data["types"] or r.types
        r.closeness = item.data["closeness"] or r.closeness
        r.duration = item.data["duration"] or r.duration
        r.contact_frequency = item.data["frequency"] or r.contact_frequency
    elif kind == "rationale":
        c.relationship.rationale_for_value_proposition = text
        mark(c, "relationships.rationale", "", text, model)
    elif kind == "person":
        person = PersonInvolved(role=item.data.get("role", "other"), description=text)
        c.relationship.people = [*c.relationship.people, person]
        mark(c, "relationships.people", "", text, model, item_id=person.id)
    elif kind == "competitor":
        competitor = Competitor(name=text, type=item.data.get("type", "direct"))
        c.competition.competitors = [*c.competition.competitors, competitor]
        draft.created[item_id] = competitor.id
        mark(c, "competition.competitors", "", text, model, item_id=competitor.id)
    elif kind in ("strength", "weakness"):
        parent_id = _parent(c, draft, item, model)
        competitor = _find(c.competition.competitors, parent_id)
        attr = "strengths" if kind == "strength" else "weaknesses"
        setattr(competitor, attr, [*getattr(competitor, attr), text])
        mark(c, f"competition.{attr}", competitor.id, text, model)
    elif kind == "attribute":
        by_name = {x.name.strip().casefold(): x.id for x in c.competition.competitors}
        scores = [CompetitorScore(competitor_id=by_name[n.casefold()], score=s)
                  for n, s in item.data.get("scores", {}).items() if n.casefold() in by_name]
        attribute = CompetitiveAttribute(name=text, customer_importance=item.data["importance"],
                                         our_score=item.data["our_score"],
                                         competitor_scores=scores)
        c.competition.attributes = [*c.competition.attributes, attribute]
        mark(c, "competition.attributes", "", text, model, item_id=attribute.id)
    elif kind == "key_promise":
        c.value_proposition.key_promise = text
        mark(c, "value.key_promise", "", text, model)
    elif kind == "reason":
        vp = c.value_proposition
        vp.reasons_to_believe = [*vp.reasons_to_believe, text]
        mark(c, "value.reasons_to_believe", "", text, model)
    elif kind == "statement":
        c.value_proposition.statement = text
        mark(c, "value.statement", "", text, model)
    draft.decided.add(item_id)


def accept_step(concept: Concept, draft: BriefDraft, step: str, texts: dict[str, str],
                model: str, replace: bool = False) -> list[str]:
    """Accept every open item of a step (with the user's edits in `texts`). Items that would
    replace the user's own text are skipped unless `replace`; their ids are returned."""
    skipped = []
    for item in draft.open_items(step):
        text = texts.get(item.id)
        if not replace and replaces(concept, item, text):
            skipped.append(item.id)
            continue
        try:
            accept_item(concept, draft, item.id, text, model)
        except (BriefError, ValidationError):
            skipped.append(item.id)
    return skipped


def discard(draft: BriefDraft, item_ids: list[str]) -> None:
    draft.decided.update(item_ids)
