"""The fit figure (V-01) and the value proposition checks V-02..V-11."""

import pytest

from concept.checks import value
from concept.model import (
    Concept,
    CustomerProfile,
    Exclusion,
    Gain,
    GainCreator,
    Job,
    Journey,
    Pain,
    PainReliever,
    ProductService,
    StopItem,
    Touchpoint,
)


def profile(severities=(5, 4, 2), relevances=(5, 3, 1), primary=True) -> CustomerProfile:
    return CustomerProfile(
        name="Keskittyvä etätyöläinen", is_primary=primary,
        jobs=[Job(text="Tehdä töitä", importance=5), Job(text="Tavata muita", importance=2)],
        pains=[Pain(text=f"murhe {s}", severity=s) for s in severities],
        gains=[Gain(text=f"hyöty {r}", relevance=r) for r in relevances],
    )


def concept_for(p: CustomerProfile) -> Concept:
    concept = Concept(name="Kahvila Kulma", profiles=[p])
    concept.description.exclusions = [Exclusion(text="Alkoholi")]
    return concept


def ids(concept: Concept) -> list[str]:
    return [f.check_id for f in value.findings(concept)]


def test_top_items_are_those_rated_four_or_five():
    p = profile(severities=(5, 4, 2), relevances=(5, 3, 1))
    assert [x.severity for x in value.top_pains(p)] == [5, 4]
    assert [x.relevance for x in value.top_gains(p)] == [5]


def test_without_high_ratings_the_three_highest_are_top():
    p = profile(severities=(1, 3, 2, 3), relevances=(2, 2))
    assert sorted(x.severity for x in value.top_pains(p)) == [2, 3, 3]
    assert len(value.top_gains(p)) == 2


def test_fit_counts_answered_top_pains_and_gains():
    p = profile()
    concept = concept_for(p)
    concept.value_proposition.pain_relievers = [PainReliever(text="Hiljainen nurkka",
                                                             pain_ids=[p.pains[0].id])]
    result = value.fit(concept)
    assert [x.id for x in result.top_pains] == [p.pains[0].id, p.pains[1].id]
    assert result.answered_pain_ids == {p.pains[0].id}
    assert result.answered_gain_ids == set()
    assert result.share == pytest.approx(1 / 3)
    assert (result.answered_top, result.total_top) == (1, 3)


def test_fit_is_none_when_there_is_nothing_to_answer():
    assert value.fit(Concept()).share is None
    assert value.fit(concept_for(CustomerProfile(name="Tyhjä"))).share is None


def test_fit_uses_the_chosen_profile_else_the_primary():
    first, second = profile(), profile(primary=False)
    concept = concept_for(first)
    concept.profiles.append(second)
    concept.value_proposition.gain_creators = [GainCreator(text="x",
                                                           gain_ids=[second.gains[0].id])]
    assert value.fit(concept).answered_gain_ids == set()
    concept.value_proposition.profile_id = second.id
    assert value.fit(concept).answered_gain_ids == {second.gains[0].id}


@pytest.mark.parametrize(("answered", "severity"), [(0, "gap"), (2, "warn"), (3, None)])
def test_fit_below_half_is_a_gap_and_below_eighty_percent_a_warning(answered, severity):
    p = profile()
    concept = concept_for(p)
    top = [p.pains[0], p.pains[1], p.gains[0]]
    concept.value_proposition.key_promise = "Lupaus"
    concept.value_proposition.reasons_to_believe = ["Näyttö"]
    concept.value_proposition.pain_relievers = [
        PainReliever(text=f"r{i}", pain_ids=[item.id]) for i, item in enumerate(top[:answered])
        if isinstance(item, Pain)]
    concept.value_proposition.gain_creators = [
        GainCreator(text=f"c{i}", gain_ids=[item.id]) for i, item in enumerate(top[:answered])
        if isinstance(item, Gain)]
    found = [f for f in value.findings(concept) if f.message_key == "value.check.v01"]
    assert (found[0].severity if found else None) == severity


def test_top_jobs_served_by_no_product_are_named():
    p = profile()
    concept = concept_for(p)
    concept.value_proposition.key_promise = "x"
    assert value.fit(concept).unserved_jobs == [p.jobs[0]]
    concept.value_proposition.products_services = [ProductService(name="Pöytä",
                                                                  job_ids=[p.jobs[0].id])]
    assert value.fit(concept).unserved_jobs == []


def test_relievers_and_creators_linked_to_nothing_are_orphans():
    concept = concept_for(profile())
    concept.value_proposition.pain_relievers = [PainReliever(text="Irrallinen")]
    concept.value_proposition.gain_creators = [GainCreator(text="Toinen")]
    found = [f for f in value.findings(concept) if f.check_id == "V-02"]
    assert [f.params["text"] for f in found] == ["Irrallinen", "Toinen"]


def test_no_exclusions_is_a_gap():
    concept = concept_for(profile())
    concept.value_proposition.key_promise = "Lupaus"
    assert "V-03" not in ids(concept)
    concept.description.exclusions = []
    assert [f.severity for f in value.findings(concept) if f.check_id == "V-03"] == ["gap"]


def test_statement_must_name_the_profile_even_inflected():
    concept = concept_for(profile())
    concept.value_proposition.statement = "Kulma on kahvila kaikille."
    assert "value.check.v05_profile" in [f.message_key for f in value.findings(concept)]
    concept.value_proposition.statement = "Kulma on kahvila keskittyvälle etätyöläiselle."
    assert "value.check.v05_profile" not in [f.message_key for f in value.findings(concept)]


def test_no_product_linked_to_a_job_warns():
    concept = concept_for(profile())
    assert "value.check.v05_jobs" in [f.message_key for f in value.findings(concept)]


def test_short_description_outside_80_to_250_words_is_noted():
    concept = concept_for(profile())
    concept.description.short_description = "sana " * 79
    assert [f.params for f in value.findings(concept) if f.check_id == "V-06"] == [
        {"words": 79}]
    concept.description.short_description = "sana " * 80
    assert "V-06" not in ids(concept)
    concept.description.short_description = "sana " * 251
    assert "V-06" in ids(concept)


def test_how_must_mention_a_touchpoint_channel_or_relationship():
    concept = concept_for(profile())
    concept.journeys = [Journey(touchpoints=[Touchpoint(name="Pöytävaraus", channel="web")])]
    concept.description.how = "Hyvällä tahdolla"
    assert "V-07" in ids(concept)
    concept.description.how = "Pöytävarauksella ja hyvällä kahvilla"
    assert "V-07" not in ids(concept)
    concept.description.how = "Through our website"
    assert "V-07" not in ids(concept)
    concept.description.how = "Vain itsepalvelu"
    concept.relationship.types = ["self_service"]
    assert "V-07" not in ids(concept)


def test_stopped_items_not_excluded_are_offered():
    concept = concept_for(profile())
    stop = StopItem(text="Olutlista")
    concept.stop_list = [stop, StopItem(text="Vanha", status="reconsidered")]
    assert [f.params["text"] for f in value.findings(concept) if f.check_id == "V-09"] == [
        "Olutlista"]
    concept.description.exclusions.append(Exclusion(text="olutlista"))
    assert "V-09" not in ids(concept)


def test_a_stopped_item_matches_its_exclusion_whatever_the_case_in_check_and_page_alike():
    # The check (V-09) and the value page share one rule, which compares with casefold:
    # "STRASSE" and "Straße" are the same words, though .lower() tells them apart.
    from concept.promotion import stops_not_excluded

    concept = concept_for(profile())
    concept.stop_list = [StopItem(text="Ei STRASSE-myyntiä")]
    concept.description.exclusions.append(Exclusion(text="ei straße-myyntiä"))
    assert stops_not_excluded(concept) == []
    assert "V-09" not in ids(concept)


def test_key_promise_without_reasons_to_believe_warns():
    concept = concept_for(profile())
    concept.value_proposition.key_promise = "Paikkasi odottaa."
    assert "V-11" in ids(concept)
    concept.value_proposition.reasons_to_believe = ["Varausjärjestelmä"]
    assert "V-11" not in ids(concept)


def test_untouched_step_gives_no_advice():
    assert value.findings(Concept(profiles=[profile()])) == []


def test_cafe_sample_findings(cafe):
    found = {f.check_id for f in value.findings(cafe)}
    assert {"V-01", "V-06", "V-09"} <= found
    assert "V-03" not in found and "V-11" not in found
