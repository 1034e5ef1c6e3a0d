"""Failures of AI requests as messages the user can read, with secrets scrubbed."""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import ValidationError

from concept.ai_settings import AISettings
from concept.i18n import t

log = logging.getLogger(__name__)


class AIError(Exception):
    """A failure the user can understand: `key` is the catalog key under `ai.error.`."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return t(f"ai.error.{self.key}", lang, **self.params)

    def markdown(self, lang: str) -> str:
        """The message for Streamlit's Markdown: server text literal, the address as code (so
        it is not turned into a link)."""
        from concept.formatting import plain

        marker = "\x00url\x00"
        params = dict(self.params)
        url = str(params.pop("url", "")).replace("`", "")
        text = plain(t(f"ai.error.{self.key}", lang, **params, url=marker)
                     if "url" in self.params else self.message(lang))
        # A hidden address (the server's own, "(the address set on the server)") stays words.
        return text.replace(marker, f"`{url}`" if "://" in url else plain(url))


_BEARER = re.compile(r"(?i)bearer\s+[^\s\"',]+")
_OPENAI_KEY = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")


def scrub(text: str, *secrets: str) -> str:
    """`text` without the given secrets or anything that looks like an API key."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    text = _BEARER.sub("Bearer ***", text)
    return _OPENAI_KEY.sub("sk-***", text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def to_ai_error(exc: BaseException, settings: AISettings) -> AIError:
    """Map any failure of a request to an `AIError` (logged by type and status only)."""
    import openai

    if isinstance(exc, AIError):
        return exc
    status = getattr(exc, "status_code", None)
    log.warning("AI request failed: %s%s", type(exc).__name__,
                f" (HTTP {status})" if status else "")
    if isinstance(exc, openai.APITimeoutError):
        return AIError("timeout", seconds=f"{settings.timeout:g}")
    if isinstance(exc, openai.APIConnectionError):
        return AIError("connection", url=settings.endpoint_label)
    if isinstance(exc, openai.AuthenticationError):
        return AIError("auth")
    if isinstance(exc, openai.PermissionDeniedError):
        return AIError("permission")
    if isinstance(exc, openai.NotFoundError):
        return AIError("not_found", model=settings.model, url=settings.endpoint_label)
    if isinstance(exc, openai.RateLimitError):
        return AIError("rate_limit")
    if isinstance(exc, (openai.BadRequestError, openai.UnprocessableEntityError)):
        detail = _clip(scrub(_error_detail(exc), settings.api_key), 200)
        return AIError("bad_request", detail=detail)
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return AIError("server", status=exc.status_code)
        return AIError("status", status=exc.status_code)
    if isinstance(exc, openai.APIResponseValidationError):
        return AIError("not_compatible", url=settings.endpoint_label)
    if isinstance(exc, ValidationError):
        return AIError("schema")
    if isinstance(exc, ValueError):  # json.JSONDecodeError: the server's body is not JSON
        return AIError("not_compatible", url=settings.endpoint_label)
    if isinstance(exc, openai.OpenAIError):
        return AIError("unexpected", kind=type(exc).__name__)
    return AIError("unexpected", kind=type(exc).__name__)


def _error_detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if body.get("message"):
            return str(body["message"])
    return str(getattr(exc, "message", "") or "")
