"""JSON export and import: migration, and clear messages for files that cannot be used."""

import io
import json
import tomllib
from datetime import date

import pytest

from concept.i18n import t
from concept.model import (
    MAX_ITEMS,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    SCHEMA_VERSION,
    Concept,
    ParkingLotItem,
)
from concept.transfer import (
    FULL_TEXTS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_MB,
    ImportProblem,
    as_named_import,
    concept_from_json,
    concept_to_json,
    import_name,
    migrate,
)
from tests.conftest import APP_DIR


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


# --- the import limit follows the model ------------------------------------------------------


def full_notes(count: int, unit: str) -> Concept:
    concept = Concept(name="Suuri")
    text = (unit * (MAX_TEXT // len(unit) + 1))[:MAX_TEXT]
    concept.parking_lot.extend(ParkingLotItem(text=text) for _ in range(count))
    return concept


def test_the_import_limit_holds_the_longest_texts_in_the_worst_json_encoding():
    assert MAX_IMPORT_BYTES == MAX_IMPORT_MB * 1024 * 1024
    assert MAX_IMPORT_BYTES >= FULL_TEXTS * MAX_TEXT * 6  # a control character is \u0000
    assert FULL_TEXTS >= 105


def test_a_concept_of_105_notes_of_100000_characters_imports_again():
    # 10.5 MB of export: refused as over 10 MB before the limit followed the model.
    concept = full_notes(105, "ä")
    raw = concept_to_json(concept).encode("utf-8")
    assert len(raw) > 10 * 1024 * 1024
    assert concept_from_json(raw) == concept


def test_the_worst_case_concept_of_control_characters_still_fits_the_limit():
    concept = full_notes(FULL_TEXTS, "\x00\x01")
    raw = concept_to_json(concept).encode("utf-8")
    assert len(raw) <= MAX_IMPORT_BYTES
    again = concept_from_json(io.BytesIO(raw))
    assert again.parking_lot[-1].text == concept.parking_lot[-1].text


class EndlessUpload(io.RawIOBase):
    """An upload that never ends: counts what the importer reads of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 1 << 20 if size is None or size < 0 else size
        self.read_bytes += size
        return b" " * size


def test_an_upload_is_read_in_chunks_and_refused_as_soon_as_it_passes_the_limit():
    upload = EndlessUpload()
    with pytest.raises(ImportProblem, match=f"larger than {MAX_IMPORT_MB} MB"):
        concept_from_json(upload)
    assert MAX_IMPORT_BYTES < upload.read_bytes <= MAX_IMPORT_BYTES + 2 * 1024 * 1024


def test_an_upload_stream_imports_like_its_bytes(cafe):
    assert concept_from_json(io.BytesIO(concept_to_json(cafe).encode())) == cafe


def test_streamlit_refuses_uploads_over_the_import_limit_and_shows_no_tracebacks():
    config = tomllib.loads((APP_DIR / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_IMPORT_MB
    assert config["client"]["showErrorDetails"] is False
    assert config["server"]["address"] == "127.0.0.1"


# --- duplicate ids ---------------------------------------------------------------------------


def _duplicated(data: dict, where: str) -> dict:
    if where == "journey stages":
        stages = data["journeys"][0]["stages"]
        stages[1]["id"] = stages[0]["id"]
    elif where == "competitors":
        competitors = data["competition"]["competitors"]
        competitors.append(dict(competitors[0], name="Kopio"))
    elif where == "a job and a pain":
        profile = data["profiles"][0]
        profile["pains"][0]["id"] = profile["jobs"][0]["id"]
    elif where == "purchase stages":
        stages = data["purchase_process"]["stages"]
        stages[1]["key"] = stages[0]["key"]
    elif where == "toolbox and parking lot":
        data["parking_lot"].append({"id": data["toolbox"]["stakeholders"][0]["id"], "text": "x"})
    return data


@pytest.mark.parametrize("where", ["journey stages", "competitors", "a job and a pain",
                                   "purchase stages", "toolbox and parking lot"])
def test_duplicate_ids_inside_a_concept_are_refused_with_a_clear_message(cafe, where):
    data = _duplicated(json.loads(concept_to_json(cafe)), where)
    for lang, words in (("en", "is already used by another part"),
                        ("fi", "on jo toisen osan käytössä")):
        with pytest.raises(ImportProblem) as caught:
            concept_from_json(json.dumps(data), lang)
        message = str(caught.value)
        assert words in message, message
        assert "—:" not in message  # names the place of the duplicate


def test_the_duplicate_message_names_both_places(cafe):
    data = _duplicated(json.loads(concept_to_json(cafe)), "journey stages")
    with pytest.raises(ImportProblem) as caught:
        concept_from_json(json.dumps(data), "fi")
    stage_id = data["journeys"][0]["stages"][0]["id"]
    assert f"tunniste ”{stage_id}”" in str(caught.value)
    assert str(caught.value).count("#1 ›") >= 2


def test_editing_is_not_slowed_or_stopped_by_the_id_check(cafe):
    # The check runs when a concept is read, not on each assignment while the user edits.
    cafe.name = "Uusi nimi"
    assert cafe.name == "Uusi nimi"


# --- pydantic's English never reaches the user -------------------------------------------------

PYDANTIC_ENGLISH = ("Input should", "String should", "List should", "Field required",
                    "Value error", "value is not", "should have at most", "Unable to parse")


@pytest.mark.parametrize("path, value", [
    (("profiles", 0, "jobs", 0, "importance"), 9),
    (("profiles", 0, "jobs", 0, "importance"), 0),
    (("profiles", 0, "jobs", 0, "type"), "magical"),
    (("profiles", 0, "jobs", 0, "text"), "x" * (MAX_TEXT + 1)),
    (("profiles", 0, "name"), {"fi": "x"}),
    (("profiles", 0, "is_primary"), "perhaps"),
    (("journeys", 0, "stages"), "kolme"),
    (("journeys", 0, "stages", 0), ["a"]),
    (("created_at",), "yesterday"),
    (("revision",), 1.5),
    (("parking_lot",), [{"text": "p"}] * (MAX_ITEMS + 1)),
])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_validation_problems_are_told_in_the_catalogs_words(cafe, path, value, lang):
    data = json.loads(concept_to_json(cafe))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(ImportProblem) as caught:
        concept_from_json(json.dumps(data), lang)
    message = str(caught.value)
    assert not [phrase for phrase in PYDANTIC_ENGLISH if phrase.lower() in message.lower()], message
    assert t("import.error.invalid", lang) in message


def test_a_missing_required_value_is_named_in_finnish(cafe):
    data = json.loads(concept_to_json(cafe))
    attribute = data["competition"]["attributes"][0]
    attribute["competitor_scores"] = [{"score": 3}]
    with pytest.raises(ImportProblem) as caught:
        concept_from_json(json.dumps(data), "fi")
    assert "arvo puuttuu" in str(caught.value)


# --- an imported concept whose name exists ---------------------------------------------------

DAY = date(2026, 11, 27)


def test_an_import_with_a_free_name_keeps_it(cafe):
    name = cafe.name
    concept, message = as_named_import(cafe, ["Toinen"], "fi", DAY)
    assert concept.name == name
    assert message == t("concepts.imported", "fi", name=concept.name)


@pytest.mark.parametrize("lang, expected, said", [
    ("fi", "Kulma (tuotu 27.11.2026)", "Konsepti ”Kulma” on jo olemassa"),
    ("en", "Kulma (imported 27/11/2026)", "A concept named “Kulma” exists already"),
])
def test_an_import_whose_name_exists_is_named_as_imported_and_says_so(lang, expected, said):
    concept, message = as_named_import(Concept(name="Kulma"), ["Kulma", "Muu"], lang, DAY)
    assert concept.name == expected
    assert said in message and expected in message


def test_a_second_import_the_same_day_gets_a_number_and_case_does_not_matter():
    taken = ["kulma", "Kulma (tuotu 27.11.2026)"]
    assert import_name("Kulma", taken, "fi", DAY) == "Kulma (tuotu 27.11.2026, 2)"
    assert import_name("Kulma", [*taken, "Kulma (tuotu 27.11.2026, 2)"], "fi", DAY) == (
        "Kulma (tuotu 27.11.2026, 3)")


def test_a_long_name_is_shortened_so_the_copy_name_stays_valid():
    name = "n" * MAX_SHORT_TEXT
    new_name = import_name(name, [name], "en", DAY)
    assert len(new_name) <= MAX_SHORT_TEXT and new_name.endswith("(imported 27/11/2026)")
    Concept(name=new_name)


def test_an_imported_concept_is_a_new_one(cafe):
    original_id = cafe.id
    concept, _ = as_named_import(cafe, [cafe.name], "en", DAY)
    assert concept.id != original_id and concept.revision == 0


def test_allowed_values_are_listed_without_pydantics_english(cafe):
    data = json.loads(concept_to_json(cafe))
    data["profiles"][0]["jobs"][0]["type"] = "magical"
    with pytest.raises(ImportProblem) as caught:
        concept_from_json(json.dumps(data), "fi")
    assert "sallituista: functional, social, emotional" in str(caught.value)
    assert " or " not in str(caught.value)


def test_an_oversized_upload_in_memory_is_refused_by_its_size(cafe):
    upload = io.BytesIO(b" " * (MAX_IMPORT_BYTES + 1))
    with pytest.raises(ImportProblem, match="larger than"):
        concept_from_json(upload)
