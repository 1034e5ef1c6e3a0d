"""Dates and numbers in the user's language (Babel): '22. marraskuuta 2026', '1 234,5'."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal

LOCALES = {"fi": "fi_FI", "en": "en_GB"}


def babel_locale(lang: str) -> str:
    return LOCALES.get(lang, "en_GB")


def format_day(value: date | datetime, lang: str) -> str:
    return _format_date(value, format="long", locale=babel_locale(lang))


def format_short_day(value: date | datetime, lang: str) -> str:
    """'27.11.2026' (Finnish), '27/11/2026' (English)."""
    return _format_date(value, format="short", locale=babel_locale(lang))


def format_moment(value: datetime, lang: str) -> str:
    return _format_datetime(value, format="medium", locale=babel_locale(lang))


def format_number(value: float, lang: str, digits: int = 1) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def format_percent(share: float, lang: str) -> str:
    return format_number(round(share * 100), lang, digits=0) + " %"
