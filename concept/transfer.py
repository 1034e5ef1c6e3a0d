"""Concepts as JSON files: export, import with migration, and errors a user can act on."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, BinaryIO

from pydantic import ValidationError
from pydantic_core import from_json

from concept.formatting import format_short_day
from concept.i18n import has, t
from concept.model import MAX_SHORT_TEXT, MAX_TEXT, SCHEMA_VERSION, Concept, new_id, utc_now

MEBIBYTE = 1024 * 1024
# The import limit follows what the model holds, so the app never refuses its own export: a
# concept may have FULL_TEXTS texts of the longest length (MAX_TEXT), each character written as
# up to six bytes of JSON (a control character becomes \u0000), plus room for the field names,
# ids and indentation. `server.maxUploadSize` in .streamlit/config.toml is the same number.
FULL_TEXTS = 120
JSON_BYTES_PER_CHAR = 6
STRUCTURE_HEADROOM_MB = 8
MAX_IMPORT_MB = math.ceil(FULL_TEXTS * MAX_TEXT * JSON_BYTES_PER_CHAR / MEBIBYTE) \
    + STRUCTURE_HEADROOM_MB
MAX_IMPORT_BYTES = MAX_IMPORT_MB * MEBIBYTE
MAX_NESTING = 64
READ_CHUNK = MEBIBYTE


class ImportProblem(ValueError):
    """An import that cannot be used; `str()` is the message to show, in the user's language."""


def concept_to_json(concept: Concept) -> str:
    return concept.model_dump_json(indent=2)


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    # Files written before the schema had a version carry no `schema_version`; their shape is
    # that of version 1, so only the marker is added.
    data["schema_version"] = 1
    return data


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 had no empty stop reason: "off_topic" was preselected in the sidebar form (the
    # only way to add a stop item) and stored when the user never touched the choice, so a
    # stored "off_topic" cannot be told from a chosen one. Printing a reason the user may never
    # have given is the worse error: the document goes out under their name, while a dropped
    # choice shows as "no reason chosen" on the list page and is one click to restore. The
    # other reasons were never preselected, so they were chosen and are kept.
    for item in data.get("stop_list") or ():
        if isinstance(item, dict) and item.get("reason") == "off_topic":
            item["reason"] = None
    data["schema_version"] = 2
    return data


MIGRATIONS = {0: _migrate_0_to_1, 1: _migrate_1_to_2}


def migrate(data: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """Bring a stored or imported concept dictionary up to SCHEMA_VERSION, one step at a time."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ImportProblem(t("import.error.bad_version", lang))
    if version > SCHEMA_VERSION:
        raise ImportProblem(t("import.error.newer_version", lang, version=version))
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def field_label(name: str | int, lang: str) -> str:
    if isinstance(name, int):
        return f"#{name + 1}"
    key = f"field.{name}"
    return t(key, lang) if has(key, lang) else name.replace("_", " ")


def _where(loc: Iterable[str | int], lang: str) -> str:
    return " › ".join(field_label(part, lang) for part in loc) or "—"


# pydantic's error types, grouped by what the user is told (catalog keys `import.problem.*`).
_PROBLEM_KEYS = {
    "missing": "missing",
    "string_type": "type_text", "string_sub_type": "type_text",
    "int_type": "type_number", "int_parsing": "type_number", "int_from_float": "type_number",
    "float_type": "type_number", "float_parsing": "type_number",
    "bool_type": "type_bool", "bool_parsing": "type_bool",
    "list_type": "type_list", "tuple_type": "type_list",
    "model_type": "type_object", "model_attributes_type": "type_object", "dict_type": "type_object",
    "datetime_type": "type_date", "datetime_parsing": "type_date",
    "datetime_from_date_parsing": "type_date", "date_parsing": "type_date",
    "string_too_long": "too_long_text", "too_long": "too_many",
    "greater_than_equal": "too_small", "greater_than": "too_small",
    "less_than_equal": "too_large", "less_than": "too_large",
    "literal_error": "choice", "enum": "choice",
    "finite_number": "not_finite", "string_unicode": "bad_text",
    "duplicate_id": "duplicate_id",
}


def problem_text(problem: dict[str, Any], lang: str) -> str:
    """One pydantic error as 'where: what' in the catalog's words (never pydantic's English)."""
    kind = _PROBLEM_KEYS.get(problem["type"], "other")
    ctx = problem.get("ctx") or {}
    loc = problem["loc"]
    values: dict[str, Any] = {}
    if kind == "too_long_text" or kind == "too_many":
        values["max"] = ctx.get("max_length", "")
    elif kind == "too_small":
        values["min"] = ctx.get("ge", ctx.get("gt", ""))
    elif kind == "too_large":
        values["max"] = ctx.get("le", ctx.get("lt", ""))
    elif kind == "choice":
        # pydantic lists the values as "'a', 'b' or 'c'": keep the values, drop its "or".
        values["allowed"] = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    elif kind == "duplicate_id":
        values["id"] = ctx.get("id", "")
        values["other"] = _where(ctx.get("first", ()), lang)
        loc = ctx.get("second", loc)
    return f"{_where(loc, lang)}: " + t(f"import.problem.{kind}", lang, **values)


def describe_validation_error(error: ValidationError, lang: str, limit: int = 5) -> str:
    """'Customer profiles › #2 › Importance: …' lines instead of pydantic's internals."""
    problems = error.errors()
    lines = [problem_text(problem, lang) for problem in problems[:limit]]
    more = len(problems) - limit
    if more > 0:
        lines.append(t("import.error.more_problems", lang, count=more))
    return "\n".join(lines)


def read_limited(source: bytes | str | BinaryIO, lang: str = "en") -> bytes:
    """The bytes of an import, read in chunks and refused as soon as they pass the limit."""
    if isinstance(source, str):
        source = source.encode("utf-8", errors="replace")
    if isinstance(source, bytes | bytearray | memoryview):
        raw = bytes(source)
    elif isinstance(source, io.BytesIO):  # Streamlit's UploadedFile: already in memory
        with source.getbuffer() as view:
            size = view.nbytes
        if size > MAX_IMPORT_BYTES:
            raise ImportProblem(t("import.error.too_large", lang, size_mb=MAX_IMPORT_MB))
        raw = source.getvalue()  # shares the buffer, no copy
    else:
        seekable = getattr(source, "seekable", None)
        if seekable is not None and seekable():
            source.seek(0)  # an upload that was read before starts again
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_IMPORT_BYTES:
            chunk = source.read(READ_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem(t("import.error.too_large", lang, size_mb=MAX_IMPORT_MB))
    return raw


_LINE = re.compile(r"at line (\d+)")


def _parse(raw: bytes, lang: str) -> Any:
    """JSON from the bytes as they are: pydantic-core's parser (jiter) builds the objects without
    first decoding the whole file into one more copy of it, as json.loads would."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return from_json(raw, allow_inf_nan=True)
    except ValueError as exc:
        reason = str(exc)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportProblem(t("import.error.not_text", lang)) from None
    if "recursion limit" in reason:
        raise ImportProblem(t("import.error.too_deep", lang))
    if "number out of range" in reason:  # e.g. an integer of thousands of digits
        raise ImportProblem(t("import.error.not_a_concept", lang))
    line = _LINE.search(reason)
    raise ImportProblem(t("import.error.not_json", lang, line=line.group(1) if line else 1))


def concept_from_json(raw: bytes | str | BinaryIO, lang: str = "en") -> Concept:
    """Parse, migrate and validate an imported file (bytes, text or a binary file such as an
    upload). Raises ImportProblem with a clear message in `lang`."""
    data = _parse(read_limited(raw, lang), lang)
    if not isinstance(data, dict) or not ("name" in data or "profiles" in data):
        raise ImportProblem(t("import.error.not_a_concept", lang))
    if _depth(data, MAX_NESTING) > MAX_NESTING:
        raise ImportProblem(t("import.error.too_deep", lang))
    data = migrate(data, lang)
    try:
        return Concept.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(
            t("import.error.invalid", lang) + "\n" + describe_validation_error(exc, lang)
        ) from None


def as_new_import(concept: Concept) -> Concept:
    """An imported concept is stored as a new one, so it never replaces an existing concept."""
    concept.id = new_id()
    concept.revision = 0
    concept.updated_at = utc_now()
    return concept


def import_name(name: str, taken: Iterable[str], lang: str, today: date | None = None) -> str:
    """`name`, or when a concept of that name exists, '<name> (imported 27.11.2026)' in `lang`
    (then with a number, if that is taken too), so the list never shows two equal names."""
    names = {n.strip().casefold() for n in taken}
    if name.strip().casefold() not in names:
        return name
    day = format_short_day(today or utc_now().date(), lang)
    number = 1
    while True:
        key = "concepts.import_copy_name" + ("_numbered" if number > 1 else "")
        room = MAX_SHORT_TEXT - len(t(key, lang, name="", date=day, number=number))
        candidate = t(key, lang, name=name.strip()[:room].rstrip(), date=day, number=number)
        if candidate.strip().casefold() not in names:
            return candidate
        number += 1


def as_named_import(concept: Concept, taken: Iterable[str], lang: str,
                    today: date | None = None,
                    escape: Callable[[str], str] = str) -> tuple[Concept, str]:
    """`as_new_import`, named apart from the `taken` names (`import_name`), with the message that
    says which concept was created (the names in it through `escape`, for Markdown)."""
    original = concept.name
    concept = as_new_import(concept)
    concept.name = import_name(original, taken, lang, today)
    if concept.name == original:
        return concept, t("concepts.imported", lang, name=escape(concept.name))
    return concept, t("concepts.imported_renamed", lang, name=escape(concept.name),
                      existing=escape(original))
