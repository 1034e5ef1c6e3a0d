"""Current and target journeys: the target starts as a linked copy; they pair up side by side."""

from __future__ import annotations

from concept.journeys import side_by_side, start_target_from_current
from concept.model import Concept, CustomerProfile, Journey, JourneyStage, Touchpoint


def _concept() -> Concept:
    profile = CustomerProfile(name="Kiireinen")
    stages = [JourneyStage(name="Jonotus", emotion=-2), JourneyStage(name="Maksu", emotion=-1)]
    current = Journey(profile_id=profile.id, kind="current", entry_point="Asema",
                      stages=stages, touchpoints=[Touchpoint(stage_id=stages[0].id,
                                                             name="Kassa", quote_ids=["q1"])])
    return Concept(profiles=[profile], journeys=[current])


def test_target_starts_as_a_linked_copy_of_the_current() -> None:
    concept = _concept()
    profile_id = concept.profiles[0].id
    concept.ensure_journey(profile_id)  # opened once on the page: empty, may be replaced
    target = start_target_from_current(concept, profile_id)
    current = concept.journey_for(profile_id, "current")
    assert target is concept.journey_for(profile_id) and len(concept.journeys) == 2
    assert target.kind == "target" and target.based_on_id == current.id
    assert [s.source_id for s in target.stages] == [s.id for s in current.stages]
    assert {s.id for s in target.stages}.isdisjoint({s.id for s in current.stages})
    touchpoint = target.touchpoints[0]
    assert touchpoint.source_id == current.touchpoints[0].id
    assert touchpoint.stage_id == target.stages[0].id and touchpoint.quote_ids == ["q1"]
    Concept.model_validate(concept.model_dump())  # no id used twice


def test_a_target_with_content_is_never_overwritten() -> None:
    concept = _concept()
    profile_id = concept.profiles[0].id
    concept.ensure_journey(profile_id).stages = [JourneyStage(name="Oma")]
    assert start_target_from_current(concept, profile_id) is None
    assert concept.journey_for(profile_id).stages[0].name == "Oma"


def test_side_by_side_pairs_stages_by_their_links() -> None:
    concept = _concept()
    profile_id = concept.profiles[0].id
    target = start_target_from_current(concept, profile_id)
    target.stages[1].emotion = 2
    target.stages.append(JourneyStage(name="Uusi: kanta-asiakas"))
    pairs = side_by_side(concept.journey_for(profile_id, "current"), target)
    assert [(p.current.name if p.current else None, p.target.name if p.target else None)
            for p in pairs] == [("Jonotus", "Jonotus"), ("Maksu", "Maksu"),
                                (None, "Uusi: kanta-asiakas")]
    assert (pairs[1].current.emotion, pairs[1].target.emotion) == (-1, 2)


def test_checks_and_touchpoint_counts_look_at_target_journeys_only() -> None:
    from concept.checks.journey import findings

    concept = _concept()
    assert concept.all_touchpoints() == []
    assert not [f for f in findings(concept) if f.check_id != "J-07"]


def test_document_shows_the_current_journey_beside_the_target() -> None:
    from concept.document import build_document

    concept = _concept()
    target = start_target_from_current(concept, concept.profiles[0].id)
    target.stages[0].emotion = 1
    section = build_document(concept, "fi").section("journey")
    headings = [b.text for b in section.blocks if hasattr(b, "level")]
    assert "Nykyinen asiakaspolku: Kiireinen" in headings
    assert "Nykyinen ja tavoiteltava asiakaspolku: Kiireinen" in headings
    compare = [b for b in section.blocks if hasattr(b, "rows")][-1]
    assert compare.headers[0] == "Nykyinen asiakaspolku"
    assert compare.rows[0][0] == compare.rows[0][2] == "Jonotus"
    assert compare.rows[0][1] != compare.rows[0][3]
