"""The concept model: JSON round trip, defaults, duplication and limits."""

import pytest
from pydantic import ValidationError

from concept.model import SCHEMA_VERSION, Concept, CustomerProfile, Job, duplicate


def test_json_round_trip_keeps_every_field(cafe):
    again = Concept.model_validate_json(cafe.model_dump_json())
    assert again == cafe
    assert again.profiles[0].jobs[0].text == cafe.profiles[0].jobs[0].text


def test_large_concept_round_trips(large):
    assert Concept.model_validate_json(large.model_dump_json()) == large


def test_new_concept_has_default_purchase_stages_and_horizons():
    concept = Concept(name="x")
    assert [s.key for s in concept.purchase_process.stages] == [
        "need", "search", "evaluate", "decide", "post"]
    assert [h.key for h in concept.experience.horizons] == [
        "first_moments", "first_month", "first_year", "long_term"]
    assert concept.schema_version == SCHEMA_VERSION


def test_scale_outside_one_to_five_is_refused():
    with pytest.raises(ValidationError):
        Job(text="x", importance=6)
    job = Job(text="x")
    with pytest.raises(ValidationError):
        job.importance = 0  # assignment is validated too, so a widget cannot store bad values


def test_duplicate_gets_new_id_and_keeps_inner_links(cafe):
    copy = duplicate(cafe, "Kopio")
    assert copy.id != cafe.id and copy.name == "Kopio" and copy.revision == 0
    assert copy.journeys[0].profile_id == copy.profiles[0].id
    copy.profiles[0].name = "muutettu"
    assert cafe.profiles[0].name != "muutettu"  # a deep copy


def test_lookups(cafe):
    primary = cafe.primary_profile()
    assert primary is not None and primary.is_primary
    assert cafe.journey_for(primary.id) is cafe.journeys[0]
    assert len(cafe.all_touchpoints()) == 5
    other = CustomerProfile(name="uusi")
    cafe.profiles.append(other)
    assert cafe.ensure_journey(other.id).profile_id == other.id


def test_concept_name_longer_than_300_characters_is_refused():
    with pytest.raises(ValidationError):
        Concept(name="n" * 301)
    assert Concept(name="n" * 300).name == "n" * 300
