"""Check again (methodology X-09, R-08): the rule is one function of the model."""

from datetime import UTC, datetime

from concept.model import (
    Concept,
    CustomerProfile,
    Journey,
    JourneyStage,
    Pain,
    PainReliever,
    Touchpoint,
)
from concept.recheck import confirm_review, fingerprint, note_baselines, stale_steps
from concept.transfer import concept_from_json, concept_to_json


def written() -> Concept:
    """Profiles, a journey with a touchpoint mapped to a purchase stage, a value proposition."""
    pain = Pain(text="Melu", severity=5)
    profile = CustomerProfile(name="Etätyöläinen", pains=[pain])
    stage = JourneyStage(name="Käy")
    journey = Journey(profile_id=profile.id, stages=[stage], touchpoints=[
        Touchpoint(stage_id=stage.id, name="Tiski", purchase_stage_keys=["decide"])])
    concept = Concept(name="Kulma", profiles=[profile], journeys=[journey])
    concept.value_proposition.pain_relievers = [PainReliever(text="Hiljainen huone",
                                                             pain_ids=[pain.id])]
    concept.relationship.types = ["personal"]
    return concept


def test_nothing_is_stale_until_an_earlier_step_changes():
    concept = written()
    assert stale_steps(concept) == {}  # no reviews yet: nothing to compare with
    noted = note_baselines(concept, datetime(2026, 1, 1, tzinfo=UTC))
    assert noted == ["journey", "purchase", "relationships", "value"]  # the ones with content
    assert concept.reviews["value"].reviewed_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert stale_steps(concept) == {}
    assert note_baselines(concept) == []  # a review is never overwritten by a baseline


def test_a_pain_changed_after_the_value_proposition_asks_to_check_it_again():
    concept = written()
    note_baselines(concept)
    concept.profiles[0].pains[0].text = "Melu ja veto"
    assert stale_steps(concept) == {"journey": ["profiles"], "value": ["profiles"]}
    confirm_review(concept, "value")
    assert stale_steps(concept) == {"journey": ["profiles"]}


def test_undoing_the_change_clears_it():
    concept = written()
    note_baselines(concept)
    concept.profiles[0].pains[0].text = "Melu ja veto"
    concept.profiles[0].pains[0].text = "Melu"
    assert stale_steps(concept) == {}


def test_the_journey_changed_after_the_purchase_mapping():
    concept = written()
    note_baselines(concept)
    concept.journeys[0].touchpoints[0].name = "Tiski ja kassa"
    assert stale_steps(concept) == {"purchase": ["journey"], "relationships": ["journey"],
                                    "value": ["journey"]}


def test_links_set_by_later_steps_do_not_make_the_journey_change():
    concept = written()
    note_baselines(concept)
    touchpoint = concept.journeys[0].touchpoints[0]
    touchpoint.purchase_stage_keys = ["post"]
    touchpoint.horizon_ids = ["h1"]
    touchpoint.involved_roles = ["payer"]
    concept.journeys.append(Journey(profile_id="other"))  # an empty journey is no change
    assert stale_steps(concept) == {}


def test_an_edited_value_proposition_asks_the_relationship_to_be_checked_r08():
    concept = written()
    note_baselines(concept)
    concept.value_proposition.key_promise = "Rauha keskellä kaupunkia"
    assert stale_steps(concept) == {"relationships": ["value"]}


def test_reviews_survive_saving_and_loading():
    concept = written()
    note_baselines(concept)
    concept.profiles[0].pains[0].text = "Veto"
    loaded = concept_from_json(concept_to_json(concept))
    assert stale_steps(loaded) == stale_steps(concept) != {}
    assert fingerprint(loaded, "profiles") == fingerprint(concept, "profiles")
