"""Importing bad JSON: every malformed, truncated, foreign, deeply nested or oversized file gets a
clear `ImportProblem` in the user's language, and the store's files stay exactly as they were.

`import_into` does what the start page's import panel does (parse, make it a new concept, store).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from concept.model import MAX_ITEMS, MAX_TEXT, SCHEMA_VERSION, Concept
from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from concept.transfer import (
    MAX_IMPORT_BYTES,
    MAX_NESTING,
    ImportProblem,
    as_new_import,
    concept_from_json,
    concept_to_json,
)


def import_into(store: TinyDBConceptStore, raw: bytes | str, lang: str = "en") -> Concept:
    concept = as_new_import(concept_from_json(raw, lang))
    return store.create(concept)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under the data folder with its modification time and bytes."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def good() -> dict:
    return json.loads(concept_to_json(cafe_concept()))


@pytest.fixture
def filled_store(tmp_path: Path) -> TinyDBConceptStore:
    store = TinyDBConceptStore(tmp_path / "data")
    store.create(cafe_concept())
    store.create(Concept(name="Toinen"))
    return store


def _with(data: dict, path: tuple, value) -> dict:
    copy = json.loads(json.dumps(data))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


def bad_files(good: dict) -> dict[str, Any]:
    text = json.dumps(good, ensure_ascii=False)
    raw = text.encode("utf-8")
    deep_list = "[" * (MAX_NESTING + 10) + "]" * (MAX_NESTING + 10)
    files = {
        "empty": b"",
        "whitespace": b"  \n\t ",
        "null": b"null",
        "number": b"42",
        "string": b'"a concept"',
        "list of concepts": ("[" + text + "]").encode(),
        "foreign object": b'{"title": "my notes", "items": [1, 2, 3]}',
        "truncated at 10%": raw[: len(raw) // 10],
        "truncated at 50%": raw[: len(raw) // 2],
        "truncated one byte short": raw[:-1],
        "truncated mid UTF-8 sequence": raw[: raw.index("ä".encode()) + 1],
        "trailing garbage": raw + b"\n}}}",
        "two documents": raw + raw,
        "python repr": repr(good).encode(),
        "binary": bytes(range(256)) * 8,
        "utf-16": text.encode("utf-16"),
        "latin-1 text": text.encode("latin-1", errors="replace").replace(b"{", b"\xff{", 1),
        "single quotes": text.replace('"', "'").encode(),
        "profiles is a string": json.dumps(_with(good, ("profiles",), "kolme")).encode(),
        "profiles holds numbers": json.dumps(_with(good, ("profiles",), [1, 2])).encode(),
        "profile is a list": json.dumps(_with(good, ("profiles", 0), ["a"])).encode(),
        "name is a dict": json.dumps(_with(good, ("name",), {"fi": "x"})).encode(),
        "name is too long": json.dumps(_with(good, ("name",), "n" * (MAX_TEXT + 1))).encode(),
        "text is too long": json.dumps(
            _with(good, ("description", "short_description"), "x" * (MAX_TEXT + 1))).encode(),
        "too many items": json.dumps(
            _with(good, ("parking_lot",), [{"text": "p"}] * (MAX_ITEMS + 1))).encode(),
        "importance out of range": json.dumps(
            _with(good, ("profiles", 0, "jobs", 0, "importance"), 99)).encode(),
        "unknown enum value": json.dumps(
            _with(good, ("profiles", 0, "jobs", 0, "type"), "magical")).encode(),
        "emotion is text": json.dumps(
            _with(good, ("journeys", 0, "stages", 0, "emotion"), "happy")).encode(),
        "negative revision": json.dumps(_with(good, ("revision",), -1)).encode(),
        "bad date": json.dumps(_with(good, ("created_at",), "yesterday")).encode(),
        "NaN literal": text.replace('"revision": ', '"revision": NaN, "x": ', 1).encode(),
        "Infinity threshold": json.dumps(_with(
            good, ("competition", "category_threshold"), 1)).replace(
            '"category_threshold": 1', '"category_threshold": Infinity').encode(),
        "huge integer": ('{"name": "x", "revision": 1' + "0" * 5000 + "}").encode(),
        "schema version is text": json.dumps(_with(good, ("schema_version",), "1")).encode(),
        "schema version is true": json.dumps(_with(good, ("schema_version",), True)).encode(),
        "schema version is negative": json.dumps(_with(good, ("schema_version",), -3)).encode(),
        "schema version from the future": json.dumps(
            _with(good, ("schema_version",), SCHEMA_VERSION + 1)).encode(),
        "lone surrogate": json.dumps(_with(good, ("name",), "a\ud800b")).encode(),
        "nested just past the limit": (
            '{"name": "x", "notes": ' + deep_list + "}").encode(),
        "nested objects 100000 deep": (
            '{"name": "x", "notes": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}"
        ).encode(),
        "nested lists 1000000 deep": (
            '{"name": "x", "notes": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}").encode(),
        # Built only by the test that uses them: the limit is tens of megabytes.
        "oversized": lambda: b'{"name": "x", "notes": "' + b"a" * MAX_IMPORT_BYTES + b'"}',
        "oversized whitespace": lambda: b" " * (MAX_IMPORT_BYTES + 1),
    }
    return files


def bad_file(good: dict, name: str) -> bytes:
    raw = bad_files(good)[name]
    return raw() if callable(raw) else raw


BAD_NAMES = list(bad_files(json.loads(concept_to_json(cafe_concept()))))


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_file_is_refused_with_a_clear_message_and_nothing_stored(name, good, filled_store):
    raw = bad_file(good, name)
    before = snapshot(filled_store.data_dir)
    with pytest.raises(ImportProblem) as caught:
        import_into(filled_store, raw)
    message = str(caught.value)
    assert message.strip() and "Traceback" not in message
    assert len(message) < 2_000
    assert snapshot(filled_store.data_dir) == before
    assert len(filled_store.list()) == 2


@pytest.mark.parametrize("name", ["truncated at 50%", "foreign object", "huge integer",
                                  "nested lists 1000000 deep", "oversized", "text is too long"])
def test_bad_file_message_is_in_finnish_for_a_finnish_user(name, good):
    raw = bad_file(good, name)
    with pytest.raises(ImportProblem) as finnish:
        concept_from_json(raw, "fi")
    with pytest.raises(ImportProblem) as english:
        concept_from_json(raw, "en")
    assert str(finnish.value) != str(english.value)
    assert any(word in str(finnish.value) for word in ("Tiedosto", "tiedosto"))


def test_nesting_within_the_limit_in_an_ignored_field_still_imports(good, filled_store):
    data = dict(good)
    data["future_field"] = json.loads("[" * (MAX_NESTING - 3) + "]" * (MAX_NESTING - 3))
    imported = import_into(filled_store, json.dumps(data))
    assert imported.name == good["name"] and imported.id != good["id"]
    assert len(filled_store.list()) == 3


def test_a_good_file_with_a_bom_and_unknown_keys_imports(good, filled_store):
    data = dict(good, unknown_key={"anything": [1, 2]})
    raw = b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8")
    imported = import_into(filled_store, raw)
    assert imported.name == good["name"]


def test_a_refused_import_leaves_an_open_concept_saveable(good, filled_store):
    # The refused import must not disturb the store's state (locks, caches) for later saves.
    summary = filled_store.list()[0]
    opened = filled_store.load(summary.id)
    with pytest.raises(ImportProblem):
        import_into(filled_store, bad_files(good)["truncated at 50%"])
    opened.name = "Tallentuu yhä"
    filled_store.save(opened)
    assert filled_store.load(summary.id).name == "Tallentuu yhä"
