"""Customer-profile checks (methodology §4.1): P-01 … P-06 and the priority quadrant."""

import itertools

import pytest

from concept.checks.profiles import findings, priority_quadrant, underserved_jobs
from concept.model import Concept, CustomerProfile, Gain, Job, Pain

# Each profile's pains and gains are about its own topic, so profiles differ (P-07).
TOPICS = ("kahvila lounas jono", "kirjasto hiljaisuus lainaus", "kuntosali treeni pukuhuone",
          "verkkokauppa toimitus palautus", "taksi kyyti odotus", "hotelli aamiainen sänky",
          "sauna löyly pyyhe")
_TOPIC = itertools.count()  # each new profile takes the next topic


def full_profile(name: str, **kwargs) -> CustomerProfile:
    topic = TOPICS[next(_TOPIC) % len(TOPICS)].split()
    return CustomerProfile(
        name=name,
        jobs=[Job(text="Tehdä töitä", type="functional"),
              Job(text="Kuulua joukkoon", type="social"),
              Job(text="Tuntea olonsa tervetulleeksi", type="emotional")],
        pains=[Pain(text=f"Murhe {i}: {word}") for i, word in enumerate(topic)],
        gains=[Gain(text=f"Hyöty {i}: {word}") for i, word in enumerate(topic)],
        **kwargs,
    )


def check_ids(concept):
    return sorted(f.check_id for f in findings(concept))


def test_three_full_profiles_with_one_primary_need_no_advice():
    concept = Concept(profiles=[full_profile("A", is_primary=True), full_profile("B"),
                               full_profile("C")])
    assert findings(concept) == []


@pytest.mark.parametrize(("count", "key"), [(0, "too_few"), (2, "too_few"), (6, "too_many")])
def test_profile_count_outside_three_to_five_is_info(count, key):
    concept = Concept(profiles=[full_profile(str(i), is_primary=i == 0) for i in range(count)])
    found = [f for f in findings(concept) if f.check_id == "P-01"]
    assert [(f.severity, f.message_key) for f in found] == [("info", f"profiles.check.{key}")]


def test_thin_profile_gets_a_warning_per_short_list_and_empty_rows_do_not_count():
    profile = full_profile("Ohut", is_primary=True)
    profile.pains = [Pain(text="Yksi"), Pain(text="  ")]
    profile.gains = []
    concept = Concept(profiles=[profile, full_profile("B"), full_profile("C")])
    found = [f for f in findings(concept) if f.check_id == "P-02"]
    assert [(f.message_key, f.params["count"]) for f in found] == [
        ("profiles.check.few_pains", 1), ("profiles.check.few_gains", 0)]
    assert all(f.severity == "warn" for f in found)


def test_only_functional_jobs_is_warned():
    profile = full_profile("Toiminnallinen", is_primary=True)
    for job in profile.jobs:
        job.type = "functional"
    concept = Concept(profiles=[profile, full_profile("B"), full_profile("C")])
    assert check_ids(concept) == ["P-03"]


def test_underserved_jobs_are_important_and_poorly_met():
    profile = full_profile("Alipalveltu", is_primary=True)
    profile.jobs[0].importance, profile.jobs[0].current_satisfaction = 5, 2
    profile.jobs[1].importance, profile.jobs[1].current_satisfaction = 4, 3  # met well enough
    profile.jobs[2].importance, profile.jobs[2].current_satisfaction = 3, 1  # not important
    assert underserved_jobs(profile) == [profile.jobs[0]]
    concept = Concept(profiles=[profile, full_profile("B"), full_profile("C")])
    found = [f for f in findings(concept) if f.check_id == "P-04"]
    assert found[0].severity == "info" and "Tehdä töitä" in found[0].message("fi")


@pytest.mark.parametrize(("importance", "difficulty", "quadrant"), [
    (5, 1, "core_easy"), (4, 4, "core_hard"), (3, 3, "secondary_easy"),
    (1, 5, "secondary_hard")])
def test_priority_quadrant(importance, difficulty, quadrant):
    profile = CustomerProfile(business_importance=importance, service_difficulty=difficulty)
    assert priority_quadrant(profile) == quadrant


def test_secondary_and_hard_profile_is_suggested_for_leaving_out():
    concept = Concept(profiles=[full_profile("A", is_primary=True), full_profile("B"),
                               full_profile("Vaikea", business_importance=2,
                                            service_difficulty=5)])
    found = [f for f in findings(concept) if f.check_id == "P-05"]
    assert len(found) == 1 and "Vaikea" in found[0].message("en")


def test_missing_primary_is_a_gap_and_two_primaries_a_warning():
    concept = Concept(profiles=[full_profile("A"), full_profile("B"), full_profile("C")])
    assert [(f.check_id, f.severity) for f in findings(concept)] == [("P-06", "gap")]
    concept.profiles[0].is_primary = concept.profiles[1].is_primary = True
    assert [(f.check_id, f.severity) for f in findings(concept)] == [("P-06", "warn")]


def test_the_cafe_sample_has_texts_in_both_languages(cafe):
    for finding in findings(cafe):
        for lang in ("fi", "en"):
            assert "{" not in finding.message(lang)


def test_an_unnamed_profile_is_named_by_its_number_in_advice():
    concept = Concept(profiles=[full_profile("A", is_primary=True), CustomerProfile()])
    thin = [f for f in findings(concept) if f.check_id == "P-02"]
    assert thin and all(f.params["profile"] == "#2" for f in thin)
