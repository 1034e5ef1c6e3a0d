"""What a check reports: a finding with an id, a severity, the step that fixes it and a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from concept.i18n import enum_label, has, t

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
        params = self.worded_params(lang)
        if escape is not None:
            params = {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}
        return t(count_key(self.message_key, self.params.get("count"), lang), lang, **params)

    def worded_params(self, lang: str) -> dict[str, Any]:
        """The params, with labels (`EnumParam`, `HorizonParam`) worded in the reader's language."""
        return {key: value.word(lang) if isinstance(value, Worded) else value
                for key, value in self.params.items()}


class Worded:
    """A message parameter that is worded only when the message is made, in the reader's language
    (an enum value or a default label has no fixed text)."""

    def word(self, lang: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class EnumParam(Worded):
    """An enumeration value, e.g. the role "decider", as the catalog's label."""

    enum: str
    value: str

    def word(self, lang: str) -> str:
        return enum_label(self.enum, self.value, lang) or self.value


@dataclass(frozen=True)
class HorizonParam(Worded):
    """A period of the relationship: the user's own label, else the default's catalog label."""

    key: str
    label: str

    def word(self, lang: str) -> str:
        if self.label.strip():
            return self.label.strip()
        return (enum_label("horizon", self.key, lang) if self.key else "") or "?"


@dataclass(frozen=True)
class NumberParam(Worded):
    """A number with the reader's decimal sign (2,5 in Finnish, 2.5 in English)."""

    value: float
    digits: int = 1

    def word(self, lang: str) -> str:
        from concept.formatting import format_number

        return format_number(self.value, lang, digits=self.digits)


@dataclass(frozen=True)
class TextParam(Worded):
    """A catalog text, e.g. the label of a quality criterion."""

    key: str

    def word(self, lang: str) -> str:
        return t(self.key, lang)


@dataclass(frozen=True)
class ListParam(Worded):
    """Several worded values joined by commas."""

    items: tuple[Worded, ...]

    def word(self, lang: str) -> str:
        return ", ".join(item.word(lang) for item in self.items)


def count_key(key: str, count: object, lang: str) -> str:
    """`<key>_one` when it exists and the message is about exactly one thing, else `key`.

    Finnish (and English) need the singular for one: "tässä vaiheessa", not "näissä vaiheissa".
    """
    return f"{key}_one" if count == 1 and has(f"{key}_one", lang) else key
