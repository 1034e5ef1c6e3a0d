"""JSON export and import: migration, and clear messages for files that cannot be used."""

import json

import pytest

from concept.model import SCHEMA_VERSION
from concept.transfer import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    concept_from_json,
    concept_to_json,
    migrate,
)


def test_export_then_import_gives_the_same_concept(cafe):
    assert concept_from_json(concept_to_json(cafe)) == cafe


def test_file_without_schema_version_is_migrated(cafe):
    data = json.loads(concept_to_json(cafe))
    del data["schema_version"]
    concept = concept_from_json(json.dumps(data))
    assert concept.schema_version == SCHEMA_VERSION
    assert concept.name == cafe.name


def test_migrate_leaves_current_version_alone():
    assert migrate({"schema_version": SCHEMA_VERSION, "name": "x"}) == {
        "schema_version": SCHEMA_VERSION, "name": "x"}


def test_newer_schema_is_refused_with_advice(cafe):
    data = json.loads(concept_to_json(cafe))
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ImportProblem, match="newer version"):
        concept_from_json(json.dumps(data))


@pytest.mark.parametrize("raw, message", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2, 3]", "not a Konseptikone concept"),
    (b'{"hello": "world"}', "not a Konseptikone concept"),
    (b"\xff\xfe\x00garbage", "not a text file"),
    (b'{"name": "x", "profiles": "nope"}', "not valid"),
    (b'{"name": "x", "schema_version": "one"}', "not a valid number"),
])
def test_bad_files_get_a_clear_message(raw, message):
    with pytest.raises(ImportProblem, match=message):
        concept_from_json(raw)


def test_truncated_export_is_refused(cafe):
    text = concept_to_json(cafe)
    with pytest.raises(ImportProblem, match="line"):
        concept_from_json(text[: len(text) // 2])


def test_deeply_nested_file_is_refused():
    nested = '{"name": "x", "notes": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(ImportProblem, match="nested"):
        concept_from_json(nested)


def test_oversized_file_is_refused():
    with pytest.raises(ImportProblem, match="larger than"):
        concept_from_json(b" " * (MAX_IMPORT_BYTES + 1))


def test_validation_message_names_the_field_in_words(cafe):
    data = json.loads(concept_to_json(cafe))
    data["profiles"][0]["jobs"][0]["importance"] = 9
    with pytest.raises(ImportProblem) as caught:
        concept_from_json(json.dumps(data), lang="fi")
    text = str(caught.value)
    assert "Asiakasprofiilit › #1 › Tehtävät › #1 › Tärkeys" in text


def test_version_1_stop_reasons_preselected_as_off_topic_become_unchosen():
    from concept.transfer import concept_from_json

    data = {"schema_version": 1, "name": "Kulma", "stop_list": [
        {"text": "Olutlista", "reason": "off_topic"},
        {"text": "Iltabingo", "reason": "against_strategy"},
        {"text": "Karaoke"}]}
    concept = concept_from_json(json.dumps(data).encode(), "fi")
    assert [i.reason for i in concept.stop_list] == [None, "against_strategy", None]
    assert concept.schema_version == SCHEMA_VERSION


def test_a_chosen_off_topic_reason_survives_a_round_trip():
    from concept.model import Concept, StopItem
    from concept.transfer import concept_from_json, concept_to_json

    concept = Concept(name="Kulma", stop_list=[StopItem(text="Olutlista", reason="off_topic")])
    again = concept_from_json(concept_to_json(concept).encode(), "fi")
    assert again.stop_list[0].reason == "off_topic"
