"""Finnish and English texts: `t(key, lang, **placeholders)` over the catalogs in `locales/`.

Each language is a folder of TOML files (`locales/fi/*.toml`); every file contributes its own
top-level tables, so features keep their texts apart. Nested tables flatten to dotted keys.
The language is always passed explicitly: Streamlit serves every session from one process, so a
process-wide "current language" would leak between users.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("fi", "en")
DEFAULT_LANGUAGE = "en"
# In a checkout the catalogs are the repository's locales/; an installed wheel carries the same
# files as the package data concept/locales/ (see setup.py).
_INSTALLED = Path(__file__).resolve().parent / "locales"
_CHECKOUT = Path(__file__).resolve().parent.parent / "locales"
LOCALES_DIR = _INSTALLED if _INSTALLED.is_dir() else _CHECKOUT


def _flatten(table: dict[str, Any], prefix: str, into: dict[str, Any], source: Path) -> None:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            _flatten(value, key + ".", into, source)
        else:
            if key in into:
                raise ValueError(f"{source.name}: key {key!r} is defined twice in the catalog")
            into[key] = value


@cache
def catalog(lang: str) -> dict[str, Any]:
    """All texts of one language as {dotted.key: str | list[str]}."""
    entries: dict[str, Any] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", entries, path)
    return entries


def normalise_language(value: str | None) -> str:
    """'fi-FI', 'fi_FI' or 'FI' → 'fi'; anything unknown → English."""
    if value in LANGUAGES:  # the common case, on every text of every page run
        return value
    if not value:
        return DEFAULT_LANGUAGE
    code = value.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str, **placeholders: Any) -> str:
    """The text for `key` in `lang`, with {placeholders} filled.

    A key missing from the language falls back to English, then to the key itself, so a gap in
    a catalog shows up as a visible key rather than a crash (the catalog test keeps them equal).
    """
    value = catalog(normalise_language(lang)).get(key)
    if value is None:
        value = catalog(DEFAULT_LANGUAGE).get(key, key)
    if isinstance(value, list):
        value = "\n".join(value)
    if placeholders:
        return string.Formatter().vformat(str(value), (), _KeepMissing(placeholders))
    return str(value)


def t_list(key: str, lang: str) -> list[str]:
    """A list entry of the catalog (guiding questions, examples); a plain string becomes [it]."""
    value = catalog(normalise_language(lang)).get(key)
    if value is None:
        value = catalog(DEFAULT_LANGUAGE).get(key, [])
    return list(value) if isinstance(value, list) else [str(value)]


def has(key: str, lang: str) -> bool:
    return key in catalog(normalise_language(lang))


def enum_label(enum_name: str, value: str | None, lang: str) -> str:
    """The label of an enumeration value, e.g. enum_label('dev_status', 'keep', 'fi')."""
    if value is None or value == "":
        return ""
    key = f"enum.{enum_name}.{value}"
    return t(key, lang) if has(key, lang) or has(key, DEFAULT_LANGUAGE) else str(value)


def placeholders_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
