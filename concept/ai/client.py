"""Talking to the OpenAI-compatible server: typed answers, streamed drafts, a connection check."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
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
    task_options,
)
from concept.ai.targets import target
from concept.ai.usage import Usage, usage_of
from concept.ai_settings import PLACEHOLDER_KEY, AISettings
from concept.model import Concept

log = logging.getLogger(__name__)

DEFAULT_AZURE_API_VERSION = "2024-10-21"
MAX_SUGGESTIONS = 8
MAX_ITEM_CHARS = 300

# (endpoint, model) pairs whose server refused a JSON-schema response_format, with the time the
# memory runs out: until then suggestions ask for JSON in the prompt. Servers get upgraded and
# settings corrected, so the memory expires.
NO_STRUCTURED_OUTPUT_SECONDS = 3600.0
_NO_STRUCTURED_OUTPUT: dict[tuple[str, str], float] = {}
_MEMORY_LOCK = threading.Lock()

# How servers say that they do not do structured outputs (OpenAI, vLLM, Ollama, LiteLLM and
# llama.cpp word it differently); only such an error switches a (server, model) to the fallback.
_STRUCTURED_WORDS = re.compile(r"response_format|response format|json_schema|json schema|"
                               r"structured output|guided_json", re.IGNORECASE)
_FORMAT_WORD = re.compile(r"\bformat\b", re.IGNORECASE)  # Ollama: "invalid format: ..."
_REFUSAL_WORDS = re.compile(r"not supported|unsupported|does not support|doesn't support|"
                            r"not support|invalid|unknown|unrecognized|not allowed|"
                            r"not implemented|expected", re.IGNORECASE)
# 400s that are about something else: the key, the model, the context window, a content filter.
_OTHER_400 = re.compile(r"api[ _-]?key|auth|model|context|maximum|too long|too many tokens|"
                        r"content[ _-]?filter|content management|policy|quota|billing",
                        re.IGNORECASE)
_MODEL_400 = re.compile(r"(invalid|unknown|no such|not found|does not exist|not exist).{0,40}"
                        r"model|model.{0,60}(not found|does not exist|not exist|unknown|invalid|"
                        r"not available|not supported)", re.IGNORECASE)
_CONTEXT_WORDS = re.compile(r"context|too long|too many tokens|maximum.{0,20}tokens",
                            re.IGNORECASE)


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


def _remembers_no_structured_output(marker: tuple[str, str]) -> bool:
    with _MEMORY_LOCK:
        until = _NO_STRUCTURED_OUTPUT.get(marker)
        if until is not None and until <= time.monotonic():
            del _NO_STRUCTURED_OUTPUT[marker]
            until = None
    return until is not None


def _remember_no_structured_output(marker: tuple[str, str]) -> None:
    with _MEMORY_LOCK:
        _NO_STRUCTURED_OUTPUT[marker] = time.monotonic() + NO_STRUCTURED_OUTPUT_SECONDS


def error_text(exc: Any) -> str:
    """The server's own words about a failed request (the error message in its JSON body)."""
    from concept.ai.errors import _error_detail

    return _error_detail(exc)


def refuses_structured_output(exc: Any) -> bool | None:
    """True when the error says response_format / json_schema is not supported, False when it is
    plainly about something else (key, model, context window, content filter), None when the
    words tell neither."""
    text = error_text(exc)
    if _STRUCTURED_WORDS.search(text) and _REFUSAL_WORDS.search(text):
        return True
    if _OTHER_400.search(text):
        return False
    if _FORMAT_WORD.search(text) and _REFUSAL_WORDS.search(text):
        return True
    return None


def _is_model_error(exc: Any) -> bool:
    return bool(_MODEL_400.search(error_text(exc))) and not _CONTEXT_WORDS.search(
        error_text(exc))


def _choices(response: Any, settings: AISettings) -> list[Any]:
    """The answer's choices, or "not an OpenAI-compatible answer" for a 200 of another shape
    (an HTML page from a proxy, JSON without choices)."""
    choices = getattr(response, "choices", None) if not isinstance(response, (str, bytes)) \
        else None
    if not isinstance(choices, list) or any(
            not hasattr(c, "message") and not hasattr(c, "delta") for c in choices):
        raise AIError("not_compatible", url=settings.endpoint_label)
    return choices


def _send(settings: AISettings, create: Callable[[Any], Any]) -> tuple[Any, Any]:
    """One generation request with our own retries: a busy server (429), a 5xx or a dropped
    connection is tried again up to `max_retries` times, a timeout never (the user would wait
    twice as long for the same answer). A timeout reports the seconds really waited.
    Returns the parsed answer and the response headers (a proxy's cost header)."""
    import openai

    client = make_client(settings).with_options(max_retries=0)
    attempt = 0
    while True:
        started = time.monotonic()
        try:
            raw = create(client)
            return raw.parse(), raw.headers
        except openai.APITimeoutError:
            raise AIError("timeout", seconds=f"{time.monotonic() - started:.0f}") from None
        except (openai.RateLimitError, openai.InternalServerError, openai.ConflictError,
                openai.APIConnectionError) as exc:
            if attempt >= settings.max_retries:
                raise
            attempt += 1
            time.sleep(_retry_pause(exc, attempt))


def _retry_pause(exc: Any, attempt: int) -> float:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return min(float(headers["retry-after-ms"]) / 1000, 8.0)
        if headers.get("retry-after"):
            return min(float(headers["retry-after"]), 8.0)
    except (TypeError, ValueError):
        pass
    return min(0.5 * 2 ** (attempt - 1), 8.0)


def _model_error(settings: AISettings) -> AIError | None:
    """The server's list of models when it has one: "unknown model; it offers: ..."."""
    available = _available_models(make_client(settings))
    if available:
        return AIError("model_unknown", model=settings.model, models=", ".join(available))
    return None


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
                  schema_model: type[BaseModel], schema_name: str,
                  options: dict[str, Any] | None = None,
                  on_usage: Callable[[Usage], None] | None = None) -> Any:
    """A typed answer: structured output when the server has it, JSON in the prompt otherwise.

    The fallback is remembered per (server, model) only when the server really refuses
    structured outputs: its error says so, or the same request without `response_format`
    succeeds. An error about the key, the model or the context window is reported at once,
    with no second request."""
    import openai

    try:
        marker = (settings.endpoint_label, settings.model)
        response = None
        if not _remembers_no_structured_output(marker):
            try:
                response_format = {"type": "json_schema", "json_schema": {
                    "name": schema_name, "strict": True, "schema": strict_schema(schema_model)}}
                response, headers = _send(settings, lambda client: (
                    client.chat.completions.with_raw_response.create(
                        model=settings.model, messages=messages, **(options or {}),
                        response_format=response_format)))
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                verdict = refuses_structured_output(exc)
                if verdict is False:
                    if _is_model_error(exc):
                        raise _model_error(settings) or exc from None
                    raise
                log.info("structured output refused (%s); asking for JSON in the prompt",
                         "said so" if verdict else "unclear 400")
                # Reached only when the request without response_format worked (or the server
                # said it has no structured outputs): then the 400 was about response_format.
                response, headers = _fallback(settings, messages, schema_model, options,
                                              refused=None if verdict else exc)
                _remember_no_structured_output(marker)
        if response is None:
            response, headers = _fallback(settings, messages, schema_model, options)
        choices = _choices(response, settings)
        used = usage_of(response, headers)
        if used and on_usage:
            on_usage(used)
        if not choices:
            raise AIError("empty")
        message = choices[0].message
        if getattr(message, "refusal", None):
            raise AIError("refused")
        content = getattr(message, "content", None)
        if not isinstance(content, str) or not content.strip():
            raise AIError("empty")
        return schema_model.model_validate(_extract_json(content))
    except Exception as exc:  # every failure becomes a message; none reaches the page raw
        raise to_ai_error(exc, settings) from None


def _chunk_text(chunk: Any, settings: AISettings,
                on_usage: Callable[[Usage], None] | None) -> tuple[str | None, bool]:
    """The text one streamed chunk adds and whether it ends the answer; reports its usage."""
    used = usage_of(chunk, None)
    if used and on_usage and (used.prompt_tokens or used.completion_tokens):
        on_usage(used)
    choices = _choices(chunk, settings)
    if not choices:  # Azure sends content-filter notes without choices
        return None, False
    choice = choices[0]
    return (choice.delta.content if choice.delta else None), bool(choice.finish_reason)


class _StreamReader:
    """Reads a streamed answer's text as it comes, and keeps what its failure means: a stream
    that fails after some text was cut off; one that fails before is the request's own error."""

    def __init__(self, settings: AISettings,
                 on_usage: Callable[[Usage], None] | None) -> None:
        self.settings = settings
        self.on_usage = on_usage
        self.received = False  # some text came
        self.finished = False  # the answer's end came

    def texts(self, stream: Any) -> Iterator[str]:
        for chunk in stream:
            text, done = _chunk_text(chunk, self.settings, self.on_usage)
            if text:
                self.received = True
                yield text
            self.finished = self.finished or done

    def error(self, exc: Exception) -> AIError:
        if self.received and not isinstance(exc, AIError):
            log.warning("AI stream broke off: %s", type(exc).__name__)
            return AIError("stream_cut")
        return to_ai_error(exc, self.settings)

    def check_end(self) -> None:
        if not self.received:
            raise AIError("empty")
        if not self.finished:
            raise AIError("stream_cut")


def stream_json(settings: AISettings, messages: list[dict[str, str]],
                schema_model: type[BaseModel], schema_name: str,
                options: dict[str, Any] | None = None,
                on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
    """A typed answer's JSON text as it is written (parse it with `parse_json`).

    Streamed so that Stop can end it at once: closing the generator closes the HTTP stream and
    the server stops generating. Structured output when the server has it, JSON in the prompt
    otherwise, with the same memory of refusing servers as `complete_json`."""
    import openai

    marker = (settings.endpoint_label, settings.model)
    stream = None
    reader = _StreamReader(settings, on_usage)
    try:
        if not _remembers_no_structured_output(marker):
            response_format = {"type": "json_schema", "json_schema": {
                "name": schema_name, "strict": True, "schema": strict_schema(schema_model)}}
            try:
                stream = _open_json_stream(settings, messages, options,
                                           {"response_format": response_format})
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                verdict = refuses_structured_output(exc)
                if verdict is False:
                    if _is_model_error(exc):
                        raise _model_error(settings) or exc from None
                    raise
                # As in complete_json: an unclear 400 is taken as a refusal only when the
                # request without response_format then works.
                stream = _open_json_fallback(settings, messages, schema_model, options,
                                             refused=None if verdict else exc)
                _remember_no_structured_output(marker)
        if stream is None:
            stream = _open_json_fallback(settings, messages, schema_model, options)
        yield from reader.texts(stream)
    except GeneratorExit:
        raise
    except Exception as exc:
        raise reader.error(exc) from None
    finally:
        if stream is not None:
            stream.close()
    reader.check_end()


def _open_json_fallback(settings: AISettings, messages: list[dict[str, str]],
                        schema_model: type[BaseModel], options: dict[str, Any] | None,
                        refused: Exception | None = None) -> Any:
    """The streamed request with the JSON schema in the prompt instead of `response_format`."""
    import openai

    instruction = _render("json_fallback.md", schema=json.dumps(
        strict_schema(schema_model), ensure_ascii=False))
    fallback = [*messages[:-1], {"role": "user", "content":
                                 messages[-1]["content"] + "\n\n" + instruction}]
    try:
        return _open_json_stream(settings, fallback, options, {})
    except (openai.BadRequestError, openai.UnprocessableEntityError):
        if refused is not None:
            raise refused from None
        raise


def _open_json_stream(settings: AISettings, messages: list[dict[str, str]],
                      options: dict[str, Any] | None, extra: dict[str, Any]) -> Any:
    """A streamed completion asking for usage in its last chunk (again without, for a server
    that rejects `stream_options`)."""
    import openai

    def create(more: dict[str, Any]) -> Any:
        stream, _ = _send(settings, lambda client: client.chat.completions.with_raw_response
                          .create(model=settings.model, messages=messages, stream=True,
                                  **(options or {}), **extra, **more))
        return stream

    try:
        return create({"stream_options": {"include_usage": True}})
    except openai.BadRequestError as exc:
        if "stream_options" not in error_text(exc) and "include_usage" not in error_text(exc):
            raise
        return create({})


def parse_json(content: str, schema_model: type[BaseModel]) -> Any:
    """A streamed answer's text as `schema_model`: unreadable text → AIError("malformed"), the
    wrong shape → AIError("schema")."""
    from pydantic import ValidationError

    if not content.strip():
        raise AIError("empty")
    try:
        return schema_model.model_validate(_extract_json(content))
    except ValidationError:
        raise AIError("schema") from None


def _fallback(settings: AISettings, messages: list[dict[str, str]],
              schema_model: type[BaseModel], options: dict[str, Any] | None = None,
              refused: Exception | None = None) -> tuple[Any, Any]:
    """The request with the JSON schema written into the prompt instead of `response_format`.
    After an unclear 400 (`refused`), a failure of this one too reports the first error."""
    import openai

    instruction = _render("json_fallback.md", schema=json.dumps(
        strict_schema(schema_model), ensure_ascii=False))
    fallback = [*messages[:-1], {"role": "user", "content":
                                 messages[-1]["content"] + "\n\n" + instruction}]
    try:
        return _send(settings, lambda client: client.chat.completions.with_raw_response.create(
            model=settings.model, messages=fallback, **(options or {})))
    except (openai.BadRequestError, openai.UnprocessableEntityError):
        if refused is not None:
            raise refused from None
        raise


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
            lang: str, on_usage: Callable[[Usage], None] | None = None) -> list[Suggestion]:
    """New items for a list field, each with a one-line reason. Changes nothing in `concept`."""
    messages = suggest_messages(concept, target_key, owner_id, lang)
    found = complete_json(settings, messages, Suggestions, "suggestions",
                          task_options("suggest"), on_usage)
    return _clean_suggestions(found, target(target_key).existing(concept, owner_id))


def critique(settings: AISettings, concept: Concept, step_key: str, lang: str,
             on_usage: Callable[[Usage], None] | None = None) -> Critique:
    """Questions and risks about a step: things to think about, not answers."""
    found = complete_json(settings, critique_messages(concept, step_key, lang), Critique,
                          "critique", task_options("critique"), on_usage)
    questions = [" ".join(q.split()) for q in found.questions if q.strip()]
    risks = [" ".join(r.split()) for r in found.risks if r.strip()]
    if not questions and not risks:
        raise AIError("empty")
    return Critique(questions=questions, risks=risks)


def stream_draft(settings: AISettings, concept: Concept, kind: DraftKind,
                 lang: str, on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
    """The draft's text as it is written; raises `AIError` if the stream fails or is cut off.

    Closing the generator (Stop, leaving the page) closes the HTTP stream at once, so the
    server stops generating instead of writing on into a connection nobody reads."""
    import openai

    messages = draft_messages(concept, kind, lang)
    reader = _StreamReader(settings, on_usage)
    stream = None
    try:
        stream, headers = _open_stream(settings, messages)
        yield from reader.texts(stream)
    except GeneratorExit:
        raise
    except (openai.BadRequestError, openai.NotFoundError) as exc:
        model_error = _model_error(settings) if (
            isinstance(exc, openai.NotFoundError) or _is_model_error(exc)) else None
        raise model_error or to_ai_error(exc, settings) from None
    except Exception as exc:
        raise reader.error(exc) from None
    finally:
        if stream is not None:
            stream.close()
    reader.check_end()


def _open_stream(settings: AISettings, messages: list[dict[str, str]]) -> tuple[Any, Any]:
    """A streamed completion that asks for usage in its last chunk; a server that rejects
    `stream_options` gets the request again without it."""
    import openai

    def create(extra: dict[str, Any]) -> tuple[Any, Any]:
        return _send(settings, lambda client: client.chat.completions.with_raw_response.create(
            model=settings.model, messages=messages, stream=True, **task_options("draft"),
            **extra))

    try:
        return create({"stream_options": {"include_usage": True}})
    except openai.BadRequestError as exc:
        if "stream_options" not in error_text(exc) and "include_usage" not in error_text(exc):
            raise
        return create({})


def check_connection(settings: AISettings) -> str:
    """Send a tiny request; returns the model name that answered, raises `AIError` otherwise."""
    import openai

    try:
        try:
            response, _ = _send(settings, lambda client: (
                client.chat.completions.with_raw_response.create(
                    model=settings.model,
                    messages=[{"role": "user", "content": _render("check_connection.md")}],
                    **task_options("check"))))
        except (openai.NotFoundError, openai.BadRequestError) as exc:
            if isinstance(exc, openai.NotFoundError) or _is_model_error(exc):
                raise _model_error(settings) or exc from None
            raise
        _choices(response, settings)
        if not response.choices:
            raise AIError("not_compatible", url=settings.endpoint_label)
        return str(getattr(response, "model", "") or settings.model)
    except Exception as exc:
        raise to_ai_error(exc, settings) from None


def list_models(settings: AISettings) -> list[str]:
    """The models the server offers (`/v1/models`), for the model picker; empty if it has none."""
    try:
        return _available_models(make_client(settings), limit=200)
    except AIError:
        return []


def _available_models(client: Any, limit: int = 15) -> list[str]:
    try:
        return sorted(str(m.id) for m in client.with_options(max_retries=0).models.list())[:limit]
    except Exception:  # listing is only a hint; many servers (Azure) do not offer it
        return []
