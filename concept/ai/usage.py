"""Tokens in and out of one AI request (and its cost, where a proxy sends one), and their sum."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Proxies that price each request say so in a header (LiteLLM's proxy sends the first).
COST_HEADERS = ("x-litellm-response-cost", "x-response-cost")


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None  # in the proxy's currency (USD for LiteLLM)
    requests: int = 1

    def __add__(self, other: Usage) -> Usage:
        cost = None if self.cost is None and other.cost is None else \
            (self.cost or 0.0) + (other.cost or 0.0)
        return Usage(self.prompt_tokens + other.prompt_tokens,
                     self.completion_tokens + other.completion_tokens, cost,
                     self.requests + other.requests)


def usage_of(body: Any, headers: Any = None) -> Usage | None:
    """The usage a response reports, or None when it reports none."""
    usage = getattr(body, "usage", None)
    cost = None
    for name in COST_HEADERS:
        value = (headers or {}).get(name) if headers is not None else None
        if value:
            try:
                cost = float(value)
            except ValueError:
                cost = None
            break
    if usage is None and cost is None:
        return None
    return Usage(int(getattr(usage, "prompt_tokens", 0) or 0),
                 int(getattr(usage, "completion_tokens", 0) or 0), cost)
