"""A first draft of every step from a consultant's brief, to be reviewed before anything enters.

The brief (pasted, or read from a .txt, .md or .docx file) is tidied, cut to a budget and
scrubbed of personal data (concept/scrub.py). Each step is then one streamed, typed request in
the method's order that sees the brief and a short summary of the steps drafted so far, never
the earlier answers whole, so every request fits a local model with an 8k-token context. An
answer becomes a list of `DraftItem`s; nothing reaches the concept until the user accepts an
item (or a whole step: concept/ai/brief_review.py), and an accepted item carries the AI mark.
"""

from __future__ import annotations

import io
import re
import time
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from concept.ai.client import parse_json, stream_json
from concept.ai.context import _data
from concept.ai.errors import AIError
from concept.ai.prompts import LANGUAGE_NAMES, PROMPTS_DIR, _render
from concept.ai.usage import Usage
from concept.ai_settings import AISettings
from concept.model import (
    DEFAULT_HORIZON_KEYS,
    DEFAULT_PURCHASE_STAGE_KEYS,
    Concept,
    utc_now,
)
from concept.scrub import Scrubbed, scrub

# The method's order; "start" is the idea (who, what value, how).
DRAFT_STEPS = ("start", "profiles", "journey", "purchase", "experience", "relationships",
               "competition", "value")
# Budgets in characters. Finnish runs at about three characters a token, so the largest prompt
# (PROMPT_CHARS, schema in the prompt included) is some 5,300 tokens, which leaves an 8k-token
# local model room for the longest answer (max_tokens in prompts/brief.toml).
BRIEF_CHARS = 6000
STEP_SUMMARY_CHARS = 700
SUMMARY_CHARS = 3000
PROMPT_CHARS = 16000
ITEM_CHARS = 300
MAX_FILE_BYTES = 5_000_000
FILE_TYPES = ("txt", "md", "docx")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BriefError(Exception):
    """A problem the user can fix: `key` is the catalog key under `brief.error.`."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# --- the brief ------------------------------------------------------------------------------


def read_brief_file(name: str, data: bytes) -> str:
    """The text of an uploaded brief; a file that is not a readable .txt, .md or .docx raises
    `BriefError` with a message that says which."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in FILE_TYPES:
        raise BriefError("file_type", name=name)
    if len(data) > MAX_FILE_BYTES:
        raise BriefError("file_too_big", name=name, megabytes=MAX_FILE_BYTES // 1_000_000)
    if suffix == "docx":
        text = _docx_text(name, data)
    else:
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise BriefError("file_binary", name=name)
        text = _decode(data)
    if not text.strip():
        raise BriefError("file_empty", name=name)
    return text


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows editors in Finland save in cp1252 (ä and ö as single bytes).
        return data.decode("cp1252", errors="replace")


def _docx_text(name: str, data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise BriefError("file_unreadable", name=name) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def tidy(text: str) -> str:
    """One blank line at most between paragraphs, no control characters, no trailing spaces."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class PreparedBrief:
    """The brief as sent: tidied, cut to the budget, scrubbed."""

    text: str  # what the AI server sees
    scrubbed: Scrubbed
    original_chars: int
    sent_chars: int

    @property
    def cut(self) -> bool:
        return self.sent_chars < self.original_chars


def cut_to_budget(text: str, budget: int = BRIEF_CHARS) -> str:
    """The first `budget` characters, ended at a paragraph or sentence where one is near."""
    if len(text) <= budget:
        return text
    head = text[:budget]
    for stop in ("\n\n", "\n", ". ", "! ", "? "):
        at = head.rfind(stop)
        if at >= budget * 0.7:
            return head[: at + 1].strip()
    return head.rstrip()


def prepare(text: str, names: list[str], budget: int = BRIEF_CHARS) -> PreparedBrief:
    tidied = tidy(text)
    cut = cut_to_budget(tidied, budget)
    scrubbed = scrub(cut, names)
    # No way to close the prompt's data tags from inside the brief.
    sent = scrubbed.text.replace("<", "‹").replace(">", "›")
    return PreparedBrief(sent, scrubbed, len(tidied), len(cut))


def names_to_hide(concept: Concept, extra: list[str]) -> list[str]:
    """The names the brief's scrubbing hides: the user's, and those of the interviews."""
    found = [n for n in extra if n.strip()]
    for interview in concept.toolbox.interviews:
        found += [n for n in interview.names_to_hide if n.strip()]
    return list(dict.fromkeys(" ".join(n.split()) for n in found))


def parse_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,;\n]", text) if n.strip()][:50]


# --- the answers asked for ------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")


class IdeaAnswer(_Answer):
    who: str = ""
    what_value: str = ""
    how: str = ""


class ProfileAnswer(_Answer):
    name: str = ""
    summary: str = ""
    jobs: list[str] = []
    pains: list[str] = []
    gains: list[str] = []


class ProfilesAnswer(_Answer):
    profiles: list[ProfileAnswer]


class TouchpointAnswer(_Answer):
    name: str = ""
    channel: str = ""
    kind: str = ""


class StageAnswer(_Answer):
    name: str = ""
    customer_goal: str = ""
    touchpoints: list[TouchpointAnswer] = []


class JourneyAnswer(_Answer):
    stages: list[StageAnswer]


class TouchpointStagesAnswer(_Answer):
    touchpoint: str = ""
    stages: list[str] = []


class PurchaseAnswer(_Answer):
    touchpoints: list[TouchpointStagesAnswer]


class PeriodAnswer(_Answer):
    period: str = ""
    target_experience: str = ""
    delight_moments: list[str] = []
    churn_risks: list[str] = []


class ExperienceAnswer(_Answer):
    periods: list[PeriodAnswer]


class PersonAnswer(_Answer):
    role: str = ""
    description: str = ""


class RelationshipAnswer(_Answer):
    types: list[str] = []
    closeness: float | None = None
    duration: str = ""
    contact_frequency: str = ""
    rationale: str = ""
    people: list[PersonAnswer] = []


class CompetitorAnswer(_Answer):
    name: str = ""
    type: str = ""
    strengths: list[str] = []
    weaknesses: list[str] = []


class ScoreAnswer(_Answer):
    competitor: str = ""
    score: float = 3


class AttributeAnswer(_Answer):
    name: str = ""
    customer_importance: float = 3
    our_score: float = 3
    competitor_scores: list[ScoreAnswer] = []


class CompetitionAnswer(_Answer):
    competitors: list[CompetitorAnswer]
    attributes: list[AttributeAnswer] = []


class ValueAnswer(_Answer):
    key_promise: str = ""
    reasons_to_believe: list[str] = []
    statement: str = ""


ANSWERS: dict[str, type[_Answer]] = {
    "start": IdeaAnswer, "profiles": ProfilesAnswer, "journey": JourneyAnswer,
    "purchase": PurchaseAnswer, "experience": ExperienceAnswer,
    "relationships": RelationshipAnswer, "competition": CompetitionAnswer, "value": ValueAnswer,
}

# Allowed values of the enumerations the model picks (the rest is dropped, never guessed).
CHANNELS = ("web", "app", "email", "phone", "chat", "social", "store", "field", "partner",
            "print", "event", "wom", "device", "other")
KINDS = ("human", "digital", "physical", "communication")
RELATIONSHIP_TYPES = ("personal", "dedicated", "self_service", "automated", "community",
                      "co_creation")
DURATIONS = ("one_off", "short", "medium", "long", "continuous")
FREQUENCIES = ("once", "yearly", "monthly", "weekly", "daily")
ROLES = ("user", "buyer", "payer", "decider", "influencer", "gatekeeper", "close_person",
         "advisor", "other")
COMPETITOR_TYPES = ("direct", "indirect", "substitute", "do_nothing")


@cache
def guidance() -> dict[str, Any]:
    with (PROMPTS_DIR / "brief.toml").open("rb") as handle:
        return tomllib.load(handle)


# --- the draft ------------------------------------------------------------------------------


@dataclass
class DraftItem:
    """One thing the review offers: `kind` says where it goes, `text` is what the user reads
    (and may edit when `editable`), `parent` the draft item it belongs under."""

    id: str
    kind: str
    text: str
    parent: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def editable(self) -> bool:
        return self.kind not in ("tp_stages", "rel_shape")


@dataclass
class StepDraft:
    step: str
    items: list[DraftItem]
    summary: str  # what later steps are told about this one
    prompt_chars: int
    usage: Usage | None = None
    seconds: float = 0.0  # the request, from sending to the last chunk
    app_seconds: float = 0.0  # the app's own work: the prompt, parsing, the items


@dataclass
class BriefDraft:
    """A draft in the making and under review. Kept in the session, never in the concept."""

    concept_id: str
    lang: str
    industry: str
    name: str
    steps: list[str]
    brief: PreparedBrief
    model: str = ""
    own_idea: str = ""  # the idea the user wrote before drafting, told to every step
    done: dict[str, StepDraft] = field(default_factory=dict)
    failed: dict[str, AIError] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)  # draft item id -> the part's id
    decided: set[str] = field(default_factory=set)  # accepted or discarded items

    def pending(self) -> list[str]:
        return [s for s in self.steps if s not in self.done]

    def item(self, item_id: str) -> DraftItem:
        step = item_id.split("-", 1)[0]
        for item in self.done[step].items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def open_items(self, step: str) -> list[DraftItem]:
        done = self.done.get(step)
        return [i for i in done.items if i.id not in self.decided] if done else []

    def summary(self) -> str:
        parts = [self.own_idea] + [self.done[s].summary for s in DRAFT_STEPS if s in self.done]
        text = "\n".join(p for p in parts if p)
        return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"

    def usage(self) -> Usage | None:
        total = None
        for done in self.done.values():
            if done.usage is not None:
                total = done.usage if total is None else total + done.usage
        return total


def is_empty(concept: Concept) -> bool:
    """Nothing written in the steps after the idea yet: the new concept (whose form asks for the
    idea in a line or three) or the empty one a draft from a brief is offered for."""
    vp = concept.value_proposition
    return not (concept.profiles or any(j.stages for j in concept.journeys)
                or concept.competition.competitors or concept.competition.attributes
                or vp.key_promise.strip() or vp.statement.strip() or vp.reasons_to_believe
                or concept.relationship.people
                or any(h.target_experience.strip() or h.delight_moments or h.churn_risks
                       for h in concept.experience.horizons))


def new_draft(concept: Concept, text: str, lang: str, industry: str, steps: list[str],
              names: list[str], model: str) -> BriefDraft:
    chosen = [s for s in DRAFT_STEPS if s in steps]
    if not tidy(text):
        raise BriefError("empty")
    if not chosen:
        raise BriefError("no_steps")
    idea = concept.idea
    own = " | ".join(f"{key}: {_data(value, 200)}" for key, value in (
        ("who", idea.who), ("what_value", idea.what_value), ("how", idea.how)) if value.strip())
    return BriefDraft(concept.id, lang, industry.strip(), concept.name.strip(), chosen,
                      prepare(text, names_to_hide(concept, names)), model,
                      f"The user's own idea: {own}" if own else "")


def keep_brief(concept: Concept, text: str, file_name: str, names: list[str]) -> None:
    """The brief as the user gave it, kept with the concept (it never leaves it except, cut and
    scrubbed, to the configured AI server)."""
    concept.brief.text = tidy(text)
    concept.brief.file_name = file_name[:300]
    concept.brief.names_to_hide = [n[:300] for n in names]
    concept.brief.added = utc_now()


def step_messages(draft: BriefDraft, step: str) -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(draft.lang, "English")
    g = guidance()
    cut_note = (f"The brief was cut to its first {draft.brief.sent_chars} of "
                f"{draft.brief.original_chars} characters." if draft.brief.cut else "")
    return [
        {"role": "system", "content": _render("system.md", language=language)},
        {"role": "user", "content": _render(
            "draft_from_brief.md", language=language, step=step,
            concept_name=_data(draft.name, 120) or "(unnamed)",
            industry=_data(draft.industry, 120) or "(not given)",
            step_help=g["help"][step], instructions=g["instructions"][step].strip(),
            cut_note=cut_note, brief=draft.brief.text,
            summary=draft.summary() or "(nothing yet)", example=g["example"][step].strip())},
    ]


def draft_step(settings: AISettings, draft: BriefDraft, step: str,
               on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
    """Draft one step: yields the answer's text as it comes, then keeps the step's items in
    `draft.done`. A failure is kept in `draft.failed` and raised as `AIError`; the steps
    drafted before it stay. Closing the generator (Stop) closes the request at once."""
    started = time.perf_counter()
    messages = step_messages(draft, step)
    app_seconds = time.perf_counter() - started
    used: list[Usage] = []

    def record(u: Usage) -> None:
        used.append(u)
        if on_usage:
            on_usage(u)

    chunks: list[str] = []
    sent = time.perf_counter()
    options = dict(guidance()["task"][step])
    try:
        for chunk in stream_json(settings, messages, ANSWERS[step], f"brief_{step}", options,
                                 record):
            chunks.append(chunk)
            yield chunk
        seconds = time.perf_counter() - sent
        started = time.perf_counter()
        answer = parse_json("".join(chunks), ANSWERS[step])
        items = _ITEMS[step](answer, draft)
        if not items:
            raise AIError("empty")
        summary = _clip(_SUMMARIES[step](items), STEP_SUMMARY_CHARS)
        app_seconds += time.perf_counter() - started
    except AIError as exc:
        draft.failed[step] = exc
        raise
    draft.failed.pop(step, None)
    total = None
    for u in used:
        total = u if total is None else total + u
    draft.done[step] = StepDraft(step, items, summary,
                                 sum(len(m["content"]) for m in messages), total, seconds,
                                 app_seconds)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- answers into items ---------------------------------------------------------------------


def _text(value: Any, draft: BriefDraft, limit: int = ITEM_CHARS) -> str:
    """Model text as one clean line, with the scrubbed personal data put back."""
    text = " ".join(_CONTROL.sub("", str(value or "")).split())
    return _clip(draft.brief.scrubbed.restore(text), limit)


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    value = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    return value if value in allowed else ""


def _score(value: Any, default: int = 3) -> int:
    try:
        return min(5, max(1, round(float(value))))
    except (TypeError, ValueError):
        return default


class _Items:
    def __init__(self, step: str) -> None:
        self.step = step
        self.items: list[DraftItem] = []

    def add(self, kind: str, text: str, parent: str = "", **data: Any) -> str:
        item_id = f"{self.step}-{len(self.items)}"
        if text or kind in ("tp_stages", "rel_shape"):
            self.items.append(DraftItem(item_id, kind, text, parent, data))
            return item_id
        return ""


def _idea_items(answer: IdeaAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("start")
    for kind in ("who", "what_value", "how"):
        out.add(kind, _text(getattr(answer, kind), draft, 1000))
    return out.items


def _profile_items(answer: ProfilesAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("profiles")
    for profile in answer.profiles[:5]:
        name = _text(profile.name, draft, 120)
        if not name:
            continue
        pid = out.add("profile", name, summary=_text(profile.summary, draft, 600))
        for kind, texts in (("job", profile.jobs), ("pain", profile.pains),
                            ("gain", profile.gains)):
            for text in texts[:6]:
                out.add(kind, _text(text, draft), pid)
    return out.items


def _journey_items(answer: JourneyAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("journey")
    for stage in answer.stages[:8]:
        sid = out.add("stage", _text(stage.name, draft, 120),
                      goal=_text(stage.customer_goal, draft))
        if not sid:
            continue
        for tp in stage.touchpoints[:5]:
            out.add("touchpoint", _text(tp.name, draft), sid,
                    channel=_choice(tp.channel, CHANNELS), tp_kind=_choice(tp.kind, KINDS))
    return out.items


def _purchase_items(answer: PurchaseAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("purchase")
    seen = set()
    for entry in answer.touchpoints[:40]:
        name = _text(entry.touchpoint, draft)
        keys = [k for k in DEFAULT_PURCHASE_STAGE_KEYS
                if k in {_choice(s, DEFAULT_PURCHASE_STAGE_KEYS) for s in entry.stages}]
        if name and keys and name.casefold() not in seen:
            seen.add(name.casefold())
            out.add("tp_stages", "", touchpoint=name, keys=keys)
    return out.items


def _experience_items(answer: ExperienceAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("experience")
    for period in answer.periods[:4]:
        key = _choice(period.period, DEFAULT_HORIZON_KEYS)
        if not key:
            continue
        out.add("period_target", _text(period.target_experience, draft, 600), horizon=key)
        for text in period.delight_moments[:4]:
            out.add("delight", _text(text, draft), horizon=key)
        for text in period.churn_risks[:4]:
            out.add("churn", _text(text, draft), horizon=key)
    return out.items


def _relationship_items(answer: RelationshipAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("relationships")
    types = list(dict.fromkeys(t for t in (_choice(x, RELATIONSHIP_TYPES)
                                           for x in answer.types) if t))
    closeness = _score(answer.closeness, 0) if answer.closeness is not None else 0
    duration = _choice(answer.duration, DURATIONS)
    frequency = _choice(answer.contact_frequency, FREQUENCIES)
    if types or closeness or duration or frequency:
        out.add("rel_shape", "", types=types, closeness=closeness or None,
                duration=duration or None, frequency=frequency or None)
    out.add("rationale", _text(answer.rationale, draft, 1000))
    for person in answer.people[:6]:
        out.add("person", _text(person.description, draft),
                role=_choice(person.role, ROLES) or "other")
    return out.items


def _competition_items(answer: CompetitionAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("competition")
    for competitor in answer.competitors[:6]:
        cid = out.add("competitor", _text(competitor.name, draft, 120),
                      type=_choice(competitor.type, COMPETITOR_TYPES) or "direct")
        if not cid:
            continue
        for text in competitor.strengths[:4]:
            out.add("strength", _text(text, draft), cid)
        for text in competitor.weaknesses[:4]:
            out.add("weakness", _text(text, draft), cid)
    for attribute in answer.attributes[:8]:
        scores = {_text(s.competitor, draft, 120): _score(s.score)
                  for s in attribute.competitor_scores[:8] if _text(s.competitor, draft)}
        out.add("attribute", _text(attribute.name, draft, 120),
                importance=_score(attribute.customer_importance),
                our_score=_score(attribute.our_score), scores=scores)
    return out.items


def _value_items(answer: ValueAnswer, draft: BriefDraft) -> list[DraftItem]:
    out = _Items("value")
    out.add("key_promise", _text(answer.key_promise, draft, 600))
    for text in answer.reasons_to_believe[:6]:
        out.add("reason", _text(text, draft))
    out.add("statement", _text(answer.statement, draft, 1500))
    return out.items


_ITEMS: dict[str, Callable[[Any, BriefDraft], list[DraftItem]]] = {
    "start": _idea_items, "profiles": _profile_items, "journey": _journey_items,
    "purchase": _purchase_items, "experience": _experience_items,
    "relationships": _relationship_items, "competition": _competition_items,
    "value": _value_items,
}


# --- what later steps are told ---------------------------------------------------------------


def _children(items: list[DraftItem], parent: str, kind: str, most: int = 3) -> str:
    return "; ".join([_data(i.text, 70) for i in items
                      if i.parent == parent and i.kind == kind][:most])


def _summary_start(items: list[DraftItem]) -> str:
    return "Idea: " + " | ".join(f"{i.kind}: {_data(i.text, 200)}" for i in items)


def _summary_profiles(items: list[DraftItem]) -> str:
    lines = ["Profiles (the first is the primary one):"]
    for p in (i for i in items if i.kind == "profile"):
        lines.append(f"- {_data(p.text, 60)}: jobs {_children(items, p.id, 'job', 2)}; "
                     f"pains {_children(items, p.id, 'pain', 2)}")
    return "\n".join(lines)


def _summary_journey(items: list[DraftItem]) -> str:
    lines = ["Journey stages and touchpoints:"]
    for s in (i for i in items if i.kind == "stage"):
        tps = ", ".join(_data(i.text, 50) for i in items if i.parent == s.id)
        lines.append(f"- {_data(s.text, 50)}: {tps}")
    return "\n".join(lines)


def _summary_purchase(items: list[DraftItem]) -> str:
    return "Purchase stages of touchpoints: " + "; ".join(
        f"{_data(i.data['touchpoint'], 40)} = {','.join(i.data['keys'])}" for i in items)


def _summary_experience(items: list[DraftItem]) -> str:
    return "Experience over time: " + "; ".join(
        f"{i.data['horizon']}: {_data(i.text, 90)}" for i in items if i.kind == "period_target")


def _summary_relationships(items: list[DraftItem]) -> str:
    shape = next((i.data for i in items if i.kind == "rel_shape"), {})
    people = "; ".join(_data(i.text, 50) for i in items if i.kind == "person")
    return (f"Relationship: types {','.join(shape.get('types', []))}, closeness "
            f"{shape.get('closeness') or '?'}/5; people: {people}")


def _summary_competition(items: list[DraftItem]) -> str:
    competitors = ", ".join(f"{_data(i.text, 40)} ({i.data['type']})" for i in items
                            if i.kind == "competitor")
    attributes = ", ".join(_data(i.text, 40) for i in items if i.kind == "attribute")
    return f"Competitors: {competitors}. Attributes: {attributes}"


def _summary_value(items: list[DraftItem]) -> str:
    return "Key promise: " + next((_data(i.text, 200) for i in items
                                   if i.kind == "key_promise"), "")


_SUMMARIES: dict[str, Callable[[list[DraftItem]], str]] = {
    "start": _summary_start, "profiles": _summary_profiles, "journey": _summary_journey,
    "purchase": _summary_purchase, "experience": _summary_experience,
    "relationships": _summary_relationships, "competition": _summary_competition,
    "value": _summary_value,
}
