"""Promotion from the side tools into the steps: empathy notes → profile, stop item → exclusion."""

from concept.model import (
    Concept,
    CustomerProfile,
    EmpathyMap,
    Exclusion,
    Gain,
    Pain,
    StopItem,
)
from concept.promotion import (
    is_excluded,
    is_promoted,
    make_exclusion,
    promote_note,
    stops_not_excluded,
    unpromoted_notes,
)


def concept_with_map() -> tuple[Concept, CustomerProfile, EmpathyMap]:
    profile = CustomerProfile(name="Etätyöläinen", pains=[Pain(text="Melu")])
    empathy_map = EmpathyMap(profile_id=profile.id, pain_points=["Keskeytykset", "Melu"],
                             success_feelings=["Valmis raportti"])
    concept = Concept(name="Kulma", profiles=[profile])
    concept.toolbox.empathy_maps = [empathy_map]
    return concept, profile, empathy_map


def test_a_pain_point_becomes_a_pain_of_the_chosen_profile():
    concept, profile, empathy_map = concept_with_map()
    added = promote_note(concept, empathy_map, "pain", "Keskeytykset", profile.id)
    assert isinstance(added, Pain)
    assert [p.text for p in profile.pains] == ["Melu", "Keskeytykset"]
    assert is_promoted(empathy_map, "pain", "Keskeytykset")


def test_a_feeling_of_success_becomes_a_gain():
    concept, profile, empathy_map = concept_with_map()
    added = promote_note(concept, empathy_map, "gain", "Valmis raportti", profile.id)
    assert isinstance(added, Gain)
    assert [g.text for g in profile.gains] == ["Valmis raportti"]


def test_a_note_is_not_promoted_twice():
    concept, profile, empathy_map = concept_with_map()
    promote_note(concept, empathy_map, "pain", "Keskeytykset", profile.id)
    again = promote_note(concept, empathy_map, "pain", "Keskeytykset", profile.id)
    assert again is None
    assert [p.text for p in profile.pains].count("Keskeytykset") == 1
    assert empathy_map.promoted.count("pain:Keskeytykset") == 1


def test_a_note_the_profile_already_has_is_only_marked_as_moved():
    concept, profile, empathy_map = concept_with_map()
    assert promote_note(concept, empathy_map, "pain", "melu", profile.id) is None
    assert [p.text for p in profile.pains] == ["Melu"]
    assert is_promoted(empathy_map, "pain", "melu")


def test_promotion_into_a_missing_profile_changes_nothing():
    concept, profile, empathy_map = concept_with_map()
    assert promote_note(concept, empathy_map, "pain", "Keskeytykset", "no-such-id") is None
    assert empathy_map.promoted == []
    assert len(profile.pains) == 1


def test_unpromoted_notes_lists_pains_and_successes_still_waiting():
    concept, profile, empathy_map = concept_with_map()
    promote_note(concept, empathy_map, "pain", "Keskeytykset", profile.id)
    assert unpromoted_notes(empathy_map) == [("pain", "Melu"), ("gain", "Valmis raportti")]


def test_the_same_text_as_pain_and_as_gain_are_remembered_apart():
    concept, profile, empathy_map = concept_with_map()
    empathy_map.success_feelings = ["Melu"]
    promote_note(concept, empathy_map, "pain", "Melu", profile.id)
    assert not is_promoted(empathy_map, "gain", "Melu")


def test_a_stopped_item_becomes_an_exclusion_once():
    concept = Concept(name="Kulma")
    item = StopItem(text="Olutlista", reason="against_strategy")
    concept.stop_list = [item]
    assert stops_not_excluded(concept) == [item]
    exclusion = make_exclusion(concept, item)
    assert exclusion is not None and exclusion.from_stop_item_id == item.id
    assert make_exclusion(concept, item) is None
    assert [e.text for e in concept.description.exclusions] == ["Olutlista"]
    assert is_excluded(concept, item)
    assert stops_not_excluded(concept) == []


def test_an_exclusion_typed_by_hand_is_linked_not_repeated():
    concept = Concept(name="Kulma")
    item = StopItem(text="Olutlista")
    concept.stop_list = [item]
    concept.description.exclusions = [Exclusion(text="olutlista ")]
    assert is_excluded(concept, item)
    assert make_exclusion(concept, item) is None
    assert len(concept.description.exclusions) == 1
    assert concept.description.exclusions[0].from_stop_item_id == item.id


def test_reconsidered_items_are_not_offered_as_exclusions():
    concept = Concept(name="Kulma")
    concept.stop_list = [StopItem(text="Iltatapahtumat", status="reconsidered")]
    assert stops_not_excluded(concept) == []
