"""The workshop side tools (the "Toolbox" section of the navigation), in the method's order.

Also the plain rules the tool pages share: where a step or tool key leads (for links from checks
and parking-lot items), the stakeholder grid's quadrants, and the three-year image's answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from concept.model import (
    Concept,
    ContextTheme,
    EmpathyMap,
    ImageGoal,
    ImageResponse,
    Stakeholder,
)
from concept.steps import STEPS


@dataclass(frozen=True)
class Tool:
    key: str
    page: str
    icon: str
    # Where the tool's notes reach the concept description (a key of document.SECTIONS), or None
    # while they stay on the tool's page only. No default: a new tool has to say.
    document_section: str | None

    @property
    def title_key(self) -> str:
        return f"tool.{self.key}.title"

    @property
    def url_path(self) -> str:
        return self.key


# Each entry is one page; the parking lot and stop list page closes the section.
TOOLS: tuple[Tool, ...] = (
    Tool("empathy_map", "views/tools/empathy_map.py", ":material/psychology:", None),
    Tool("everyday_life", "views/tools/everyday_life.py", ":material/wb_sunny:", None),
    Tool("image_goal", "views/tools/image_goal.py", ":material/record_voice_over:", None),
    Tool("stakeholders", "views/tools/stakeholders.py", ":material/hub:", None),
    Tool("interviews", "views/tools/interviews.py", ":material/mic:", "interviews"),
    Tool("context", "views/tools/context.py", ":material/category:", None),
    Tool("storyboard", "views/tools/storyboard.py", ":material/movie:", None),
    # Extended tools of the recipes (methodology §5.9).
    Tool("channels", "views/tools/channels.py", ":material/alt_route:", "channels"),
    Tool("ecosystem", "views/tools/ecosystem.py", ":material/diversity_3:", "ecosystem"),
    Tool("positioning", "views/tools/positioning.py", ":material/scatter_plot:", "positioning"),
    Tool("parking", "views/facilitation.py", ":material/local_parking:", "open_questions"),
)

TOOL_KEYS = tuple(tool.key for tool in TOOLS)

# The workshop's own pages (the "Workshop" section of the navigation): the agenda and pack, the
# facilitator's run screen, and the closing review.
WORKSHOP_PAGES: tuple[Tool, ...] = (
    Tool("agenda", "views/workshop/agenda.py", ":material/event_note:", None),
    Tool("run", "views/workshop/run.py", ":material/timer:", None),
    Tool("review", "views/workshop/review.py", ":material/fact_check:", None),
)

# The overview page of all checks; not a tool, but items can be raised there and linked to it.
HEALTH = Tool("health", "views/health.py", ":material/monitor_heart:", "findings")
# The to-do list made from findings (methodology §6.3); in the "More" section beside health.
ACTIONS = Tool("actions", "views/actions.py", ":material/checklist:", "actions")


@dataclass(frozen=True)
class Place:
    """Where a step or tool key leads: its page script, its title's catalog key and its icon."""

    key: str
    page: str
    title_key: str
    icon: str


def place(key: str) -> Place | None:
    """The page of a step, tool or the health page by key; None for an unknown key."""
    for s in STEPS:
        if s.key == key:
            return Place(s.key, s.page, s.title_key, s.icon)
    for tool in (*TOOLS, HEALTH, ACTIONS, *WORKSHOP_PAGES):
        if tool.key == key:
            return Place(tool.key, tool.page, tool.title_key, tool.icon)
    return None


def tool(key: str) -> Tool:
    for candidate in TOOLS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def empathy_map_name(empathy_map: EmpathyMap, concept: Concept, number: int) -> str:
    """What to call a map: its persona, else its profile's name, else its number."""
    if empathy_map.persona_label.strip():
        return empathy_map.persona_label.strip()
    profile = concept.profile(empathy_map.profile_id)
    if profile is not None and profile.name.strip():
        return profile.name.strip()
    return f"#{number}"


# --- Stakeholder grid (Mendelow: importance × influence) -------------------------------------

QUADRANTS = ("key_group", "listen", "keep_satisfied", "monitor")
# On the 1–5 scales, 4 and 5 count as high; a fresh stakeholder (3, 3) starts as "monitor".
HIGH = 4


def quadrant(stakeholder: Stakeholder) -> str:
    important = stakeholder.importance >= HIGH
    influential = stakeholder.influence >= HIGH
    if important and influential:
        return "key_group"
    if important:
        return "listen"
    if influential:
        return "keep_satisfied"
    return "monitor"


def planned_interviews(stakeholders: list[Stakeholder]) -> int:
    return sum(s.planned_interviews for s in stakeholders)


# --- Context analysis ----------------------------------------------------------------------


def related_themes(themes: list[ContextTheme], theme: ContextTheme) -> list[ContextTheme]:
    """Themes linked to `theme` in either direction (a link is made on one theme only)."""
    linked = set(theme.related_theme_ids)
    linked |= {other.id for other in themes if theme.id in other.related_theme_ids}
    return [other for other in themes if other.id in linked and other.id != theme.id]


# --- Three-year image --------------------------------------------------------------------------

MIN_IMAGE_ANSWERS = 3


def answers(goal: ImageGoal, kind: str) -> list[ImageResponse]:
    return [r for r in goal.responses if r.kind == kind]


def set_answers(goal: ImageGoal, kind: str, texts: list[str]) -> None:
    """Replace the answers of one kind by `texts`, keeping each kept answer's id and group."""
    remaining = answers(goal, kind)
    kept: list[ImageResponse] = []
    for text in (t.strip() for t in texts):
        if not text:
            continue
        match = next((r for r in remaining if r.text == text), None)
        if match is not None:
            remaining.remove(match)
            kept.append(match)
        else:
            kept.append(ImageResponse(kind=kind, text=text))
    others = [r for r in goal.responses if r.kind != kind]
    goal.responses = others + kept if kind == "never" else kept + others


def grouped(goal: ImageGoal, kind: str) -> list[tuple[str, list[ImageResponse]]]:
    """Answers of one kind by group (groups that differ only in case or spaces are one).

    Groups come biggest first; answers without a group come last under the label "".
    """
    groups: dict[str, tuple[str, list[ImageResponse]]] = {}
    loose: list[ImageResponse] = []
    for response in answers(goal, kind):
        label = " ".join(response.group.split())
        if not label:
            loose.append(response)
            continue
        groups.setdefault(label.casefold(), (label, []))[1].append(response)
    ordered = sorted(groups.values(), key=lambda entry: (-len(entry[1]), entry[0].casefold()))
    return ordered + ([("", loose)] if loose else [])
