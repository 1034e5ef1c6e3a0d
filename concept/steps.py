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
    missing: Callable[[Concept], Missing] | None
    # Where the step's content appears: keys of document.SECTIONS and of the AI context builder's
    # sections. No defaults, so a new step has to say (a registry test checks both exist).
    document_sections: tuple[str, ...]
    ai_context: str

    @property
    def is_complete(self) -> Callable[[Concept], bool] | None:
        if self.missing is None:
            return None
        return _complete_when_nothing_missing(self.missing)

    @property
    def title_key(self) -> str:
        return f"step.{self.key}.title"

    @property
    def url_path(self) -> str:
        return self.key


# What each step still needs for its tick, as catalog keys (`missing.<step>.<part>`); a part
# with a count has it as the placeholder {count}. A step is complete when nothing is missing.
Missing = list[tuple[str, dict[str, int]]]


def _idea_missing(concept: Concept) -> Missing:
    idea = concept.idea
    parts = {"name": concept.name, "who": idea.who, "what_value": idea.what_value,
             "how": idea.how}
    return [(f"missing.start.{part}", {}) for part, text in parts.items() if not text.strip()]


def _profiles_missing(concept: Concept) -> Missing:
    if not concept.profiles:
        return [("missing.profiles.profile", {})]
    # The profile closest to complete tells the shortest way to the tick.
    best: Missing | None = None
    for profile in concept.profiles:
        parts = {"name": profile.name.strip(), "jobs": profile.jobs, "pains": profile.pains,
                 "gains": profile.gains}
        lacking = [(f"missing.profiles.{part}", {}) for part, value in parts.items()
                   if not value]
        if best is None or len(lacking) < len(best):
            best = lacking
    return best or []


def _journey_missing(concept: Concept) -> Missing:
    if not concept.journeys:
        return [("missing.journey.journey", {})]
    best: Missing | None = None
    for journey in concept.journeys:
        lacking: Missing = []
        if not journey.entry_point.strip():
            lacking.append(("missing.journey.entry_point", {}))
        if len(journey.stages) < 3:
            lacking.append(("missing.journey.stages", {"count": len(journey.stages)}))
        if best is None or len(lacking) < len(best):
            best = lacking
    return best or []


def _purchase_missing(concept: Concept) -> Missing:
    touchpoints = concept.all_touchpoints()
    if not touchpoints:
        return [("missing.purchase.touchpoints", {})]
    unmapped = sum(1 for tp in touchpoints if not tp.purchase_stage_keys)
    return [("missing.purchase.unmapped", {"count": unmapped})] if unmapped else []


def _experience_missing(concept: Concept) -> Missing:
    filled = [h for h in concept.experience.horizons
              if h.essentials or h.target_experience.strip()]
    return [("missing.experience.horizons", {"count": len(filled)})] if len(filled) < 3 else []


def _relationships_missing(concept: Concept) -> Missing:
    rel = concept.relationship
    parts = {"types": rel.types, "closeness": rel.closeness, "duration": rel.duration}
    return [(f"missing.relationships.{part}", {}) for part, value in parts.items() if not value]


def _competition_missing(concept: Concept) -> Missing:
    comp = concept.competition
    parts = {"competitors": comp.competitors, "attributes": comp.attributes}
    return [(f"missing.competition.{part}", {}) for part, value in parts.items() if not value]


def _value_missing(concept: Concept) -> Missing:
    vp, desc = concept.value_proposition, concept.description
    parts = {"key_promise": vp.key_promise.strip(), "exclusions": desc.exclusions,
             "short_description": desc.short_description.strip()}
    return [(f"missing.value.{part}", {}) for part, value in parts.items() if not value]


def _complete_when_nothing_missing(missing: Callable[[Concept], Missing]
                                   ) -> Callable[[Concept], bool]:
    return lambda concept: not missing(concept)


STEPS: tuple[Step, ...] = (
    Step("start", "views/start.py", ":material/flag:", _idea_missing,
         ("summary", "background", "at_a_glance"), "start"),
    Step("profiles", "views/profiles.py", ":material/group:", _profiles_missing,
         ("profiles",), "profiles"),
    Step("journey", "views/journey.py", ":material/route:", _journey_missing,
         ("journey",), "journey"),
    Step("purchase", "views/purchase.py", ":material/shopping_cart:", _purchase_missing,
         ("purchase",), "purchase"),
    Step("experience", "views/experience.py", ":material/timeline:", _experience_missing,
         ("experience",), "experience"),
    Step("relationships", "views/relationships.py", ":material/handshake:",
         _relationships_missing, ("relationships",), "relationships"),
    Step("competition", "views/competition.py", ":material/trophy:", _competition_missing,
         ("competition",), "competition"),
    Step("value", "views/value.py", ":material/diamond:", _value_missing,
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


def missing_parts(concept: Concept, key: str) -> Missing:
    """What the step still needs for its tick (empty for a complete or uncounted step)."""
    found = step(key).missing
    return found(concept) if found is not None else []


def _idea_started(concept: Concept) -> bool:
    idea = concept.idea
    return bool(idea.who.strip() or idea.what_value.strip() or idea.how.strip())


def _journey_started(concept: Concept) -> bool:
    return any(j.stages or j.touchpoints or j.entry_point.strip() or j.scope_start.strip()
               or j.scope_end.strip() for j in concept.journeys)


def _purchase_started(concept: Concept) -> bool:
    return any(tp.purchase_stage_keys for tp in concept.all_touchpoints())


def is_started(concept: Concept, key: str) -> bool:
    """Whether the user has entered anything on the step: an empty step is "not started yet",
    never "nothing to remark" (its checks have nothing to look at)."""
    from concept.checks import competition, experience, relationships, value

    started: dict[str, Callable[[Concept], bool]] = {
        "start": _idea_started,
        "profiles": lambda c: bool(c.profiles),
        "journey": _journey_started,
        "purchase": _purchase_started,
        "experience": lambda c: experience.is_started(c.experience),
        "relationships": lambda c: relationships.is_started(c.relationship),
        "competition": lambda c: competition.is_started(c.competition),
        "value": value.is_started,
    }
    check = started.get(key)
    return True if check is None else check(concept)


def not_started_keys(concept: Concept) -> list[str]:
    """The counted steps the user has not begun, in the method's order."""
    return [s.key for s in STEPS if s.missing is not None and not is_started(concept, s.key)]


def missing_list(concept: Concept, key: str, lang: str) -> str:
    """The parts the step still needs, as a comma-separated list ("" when nothing is missing)."""
    from concept.i18n import t

    return ", ".join(t(part, lang, **params) for part, params in missing_parts(concept, key))


def missing_text(concept: Concept, key: str, lang: str) -> str:
    """The step's "to complete this step" line, or "" when it is complete or uncounted."""
    from concept.i18n import t

    listed = missing_list(concept, key, lang)
    return t("missing.to_complete", lang, parts=listed) if listed else ""
