"""Marks on what the AI wrote: an item added from a suggestion or a draft carries an `AIMark`
(source "ai", the model's name, the date) for as long as its text is the one the AI wrote and
nothing links it to evidence.

A mark names where the item lives and the text as added; the item's current text decides
whether it still applies, so editing the text makes the item the user's own without any page
having to remember to clear a flag. Linking a quote or naming a data source makes it evidence
rather than the AI's assumption, so the mark goes then too. `prune` drops marks that no longer
apply."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from concept.ai.errors import AIError
from concept.ai.targets import TARGETS, target
from concept.model import AIMark, Concept, Identified, Part

# Drafted fields: mark target -> (attribute path from the concept, step)
DRAFTED = {"value.description": ("description.short_description", "value"),
           "value.statement": ("value_proposition.statement", "value")}
_TEXT_ATTRS = ("text", "name", "description")


def _texts_of(getter: Callable[[Concept, str], list[Any]]) -> Callable[[Concept, str], list[str]]:
    def read(concept: Concept, owner: str) -> list[str]:
        return [str(v).strip() for v in getter(concept, owner)]
    return read


def _owned(items: Callable[[Concept], list[Any]], attr: str) -> Callable[[Concept, str],
                                                                          list[str]]:
    def read(concept: Concept, owner: str) -> list[str]:
        values: list[str] = []
        for item in items(concept):
            if item.id == owner:
                value = getattr(item, attr)
                values += value if isinstance(value, list) else [value]
        return [str(v).strip() for v in values]
    return read


# Places a brief's draft (concept/ai/brief.py) fills that are neither suggestion lists nor the
# value step's drafts: mark target -> (step, the texts the place holds now; None for places
# whose items have ids and are found by them).
PLACES: dict[str, tuple[str, Callable[[Concept, str], list[str]] | None]] = {
    "start.who": ("start", _texts_of(lambda c, _: [c.idea.who])),
    "start.what_value": ("start", _texts_of(lambda c, _: [c.idea.what_value])),
    "start.how": ("start", _texts_of(lambda c, _: [c.idea.how])),
    "profiles.profiles": ("profiles", None),
    "journey.stages": ("journey", None),
    "experience.target_experience": ("experience", _owned(lambda c: c.experience.horizons,
                                                          "target_experience")),
    "relationships.rationale": ("relationships", _texts_of(
        lambda c, _: [c.relationship.rationale_for_value_proposition])),
    "competition.competitors": ("competition", None),
    "competition.strengths": ("competition", _owned(lambda c: c.competition.competitors,
                                                    "strengths")),
    "value.key_promise": ("value", _texts_of(lambda c, _: [c.value_proposition.key_promise])),
}


def mark(concept: Concept, target_key: str, owner_id: str, text: str, model: str,
         item_id: str = "") -> AIMark:
    """Record that `text` at this place was written by `model` and added by the user."""
    new = AIMark(target=target_key, owner=owner_id, item_id=item_id, text=text.strip(),
                 model=model.strip()[:200])
    kept = [m for m in concept.ai_marks if applies(concept, m)
            and not (m.target == target_key and m.owner == owner_id and
                     m.item_id == item_id and (item_id or m.text == new.text))]
    concept.ai_marks = [*kept, new]
    return new


def mark_draft(concept: Concept, kind: str, text: str, model: str) -> AIMark:
    """A drafted description or statement the user took into the concept."""
    return mark(concept, f"value.{kind}", "", text, model)


def _find_item(concept: Concept, item_id: str) -> Any:
    stack: list[Any] = [concept]
    while stack:
        part = stack.pop()
        for name in type(part).model_fields:
            value = getattr(part, name)
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, Identified) and item.id == item_id:
                    return item
                if isinstance(item, Part) and not isinstance(item, AIMark):
                    stack.append(item)
    return None


def item_text(item: Any) -> str | None:
    """The text of an identified item that a mark compares with (its text, name, ...)."""
    return next((getattr(item, a) for a in _TEXT_ATTRS if hasattr(item, a)), None)


def _has_evidence(item: Any) -> bool:
    return bool(getattr(item, "quote_ids", None)) or bool(
        str(getattr(item, "data_source", "") or "").strip())


def _current_text(concept: Concept, m: AIMark) -> str | None:
    if m.item_id:
        item = _find_item(concept, m.item_id)
        return None if item is None or _has_evidence(item) else item_text(item)
    if m.target in PLACES:
        read = PLACES[m.target][1]
        return m.text if read is not None and m.text in read(concept, m.owner) else None
    if m.target in DRAFTED:
        value: Any = concept
        for part in DRAFTED[m.target][0].split("."):
            value = getattr(value, part)
        return str(value).strip()
    try:
        existing = target(m.target).existing(concept, m.owner)
    except (KeyError, AIError):
        return None
    return m.text if m.text in [str(e).strip() for e in existing] else None


def applies(concept: Concept, m: AIMark) -> bool:
    """True while the marked place still holds the text the AI wrote."""
    return _current_text(concept, m) == m.text


def live_marks(concept: Concept) -> list[AIMark]:
    """The marks whose items still hold the text the AI wrote."""
    return [m for m in concept.ai_marks if applies(concept, m)]


def prune(concept: Concept) -> bool:
    """Drop the marks of edited or deleted items; True when any was dropped."""
    live = live_marks(concept)
    if len(live) == len(concept.ai_marks):
        return False
    concept.ai_marks = live
    return True


def step_of(m: AIMark) -> str:
    if m.target in DRAFTED:
        return DRAFTED[m.target][1]
    if m.target in PLACES:
        return PLACES[m.target][0]
    return next((x.step for x in TARGETS if x.key == m.target), "")


def marks_for_step(concept: Concept, step_key: str) -> Iterator[AIMark]:
    return (m for m in live_marks(concept) if step_of(m) == step_key)


def is_ai_written(concept: Concept, item: Any) -> AIMark | None:
    """The mark of an identified item (a pain, a touchpoint, ...) whose text is still the AI's."""
    item_id = getattr(item, "id", "")
    return next((m for m in live_marks(concept) if item_id and m.item_id == item_id), None)
