"""AI that extracts instead of inventing: from one interview's text, proposals of jobs, pains,
gains, touchpoints and context themes, each with the quote that supports it.

Personal data is scrubbed (concept.scrub) before anything is sent and restored in the answer;
`extraction_preview` shows exactly what will be sent. A proposal whose quote is not found in the
transcript (after whitespace normalisation) is dropped and counted, never shown as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Literal

from pydantic import BaseModel, Field

from concept.ai.prompts import LANGUAGE_NAMES, PROMPTS_DIR
from concept.ai_settings import AISettings
from concept.evidence import link_quote, normalise_space, quote_in_text
from concept.model import (
    Concept,
    ContextTheme,
    Gain,
    Interview,
    Job,
    Pain,
    Quote,
    Touchpoint,
)
from concept.scrub import Scrubbed, scrub, speaker_names

ExtractKind = Literal["job", "pain", "gain", "touchpoint", "context_theme"]
MAX_PROPOSALS = 15
# A two-hour transcript is longer than most models' useful attention; the first part is sent
# and the preview says so.
MAX_SENT_CHARS = 60_000


class ExtractedItem(BaseModel):
    kind: ExtractKind
    text: str = Field(max_length=2000)
    quote: str = Field(max_length=4000)


class Extraction(BaseModel):
    items: list[ExtractedItem] = Field(max_length=60)


@dataclass(frozen=True)
class Preview:
    """What will be sent (the messages, exactly), and what was hidden from it."""

    messages: list[dict[str, str]]
    scrubbed: Scrubbed
    truncated: bool


@dataclass(frozen=True)
class Proposal:
    kind: ExtractKind
    text: str
    quote: str


@dataclass(frozen=True)
class ExtractionResult:
    proposals: list[Proposal]
    dropped: int  # proposals whose quote is not in the transcript


def names_to_hide(concept: Concept, interview: Interview) -> list[str]:
    """Every name the user entered that may appear in the text: the interview's own list, its
    interviewer, the speakers named in the transcript, and every interview's interviewer."""
    names = [*interview.names_to_hide, interview.interviewer,
             *speaker_names(interview.transcript),
             *(other.interviewer for other in concept.toolbox.interviews)]
    generic = {"haastattelija", "interviewer", "haastateltava", "interviewee"}
    return [n for n in dict.fromkeys(n.strip() for n in names if n.strip())
            if n.casefold() not in generic]


def _render(name: str, **values: str) -> str:
    return Template((PROMPTS_DIR / name).read_text(encoding="utf-8")).substitute(**values).strip()


def extraction_preview(concept: Concept, interview: Interview, lang: str) -> Preview:
    scrubbed = scrub(interview.transcript, names_to_hide(concept, interview))
    text = scrubbed.text
    truncated = len(text) > MAX_SENT_CHARS
    language = LANGUAGE_NAMES.get(lang, "English")
    messages = [
        {"role": "system", "content": _render("system.md", language=language)},
        {"role": "user", "content": _render(
            "extract_interview.md", language=language, count=str(MAX_PROPOSALS),
            transcript=text[:MAX_SENT_CHARS])},
    ]
    return Preview(messages, scrubbed, truncated)


def verify(found: Extraction, scrubbed: Scrubbed, transcript: str) -> ExtractionResult:
    """Restore the hidden data in the answer and keep only proposals whose quote is in the
    transcript (whitespace runs made one space); the rest are counted as dropped."""
    proposals, dropped, seen = [], 0, set()
    for item in found.items:
        text = scrubbed.restore(item.text).strip()
        quote = normalise_space(scrubbed.restore(item.quote))
        if not text or not quote_in_text(quote, transcript):
            dropped += 1
            continue
        if (item.kind, text.casefold()) in seen:
            continue
        seen.add((item.kind, text.casefold()))
        proposals.append(Proposal(item.kind, text, quote))
    return ExtractionResult(proposals[:MAX_PROPOSALS], dropped)


def extract(settings: AISettings, concept: Concept, interview: Interview,
            lang: str) -> ExtractionResult:
    """Ask the model for proposals from one interview; raises AIError on any failure."""
    from concept.ai.client import complete_json

    preview = extraction_preview(concept, interview, lang)
    found = complete_json(settings, preview.messages, Extraction, "interview_extraction")
    return verify(found, preview.scrubbed, interview.transcript)


def accept(concept: Concept, interview: Interview, proposal: Proposal, profile_id: str) -> str:
    """Add an accepted proposal to the concept, linked to its quote (made a quote of the
    interview unless it already is one). Jobs, pains and gains go to the profile, touchpoints
    to the profile's target journey, context themes to the context analysis. Returns its id."""
    quote = next((q for q in interview.quotes
                  if normalise_space(q.text) == proposal.quote), None)
    if quote is None:
        quote = Quote(text=proposal.quote)
        interview.quotes = [*interview.quotes, quote]
    profile = concept.profile(profile_id) or concept.primary_profile()
    if proposal.kind == "context_theme":
        theme = ContextTheme(name=proposal.text, details=[proposal.quote])
        from concept.evidence import detail_evidence

        link_quote(detail_evidence(theme, proposal.quote), quote.id)
        concept.toolbox.context_themes.append(theme)
        return theme.id
    if profile is None:
        raise ValueError("no profile to add the item to")
    if proposal.kind == "touchpoint":
        journey = concept.ensure_journey(profile.id)
        item = Touchpoint(name=proposal.text,
                          stage_id=journey.stages[0].id if journey.stages else "")
        journey.touchpoints.append(item)
    else:
        item = {"job": Job, "pain": Pain, "gain": Gain}[proposal.kind](text=proposal.text)
        getattr(profile, f"{proposal.kind}s").append(item)
    link_quote(item, quote.id)
    return item.id


# --- "What is still a guess?" ------------------------------------------------------------------


class GuessQuestions(BaseModel):
    questions: list[str] = Field(max_length=20)


def guess_messages(concept: Concept, lang: str) -> list[dict[str, str]] | None:
    """The request for questions about the primary profile's key items that are still guesses;
    None when there are none. No interview text is sent, only the profile's own items."""
    from concept.ai.context import build_context
    from concept.evidence import top_unevidenced

    guesses = top_unevidenced(concept)
    if not guesses:
        return None
    language = LANGUAGE_NAMES.get(lang, "English")
    lines = "\n".join(f"- {'job' if isinstance(g, Job) else 'pain'}: {g.text.strip()}"
                      for g in guesses)
    return [
        {"role": "system", "content": _render("system.md", language=language)},
        {"role": "user", "content": _render(
            "still_a_guess.md", language=language, guesses=lines,
            context=build_context(concept, "profiles", lang))},
    ]


def still_a_guess_questions(settings: AISettings, concept: Concept, lang: str) -> list[str]:
    """The model's questions for the next interview; raises AIError on any failure."""
    from concept.ai.client import complete_json

    messages = guess_messages(concept, lang)
    if messages is None:
        return []
    found = complete_json(settings, messages, GuessQuestions, "still_a_guess")
    return [q.strip() for q in found.questions if q.strip()][:8]
