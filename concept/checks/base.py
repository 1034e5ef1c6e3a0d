"""What a check reports: a finding with an id, a severity, the step that fixes it and a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from concept.i18n import has, t

Severity = Literal["gap", "warn", "info"]
SEVERITY_ORDER: dict[str, int] = {"gap": 0, "warn": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One piece of advice. `message_key` is a catalog key; `params` fill its placeholders.

    `check_id` is the methodology's id (e.g. "PP-02"); `step` is the key of the step (or tool)
    where the user can act on it.
    """

    check_id: str
    severity: Severity
    step: str
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str, escape: Callable[[str], str] | None = None) -> str:
        """The message; with `escape`, every text parameter (the user's words) goes through it
        first, so the page can show it through Markdown literally."""
        params = self.params
        if escape is not None:
            params = {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}
        return t(count_key(self.message_key, self.params.get("count"), lang), lang, **params)


def count_key(key: str, count: object, lang: str) -> str:
    """`<key>_one` when it exists and the message is about exactly one thing, else `key`.

    Finnish (and English) need the singular for one: "tässä vaiheessa", not "näissä vaiheissa".
    """
    return f"{key}_one" if count == 1 and has(f"{key}_one", lang) else key
