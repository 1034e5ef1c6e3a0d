"""Purchase-process analyses (methodology §4.3): weights, shares, balance and PP-01 … PP-06."""

import math

import pytest

from concept.checks.purchase import (
    balance_index,
    findings,
    stage_shares,
    stage_weights,
)
from concept.model import Concept, Journey, JourneyStage, PurchaseStage, Touchpoint


def concept_with_counts(counts: list[int]) -> Concept:
    """Five default stages with the given number of single-stage touchpoints in each."""
    concept = Concept(name="Ostoprosessi")
    stage = JourneyStage(name="Vaihe")
    journey = Journey(profile_id="p", stages=[stage])
    keys = [s.key for s in concept.purchase_process.stages]
    for key, count in zip(keys, counts, strict=True):
        for i in range(count):
            journey.touchpoints.append(Touchpoint(stage_id=stage.id, name=f"{key}{i}",
                                                  purchase_stage_keys=[key]))
    concept.journeys.append(journey)
    return concept


def ids(found, check_id):
    return [f for f in found if f.check_id == check_id]


def test_worked_example_of_the_methodology():
    concept = concept_with_counts([6, 3, 1, 0, 1])
    shares = stage_shares(concept)
    assert [round(p, 2) for p in shares.values()] == [0.55, 0.27, 0.09, 0.0, 0.09]
    assert balance_index(concept) == pytest.approx(69.65, abs=0.05)  # E ≈ 0.70
    found = findings(concept)
    gaps = ids(found, "PP-02")
    assert [f.stage_keys for f in gaps] == [("decide",)] and gaps[0].severity == "gap"
    assert [f.stage_keys for f in ids(found, "PP-03")] == [("need",)]
    breaks = ids(found, "PP-05")
    assert [f.stage_keys for f in breaks] == [("decide",)] and breaks[0].severity == "gap"
    assert ids(found, "PP-04")[0].params["index"] == 70
    assert [f.stage_keys for f in ids(found, "PP-06")] == [("post",)]
    assert "Purchase decision" in gaps[0].message("en")
    assert "Ostopäätös" in gaps[0].message("fi")


def test_a_touchpoint_in_k_stages_counts_one_kth_to_each():
    concept = concept_with_counts([0, 0, 0, 0, 0])
    concept.journeys[0].touchpoints.append(Touchpoint(purchase_stage_keys=["need", "search"]))
    concept.journeys.append(Journey(touchpoints=[
        Touchpoint(purchase_stage_keys=["need", "search", "post", "unknown"])]))
    weights = stage_weights(concept)
    assert weights["need"] == pytest.approx(0.5 + 1 / 3)
    assert weights["post"] == pytest.approx(1 / 3)
    assert weights["decide"] == 0
    assert sum(weights.values()) == pytest.approx(2)


def test_even_spread_is_fully_balanced_and_has_no_advice():
    concept = concept_with_counts([2, 2, 2, 2, 2])
    assert balance_index(concept) == pytest.approx(100)
    assert findings(concept) == []


def test_nothing_mapped_gives_no_index_and_only_the_unmapped_warning():
    concept = concept_with_counts([0, 0, 0, 0, 0])
    assert balance_index(concept) is None
    assert findings(concept) == []
    concept.journeys[0].touchpoints.append(Touchpoint(name="Esite"))
    found = findings(concept)
    assert [f.check_id for f in found] == ["PP-01"]
    assert "Esite" in found[0].message("en")


def test_overweighting_uses_two_over_s_when_there_are_few_stages():
    concept = concept_with_counts([0, 0, 0, 0, 0])
    concept.purchase_process.stages = [PurchaseStage(key="a", label="A"),
                                       PurchaseStage(key="b", label="B"),
                                       PurchaseStage(key="c", label="C")]
    # S = 3 → limit max(0.40, 0.67) = 0.67: a share of 0.6 is not over-weighted
    concept.journeys[0].touchpoints = (
        [Touchpoint(purchase_stage_keys=["a"]) for _ in range(3)]
        + [Touchpoint(purchase_stage_keys=["b"]), Touchpoint(purchase_stage_keys=["c"])])
    assert ids(findings(concept), "PP-03") == []
    concept.journeys[0].touchpoints.append(Touchpoint(purchase_stage_keys=["a"]))
    concept.journeys[0].touchpoints.append(Touchpoint(purchase_stage_keys=["a"]))
    heavy = ids(findings(concept), "PP-03")
    assert [f.stage_keys for f in heavy] == [("a",)]
    assert "A" in heavy[0].message("fi")  # the user's own label, in every language


def test_a_run_of_empty_stages_between_filled_ones_is_one_break():
    concept = concept_with_counts([1, 0, 0, 1, 1])
    breaks = ids(findings(concept), "PP-05")
    assert [f.stage_keys for f in breaks] == [("search", "evaluate")]
    assert "Information search, Evaluation of alternatives" in breaks[0].message("en")


def test_empty_stages_at_the_ends_are_gaps_but_not_breaks():
    concept = concept_with_counts([0, 2, 2, 2, 0])
    found = findings(concept)
    assert ids(found, "PP-05") == []
    assert sorted(f.stage_keys[0] for f in ids(found, "PP-02")) == ["need", "post"]
    assert ids(found, "PP-06")  # the empty last stage is also post-purchase neglect


def test_balance_index_is_normalised_shannon_evenness():
    concept = concept_with_counts([3, 1, 0, 0, 0])
    p = [0.75, 0.25]
    expected = -sum(x * math.log(x) for x in p) / math.log(5) * 100
    assert balance_index(concept) == pytest.approx(expected)


def test_every_finding_has_text_in_both_languages():
    concept = concept_with_counts([6, 3, 1, 0, 1])
    concept.journeys[0].touchpoints.append(Touchpoint(name="Esite"))
    for finding in findings(concept):
        for lang in ("fi", "en"):
            text = finding.message(lang)
            assert "{" not in text and not text.startswith("purchase.check")
