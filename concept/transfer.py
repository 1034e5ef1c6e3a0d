"""Concepts as JSON files: export, import with migration, and errors a user can act on."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from concept.i18n import has, t
from concept.model import SCHEMA_VERSION, Concept, new_id, utc_now

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_NESTING = 64


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


def describe_validation_error(error: ValidationError, lang: str, limit: int = 5) -> str:
    """'Customer profiles › #2 › Importance: …' lines instead of pydantic's internals."""
    lines = []
    for problem in error.errors()[:limit]:
        where = " › ".join(field_label(part, lang) for part in problem["loc"]) or "—"
        lines.append(f"{where}: {problem['msg']}")
    more = len(error.errors()) - limit
    if more > 0:
        lines.append(t("import.error.more_problems", lang, count=more))
    return "\n".join(lines)


def concept_from_json(raw: bytes | str, lang: str = "en") -> Concept:
    """Parse, migrate and validate an imported file. Raises ImportProblem with a clear message."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", errors="replace")
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem(
            t("import.error.too_large", lang, size_mb=MAX_IMPORT_BYTES // (1024 * 1024))
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblem(t("import.error.not_text", lang)) from None
    except RecursionError:
        raise ImportProblem(t("import.error.too_deep", lang)) from None
    except json.JSONDecodeError as exc:
        raise ImportProblem(t("import.error.not_json", lang, line=exc.lineno)) from None
    except ValueError:  # e.g. an integer longer than Python's 4,300-digit conversion limit
        raise ImportProblem(t("import.error.not_a_concept", lang)) from None
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
