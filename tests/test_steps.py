"""The step registry: what each step still needs for its tick, and whether it is started."""

from concept import steps
from concept.model import (
    Concept,
    CustomerProfile,
    Gain,
    Job,
    Journey,
    JourneyStage,
    Pain,
    Touchpoint,
)


def test_a_journey_with_stages_and_touchpoints_says_it_lacks_the_entry_point():
    # Five stages and five touchpoints stay unticked without an entry point (issue 11, point 6).
    stages = [JourneyStage(name=f"Vaihe {i}") for i in range(5)]
    journey = Journey(stages=stages,
                      touchpoints=[Touchpoint(name=f"K{i}", stage_id=s.id)
                                   for i, s in enumerate(stages)])
    concept = Concept(name="Testi", journeys=[journey])
    assert steps.missing_parts(concept, "journey") == [("missing.journey.entry_point", {})]
    assert steps.missing_text(concept, "journey", "en") == (
        "To complete this step: where the customer is reached.")
    assert steps.missing_text(concept, "journey", "fi") == (
        "Jotta vaihe on valmis, tarvitaan vielä: mistä asiakas tavoitetaan.")
    journey.entry_point = "Instagram"
    assert steps.missing_text(concept, "journey", "fi") == ""
    assert "journey" in steps.completed_keys(concept)


def test_missing_parts_name_what_each_tick_waits_for():
    concept = Concept(name="Testi")
    assert steps.missing_list(concept, "relationships", "en") == (
        "relationship type, closeness, duration")
    assert steps.missing_list(concept, "value", "en") == (
        "key promise, what the concept does not include, short concept description")
    assert steps.missing_text(concept, "experience", "fi").endswith("(nyt 0).")
    assert steps.missing_text(concept, "description", "en") == ""  # not counted


def test_the_closest_profile_tells_what_is_missing():
    full = CustomerProfile(name="Etätyöläinen", jobs=[Job(text="a")], pains=[Pain(text="b")])
    empty = CustomerProfile()
    concept = Concept(name="Testi", profiles=[empty, full])
    assert steps.missing_parts(concept, "profiles") == [("missing.profiles.gains", {})]
    full.gains = [Gain(text="c")]
    assert steps.missing_parts(concept, "profiles") == []


def test_every_missing_part_has_a_text_in_both_languages():
    from concept.i18n import has

    concept = Concept(name="")
    for step in steps.STEPS:
        for key, _ in steps.missing_parts(concept, step.key):
            assert has(key, "fi") and has(key, "en"), key


def test_an_empty_concept_has_every_counted_step_not_started():
    concept = Concept(name="Testi")
    assert steps.not_started_keys(concept) == [
        "start", "profiles", "journey", "purchase", "experience", "relationships",
        "competition", "value"]
    concept.relationship.duration = "long"
    assert steps.is_started(concept, "relationships")
    assert "relationships" not in steps.not_started_keys(concept)
