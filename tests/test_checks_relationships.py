"""Checks of the customer relationship (R-02, R-03, R-04, R-06, R-07)."""

from concept.checks import relationships
from concept.model import Concept, Journey, PersonInvolved, Relationship, Touchpoint


def ids(concept: Concept) -> list[str]:
    return [f.check_id for f in relationships.findings(concept)]


def with_touchpoints(*touchpoints: Touchpoint) -> Concept:
    concept = Concept(name="Testi")
    concept.journeys = [Journey(profile_id="p", touchpoints=list(touchpoints))]
    concept.relationship = Relationship(types=["personal"], closeness=3, duration="medium",
                                        rationale_for_value_proposition="Koska")
    return concept


def test_untouched_step_gives_no_advice():
    assert relationships.findings(Concept()) == []


def test_a_complete_relationship_gives_no_advice():
    assert relationships.findings(with_touchpoints()) == []


def test_all_digital_relationship_claiming_closeness_is_questioned():
    concept = with_touchpoints()
    concept.relationship.types = ["self_service", "automated"]
    concept.relationship.closeness = 4
    found = [f for f in relationships.findings(concept) if f.check_id == "R-02"]
    assert found[0].severity == "info" and found[0].params == {"closeness": 4}
    concept.relationship.closeness = 3
    assert "R-02" not in ids(concept)


def test_personal_service_beside_self_service_explains_closeness():
    concept = with_touchpoints()
    concept.relationship.types = ["personal", "self_service"]
    concept.relationship.closeness = 5
    assert "R-02" not in ids(concept)


def test_long_relationship_without_later_touchpoints_is_a_gap():
    concept = with_touchpoints(Touchpoint(name="Mainos", purchase_stage_keys=["need"]))
    concept.relationship.duration = "long"
    found = [f for f in relationships.findings(concept) if f.check_id == "R-03"]
    assert found and found[0].severity == "gap"


def test_a_post_purchase_touchpoint_answers_the_long_relationship():
    concept = with_touchpoints(Touchpoint(name="Kuukausiviesti", purchase_stage_keys=["post"]))
    concept.relationship.duration = "continuous"
    assert "R-03" not in ids(concept)


def test_a_touchpoint_in_a_later_horizon_answers_the_long_relationship():
    concept = with_touchpoints()
    year = concept.experience.horizons[2]
    concept.journeys[0].touchpoints = [Touchpoint(name="Vuosijuhla", horizon_ids=[year.id])]
    concept.relationship.duration = "long"
    assert "R-03" not in ids(concept)
    first = concept.experience.horizons[0]
    concept.journeys[0].touchpoints[0].horizon_ids = [first.id]
    assert "R-03" in ids(concept)


def test_important_person_in_no_touchpoint_warns_with_their_description():
    concept = with_touchpoints(Touchpoint(name="Lasku", involved_roles=["payer"]))
    concept.relationship.people = [
        PersonInvolved(role="decider", description="Toimitusjohtaja", influence=5),
        PersonInvolved(role="payer", description="Talous", influence=5),
        PersonInvolved(role="influencer", description="Kollega", influence=2),
        PersonInvolved(role="close_person", influence=1, needs_own_touchpoints=True),
    ]
    found = [f for f in relationships.findings(concept) if f.check_id == "R-04"]
    assert [f.params.get("person") for f in found] == ["Toimitusjohtaja", None]
    assert found[1].message_key == "relationships.check.r04_unnamed"
    assert all(f.severity == "warn" for f in found)


def test_missing_rationale_warns():
    concept = with_touchpoints()
    concept.relationship.rationale_for_value_proposition = "  "
    assert "R-06" in ids(concept)


def test_community_without_a_community_channel_is_noted():
    concept = with_touchpoints(Touchpoint(name="Verkkosivu", channel="web"))
    concept.relationship.types = ["community"]
    assert "R-07" in ids(concept)
    concept.journeys[0].touchpoints.append(Touchpoint(name="Ryhmä", channel="social"))
    assert "R-07" not in ids(concept)


def test_post_stage_falls_back_to_the_last_stage_when_post_was_removed():
    concept = with_touchpoints(Touchpoint(name="Seuranta", purchase_stage_keys=["decide"]))
    concept.purchase_process.stages = concept.purchase_process.stages[:4]
    assert relationships.post_stage_key(concept) == "decide"
    assert len(relationships.post_purchase_touchpoints(concept)) == 1


def test_cafe_sample_findings_have_messages_in_both_languages(cafe):
    for finding in relationships.findings(cafe):
        assert finding.message("fi") != finding.message("en")
