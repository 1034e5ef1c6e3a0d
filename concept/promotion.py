"""Moving what a side tool found into the core steps, once: empathy notes into a profile's pains
and gains, stopped items into the concept's exclusions.
"""

from __future__ import annotations

from typing import Literal

from concept.model import Concept, EmpathyMap, Exclusion, Gain, Pain, StopItem

NoteKind = Literal["pain", "gain"]


def promotion_key(kind: NoteKind, text: str) -> str:
    """How an empathy map remembers a promoted note: the kind and the note's text."""
    return f"{kind}:{text.strip()}"


def is_promoted(empathy_map: EmpathyMap, kind: NoteKind, text: str) -> bool:
    return promotion_key(kind, text) in empathy_map.promoted


def unpromoted_notes(empathy_map: EmpathyMap) -> list[tuple[NoteKind, str]]:
    """Pain points and feelings of success that have not been moved into a profile yet."""
    notes: list[tuple[NoteKind, str]] = [("pain", n) for n in empathy_map.pain_points]
    notes += [("gain", n) for n in empathy_map.success_feelings]
    return [(kind, text) for kind, text in notes
            if text.strip() and not is_promoted(empathy_map, kind, text)]


def promote_note(concept: Concept, empathy_map: EmpathyMap, kind: NoteKind, text: str,
                 profile_id: str) -> Pain | Gain | None:
    """Add an empathy-map note to a profile as a pain or a gain; None when nothing was added.

    Nothing is added twice: not when the map already promoted the note, and not when the
    profile already has a pain (gain) with the same text. Either way the map remembers it.
    """
    text = text.strip()
    profile = concept.profile(profile_id)
    if profile is None or not text:
        return None
    key = promotion_key(kind, text)
    if key in empathy_map.promoted:
        return None
    existing = profile.pains if kind == "pain" else profile.gains
    added: Pain | Gain | None = None
    if not any(item.text.strip().casefold() == text.casefold() for item in existing):
        added = Pain(text=text) if kind == "pain" else Gain(text=text)
        existing.append(added)
    empathy_map.promoted = [*empathy_map.promoted, key]
    return added


def exclusion_for(concept: Concept, stop_item_id: str) -> Exclusion | None:
    return next((e for e in concept.description.exclusions
                 if e.from_stop_item_id == stop_item_id), None)


def make_exclusion(concept: Concept, item: StopItem) -> Exclusion | None:
    """Turn a stopped item into an exclusion of the concept; None if it already is one.

    An exclusion with the same text typed by hand is linked to the item instead of repeated.
    """
    if exclusion_for(concept, item.id) is not None or not item.text.strip():
        return None
    same = next((e for e in concept.description.exclusions if not e.from_stop_item_id
                 and e.text.strip().casefold() == item.text.strip().casefold()), None)
    if same is not None:
        same.from_stop_item_id = item.id
        return None
    exclusion = Exclusion(text=item.text.strip(), from_stop_item_id=item.id)
    concept.description.exclusions.append(exclusion)
    return exclusion


def stops_not_excluded(concept: Concept) -> list[StopItem]:
    """Stopped items (not reconsidered) that are not reflected in the exclusions (V-09)."""
    texts = {e.text.strip().casefold() for e in concept.description.exclusions}
    return [item for item in concept.stop_list
            if item.status == "stopped" and item.text.strip()
            and exclusion_for(concept, item.id) is None
            and item.text.strip().casefold() not in texts]


def is_excluded(concept: Concept, item: StopItem) -> bool:
    """True when the item is already among the exclusions (linked, or the same text)."""
    text = item.text.strip().casefold()
    return exclusion_for(concept, item.id) is not None or any(
        e.text.strip().casefold() == text for e in concept.description.exclusions)
