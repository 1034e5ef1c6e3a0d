"""The wizard's ordered steps and toolbox tools: keys, page scripts, texts and completeness rules.

Navigation, Back/Next and the progress indicator all come from this registry, so the order of
the method lives in one place. Texts are catalog keys: `step.<key>.title`, `.purpose`,
`.questions` (a list) and `.example`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from concept.model import Concept


@dataclass(frozen=True)
class Step:
    key: str
    page: str  # path of the page script, relative to the app folder
    icon: str
    # None: the step produces output only and does not count toward progress.
    is_complete: Callable[[Concept], bool] | None
    # Where the step's content appears: keys of document.SECTIONS and of the AI context builder's
    # sections. No defaults, so a new step has to say (a registry test checks both exist).
    document_sections: tuple[str, ...]
    ai_context: str

    @property
    def title_key(self) -> str:
        return f"step.{self.key}.title"

    @property
    def url_path(self) -> str:
        return self.key


def _idea_complete(concept: Concept) -> bool:
    idea = concept.idea
    return bool(concept.name.strip() and idea.who.strip() and idea.what_value.strip()
                and idea.how.strip())


def _profiles_complete(concept: Concept) -> bool:
    return any(p.name.strip() and p.jobs and p.pains and p.gains for p in concept.profiles)


def _journey_complete(concept: Concept) -> bool:
    return any(j.entry_point.strip() and len(j.stages) >= 3 for j in concept.journeys)


def _purchase_complete(concept: Concept) -> bool:
    touchpoints = concept.all_touchpoints()
    return bool(touchpoints) and all(tp.purchase_stage_keys for tp in touchpoints)


def _experience_complete(concept: Concept) -> bool:
    horizons = concept.experience.horizons
    filled = [h for h in horizons if h.essentials or h.target_experience.strip()]
    return len(filled) >= 3


def _relationships_complete(concept: Concept) -> bool:
    rel = concept.relationship
    return bool(rel.types and rel.closeness and rel.duration)


def _competition_complete(concept: Concept) -> bool:
    comp = concept.competition
    return bool(comp.competitors and comp.attributes)


def _value_complete(concept: Concept) -> bool:
    vp, desc = concept.value_proposition, concept.description
    return bool(vp.key_promise.strip() and desc.exclusions and desc.short_description.strip())


STEPS: tuple[Step, ...] = (
    Step("start", "views/start.py", ":material/flag:", _idea_complete,
         ("summary", "at_a_glance"), "start"),
    Step("profiles", "views/profiles.py", ":material/group:", _profiles_complete,
         ("profiles",), "profiles"),
    Step("journey", "views/journey.py", ":material/route:", _journey_complete,
         ("journey",), "journey"),
    Step("purchase", "views/purchase.py", ":material/shopping_cart:", _purchase_complete,
         ("purchase",), "purchase"),
    Step("experience", "views/experience.py", ":material/timeline:", _experience_complete,
         ("experience",), "experience"),
    Step("relationships", "views/relationships.py", ":material/handshake:",
         _relationships_complete, ("relationships",), "relationships"),
    Step("competition", "views/competition.py", ":material/trophy:", _competition_complete,
         ("competition",), "competition"),
    Step("value", "views/value.py", ":material/diamond:", _value_complete,
         ("value", "exclusions"), "value"),
    # The document step shows every section; its AI drafts see the whole context.
    Step("description", "views/description.py", ":material/description:", None,
         (), "description"),
)

STEP_KEYS = tuple(step.key for step in STEPS)


def step(key: str) -> Step:
    for candidate in STEPS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def neighbours(key: str) -> tuple[Step | None, Step | None]:
    """The steps before and after `key` (None at either end)."""
    index = STEP_KEYS.index(key)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after


def progress(concept: Concept) -> tuple[int, int]:
    """(completed, countable) steps for the progress indicator."""
    countable = [s for s in STEPS if s.is_complete is not None]
    done = sum(1 for s in countable if s.is_complete(concept))
    return done, len(countable)


def completed_keys(concept: Concept) -> set[str]:
    return {s.key for s in STEPS if s.is_complete is not None and s.is_complete(concept)}
