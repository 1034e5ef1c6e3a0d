"""Customer-journey checks (methodology §4.2): J-01 … J-04, J-06, J-07, J-11, emotion curve."""

from concept.checks.journey import change_ratio, change_summary, emotion_curve, findings
from concept.model import Concept, CustomerProfile, Journey, JourneyStage, Touchpoint


def good_concept() -> Concept:
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True)
    stages = [JourneyStage(name=n, emotion=e) for n, e in (("Kuulee", 0), ("Käy", 1),
                                                            ("Palaa", 2))]
    touchpoints = [Touchpoint(stage_id=s.id, name=f"tp {s.name}", channel="web",
                              dev_status="develop", is_moment_of_truth=i == 1)
                   for i, s in enumerate(stages)]
    journey = Journey(profile_id=profile.id, entry_point="Facebook", stages=stages,
                      touchpoints=touchpoints)
    return Concept(profiles=[profile], journeys=[journey])


def widened(concept: Concept) -> Concept:
    """The journey drawn wider than the concept (J-05): a stage beyond it at each end, where
    someone else meets the customer."""
    journey = concept.journeys[0]
    before = JourneyStage(name="Etsii", emotion=0, is_beyond_concept=True)
    after = JourneyStage(name="Suosittelee", emotion=2, is_beyond_concept=True)
    journey.stages = [before, *journey.stages, after]
    journey.touchpoints += [Touchpoint(stage_id=stage.id, name=f"tp {stage.name}", channel="web",
                                       owner="external", dev_status="develop")
                            for stage in (before, after)]
    return concept


def check_ids(concept):
    return sorted(f.check_id for f in findings(concept))


def test_a_complete_journey_has_no_advice():
    assert findings(widened(good_concept())) == []


def test_empty_entry_point_is_a_gap_naming_the_profile():
    concept = widened(good_concept())
    concept.journeys[0].entry_point = "  "
    found = findings(concept)
    assert [(f.check_id, f.severity) for f in found] == [("J-01", "gap")]
    assert "Etätyöläinen" in found[0].message("fi")


def test_stage_count_outside_three_to_ten_is_warned():
    concept = good_concept()
    journey = concept.journeys[0]
    journey.stages = journey.stages[:2]
    journey.touchpoints = journey.touchpoints[:2]
    assert "J-02" in check_ids(concept)
    journey.stages = [JourneyStage(name=str(i)) for i in range(11)]
    assert "J-02" in check_ids(concept)


def test_stage_without_touchpoints_and_touchpoint_without_channel():
    concept = good_concept()
    journey = concept.journeys[0]
    journey.touchpoints[2].stage_id = journey.stages[1].id
    journey.touchpoints[0].channel = None
    found = {f.check_id: f for f in findings(concept)}
    assert "Palaa" in found["J-03"].message("en")
    assert "tp Kuulee" in found["J-04"].message("en")


def test_painful_stage_with_no_touchpoint_being_developed_is_a_hotspot():
    concept = good_concept()
    journey = concept.journeys[0]
    journey.stages[1].emotion = -1
    journey.touchpoints[1].dev_status = "keep"
    hotspot = [f for f in findings(concept) if f.check_id == "J-06"]
    assert hotspot[0].severity == "gap" and "Käy" in hotspot[0].message("en")
    journey.touchpoints[1].dev_status = "new"
    assert "J-06" not in check_ids(concept)
    journey.stages[0].failures = ["Ei löydä tietoa"]
    journey.touchpoints[0].dev_status = "remove"
    assert "J-06" in check_ids(concept)


def test_change_summary_counts_every_journey_and_nothing_changing_is_warned():
    concept = good_concept()
    concept.journeys.append(Journey(touchpoints=[Touchpoint(dev_status="remove"),
                                                 Touchpoint(dev_status="new")]))
    assert change_summary(concept) == {"keep": 0, "develop": 3, "new": 1, "remove": 1}
    assert change_ratio(concept) == 1
    for touchpoint in concept.all_touchpoints():
        touchpoint.dev_status = "keep"
    assert change_ratio(concept) == 0
    assert "J-07" in check_ids(concept)
    assert change_ratio(Concept()) is None


def test_no_moment_of_truth_is_info():
    concept = good_concept()
    concept.journeys[0].touchpoints[1].is_moment_of_truth = False
    found = [f for f in findings(concept) if f.check_id == "J-11"]
    assert found[0].severity == "info"


def test_emotion_curve_follows_the_stage_order_and_keeps_unset_values():
    journey = good_concept().journeys[0]
    journey.stages[1].emotion = None
    assert emotion_curve(journey) == [("Kuulee", 0), ("Käy", None), ("Palaa", 2)]
