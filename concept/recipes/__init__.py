"""The method's five recipes as data (methodology §2.1, §8.1) and the consultant's own copies.

Each built-in recipe is a TOML file beside this module: its title and intro in Finnish and
English, the pre-work it wants (`prerequisites`) and its activities in order. An activity names
its step or tool (`tool`), its work mode, its work minutes as a range (`minutes = [20, 30]`) or
rounds (`rounds` × `round_minutes`, then `grouping_minutes` together), whether a presentation
round follows it, what earlier outputs it builds on, and its instructions. Guides have no
timings; `throughout = true` marks the parking lot and stop list, open all day. The guiding
questions are the tools' own, from the catalogs.

A consultant's own recipes are JSON files of the same shape in the data folder's `recipes/`.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

RECIPE_DIR = Path(__file__).resolve().parent
MODES = ("all_together", "pairs_or_groups", "groups", "individual")
KINDS = ("workshop", "guide", "own")
# The default presentation time per group in a presentation round [P] (methodology §8.1).
PRESENTATION_MINUTES = 4
_OWN_KEY = re.compile(r"[a-z0-9_]{1,40}")


@dataclass(frozen=True)
class Activity:
    tool: str
    instructions: dict[str, str]
    mode: str = ""  # "" for a guide's activity: a project team, no set work mode
    minutes: tuple[int, int] | None = None
    rounds: int = 0
    round_minutes: int = 0
    grouping_minutes: tuple[int, int] = (0, 0)  # the answers grouped together afterwards
    presentation: bool = False
    throughout: bool = False
    builds_on: tuple[str, ...] = ()
    part: str = ""  # a part of the tool's page (the profile grid, customer value), or ""

    @property
    def work_range(self) -> tuple[int, int] | None:
        """(least, most) work minutes including rounds and grouping; None when untimed."""
        if self.rounds:
            alone = self.rounds * self.round_minutes
            return alone + self.grouping_minutes[0], alone + self.grouping_minutes[1]
        return self.minutes

    @property
    def planned_minutes(self) -> int:
        """The minutes the agenda plans: the upper end of the range, so the day does not run
        over (0 for an untimed activity)."""
        found = self.work_range
        return found[1] if found else 0


@dataclass(frozen=True)
class Prerequisite:
    what: str  # profiles | context_themes | planned_interviews
    min: int


@dataclass(frozen=True)
class Recipe:
    key: str
    kind: str
    title: dict[str, str]
    intro: dict[str, str]
    activities: tuple[Activity, ...]
    prerequisites: tuple[Prerequisite, ...] = ()
    order: int = 100

    def text(self, which: str, lang: str) -> str:
        texts = getattr(self, which)
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")

    @property
    def timed(self) -> bool:
        return any(a.work_range for a in self.activities)

    def tool_keys(self) -> list[str]:
        """The recipe's steps and tools in order, each once."""
        keys: list[str] = []
        for activity in self.activities:
            if activity.tool not in keys:
                keys.append(activity.tool)
        return keys


class RecipeProblem(ValueError):
    """A recipe file that does not have the shape above."""


def _texts(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise RecipeProblem(f"{where}: expected a table of texts by language")
    return {str(k): v for k, v in value.items()}


def _range(value: Any, where: str) -> tuple[int, int]:
    if (not isinstance(value, list | tuple) or len(value) != 2
            or not all(isinstance(m, int) and 0 <= m <= 600 for m in value)
            or value[0] > value[1]):
        raise RecipeProblem(f"{where}: minutes must be [least, most]")
    return int(value[0]), int(value[1])


def _activity(raw: dict[str, Any], where: str) -> Activity:
    minutes = raw.get("minutes")
    if minutes is not None:
        minutes = _range(minutes, where)
    mode = str(raw.get("mode", ""))
    if mode and mode not in MODES:
        raise RecipeProblem(f"{where}: unknown work mode {mode!r}")
    numbers = {}
    for name in ("rounds", "round_minutes"):
        value = raw.get(name, 0)
        if not isinstance(value, int) or not 0 <= value <= 600:
            raise RecipeProblem(f"{where}: {name} must be a whole number of minutes")
        numbers[name] = value
    tool = raw.get("tool")
    if not isinstance(tool, str) or not tool:
        raise RecipeProblem(f"{where}: no tool")
    return Activity(
        tool=tool, instructions=_texts(raw.get("instructions", {}), where), mode=mode,
        minutes=minutes, presentation=bool(raw.get("presentation", False)),
        throughout=bool(raw.get("throughout", False)),
        builds_on=tuple(str(k) for k in raw.get("builds_on", ())),
        part=str(raw.get("part", "")),
        grouping_minutes=_range(raw.get("grouping_minutes", [0, 0]), where), **numbers)


def recipe_from_data(data: dict[str, Any], where: str = "recipe") -> Recipe:
    key = data.get("key")
    if not isinstance(key, str) or not key:
        raise RecipeProblem(f"{where}: no key")
    kind = data.get("kind", "own")
    if kind not in KINDS:
        raise RecipeProblem(f"{where}: unknown kind {kind!r}")
    activities = data.get("activities")
    if not isinstance(activities, list) or not activities:
        raise RecipeProblem(f"{where}: no activities")
    return Recipe(
        key=key, kind=kind, title=_texts(data.get("title", {}), where),
        intro=_texts(data.get("intro", {}), where),
        activities=tuple(_activity(a, f"{where} activity {n}")
                         for n, a in enumerate(activities, start=1)),
        prerequisites=tuple(Prerequisite(str(p["what"]), int(p["min"]))
                            for p in data.get("prerequisites", ())),
        order=int(data.get("order", 100)))


def recipe_to_data(recipe: Recipe) -> dict[str, Any]:
    data = asdict(recipe)
    for activity in data["activities"]:
        if activity["minutes"] is not None:
            activity["minutes"] = list(activity["minutes"])
        activity["builds_on"] = list(activity["builds_on"])
        activity["grouping_minutes"] = list(activity["grouping_minutes"])
    return data


@cache
def builtin_recipes() -> tuple[Recipe, ...]:
    """The method's five recipes, in the method's order."""
    found = []
    for path in sorted(RECIPE_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            found.append(recipe_from_data(tomllib.load(handle), path.name))
    return tuple(sorted(found, key=lambda r: r.order))


def own_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "recipes"


def own_recipes(data_dir: Path) -> list[Recipe]:
    """The consultant's own recipes in the data folder; a broken file is left out."""
    folder = own_dir(data_dir)
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(recipe_from_data(data, path.name))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def all_recipes(data_dir: Path | None = None) -> list[Recipe]:
    return [*builtin_recipes(), *(own_recipes(data_dir) if data_dir is not None else [])]


def find(key: str, data_dir: Path | None = None) -> Recipe | None:
    return next((r for r in all_recipes(data_dir) if r.key == key), None)


def own_key(name: str) -> str:
    """A file-safe key for an own recipe named `name` (always prefixed `own_`)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:30] or "recipe"
    key = f"own_{slug}"
    assert _OWN_KEY.fullmatch(key)
    return key


def save_own(recipe: Recipe, name: str, data_dir: Path) -> Recipe:
    """Save `recipe` (edited) as the consultant's own under `name`; returns the saved copy."""
    own = replace(recipe, key=own_key(name), kind="own",
                  title={"fi": name, "en": name}, order=200)
    folder = own_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{own.key}.json"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(recipe_to_data(own), ensure_ascii=False, indent=1),
                         encoding="utf-8")
    temporary.replace(target)
    return own


__all__ = ["Activity", "Prerequisite", "Recipe", "RecipeProblem", "all_recipes",
           "builtin_recipes", "find", "own_recipes", "save_own"]
