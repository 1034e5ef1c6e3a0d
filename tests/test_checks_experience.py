"""Checks of the experience over time (T-01, T-03..T-06) and the horizon helpers."""

from concept.checks import experience
from concept.model import Concept, ExperienceHorizon


def ids(concept: Concept) -> list[str]:
    return [f.check_id for f in experience.findings(concept)]


def started() -> Concept:
    concept = Concept(name="Testi")
    concept.experience.horizons[0].essentials = ["Lämmin vastaanotto"]
    return concept


def test_untouched_step_gives_no_advice():
    assert experience.findings(Concept()) == []


def test_cafe_sample_has_no_experience_findings(cafe):
    assert experience.findings(cafe) == []


def test_fewer_than_three_horizons_warns():
    concept = started()
    concept.experience.horizons = concept.experience.horizons[:2]
    found = [f for f in experience.findings(concept) if f.check_id == "T-01"]
    assert found and found[0].severity == "warn" and found[0].params == {"count": 2}
    concept.experience.horizons.append(ExperienceHorizon(label="Kolmas"))
    assert "T-01" not in ids(concept)


def test_flat_ratings_with_deepening_pattern_ask_to_confirm():
    concept = started()
    for horizon in concept.experience.horizons:
        horizon.target_rating = 1
    concept.experience.intended_pattern = "deepening"
    assert "T-03" in ids(concept)
    concept.experience.intended_pattern = "stable"
    assert "T-03" not in ids(concept)
    concept.experience.intended_pattern = "changing"
    concept.experience.horizons[3].target_rating = 2
    assert "T-03" not in ids(concept)


def test_rating_falling_after_the_first_horizon_is_a_retention_risk():
    concept = started()
    ratings = (2, 1, 0, None)
    for horizon, rating in zip(concept.experience.horizons, ratings, strict=True):
        horizon.target_rating = rating
    found = [f for f in experience.findings(concept) if f.check_id == "T-04"]
    assert found[0].severity == "warn"
    assert found[0].params == {"first": "+2", "lowest": "+0"}
    assert "+2" in found[0].message("fi") and "+0" in found[0].message("en")


def test_rising_ratings_are_no_decline():
    concept = started()
    for horizon, rating in zip(concept.experience.horizons, (0, 1, 1, 2), strict=True):
        horizon.target_rating = rating
    assert "T-04" not in ids(concept)


def test_first_horizon_without_essentials_is_a_gap():
    concept = started()
    concept.experience.horizons[0].essentials = []
    concept.experience.horizons[1].target_experience = "Tuttu"
    found = [f for f in experience.findings(concept) if f.check_id == "T-05"]
    assert found and found[0].severity == "gap"


def test_long_relationship_without_later_horizons_is_inconsistent():
    concept = started()
    concept.relationship.duration = "continuous"
    assert "T-06" in ids(concept)
    concept.experience.horizons[2].essentials = ["Sesonkimenu"]
    assert "T-06" not in ids(concept)


def test_one_off_relationship_with_year_horizons_is_inconsistent():
    concept = started()
    concept.relationship.duration = "one_off"
    assert "T-06" not in ids(concept)
    concept.experience.horizons[3].churn_risks = ["Muuttaa pois"]
    found = [f for f in experience.findings(concept) if f.check_id == "T-06"]
    assert found[0].message_key == "experience.check.t06_one_off"


def test_custom_horizons_beyond_the_second_count_as_later():
    concept = Concept()
    concept.experience.horizons = [ExperienceHorizon(label=x) for x in ("A", "B", "C")]
    later = experience.later_horizons(concept.experience)
    assert [h.label for h in later] == ["C"]
    assert [h.key for h in experience.later_horizons(Concept().experience)] == [
        "first_year", "long_term"]


def test_messages_exist_in_both_languages():
    concept = started()
    concept.experience.horizons = concept.experience.horizons[:1]
    concept.experience.horizons[0].essentials = []
    concept.experience.horizons[0].target_rating = 1
    for finding in experience.findings(concept):
        for lang in ("fi", "en"):
            assert not finding.message(lang).startswith("experience.check")
