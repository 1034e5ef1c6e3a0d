"""The Keller classification of attributes (every branch) and the checks C-01..C-08."""

import pytest

from concept.checks import competition
from concept.model import (
    CompetitiveAnalysis,
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
)


def analysis_with(*competitor_scores: int | None, threshold: int = 3
                  ) -> tuple[CompetitiveAnalysis, list[Competitor]]:
    competitors = [Competitor(name=f"K{i}", strengths=["a"], weaknesses=["b"])
                   for i in range(len(competitor_scores))]
    return CompetitiveAnalysis(competitors=competitors, category_threshold=threshold), competitors


def attribute(analysis: CompetitiveAnalysis, scores: tuple[int | None, ...], *, importance: int,
              ours: int, linked: bool = True, deliverability: int = 3, **extra
              ) -> CompetitiveAttribute:
    attr = CompetitiveAttribute(
        name="Ominaisuus", customer_importance=importance, our_score=ours,
        deliverability=deliverability, linked_gain_ids=["g1"] if linked else [],
        competitor_scores=[CompetitorScore(competitor_id=c.id, score=s)
                           for c, s in zip(analysis.competitors, scores, strict=True)
                           if s is not None], **extra)
    analysis.attributes.append(attr)
    return attr


def classify(scores: tuple[int | None, ...], **kwargs) -> str:
    analysis, _ = analysis_with(*scores)
    return competition.suggested_class(attribute(analysis, scores, **kwargs), analysis)


def test_category_norm_is_a_point_of_parity():
    # median(C) = 4 >= threshold 3 with importance 3: you must have it to play.
    assert classify((4, 4, 3), importance=3, ours=5) == "pop_category"


def test_category_rule_comes_before_the_difference_rule():
    assert classify((3, 3), importance=5, ours=5) == "pop_category"


def test_clear_lead_on_an_important_desirable_deliverable_attribute_is_a_point_of_difference():
    assert classify((2, 1), importance=4, ours=4) == "pod"


@pytest.mark.parametrize("kwargs", [
    {"importance": 3, "ours": 5},  # not important enough
    {"importance": 5, "ours": 5, "linked": False},  # not desirable: linked to nothing
    {"importance": 5, "ours": 5, "deliverability": 2},  # not deliverable
])
def test_a_lead_is_no_point_of_difference_without_importance_desirability_and_delivery(kwargs):
    assert classify((2, 1), **kwargs) != "pod"


def test_a_lead_of_less_than_one_is_no_point_of_difference():
    assert classify((2, 2), importance=5, ours=2) == "neutral"


def test_a_competitor_ahead_of_all_others_and_of_us_must_be_neutralised():
    assert classify((2, 1, 4), importance=4, ours=2) == "pop_competitive"


def test_a_single_competitor_ahead_of_us_must_be_neutralised():
    assert classify((2,), importance=5, ours=1) == "pop_competitive"


def test_behind_the_median_without_a_single_leader_is_a_disadvantage():
    # Two competitors share the top (no single edge), and we are below the median.
    assert classify((2, 2, 1), importance=4, ours=1) == "disadvantage"


def test_unimportant_or_unscored_attributes_are_neutral():
    assert classify((2, 1), importance=2, ours=1) == "neutral"
    assert classify((None, None), importance=5, ours=5) == "neutral"


def test_scores_of_deleted_competitors_are_ignored():
    analysis, competitors = analysis_with(2, 1)
    attr = attribute(analysis, (2, 1), importance=5, ours=3)
    attr.competitor_scores.append(CompetitorScore(competitor_id="gone", score=5))
    assert competition.competitor_scores(attr, analysis) == [2, 1]
    assert competition.suggested_class(attr, analysis) == "pod"


def test_user_override_wins_over_the_suggestion():
    analysis, _ = analysis_with(2, 1)
    attr = attribute(analysis, (2, 1), importance=5, ours=5)
    assert competition.effective_class(attr, analysis) == "pod"
    attr.classification_override = "pop_category"
    assert competition.effective_class(attr, analysis) == "pop_category"
    assert competition.suggested_class(attr, analysis) == "pod"


def concept_with(analysis: CompetitiveAnalysis) -> Concept:
    concept = Concept(name="Testi")
    concept.competition = analysis
    return concept


def ids(concept: Concept) -> list[str]:
    return [f.check_id for f in competition.findings(concept)]


def test_cafe_sample_has_an_edge_and_no_competition_findings(cafe):
    assert competition.findings(cafe) == []
    pods = competition.attributes_of_class(cafe.competition, "pod")
    assert [a.name for a in pods] == ["Varattava paikka"]


def test_untouched_step_gives_no_advice():
    assert competition.findings(Concept()) == []


def test_too_few_competitors_and_no_alternative_to_buying():
    analysis, _ = analysis_with(1)
    found = {f.message_key: f for f in competition.findings(concept_with(analysis))}
    assert found["competition.check.c01_few"].severity == "warn"
    assert found["competition.check.c01_alternatives"].severity == "info"
    analysis.competitors.append(Competitor(name="Kotona", type="do_nothing",
                                           strengths=["x"], weaknesses=["y"]))
    assert "C-01" not in ids(concept_with(analysis))


def test_competitor_without_strength_or_weakness_warns():
    analysis, competitors = analysis_with(1, 1)
    competitors[0].weaknesses = []
    found = [f for f in competition.findings(concept_with(analysis)) if f.check_id == "C-02"]
    assert [f.params["name"] for f in found] == ["K0"]


def test_parity_attribute_below_the_threshold_means_not_in_the_game():
    analysis, _ = analysis_with(4, 4)
    attribute(analysis, (4, 4), importance=4, ours=2)
    found = [f for f in competition.findings(concept_with(analysis)) if f.check_id == "C-03"]
    assert found[0].severity == "gap" and found[0].params["threshold"] == 3


def test_no_point_of_difference_is_a_gap():
    analysis, _ = analysis_with(3, 3)
    attribute(analysis, (3, 3), importance=3, ours=3)
    found = [f for f in competition.findings(concept_with(analysis)) if f.check_id == "C-04"]
    assert found[0].message_key == "competition.check.c04_none" and found[0].severity == "gap"


def test_declared_point_of_difference_that_fails_the_rule_is_a_gap():
    analysis, _ = analysis_with(2, 4)
    attribute(analysis, (2, 4), importance=5, ours=4, classification_override="pod")
    keys = [f.message_key for f in competition.findings(concept_with(analysis))]
    assert "competition.check.c04_declared" in keys
    assert "competition.check.c04_none" not in keys


def test_point_of_difference_without_customer_link_is_technical():
    analysis, _ = analysis_with(1, 1)
    attribute(analysis, (1, 1), importance=5, ours=5, linked=False,
              classification_override="pod")
    assert "C-05" in ids(concept_with(analysis))


def test_point_of_difference_hard_to_deliver_or_easy_to_copy_warns():
    analysis, _ = analysis_with(1, 1)
    attr = attribute(analysis, (1, 1), importance=5, ours=5)
    assert "C-06" not in ids(concept_with(analysis))
    attr.defensibility = 2
    assert "C-06" in ids(concept_with(analysis))


def test_more_than_three_points_of_difference_asks_to_focus():
    analysis, _ = analysis_with(1, 1)
    for _ in range(4):
        attribute(analysis, (1, 1), importance=5, ours=5)
    found = [f for f in competition.findings(concept_with(analysis)) if f.check_id == "C-07"]
    assert found[0].params == {"count": 4} and found[0].severity == "info"


def test_unneutralised_competitor_edge_warns():
    analysis, _ = analysis_with(1, 4)
    attribute(analysis, (1, 4), importance=5, ours=3)
    found = [f for f in competition.findings(concept_with(analysis)) if f.check_id == "C-08"]
    assert found[0].params == {"name": "Ominaisuus", "score": 3, "leader": 4}
    assert "(paras kilpailija 4, sinä 3). Kuro ero kiinni" in found[0].message("fi")


def test_an_unlinked_lead_over_every_competitor_names_the_missing_link_not_a_missing_lead():
    # Importance 5, us 5, competitors 1 and 2, nothing linked: the lead is real; only the link
    # to a customer's gain, pain or job is missing (issue 11, point 4).
    analysis, _ = analysis_with(1, 2)
    attr = attribute(analysis, (1, 2), importance=5, ours=5, linked=False)
    assert competition.edge_blockers(attr, analysis) == ["unlinked"]
    assert competition.edge_candidates(analysis) == [attr]
    found = competition.findings(concept_with(analysis))
    keys = [f.message_key for f in found]
    assert "competition.check.c04_none" not in keys
    unlinked = next(f for f in found if f.message_key == "competition.check.c04_unlinked")
    assert unlinked.params["leader"] == 2 and unlinked.params["score"] == 5
    assert "link" in unlinked.message("en").lower()
    attr.linked_pain_ids = ["p1"]
    assert competition.edge_blockers(attr, analysis) == []
    assert competition.effective_class(attr, analysis) == "pod"


def test_a_lead_that_is_hard_to_deliver_says_so():
    analysis, _ = analysis_with(1, 2)
    attr = attribute(analysis, (1, 2), importance=5, ours=5, deliverability=2)
    assert competition.edge_blockers(attr, analysis) == ["deliverability"]
    found = [f.message_key for f in competition.findings(concept_with(analysis))]
    assert "competition.check.c04_deliverability" in found
    assert "competition.check.c04_none" not in found


def test_no_lead_or_an_own_classification_is_no_edge_candidate():
    analysis, _ = analysis_with(4, 2)
    behind = attribute(analysis, (4, 2), importance=5, ours=4, linked=False)
    assert competition.edge_blockers(behind, analysis) == []
    unimportant = attribute(analysis, (1, 1), importance=3, ours=5, linked=False)
    assert competition.edge_blockers(unimportant, analysis) == []
    chosen = attribute(analysis, (1, 1), importance=5, ours=5, linked=False,
                       classification_override="neutral")
    assert competition.edge_blockers(chosen, analysis) == []
    assert "competition.check.c04_none" in [
        f.message_key for f in competition.findings(concept_with(analysis))]
