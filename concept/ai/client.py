"""Talking to the OpenAI-compatible server: typed answers, streamed drafts, a connection check."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from concept.ai.answers import Critique, Suggestion, Suggestions, strict_schema
from concept.ai.errors import AIError, to_ai_error
from concept.ai.prompts import (
    DraftKind,
    _render,
    critique_messages,
    draft_messages,
    suggest_messages,
)
from concept.ai.targets import target
from concept.ai_settings import PLACEHOLDER_KEY, AISettings
from concept.model import Concept

log = logging.getLogger(__name__)

DEFAULT_AZURE_API_VERSION = "2024-10-21"
MAX_SUGGESTIONS = 8
MAX_ITEM_CHARS = 300

# (endpoint, model) pairs that refused a JSON-schema response_format: ask for JSON in the prompt.
_NO_STRUCTURED_OUTPUT: set[tuple[str, str]] = set()


def make_client(settings: AISettings) -> Any:
    """An openai client with an explicit timeout and few retries (Azure when configured so).

    Clients are reused per settings: building one loads the TLS certificates (0.1-0.6 s), and
    the client is safe to share between sessions.
    """
    if not settings.configured:
        raise AIError("not_configured")
    return _client_for(settings)


@lru_cache(maxsize=8)
def _client_for(settings: AISettings) -> Any:
    import openai

    key = settings.api_key or PLACEHOLDER_KEY
    timeout = openai.Timeout(settings.timeout, connect=min(10.0, settings.timeout))
    if settings.is_azure:
        return openai.AzureOpenAI(
            azure_endpoint=settings.base_url, api_key=key,
            api_version=settings.api_version or DEFAULT_AZURE_API_VERSION,
            azure_deployment=settings.azure_deployment or settings.model,
            timeout=timeout, max_retries=settings.max_retries)
    return openai.OpenAI(api_key=key, base_url=settings.base_url or None, timeout=timeout,
                         max_retries=settings.max_retries)


def _extract_json(content: str) -> Any:
    """JSON from a reply; tolerates a code fence or words around one object."""
    text = content.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fence:
        text = fence.group(1).strip()
    try:
        return json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:
            try:
                return json.loads(text[start: end + 1])
            except ValueError:
                pass
    raise AIError("malformed")


def complete_json(settings: AISettings, messages: list[dict[str, str]],
                  schema_model: type[BaseModel], schema_name: str) -> Any:
    """A typed answer: structured output when the server has it, JSON in the prompt otherwise."""
    import openai

    try:
        client = make_client(settings)
        marker = (settings.endpoint_label, settings.model)
        response = None
        if marker not in _NO_STRUCTURED_OUTPUT:
            try:
                response = client.chat.completions.create(
                    model=settings.model, messages=messages,
                    response_format={"type": "json_schema", "json_schema": {
                        "name": schema_name, "strict": True,
                        "schema": strict_schema(schema_model)}})
            except (openai.BadRequestError, openai.UnprocessableEntityError):
                # Many local servers reject response_format; remember it and ask in the prompt.
                log.info("endpoint has no structured outputs; asking for JSON in the prompt")
                _NO_STRUCTURED_OUTPUT.add(marker)
        if response is None:
            instruction = _render("json_fallback.md", schema=json.dumps(
                strict_schema(schema_model), ensure_ascii=False))
            fallback = [*messages[:-1], {"role": "user", "content":
                                         messages[-1]["content"] + "\n\n" + instruction}]
            response = client.chat.completions.create(model=settings.model, messages=fallback)
        if not response.choices:
            raise AIError("empty")
        message = response.choices[0].message
        if getattr(message, "refusal", None):
            raise AIError("refused")
        if not (message.content or "").strip():
            raise AIError("empty")
        return schema_model.model_validate(_extract_json(message.content))
    except Exception as exc:  # every failure becomes a message; none reaches the page raw
        raise to_ai_error(exc, settings) from None


def _clean_suggestions(found: Suggestions, existing: list[str]) -> list[Suggestion]:
    seen = {" ".join(str(e).split()).casefold() for e in existing}
    result = []
    for item in found.suggestions:
        text = " ".join(item.text.split())[:MAX_ITEM_CHARS]
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        result.append(Suggestion(text=text, reason=" ".join(item.reason.split())[:MAX_ITEM_CHARS]))
    return result[:MAX_SUGGESTIONS]


def suggest(settings: AISettings, concept: Concept, target_key: str, owner_id: str,
            lang: str) -> list[Suggestion]:
    """New items for a list field, each with a one-line reason. Changes nothing in `concept`."""
    messages = suggest_messages(concept, target_key, owner_id, lang)
    found = complete_json(settings, messages, Suggestions, "suggestions")
    return _clean_suggestions(found, target(target_key).existing(concept, owner_id))


def critique(settings: AISettings, concept: Concept, step_key: str, lang: str) -> Critique:
    """Questions and risks about a step: things to think about, not answers."""
    found = complete_json(settings, critique_messages(concept, step_key, lang), Critique,
                          "critique")
    questions = [" ".join(q.split()) for q in found.questions if q.strip()]
    risks = [" ".join(r.split()) for r in found.risks if r.strip()]
    if not questions and not risks:
        raise AIError("empty")
    return Critique(questions=questions, risks=risks)


def stream_draft(settings: AISettings, concept: Concept, kind: DraftKind,
                 lang: str) -> Iterator[str]:
    """The draft's text as it is written; raises `AIError` if the stream fails or is cut off."""
    messages = draft_messages(concept, kind, lang)
    received = False
    finished = False
    try:
        client = make_client(settings)
        stream = client.chat.completions.create(model=settings.model, messages=messages,
                                                stream=True)
        for chunk in stream:
            if not chunk.choices:  # Azure sends content-filter notes without choices
                continue
            choice = chunk.choices[0]
            text = choice.delta.content if choice.delta else None
            if text:
                received = True
                yield text
            if choice.finish_reason:
                finished = True
    except Exception as exc:
        if received and not isinstance(exc, AIError):
            log.warning("AI stream broke off: %s", type(exc).__name__)
            raise AIError("stream_cut") from None
        raise to_ai_error(exc, settings) from None
    if not received:
        raise AIError("empty")
    if not finished:
        raise AIError("stream_cut")


def check_connection(settings: AISettings) -> str:
    """Send a tiny request; returns the model name that answered, raises `AIError` otherwise."""
    import openai

    try:
        client = make_client(settings)
        try:
            response = client.chat.completions.create(
                model=settings.model,
                messages=[{"role": "user", "content": _render("check_connection.md")}])
        except openai.NotFoundError:
            available = _available_models(client)
            if available:
                raise AIError("model_unknown", model=settings.model,
                              models=", ".join(available)) from None
            raise
        if not getattr(response, "choices", None):
            raise AIError("not_compatible", url=settings.endpoint_label)
        return str(getattr(response, "model", "") or settings.model)
    except Exception as exc:
        raise to_ai_error(exc, settings) from None


def _available_models(client: Any) -> list[str]:
    try:
        return sorted(m.id for m in client.models.list())[:15]
    except Exception:  # listing is only a hint; many servers (Azure) do not offer it
        return []
