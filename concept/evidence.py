"""How well each item rests on research: its evidence level, computed from the quotes linked to
it and the data source the user names (methodology §2.1, §5.4-5.6), never typed in.

Levels, weakest first: an assumption (nothing behind it), seen in one or two interviews,
recurring (in three or more interviews), data (a source the user names, such as a survey).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from concept.model import (
    Concept,
    ContextTheme,
    CustomerProfile,
    DetailEvidence,
    Gain,
    Interview,
    Job,
    Pain,
    Quote,
    StoryboardFrame,
    Touchpoint,
)

EvidenceLevel = Literal["assumption", "seen", "recurring", "data"]
LEVELS: tuple[EvidenceLevel, ...] = ("assumption", "seen", "recurring", "data")
# The method's rule of thumb: what three or more interviewees say is a pattern, not an anecdote.
RECURRING_FROM = 3
# The guide's goal (methodology §2.1): interview at least ten customers.
INTERVIEW_GOAL = 10

Evidenced = Job | Pain | Gain | Touchpoint | StoryboardFrame | DetailEvidence


@dataclass(frozen=True)
class Evidence:
    level: EvidenceLevel
    interviews: int  # how many different interviews the linked quotes come from
    quotes: int


def quote_index(concept: Concept) -> dict[str, tuple[Interview, Quote]]:
    """Every quote by id, with the interview it comes from."""
    return {q.id: (interview, q) for interview in concept.toolbox.interviews
            for q in interview.quotes}


def evidence_of(item: Evidenced, index: dict[str, tuple[Interview, Quote]]) -> Evidence:
    """The evidence level of one item; links to quotes that no longer exist count for nothing."""
    found = [index[q] for q in item.quote_ids if q in index]
    interviews = len({interview.id for interview, _ in found})
    if item.data_source.strip():
        level: EvidenceLevel = "data"
    elif interviews >= RECURRING_FROM:
        level = "recurring"
    elif interviews:
        level = "seen"
    else:
        level = "assumption"
    return Evidence(level, interviews, len(found))


def detail_evidence(theme: ContextTheme, detail: str) -> DetailEvidence:
    """The evidence record of a context-theme detail, added to the theme when it has none."""
    for record in theme.detail_evidence:
        if record.detail == detail:
            return record
    record = DetailEvidence(detail=detail)
    theme.detail_evidence = [*theme.detail_evidence, record]
    return record


def evidenced_items(concept: Concept) -> Iterator[Evidenced]:
    """Every item that can carry evidence, in the order of the concept."""
    for profile in concept.profiles:
        yield from profile.jobs
        yield from profile.pains
        yield from profile.gains
    for journey in concept.journeys:
        yield from journey.touchpoints
    for theme in concept.toolbox.context_themes:
        # A record whose detail was edited away is kept out (forget_context_details drops it).
        yield from (r for r in theme.detail_evidence if r.detail in theme.details)
    for board in concept.toolbox.storyboards:
        yield from board.frames


def find_item(concept: Concept, item_id: str) -> Job | Pain | Gain | Touchpoint | \
        StoryboardFrame | None:
    """A job, pain, gain, touchpoint or storyboard frame by id."""
    for item in evidenced_items(concept):
        if not isinstance(item, DetailEvidence) and item.id == item_id:
            return item
    return None


def link_quote(item: Evidenced, quote_id: str) -> bool:
    """Link a quote to an item; False when it was already linked."""
    if quote_id in item.quote_ids:
        return False
    item.quote_ids = [*item.quote_ids, quote_id]
    return True


def unlink_quote(item: Evidenced, quote_id: str) -> None:
    item.quote_ids = [q for q in item.quote_ids if q != quote_id]


@dataclass(frozen=True)
class ProfileEvidence:
    """How much of a profile rests on interviews (or named data) rather than assumptions."""

    items: int
    by_level: dict[EvidenceLevel, int]

    @property
    def evidenced(self) -> int:
        return self.items - self.by_level["assumption"]

    @property
    def percent(self) -> int:
        return round(100 * self.evidenced / self.items) if self.items else 0


def profile_evidence(concept: Concept, profile: CustomerProfile) -> ProfileEvidence:
    index = quote_index(concept)
    counts: dict[EvidenceLevel, int] = dict.fromkeys(LEVELS, 0)
    items = [*profile.jobs, *profile.pains, *profile.gains]
    for item in items:
        counts[evidence_of(item, index).level] += 1
    return ProfileEvidence(len(items), counts)


@dataclass(frozen=True)
class InterviewProgress:
    """Toward the guide's ten interviews: planned on the stakeholder map versus held."""

    planned: int
    held: int
    recorded: int
    goal: int = INTERVIEW_GOAL


def interview_progress(concept: Concept) -> InterviewProgress:
    """Planned: the interviews the stakeholder map plans. Held: recorded interviews that have a
    date or a transcript, so a row typed in ahead of time still counts as planned only."""
    toolbox = concept.toolbox
    planned = sum(s.planned_interviews for s in toolbox.stakeholders)
    held = sum(1 for i in toolbox.interviews if i.date.strip() or i.transcript.strip())
    return InterviewProgress(planned, held, len(toolbox.interviews))


def top_unevidenced(concept: Concept, limit: int = 3) -> list[Job | Pain]:
    """The primary profile's most important jobs and most severe pains (importance or severity
    4 or 5, at most `limit` of each) that are still assumptions."""
    profile = concept.primary_profile()
    if profile is None:
        return []
    index = quote_index(concept)
    jobs = sorted((j for j in profile.jobs if j.text.strip() and j.importance >= 4),
                  key=lambda j: -j.importance)[:limit]
    pains = sorted((p for p in profile.pains if p.text.strip() and p.severity >= 4),
                   key=lambda p: -p.severity)[:limit]
    return [item for item in [*jobs, *pains] if evidence_of(item, index).level == "assumption"]


# --- linking quotes to items by a stable key (the interviews page's picker) -----------------


@dataclass(frozen=True)
class Linkable:
    """An item a quote can be linked to: `key` is stable across runs, `kind` names its type
    (job, pain, gain, touchpoint, detail, frame), `owner` the profile, theme or storyboard."""

    key: str
    kind: str
    text: str
    owner: str


def linkable_items(concept: Concept) -> list[Linkable]:
    found = []
    for profile in concept.profiles:
        for kind, items in (("job", profile.jobs), ("pain", profile.pains),
                            ("gain", profile.gains)):
            found += [Linkable(i.id, kind, i.text, profile.name) for i in items if i.text.strip()]
    for journey in concept.journeys:
        profile = concept.profile(journey.profile_id)
        found += [Linkable(tp.id, "touchpoint", tp.name, profile.name if profile else "")
                  for tp in journey.touchpoints if tp.name.strip()]
    for theme in concept.toolbox.context_themes:
        found += [Linkable(f"detail:{theme.id}:{detail}", "detail", detail, theme.name)
                  for detail in dict.fromkeys(theme.details) if detail.strip()]
    for board in concept.toolbox.storyboards:
        found += [Linkable(frame.id, "frame", frame.caption or frame.situation, board.title)
                  for frame in board.frames if (frame.caption or frame.situation).strip()]
    return found


def resolve(concept: Concept, key: str) -> Evidenced | None:
    """The item (or the context detail's evidence record, made when missing) behind a key."""
    if key.startswith("detail:"):
        _, theme_id, detail = key.split(":", 2)
        theme = next((t for t in concept.toolbox.context_themes if t.id == theme_id), None)
        if theme is None or detail not in theme.details:
            return None
        return detail_evidence(theme, detail)
    return find_item(concept, key)


def _peek(concept: Concept, key: str) -> Evidenced | None:
    """Like `resolve`, but never adds an evidence record."""
    if key.startswith("detail:"):
        _, theme_id, detail = key.split(":", 2)
        theme = next((t for t in concept.toolbox.context_themes if t.id == theme_id), None)
        return next((r for r in theme.detail_evidence if r.detail == detail), None) \
            if theme else None
    return find_item(concept, key)


def set_quote_links(concept: Concept, quote_id: str, keys: list[str]) -> None:
    """Link the quote to exactly the items of `keys` among the linkable ones."""
    wanted = set(keys)
    for item in linkable_items(concept):
        if item.key in wanted:
            target = resolve(concept, item.key)
            if target is not None:
                link_quote(target, quote_id)
        elif (target := _peek(concept, item.key)) is not None:
            unlink_quote(target, quote_id)


def quotes_of(item: Evidenced, index: dict[str, tuple[Interview, Quote]]
              ) -> list[tuple[Interview, Quote]]:
    return [index[q] for q in item.quote_ids if q in index]


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def quote_in_text(quote: str, text: str) -> bool:
    """True when the quote appears in the text once runs of whitespace are made one space
    (line breaks of a caption file); otherwise word for word."""
    wanted = normalise_space(quote)
    return bool(wanted) and wanted in normalise_space(text)


# --- the document -------------------------------------------------------------------------------


def has_research(concept: Concept) -> bool:
    """Any interview recorded or any source named: the document then shows evidence levels."""
    return bool(concept.toolbox.interviews) or any(
        item.data_source.strip() for item in evidenced_items(concept))


def evidence_label(concept: Concept, item: Evidenced, lang: str,
                   index: dict[str, tuple[Interview, Quote]] | None = None) -> str:
    from concept.i18n import t

    evidence = evidence_of(item, quote_index(concept) if index is None else index)
    return t(f"evidence.level.{evidence.level}", lang, count=evidence.interviews,
             source=item.data_source.strip())


def interviews_appendix(concept: Concept, lang: str
                        ) -> tuple[list[list[str]], list[list[str]]]:
    """The document's appendix rows: the interviews (pseudonym, group, date, quotes; no real
    names), and each linked profile item with its level and the quotes behind it."""
    from concept.document import _day
    from concept.i18n import t

    groups = {s.id: s.name for s in concept.toolbox.stakeholders}
    interviews = [[i.pseudonym or t("interviews.unnamed", lang, number=n),
                   groups.get(i.stakeholder_id, ""), _day(i.date, lang) if i.date else "",
                   str(len(i.quotes))]
                  for n, i in enumerate(concept.toolbox.interviews, start=1)]
    index = quote_index(concept)
    quotes = []
    for profile in concept.profiles:
        for kind, items in (("job", profile.jobs), ("pain", profile.pains),
                            ("gain", profile.gains)):
            for item in items:
                found = quotes_of(item, index)
                if not found or not item.text.strip():
                    continue
                quotes.append([
                    f"{t(f'interviews.kind.{kind}', lang)}: {item.text}",
                    evidence_label(concept, item, lang, index),
                    "\n".join(t("evidence.quote_line", lang, quote=q.text,
                                pseudonym=i.pseudonym) for i, q in found),
                ])
    return interviews, quotes


def links_by_quote(concept: Concept, items: list[Linkable] | None = None
                   ) -> dict[str, list[str]]:
    """The keys of the linkable items each quote is linked to, worked out in one pass."""
    found: dict[str, list[str]] = {}
    for item in linkable_items(concept) if items is None else items:
        target = _peek(concept, item.key)
        for quote_id in target.quote_ids if target is not None else ():
            found.setdefault(quote_id, []).append(item.key)
    return found
