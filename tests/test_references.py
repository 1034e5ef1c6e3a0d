"""Deleting profiles, stages, touchpoints and profile items cleans every link to them."""

from concept.model import Concept, EverydayLife, Journey, JourneyStage, PurchaseStage, Touchpoint
from concept.references import (
    forget_profile_items,
    move_item,
    profile_item_references,
    profile_references,
    purchase_stage_references,
    remove_competitor_scores,
    remove_profile,
    remove_purchase_stage,
    remove_stage,
    remove_touchpoint,
    replace_stage_touchpoints,
    restore_linked_touchpoints,
    set_competitor_score,
    set_primary,
    stage_references,
    touchpoint_references,
)


def all_linked_ids(concept: Concept) -> set[str]:
    vp = concept.value_proposition
    ids: set[str] = set()
    for product in vp.products_services:
        ids |= set(product.job_ids)
    for part in [*vp.pain_relievers, *vp.gain_creators]:
        ids |= set(getattr(part, "pain_ids", [])) | set(getattr(part, "gain_ids", []))
        ids |= set(part.touchpoint_ids)
    for attribute in concept.competition.attributes:
        ids |= set(attribute.linked_job_ids + attribute.linked_pain_ids
                   + attribute.linked_gain_ids)
    return ids


def test_profile_references_name_every_step_that_uses_it(cafe):
    remote = cafe.profiles[0]
    refs = profile_references(cafe, remote.id)
    assert refs == {"journeys": 1, "touchpoints": 5, "value_links": 4,
                    "competition_links": 1, "empathy_maps": 1, "everyday_life": 0}
    family = cafe.profiles[1]
    assert not any(profile_references(cafe, family.id).values())


def test_an_untouched_journey_does_not_make_a_profile_referenced(cafe):
    family = cafe.profiles[1]
    cafe.ensure_journey(family.id)
    assert not any(profile_references(cafe, family.id).values())


def test_removing_a_profile_removes_its_journey_and_every_link(cafe):
    remote = cafe.profiles[0]
    gone = {i.id for i in [*remote.jobs, *remote.pains, *remote.gains]}
    gone |= {tp.id for tp in cafe.journeys[0].touchpoints}
    cafe.toolbox.everyday_life.append(EverydayLife(profile_id=remote.id, habits=["Aamukahvi"]))
    assert remove_profile(cafe, remote.id)
    assert [p.name for p in cafe.profiles] == ["Lapsiperheen vanhempi"]
    assert cafe.journeys == []
    assert not (all_linked_ids(cafe) & gone)
    assert cafe.value_proposition.profile_id == ""
    assert cafe.toolbox.empathy_maps[0].profile_id == ""
    assert cafe.toolbox.empathy_maps[0].experiences == ["Yksinäisyys kotona"]  # content kept
    assert cafe.toolbox.everyday_life[0].habits == ["Aamukahvi"]
    assert cafe.profiles[0].is_primary  # the primary one went: the next one takes over
    assert not remove_profile(cafe, "missing")


def test_set_primary_leaves_exactly_one(cafe):
    set_primary(cafe, cafe.profiles[1].id)
    assert [p.is_primary for p in cafe.profiles] == [False, True]


def test_forgetting_removed_pains_gains_and_jobs_cleans_value_and_competition_links(cafe):
    remote = cafe.profiles[0]
    pain, gain, job = remote.pains[0], remote.gains[0], remote.jobs[0]
    assert profile_item_references(cafe, gain.id) == 2  # gain creator + attribute
    remote.pains = remote.pains[1:]
    remote.gains = remote.gains[1:]
    remote.jobs = remote.jobs[1:]
    forget_profile_items(cafe, [pain.id, gain.id, job.id])
    assert not (all_linked_ids(cafe) & {pain.id, gain.id, job.id})
    assert profile_item_references(cafe, gain.id) == 0


def test_deleting_a_competitor_cleans_its_scores(cafe):
    chain = cafe.competition.competitors[0]
    assert any(a.score_for(chain.id) for a in cafe.competition.attributes)
    cafe.competition.competitors = cafe.competition.competitors[1:]
    remove_competitor_scores(cafe.competition, [chain.id])
    assert all(a.score_for(chain.id) is None for a in cafe.competition.attributes)
    assert cafe.competition.attributes[1].competitor_scores[0].score == 2


def test_a_competitor_score_is_set_in_place_cleared_and_refused_when_invalid(cafe):
    attribute = cafe.competition.attributes[0]
    order = [s.competitor_id for s in attribute.competitor_scores]
    first = order[0]
    assert set_competitor_score(attribute, first, "4")
    assert [s.competitor_id for s in attribute.competitor_scores] == order  # kept its place
    assert attribute.score_for(first) == 4
    assert not set_competitor_score(attribute, first, 9)  # outside 1-5
    assert not set_competitor_score(attribute, first, "many")
    assert attribute.score_for(first) == 4
    assert set_competitor_score(attribute, first, None)
    assert attribute.score_for(first) is None


def test_removing_a_touchpoint_cleans_the_value_proposition(cafe):
    touchpoint = cafe.journeys[0].touchpoints[2]
    assert touchpoint_references(cafe, touchpoint.id) == 1
    assert remove_touchpoint(cafe, touchpoint.id)
    assert touchpoint not in cafe.journeys[0].touchpoints
    assert cafe.value_proposition.pain_relievers[0].touchpoint_ids == []
    assert cafe.value_proposition.gain_creators[0].touchpoint_ids  # other links untouched
    assert not remove_touchpoint(cafe, touchpoint.id)


def test_removing_a_stage_deletes_its_touchpoints_and_their_links(cafe):
    journey = cafe.journeys[0]
    stage = journey.stages[2]
    assert stage_references(cafe, stage.id) == {"touchpoints": 1, "links": 1}
    assert remove_stage(cafe, stage.id)
    assert stage not in journey.stages
    assert all(tp.stage_id != stage.id for tp in journey.touchpoints)
    assert len(journey.touchpoints) == 4
    assert cafe.value_proposition.pain_relievers[0].touchpoint_ids == []


def test_removing_a_stage_can_move_its_touchpoints_to_another_stage(cafe):
    journey = cafe.journeys[0]
    stage, target = journey.stages[2], journey.stages[1]
    moved = [tp for tp in journey.touchpoints if tp.stage_id == stage.id]
    assert remove_stage(cafe, stage.id, move_touchpoints_to=target.id)
    assert all(tp.stage_id == target.id for tp in moved)
    assert len(journey.touchpoints) == 5
    assert cafe.value_proposition.pain_relievers[0].touchpoint_ids == [moved[0].id]


def test_replacing_a_stages_touchpoints_keeps_stage_order_and_moves_changed_rows():
    first, second = JourneyStage(name="1"), JourneyStage(name="2")
    a = Touchpoint(stage_id=first.id, name="a")
    b = Touchpoint(stage_id=second.id, name="b")
    journey = Journey(stages=[first, second], touchpoints=[a, b])
    c = Touchpoint(name="c")  # a new row typed into the second stage's table
    replace_stage_touchpoints(journey, second.id, [b, c])
    assert [tp.name for tp in journey.touchpoints] == ["a", "b", "c"]
    assert c.stage_id == second.id
    b.stage_id = first.id  # moved in the editor's stage column
    replace_stage_touchpoints(journey, second.id, [b, c])
    assert [tp.name for tp in journey.touchpoints] == ["a", "b", "c"]
    assert [tp.name for tp in journey.touchpoints if tp.stage_id == first.id] == ["a", "b"]


def test_removing_a_purchase_stage_unmaps_it_from_touchpoints():
    concept = Concept()
    concept.purchase_process.stages.append(PurchaseStage(key="extra", label="Lisä"))
    concept.journeys.append(Journey(touchpoints=[
        Touchpoint(purchase_stage_keys=["need", "extra"]), Touchpoint(purchase_stage_keys=[])]))
    assert purchase_stage_references(concept, "extra") == 1
    assert remove_purchase_stage(concept, "extra")
    assert [s.key for s in concept.purchase_process.stages][-1] == "post"
    assert concept.all_touchpoints()[0].purchase_stage_keys == ["need"]
    assert not remove_purchase_stage(concept, "extra")


def test_move_item_moves_and_clamps_at_the_ends():
    assert move_item(["a", "b", "c"], 0, 1) == ["b", "a", "c"]
    assert move_item(["a", "b", "c"], 2, -1) == ["a", "c", "b"]
    assert move_item(["a", "b", "c"], 0, -1) == ["a", "b", "c"]
    assert move_item(["a", "b", "c"], 2, 1) == ["a", "b", "c"]


def test_linked_touchpoints_deleted_in_a_table_come_back_in_place_until_confirmed(cafe):
    journey = cafe.journeys[0]
    order = [tp.id for tp in journey.touchpoints]
    linked, unlinked = journey.touchpoints[2], journey.touchpoints[0]
    journey.touchpoints = [tp for tp in journey.touchpoints if tp not in (linked, unlinked)]
    back = restore_linked_touchpoints(cafe, journey, order, [unlinked, linked])
    assert back == [linked]
    assert [tp.id for tp in journey.touchpoints] == [i for i in order if i != unlinked.id]
