"""Dates and numbers in the user's language (Babel): '22. marraskuuta 2026', '1 234,5'; and
`plain`, which makes user text safe to show through Markdown."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

LOCALES = {"fi": "fi_FI", "en": "en_GB"}

# Every ASCII punctuation mark that Markdown (GitHub-flavoured, as Streamlit renders it) can read
# as syntax: links, images, emphasis, code, headings, lists, tables, HTML, maths; ":" and "."
# stop bare addresses (http://…, www.…) and "@" bare e-mail addresses from becoming links.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&@])")


def plain(text: object) -> str:
    """`text` escaped so Streamlit's Markdown shows it literally: no link, image or formatting.

    Every piece of user text shown through Markdown (bodies, headings, labels, help, options
    of radios and pills, dialog titles) goes through this.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def babel_locale(lang: str) -> str:
    return LOCALES.get(lang, "en_GB")


def format_day(value: date | datetime, lang: str) -> str:
    return _format_date(value, format="long", locale=babel_locale(lang))


def format_short_day(value: date | datetime, lang: str) -> str:
    """'27.11.2026' (Finnish), '27/11/2026' (English)."""
    return _format_date(value, format="short", locale=babel_locale(lang))


def format_number(value: float, lang: str, digits: int = 1) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def format_percent(share: float, lang: str) -> str:
    return format_number(round(share * 100), lang, digits=0) + " %"
