"""AI assistance through any OpenAI-compatible endpoint: suggestions, critiques and drafts.

One service for the whole app. Prompts come from `prompts/` (one file per task); the context
builder sends only a compact, capped summary of what the task needs. Typed answers use chat
completions with a JSON-schema `response_format`, falling back to "JSON in the prompt" for
servers without structured outputs; pydantic validates either way. Every failure becomes an
`AIError` whose message key has a text in both languages; the API key never appears in a
message or a log line.

The package follows the jobs: `errors` (messages, scrubbing), `answers` (typed replies),
`targets` (lists suggestions can add to), `context` (the compact summary), `prompts` (messages
from `prompts/`) and `client` (the requests). The names pages and tests use are re-exported here.
"""

from concept.ai.answers import Critique, Suggestion, Suggestions, strict_schema
from concept.ai.client import (
    check_connection,
    complete_json,
    critique,
    list_models,
    make_client,
    stream_draft,
    suggest,
)
from concept.ai.context import EXISTING_CHARS, SECTION_STEPS, build_context
from concept.ai.errors import AIError, scrub, to_ai_error
from concept.ai.prompts import (
    DraftKind,
    critique_messages,
    draft_messages,
    guidance,
    suggest_messages,
)
from concept.ai.provenance import is_ai_written, live_marks, mark, mark_draft, prune
from concept.ai.targets import TARGETS, ListTarget, accept, target, targets_for
from concept.ai.usage import Usage

__all__ = [
    "EXISTING_CHARS", "SECTION_STEPS", "TARGETS", "AIError", "Critique", "DraftKind",
    "ListTarget", "Suggestion", "Suggestions", "accept", "build_context", "check_connection",
    "complete_json", "critique", "critique_messages", "draft_messages", "guidance",
    "is_ai_written", "list_models", "live_marks", "mark", "mark_draft", "prune",
    "make_client", "scrub", "stream_draft", "strict_schema", "suggest", "suggest_messages",
    "Usage", "target", "targets_for", "to_ai_error",
]
