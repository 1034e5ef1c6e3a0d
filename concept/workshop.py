"""A workshop with the concept: the chosen recipe, the agenda's arithmetic, the pre-work gates,
the run's countdown and the closing summary (methodology §8). No streamlit here.

The agenda is kept with the concept (`Concept.workshop`), copied from a recipe when one is
chosen and edited from there; the recipe's texts (instructions) stay in the recipe and are found
again by the activity's tool and part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from concept.i18n import has, t, t_list
from concept.model import AgendaItem, Concept, Workshop, WorkshopNote, utc_now
from concept.recipes import PRESENTATION_MINUTES, Activity, Recipe, find
from concept.references import move_item
from concept.toolbox import place, planned_interviews

# The parking lot and the stop list share one page; "stop" leads there.
PAGE_OF = {"stop": "parking"}


# --- Choosing a recipe ------------------------------------------------------------------------


def choose_recipe(concept: Concept, recipe: Recipe | None) -> None:
    """Make `recipe` the concept's path and copy its activities into the agenda (None: the
    full default path and an empty agenda). The run starts over."""
    workshop = concept.workshop
    workshop.recipe = recipe.key if recipe is not None else ""
    workshop.items = [] if recipe is None else [
        AgendaItem(tool=a.tool, part=a.part, mode=a.mode, minutes=a.planned_minutes,
                   presentation=a.presentation)
        for a in recipe.activities if not a.throughout]
    workshop.presentation_minutes = PRESENTATION_MINUTES
    reset_run(workshop)


def page_order(recipe: Recipe | None, known: list[str]) -> tuple[list[str], list[str]]:
    """(the recipe's pages in its order, the other pages as "more tools") among the `known`
    page keys; without a recipe every page is in the path, in the given order."""
    if recipe is None:
        return list(known), []
    ordered: list[str] = []
    for key in recipe.tool_keys():
        key = PAGE_OF.get(key, key)
        if key in known and key not in ordered:
            ordered.append(key)
    return ordered, [key for key in known if key not in ordered]


def activity_of(recipe: Recipe | None, item: AgendaItem) -> Activity | None:
    """The recipe's activity an agenda item came from (by tool and part)."""
    if recipe is None:
        return None
    return next((a for a in recipe.activities if a.tool == item.tool and a.part == item.part),
                None)


def edited_recipe(recipe: Recipe, workshop: Workshop) -> Recipe:
    """The recipe as the agenda now stands (reordered, dropped, retimed), for saving as own."""
    activities = []
    for item in workshop.items:
        base = activity_of(recipe, item) or Activity(tool=item.tool, instructions={})
        minutes = (item.minutes, item.minutes) if item.minutes else None
        rounds = base.rounds if minutes == (base.planned_minutes,) * 2 else 0
        activities.append(replace(base, mode=item.mode, presentation=item.presentation,
                                  minutes=minutes if not rounds else base.minutes,
                                  rounds=rounds))
    activities += [a for a in recipe.activities if a.throughout]
    return replace(recipe, activities=tuple(activities))


# --- The agenda's arithmetic -------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    kind: str  # "activity" | "presentation" | "break"
    start: int  # minutes from the workshop's start
    minutes: int
    item: AgendaItem | None = None


def presentation_minutes(workshop: Workshop, item: AgendaItem) -> int:
    return workshop.groups * workshop.presentation_minutes if item.presentation else 0


def schedule(workshop: Workshop) -> list[Slot]:
    """The day in order: each activity, its presentation round, and the breaks.

    A break (`break_minutes`) comes after an activity when the next one would take the time
    since the last break past `break_every`; an item's `break_after` "yes" or "no" moves it.
    """
    slots: list[Slot] = []
    clock = since_break = 0
    items = workshop.items
    for index, item in enumerate(items):
        slots.append(Slot("activity", clock, item.minutes, item))
        clock += item.minutes
        shown = presentation_minutes(workshop, item)
        if shown:
            slots.append(Slot("presentation", clock, shown, item))
            clock += shown
        since_break += item.minutes + shown
        if index + 1 == len(items) or not workshop.break_minutes:
            continue
        following = items[index + 1]
        upcoming = following.minutes + presentation_minutes(workshop, following)
        wanted = item.break_after == "yes" or (
            item.break_after == "auto" and since_break + upcoming > workshop.break_every)
        if wanted:
            slots.append(Slot("break", clock, workshop.break_minutes))
            clock += workshop.break_minutes
            since_break = 0
    return slots


@dataclass(frozen=True)
class Totals:
    work: int
    presentations: int
    breaks: int

    @property
    def net(self) -> int:
        return self.work + self.presentations

    @property
    def total(self) -> int:
        return self.net + self.breaks


def totals(workshop: Workshop) -> Totals:
    slots = schedule(workshop)
    return Totals(*(sum(s.minutes for s in slots if s.kind == kind)
                    for kind in ("activity", "presentation", "break")))


def start_clock(workshop: Workshop) -> tuple[int, int]:
    """The start time as (hours, minutes); an unreadable value counts as 09:00."""
    try:
        hours, minutes = (int(part) for part in workshop.start_time.strip().split(":"))
    except ValueError:
        return 9, 0
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        return 9, 0
    return hours, minutes


def clock_time(workshop: Workshop, offset: int) -> str:
    """The clock time `offset` minutes after the start, e.g. "10:35"."""
    hours, minutes = start_clock(workshop)
    total = (hours * 60 + minutes + offset) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def duration_text(minutes: int) -> str:
    """125 → "2 h 5 min"; 45 → "45 min" (the same in Finnish and English)."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def move(workshop: Workshop, item_id: str, step: int) -> None:
    index = next(i for i, item in enumerate(workshop.items) if item.id == item_id)
    workshop.items = move_item(workshop.items, index, step)


def drop(workshop: Workshop, item_id: str) -> None:
    workshop.items = [item for item in workshop.items if item.id != item_id]
    workshop.current = min(workshop.current, max(len(workshop.items) - 1, 0))


# --- Pre-work gates ------------------------------------------------------------------------------

GATE_COUNTS = {
    "profiles": lambda c: sum(1 for p in c.profiles if p.name.strip()),
    "context_themes": lambda c: sum(1 for t in c.toolbox.context_themes if t.name.strip()),
    "planned_interviews": lambda c: planned_interviews(c.toolbox.stakeholders),
}
# Where the user goes to meet each gate.
GATE_PAGES = {"profiles": "profiles", "context_themes": "context",
              "planned_interviews": "stakeholders"}


@dataclass(frozen=True)
class Gate:
    what: str
    needed: int
    have: int

    @property
    def met(self) -> bool:
        return self.have >= self.needed


def gates(concept: Concept, recipe: Recipe | None) -> list[Gate]:
    if recipe is None:
        return []
    return [Gate(p.what, p.min, GATE_COUNTS[p.what](concept)) for p in recipe.prerequisites
            if p.what in GATE_COUNTS]


# --- The run and its countdown -----------------------------------------------------------------


def current_item(workshop: Workshop) -> AgendaItem | None:
    items = workshop.items
    return items[workshop.current] if workshop.current < len(items) else None


def is_running(workshop: Workshop) -> bool:
    return workshop.timer_started_at is not None


def elapsed_seconds(workshop: Workshop, now: datetime) -> int:
    running = 0
    if workshop.timer_started_at is not None:
        running = max(int((now - workshop.timer_started_at).total_seconds()), 0)
    return workshop.timer_banked + running


def planned_seconds(workshop: Workshop) -> int:
    item = current_item(workshop)
    minutes = (item.minutes if item is not None else 0) + workshop.timer_extra_minutes
    return minutes * 60


def remaining_seconds(workshop: Workshop, now: datetime) -> int:
    """Seconds left of the current activity; negative once it runs over."""
    return planned_seconds(workshop) - elapsed_seconds(workshop, now)


def countdown_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{rest:02d}"


def counts(concept: Concept) -> dict[str, int]:
    """How much the concept holds, area by area: the workshop's summary compares these."""
    box = concept.toolbox
    return {
        "profiles": len(concept.profiles),
        "jobs_pains_gains": len(concept.all_jobs()) + len(concept.all_pains())
        + len(concept.all_gains()),
        "journey_stages": sum(len(j.stages) for j in concept.journeys),
        "touchpoints": len(concept.all_touchpoints()),
        "purchase_mapped": sum(1 for tp in concept.all_touchpoints() if tp.purchase_stage_keys),
        "empathy_maps": len(box.empathy_maps),
        "everyday_life": len(box.everyday_life),
        "image_answers": len(box.image_goal.responses),
        "stakeholders": len(box.stakeholders),
        "context_themes": len(box.context_themes),
        "storyboards": len(box.storyboards),
        "competitors": len(concept.competition.competitors),
        "parked": len(concept.parking_lot),
        "stopped": len(concept.stop_list),
        "exclusions": len(concept.description.exclusions),
    }


def start(workshop: Workshop, concept: Concept, now: datetime | None = None) -> None:
    now = now or utc_now()
    item = current_item(workshop)
    if item is None or is_running(workshop):
        return
    if workshop.started_at is None:
        workshop.started_at = now
        workshop.baseline = counts(concept)
    if item.started_at is None:
        item.started_at = now
    workshop.timer_started_at = now


def pause(workshop: Workshop, now: datetime | None = None) -> None:
    now = now or utc_now()
    if not is_running(workshop):
        return
    workshop.timer_banked = elapsed_seconds(workshop, now)
    workshop.timer_started_at = None


def add_minutes(workshop: Workshop, minutes: int = 5) -> None:
    workshop.timer_extra_minutes = min(workshop.timer_extra_minutes + minutes, 600)


def next_activity(workshop: Workshop, now: datetime | None = None) -> None:
    """Close the current activity with its actual time and move to the next (the last one
    closes the workshop)."""
    now = now or utc_now()
    item = current_item(workshop)
    if item is None:
        return
    item.elapsed_seconds = elapsed_seconds(workshop, now)
    if item.started_at is None:
        item.started_at = now
    item.finished_at = now
    workshop.current += 1
    workshop.timer_started_at = None
    workshop.timer_banked = 0
    workshop.timer_extra_minutes = 0
    if workshop.current >= len(workshop.items):
        workshop.finished_at = now


def reset_run(workshop: Workshop) -> None:
    workshop.current = 0
    workshop.timer_started_at = None
    workshop.timer_banked = 0
    workshop.timer_extra_minutes = 0
    workshop.started_at = workshop.finished_at = None
    workshop.baseline = {}
    for item in workshop.items:
        item.started_at = item.finished_at = None
        item.elapsed_seconds = 0


def actual_minutes(item: AgendaItem) -> int | None:
    """The minutes an activity actually took (rounded), or None before it is done."""
    if item.finished_at is None:
        return None
    return round(item.elapsed_seconds / 60)


def add_note(workshop: Workshop, item_id: str, text: str, source: str) -> WorkshopNote | None:
    """A note on an activity: the run screen's input, and the live workshop's to come."""
    text = text.strip()
    if not text:
        return None
    note = WorkshopNote(item_id=item_id, text=text, source=source)
    workshop.notes.append(note)
    return note


def notes_for(workshop: Workshop, item_id: str) -> list[WorkshopNote]:
    return [note for note in workshop.notes if note.item_id == item_id]


def changes(concept: Concept) -> dict[str, tuple[int, int]]:
    """What grew or shrank since the workshop began: {area: (then, now)}."""
    if not concept.workshop.baseline:
        return {}
    now = counts(concept)
    return {area: (concept.workshop.baseline.get(area, 0), value) for area, value in now.items()
            if value != concept.workshop.baseline.get(area, 0)}


def recipe_of(concept: Concept, data_dir: Path | None) -> Recipe | None:
    return find(concept.workshop.recipe, data_dir) if concept.workshop.recipe else None


def local_time(moment: datetime | None) -> str:
    """"10:35" in the machine's local time, "" for None."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%H:%M")


# --- Texts for the run screen, the pack and the summary -------------------------------------


def questions(key: str, lang: str) -> list[str]:
    """The guiding questions of a step or tool."""
    key = PAGE_OF.get(key, key)
    for catalog_key in (f"step.{key}.questions", f"tool.{key}.questions"):
        if has(catalog_key, lang):
            return t_list(catalog_key, lang)
    return []


def purpose(key: str, lang: str) -> str:
    key = PAGE_OF.get(key, key)
    for catalog_key in (f"step.{key}.purpose", f"tool.{key}.purpose"):
        if has(catalog_key, lang):
            return t(catalog_key, lang)
    return ""


def title(key: str, lang: str, part: str = "") -> str:
    if part:
        return t(f"workshop.part.{part}", lang)
    if key == "stop":
        return t("workshop.stop_title", lang)
    found = place(PAGE_OF.get(key, key))
    return t(found.title_key, lang) if found is not None else key


def _named(items: list, attr: str = "name") -> list[str]:
    return [getattr(i, attr).strip() for i in items if getattr(i, attr).strip()]


def output_lines(concept: Concept, key: str, lang: str) -> list[str]:
    """A short read-only digest of what an earlier activity produced, line by line."""
    box = concept.toolbox
    if key == "profiles":
        return [p.name.strip() + (f": {', '.join(j.text for j in p.jobs[:3])}" if p.jobs else "")
                for p in concept.profiles if p.name.strip()]
    if key == "journey":
        return [" → ".join(s.name for s in j.stages if s.name.strip())
                for j in concept.journeys if j.stages]
    if key == "purchase":
        return [f"{tp.name}: {', '.join(tp.purchase_stage_keys)}"
                for tp in concept.all_touchpoints() if tp.purchase_stage_keys]
    if key == "empathy_map":
        lines = []
        for m in box.empathy_maps:
            notes = [*m.experiences, *m.pain_points, *m.success_feelings][:6]
            lines.append(f"{m.persona_label or t('workshop.empathy_map', lang)}: "
                         + "; ".join(notes))
        return lines
    if key == "everyday_life":
        return ["; ".join([*e.habits, *e.problems_to_solve][:6]) for e in box.everyday_life]
    if key == "image_goal":
        return [f"{t(f'workshop.image_{r.kind}', lang)}: {r.text}"
                for r in box.image_goal.responses if r.text.strip()]
    if key == "context":
        return _named(box.context_themes)
    if key == "stakeholders":
        return _named(box.stakeholders)
    if key == "storyboard":
        return _named(box.storyboards, "title")
    if key == "competition":
        return _named(concept.competition.competitors)
    if key == "value":
        return [concept.value_proposition.key_promise] if (
            concept.value_proposition.key_promise.strip()) else []
    if key == "start":
        idea = concept.idea
        return [text for text in (idea.who, idea.what_value, idea.how) if text.strip()]
    return []


def summary_markdown(concept: Concept, lang: str) -> str:
    """The workshop summary: what was done with planned and actual times, the parked and
    stopped items, and what changed in the concept during the workshop."""
    workshop = concept.workshop

    def line(text: str) -> str:
        return " ".join(text.split())

    out = [f"# {t('workshop.summary_heading', lang, name=line(concept.name) or '-')}", ""]
    if workshop.started_at is not None:
        out.append(t("workshop.summary_when", lang, start=local_time(workshop.started_at),
                     end=local_time(workshop.finished_at) or "-"))
        out.append("")
    out += [f"## {t('workshop.summary_done', lang)}", ""]
    for number, item in enumerate(workshop.items, start=1):
        actual = actual_minutes(item)
        state = (t("workshop.summary_actual", lang, minutes=actual) if actual is not None
                 else t("workshop.summary_not_done", lang))
        out.append(f"{number}. {title(item.tool, lang, item.part)}: "
                   f"{t('workshop.summary_planned', lang, minutes=item.minutes)}, {state}")
        for note in notes_for(workshop, item.id):
            out.append(f"   - {line(note.text)}")
    out += ["", f"## {t('workshop.review_parked', lang)}", ""]
    parked = [i for i in concept.parking_lot if i.status == "open"]
    for item in parked:
        owner = t("workshop.summary_owner", lang, owner=line(item.owner) or "-",
                  due=item.due_date or "-")
        out.append(f"- {line(item.text)} ({owner})")
    if not parked:
        out.append(f"- {t('workshop.review_no_parked', lang)}")
    out += ["", f"## {t('workshop.review_stopped', lang)}", ""]
    stopped = [i for i in concept.stop_list if i.status == "stopped"]
    out += [f"- {line(i.text)}" for i in stopped] or [f"- {t('workshop.review_no_stopped', lang)}"]
    out += ["", f"## {t('workshop.summary_changes', lang)}", ""]
    found = changes(concept)
    out += [f"- {t(f'workshop.count.{area}', lang)}: {then} → {now}"
            for area, (then, now) in found.items()] or [
        f"- {t('workshop.summary_no_changes', lang)}"]
    if workshop.live_marks:
        from concept.export.markdown import escape

        # Participants' words: escaped, so a note cannot turn into a link or markup.
        out += ["", f"## {t('live.summary_taken', lang)}", ""]
        for mark in workshop.live_marks:
            where = t("live.summary_mark", lang, code=mark.session, date=mark.date)
            out.append(f"- {escape(line(mark.text))} ({where})")
    return "\n".join(out) + "\n"
