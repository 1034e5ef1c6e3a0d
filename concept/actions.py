"""Development actions (methodology §6.3): findings turned into a to-do list.

Any finding (including underserved jobs P-04, pain hotspots J-06, purchase gaps PP-02/05 and
churn risks T-07) becomes an action with one click: its text is the finding's message in the
user's language, its priority follows the finding's seriousness. The actions page sorts and
filters them; the document lists them under "Development actions".
"""

from __future__ import annotations

from collections.abc import Iterable

from concept.checks.base import Finding
from concept.model import ActionStatus, Concept, DevelopmentAction

ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress", "done", "dropped")
SORTS = ("priority", "status", "owner", "newest")
# A gap is the most urgent to act on; a note can wait.
SEVERITY_PRIORITY = {"gap": 5, "warn": 4, "info": 3}
MAX_SOURCE = 1000


def source_of(finding: Finding) -> str:
    """What identifies a finding across runs and languages: its check, message and details."""
    return f"{finding.check_id}|{finding.message('en')}"[:MAX_SOURCE]


def action_for(concept: Concept, finding: Finding) -> DevelopmentAction | None:
    """The action already made from `finding`, if any."""
    source = source_of(finding)
    return next((a for a in concept.actions if a.source == source), None)


def add_action(concept: Concept, finding: Finding, lang: str) -> DevelopmentAction:
    """Make an action from `finding` (once: a second click returns the first action)."""
    existing = action_for(concept, finding)
    if existing is not None:
        return existing
    action = DevelopmentAction(
        text=finding.message(lang), priority=SEVERITY_PRIORITY.get(finding.severity, 3),
        source_check_id=finding.check_id[:16], source_step=finding.step[:64],
        source=source_of(finding))
    concept.actions.append(action)
    return action


def remove_action(concept: Concept, action_id: str) -> None:
    concept.actions = [a for a in concept.actions if a.id != action_id]


def owners(actions: Iterable[DevelopmentAction]) -> list[str]:
    """The owners named, each once, in alphabetical order."""
    return sorted({a.owner.strip() for a in actions if a.owner.strip()}, key=str.casefold)


def filtered(actions: Iterable[DevelopmentAction], statuses: Iterable[str] | None = None,
             owner: str | None = None) -> list[DevelopmentAction]:
    """Actions with one of `statuses` (all when None) and, when given, this owner."""
    wanted = set(statuses) if statuses is not None else set(ACTION_STATUSES)
    return [a for a in actions if a.status in wanted
            and (owner is None or a.owner.strip() == owner)]


def sorted_actions(actions: Iterable[DevelopmentAction], by: str = "priority"
                   ) -> list[DevelopmentAction]:
    """Actions in the order the user chose; ties keep the order they were made in.

    priority: most urgent first; status: open, in progress, done, dropped; owner: by name,
    those without an owner last; newest: the latest made first.
    """
    items = list(actions)
    status_order = {s: i for i, s in enumerate(ACTION_STATUSES)}
    if by == "priority":
        return sorted(items, key=lambda a: (-a.priority, status_order[a.status]))
    if by == "status":
        return sorted(items, key=lambda a: (status_order[a.status], -a.priority))
    if by == "owner":
        return sorted(items, key=lambda a: (not a.owner.strip(), a.owner.strip().casefold(),
                                            -a.priority))
    if by == "newest":
        return sorted(items, key=lambda a: a.created_at, reverse=True)
    raise ValueError(by)


def for_document(concept: Concept) -> list[DevelopmentAction]:
    """The actions the document lists: all but the dropped ones, open first, most urgent first."""
    kept = [a for a in concept.actions if a.status != "dropped" and a.text.strip()]
    return sorted_actions(kept, "status")
