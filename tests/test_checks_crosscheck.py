"""Checks across the steps (X-01 … X-04): does the promise reach the customer's journey?"""

from concept.checks.crosscheck import findings, pod_visible
from concept.i18n import LANGUAGES
from concept.model import (
    CompetitiveAttribute,
    Concept,
    CustomerProfile,
    Gain,
    GainCreator,
    Journey,
    JourneyStage,
    Pain,
    PainReliever,
    Touchpoint,
)


def of(concept: Concept, check_id: str):
    return [f for f in findings(concept) if f.check_id == check_id]


def base() -> tuple[Concept, CustomerProfile, Touchpoint]:
    stage = JourneyStage(name="Käynti")
    touchpoint = Touchpoint(stage_id=stage.id, name="Tervetulotoivotus tiskillä")
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True,
                              pains=[Pain(text="Melu", severity=5),
                                     Pain(text="Pieni harmi", severity=2)],
                              gains=[Gain(text="Varattu paikka", relevance=5)])
    concept = Concept(name="Kulma", profiles=[profile],
                      journeys=[Journey(profile_id=profile.id, stages=[stage],
                                        touchpoints=[touchpoint])])
    return concept, profile, touchpoint


def test_x01_a_top_pain_without_a_reliever_is_a_gap():
    concept, _, _ = base()
    found = of(concept, "X-01")
    assert len(found) == 1
    assert found[0].severity == "gap" and found[0].params["pain"] == "Melu"
    assert found[0].message_key == "check.cross.pain_no_reliever"


def test_x01_a_reliever_in_no_touchpoint_is_still_a_gap():
    concept, profile, touchpoint = base()
    reliever = PainReliever(text="Hiljainen nurkkaus", pain_ids=[profile.pains[0].id])
    concept.value_proposition.pain_relievers = [reliever]
    assert [f.message_key for f in of(concept, "X-01")] == ["check.cross.reliever_no_touchpoint"]
    reliever.touchpoint_ids = [touchpoint.id]
    assert of(concept, "X-01") == []


def test_x01_a_reliever_only_in_a_touchpoint_to_be_removed_does_not_count():
    concept, profile, touchpoint = base()
    touchpoint.dev_status = "remove"
    concept.value_proposition.pain_relievers = [PainReliever(
        text="Nurkkaus", pain_ids=[profile.pains[0].id], touchpoint_ids=[touchpoint.id])]
    assert [f.message_key for f in of(concept, "X-01")] == ["check.cross.reliever_no_touchpoint"]


def test_x02_a_point_of_difference_that_no_touchpoint_shows():
    concept, profile, touchpoint = base()
    attribute = CompetitiveAttribute(name="Varattava paikka", classification_override="pod",
                                     linked_gain_ids=[profile.gains[0].id])
    concept.competition.attributes = [attribute]
    found = of(concept, "X-02")
    assert [f.params["attribute"] for f in found] == ["Varattava paikka"]
    assert found[0].step == "competition"
    concept.value_proposition.gain_creators = [GainCreator(
        text="Pöytävaraus", gain_ids=[profile.gains[0].id], touchpoint_ids=[touchpoint.id])]
    assert pod_visible(attribute, concept)
    assert of(concept, "X-02") == []


def test_x02_a_touchpoint_named_after_the_difference_makes_it_visible():
    concept, _, touchpoint = base()
    attribute = CompetitiveAttribute(name="Tervetulotoivotus", classification_override="pod")
    concept.competition.attributes = [attribute]
    assert of(concept, "X-02") == []


def test_x02_ignores_attributes_that_are_not_points_of_difference():
    concept, _, _ = base()
    concept.competition.attributes = [CompetitiveAttribute(name="Hyvä kahvi",
                                                           classification_override="neutral")]
    assert of(concept, "X-02") == []


def test_x03_a_profile_without_a_journey():
    concept, _, _ = base()
    concept.profiles.append(CustomerProfile(name="Lapsiperhe"))
    found = of(concept, "X-03")
    assert [(f.params["profile"], f.severity) for f in found] == [("Lapsiperhe", "info")]
    concept.journeys.clear()
    severities = {f.params["profile"]: f.severity for f in of(concept, "X-03")}
    assert severities == {"Etätyöläinen": "warn", "Lapsiperhe": "info"}


def test_x04_a_touchpoint_to_be_removed_that_carries_a_promise():
    concept, profile, touchpoint = base()
    concept.value_proposition.gain_creators = [GainCreator(
        text="Pöytävaraus", gain_ids=[profile.gains[0].id], touchpoint_ids=[touchpoint.id])]
    assert of(concept, "X-04") == []
    touchpoint.dev_status = "remove"
    found = of(concept, "X-04")
    assert [(f.params["touchpoint"], f.params["promise"]) for f in found] == [
        ("Tervetulotoivotus tiskillä", "Pöytävaraus")]


def test_an_empty_concept_has_no_cross_findings():
    assert findings(Concept()) == []


def test_the_cafe_sample_findings_have_texts_in_both_languages(cafe):
    found = findings(cafe)
    assert {f.check_id for f in found} >= {"X-01", "X-03"}
    for finding in found:
        for lang in LANGUAGES:
            text = finding.message(lang)
            assert text != finding.message_key and "{" not in text
