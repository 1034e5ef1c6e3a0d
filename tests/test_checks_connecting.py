"""The checks that connect steps (issue 19): each fires on a concept built to show it and stays
quiet on the same concept once the cause is fixed; messages read in both languages."""

from concept.checks import all_findings
from concept.checks import experience as experience_checks
from concept.checks import journey as journey_checks
from concept.checks import profiles as profile_checks
from concept.checks import purchase as purchase_checks
from concept.checks import relationships as relationship_checks
from concept.checks import value as value_checks
from concept.checks.crosscheck import open_items_on_value, retention_readiness
from concept.model import (
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    CustomerProfile,
    Gain,
    Job,
    Journey,
    JourneyStage,
    Pain,
    PainReliever,
    ParkingLotItem,
    PersonInvolved,
    Relationship,
    Touchpoint,
)


def of(found, check_id):
    return [f for f in found if f.check_id == check_id]


def messages(finding) -> tuple[str, str]:
    fi, en = finding.message("fi"), finding.message("en")
    assert "{" not in fi and "{" not in en, (fi, en)
    return fi, en


def journey_concept(*specs) -> Concept:
    """A concept with one journey; each spec is (stage name, emotion, beyond, [touchpoints])."""
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True)
    journey = Journey(profile_id=profile.id, entry_point="Facebook")
    for name, emotion, beyond, touchpoints in specs:
        stage = JourneyStage(name=name, emotion=emotion, is_beyond_concept=beyond)
        journey.stages.append(stage)
        for tp in touchpoints:
            tp.stage_id = stage.id
            journey.touchpoints.append(tp)
    return Concept(name="Testi", profiles=[profile], journeys=[journey])


def tp(name, channel="web", **kwargs) -> Touchpoint:
    return Touchpoint(name=name, channel=channel, **kwargs)


# --- relationships -------------------------------------------------------------------------


def close_relationship(*touchpoints: Touchpoint) -> Concept:
    concept = journey_concept(("Käy", 1, False, list(touchpoints)))
    concept.relationship = Relationship(types=["personal"], closeness=4, duration="medium",
                                        rationale_for_value_proposition="Koska")
    return concept


def test_r01_close_relationship_without_a_person_after_the_decision():
    concept = close_relationship(tp("Varaus", kind="digital", purchase_stage_keys=["decide"]),
                                 tp("Uutiskirje", kind="digital", purchase_stage_keys=["post"]))
    found = of(relationship_checks.findings(concept), "R-01")
    assert [f.severity for f in found] == ["warn"]
    messages(found[0])
    concept.journeys[0].touchpoints[1].kind = "human"
    assert of(relationship_checks.findings(concept), "R-01") == []


def test_r01_a_human_touchpoint_before_the_decision_does_not_count():
    concept = close_relationship(tp("Tiski", kind="human", purchase_stage_keys=["evaluate"]))
    assert of(relationship_checks.findings(concept), "R-01")


def test_r01_quiet_for_a_distant_relationship():
    concept = close_relationship(tp("Varaus", kind="digital", purchase_stage_keys=["decide"]))
    concept.relationship.types, concept.relationship.closeness = ["self_service"], 2
    assert of(relationship_checks.findings(concept), "R-01") == []


def test_r05_decider_missing_from_evaluate_and_decide():
    concept = close_relationship(tp("Esittely", purchase_stage_keys=["evaluate"],
                                    involved_roles=["user"]))
    concept.relationship.people = [PersonInvolved(role="decider", description="Toimitusjohtaja")]
    found = of(relationship_checks.findings(concept), "R-05")
    assert len(found) == 1
    fi, en = messages(found[0])
    assert "”Päätöksentekijä”" in fi and "“Decision maker”" in en
    concept.journeys[0].touchpoints[0].involved_roles.append("decider")
    assert of(relationship_checks.findings(concept), "R-05") == []


def test_r05_quiet_when_only_the_user_is_named():
    concept = close_relationship(tp("Esittely", purchase_stage_keys=["evaluate"]))
    concept.relationship.people = [PersonInvolved(role="user")]
    assert of(relationship_checks.findings(concept), "R-05") == []


# --- experience over time ---------------------------------------------------------------------


def with_periods() -> Concept:
    concept = journey_concept(("Käy", 1, False, [tp("Tervetuloa"), tp("Kanta-asiakasilta")]))
    horizons = concept.experience.horizons
    horizons[0].essentials = ["Löytää paikan"]
    first, second = concept.journeys[0].touchpoints
    first.horizon_ids = [horizons[0].id]
    second.horizon_ids = [horizons[1].id, horizons[2].id]
    return concept


def test_t02_a_period_without_touchpoints_is_silent():
    concept = with_periods()
    found = of(experience_checks.findings(concept), "T-02")
    assert len(found) == 1 and found[0].severity == "warn"
    fi, en = messages(found[0])
    assert "Long relationship" in en or "long" in en.lower()
    concept.journeys[0].touchpoints[1].horizon_ids.append(concept.experience.horizons[3].id)
    assert of(experience_checks.findings(concept), "T-02") == []


def test_t02_quiet_before_any_touchpoint_is_placed_in_a_period():
    concept = with_periods()
    for touchpoint in concept.journeys[0].touchpoints:
        touchpoint.horizon_ids = []
    assert of(experience_checks.findings(concept), "T-02") == []


def test_t07_churn_risk_no_touchpoint_of_the_period_answers():
    concept = with_periods()
    year = concept.experience.horizons[2]
    year.churn_risks = ["Ilta-aukiolot loppuvat"]
    found = of(experience_checks.findings(concept), "T-07")
    assert len(found) == 1 and found[0].params["risk"] == "Ilta-aukiolot loppuvat"
    messages(found[0])
    concept.journeys[0].touchpoints[1].description = "Kerrotaan ilta-aukioloista ajoissa"
    assert of(experience_checks.findings(concept), "T-07") == []


# --- purchase process -------------------------------------------------------------------------


def mapped(*spec) -> Concept:
    """Touchpoints (name, channel, kind, stage keys) on one journey."""
    touchpoints = [tp(name, channel, kind=kind, purchase_stage_keys=list(keys))
                   for name, channel, kind, keys in spec]
    concept = journey_concept(("Käy", 1, False, touchpoints))
    concept.relationship = Relationship(closeness=4)
    return concept


def test_pp07_decision_without_a_person_in_a_close_relationship():
    concept = mapped(("Varaus", "web", "digital", ["decide"]), ("Esite", "web", "digital",
                                                                 ["evaluate"]))
    found = of(purchase_checks.findings(concept), "PP-07")
    assert len(found) == 1 and found[0].severity == "warn"
    fi, en = messages(found[0])
    assert "”Ostopäätös”" in fi and "4/5" in en
    concept.journeys[0].touchpoints[0].kind = "human"
    assert of(purchase_checks.findings(concept), "PP-07") == []


def test_pp07_quiet_when_the_relationship_is_not_close():
    concept = mapped(("Varaus", "web", "digital", ["decide"]))
    concept.relationship.closeness = 3
    assert of(purchase_checks.findings(concept), "PP-07") == []


def test_pp08_stages_in_different_channels_with_no_handover():
    concept = mapped(("Haku", "web", "digital", ["search"]),
                     ("Myymälä", "store", "human", ["evaluate"]))
    found = of(purchase_checks.findings(concept), "PP-08")
    assert len(found) == 1 and found[0].severity == "info"
    fi, en = messages(found[0])
    assert "Information search → Evaluation of alternatives" in en
    assert "Tiedonhaku → Vaihtoehtojen vertailu" in fi


def test_pp08_quiet_with_a_shared_channel_or_a_touchpoint_spanning_both():
    concept = mapped(("Haku", "web", "digital", ["search"]),
                     ("Myymälä", "store", "human", ["evaluate"]),
                     ("Chat", "web", "digital", ["evaluate"]))
    assert of(purchase_checks.findings(concept), "PP-08") == []
    concept = mapped(("Haku", "web", "digital", ["search"]),
                     ("Myymälä", "store", "human", ["evaluate"]),
                     ("Soitto", "phone", "communication", ["search", "evaluate"]))
    assert of(purchase_checks.findings(concept), "PP-08") == []


# --- journey ----------------------------------------------------------------------------------


def test_j05_journey_that_starts_and_ends_with_own_touchpoints():
    concept = journey_concept(("Kuulee", 0, False, [tp("Mainos")]),
                              ("Käy", 1, False, [tp("Kassa")]))
    found = of(journey_checks.findings(concept), "J-05")
    assert [f.message_key for f in found] == ["journey.check.narrow_both"]
    messages(found[0])


def test_j05_a_stage_beyond_the_concept_at_one_end_narrows_the_advice():
    concept = journey_concept(("Etsii", 0, True, []), ("Käy", 1, False, [tp("Kassa")]))
    found = of(journey_checks.findings(concept), "J-05")
    assert [f.message_key for f in found] == ["journey.check.narrow_end"]


def test_j05_quiet_when_the_journey_reaches_beyond_at_both_ends():
    concept = journey_concept(("Etsii", 0, True, []), ("Käy", 1, False, [tp("Kassa")]),
                              ("Suosittelee", 1, True, [tp("Arvio", owner="customer")]))
    assert of(journey_checks.findings(concept), "J-05") == []


def test_j08_channel_switch_without_a_handover():
    concept = journey_concept(("Etsii", 0, False, [tp("Sivut", "web")]),
                              ("Käy", 1, False, [tp("Tiski", "store")]))
    found = of(journey_checks.findings(concept), "J-08")
    assert len(found) == 1 and found[0].params["switches"] == "Sivut → Tiski"
    messages(found[0])


def test_j08_quiet_when_a_message_hands_over_or_the_channel_stays():
    concept = journey_concept(("Etsii", 0, False, [tp("Vahvistus", "email",
                                                      kind="communication")]),
                              ("Käy", 1, False, [tp("Tiski", "store")]))
    assert of(journey_checks.findings(concept), "J-08") == []
    concept = journey_concept(("Etsii", 0, False, [tp("Sivut", "web")]),
                              ("Käy", 1, False, [tp("Varaus", "web")]))
    assert of(journey_checks.findings(concept), "J-08") == []


def test_j12_names_the_lowest_point_and_the_end():
    concept = journey_concept(("Etsii", 0, False, []), ("Jonottaa", -2, False, []),
                              ("Lähtee", 0, False, []))
    journey = concept.journeys[0]
    assert journey_checks.curve_highlights(journey) == (1, 2)
    found = of(journey_checks.findings(concept), "J-12")
    assert [f.message_key for f in found] == ["journey.check.curve"]
    fi, en = messages(found[0])
    assert "”Jonottaa” (Hyvin kielteinen)" in fi and "“Lähtee” (Neutral)" in en


def test_j12_an_end_at_the_lowest_point_gets_its_own_words():
    concept = journey_concept(("Etsii", 1, False, []), ("Lähtee", -1, False, []))
    found = of(journey_checks.findings(concept), "J-12")
    assert [f.message_key for f in found] == ["journey.check.curve_ends_low"]


def test_j12_quiet_for_a_curve_that_never_dips_and_ends_well():
    concept = journey_concept(("Etsii", 0, False, []), ("Lähtee", 2, False, []))
    assert of(journey_checks.findings(concept), "J-12") == []
    assert journey_checks.curve_highlights(concept.journeys[0]) == (0, 1)


# --- profiles ---------------------------------------------------------------------------------


def profile(name, words) -> CustomerProfile:
    return CustomerProfile(name=name,
                           jobs=[Job(text=f"Hoitaa {words[0]} ilman häiriöitä")],
                           pains=[Pain(text=f"Ei löydä {words[1]} ajoissa")],
                           gains=[Gain(text=f"Saa {words[2]} helposti käyttöön")])


def test_p07_two_profiles_saying_the_same_things():
    concept = Concept(profiles=[profile("Etätyöläinen", ["työpäivänsä", "pistorasiaa", "kahvia"]),
                                profile("Freelancer", ["työpäivänsä", "pistorasiaa", "kahvia"])])
    found = of(profile_checks.findings(concept), "P-07")
    assert len(found) == 1 and found[0].severity == "warn"
    fi, en = messages(found[0])
    assert "”Etätyöläinen” ja ”Freelancer”" in fi and "100 %" in en


def test_p07_quiet_for_profiles_about_different_things():
    concept = Concept(profiles=[profile("Etätyöläinen", ["työpäivänsä", "pistorasiaa", "kahvia"]),
                                profile("Perhe", ["lastensa", "syöttötuolia", "leikkinurkan"])])
    assert of(profile_checks.findings(concept), "P-07") == []


def test_p09_pains_and_gains_too_short_to_act_on():
    vague = CustomerProfile(name="Kiireinen", pains=[Pain(text="Hidas palvelu")],
                            gains=[Gain(text="Laatu"), Gain(text="Lounas alle 15 minuutissa")])
    found = of(profile_checks.findings(Concept(profiles=[vague])), "P-09")
    assert len(found) == 1 and found[0].params["items"] == "Hidas palvelu; Laatu"
    messages(found[0])


def test_p09_quiet_for_concrete_or_measurable_items():
    concrete = CustomerProfile(name="Kiireinen", pains=[Pain(text="Odottaa laskua yli vartin")],
                               gains=[Gain(text="15 min")])
    assert of(profile_checks.findings(Concept(profiles=[concrete])), "P-09") == []


# --- value ------------------------------------------------------------------------------------


def with_pod() -> Concept:
    concept = Concept(name="Testi")
    concept.competition.competitors = [Competitor(name="Kahvila X")]
    rival = concept.competition.competitors[0].id
    concept.competition.attributes = [CompetitiveAttribute(
        name="Hiljainen työtila", customer_importance=5, our_score=5, classification_override="pod",
        competitor_scores=[CompetitorScore(competitor_id=rival, score=2)])]
    return concept


def test_v04_differentiation_naming_no_point_of_difference():
    concept = with_pod()
    concept.description.differentiation = "Paras kahvi kaupungissa"
    found = of(value_checks.findings(concept), "V-04")
    assert [f.message_key for f in found] == ["value.check.v04_not_named"]
    messages(found[0])
    concept.description.differentiation = "Ainoa hiljainen työtila keskustassa"
    assert of(value_checks.findings(concept), "V-04") == []


def test_v04_no_point_of_difference_at_all():
    concept = Concept(name="Testi")
    concept.description.differentiation = "Paras kahvi kaupungissa"
    found = of(value_checks.findings(concept), "V-04")
    assert [f.message_key for f in found] == ["value.check.v04_no_pod"]


def test_v08_low_self_check_scores_are_listed():
    concept = Concept(name="Testi")
    concept.value_proposition.key_promise = "Rauhaa"
    check = concept.value_proposition.quality_self_check
    check.viable_model, check.hard_to_copy, check.cares_about = 2, 1, 5
    found = of(value_checks.findings(concept), "V-08")
    assert [f.message_key for f in found] == ["value.check.v08_weak"]
    fi, en = messages(found[0])
    assert "Is difficult to copy" in en and "On vaikea kopioida" in fi
    assert "2,7/5" in fi and "2.7/5" in en


def test_v08_quiet_when_unscored_or_scored_well():
    concept = Concept(name="Testi")
    concept.value_proposition.key_promise = "Rauhaa"
    assert of(value_checks.findings(concept), "V-08") == []
    concept.value_proposition.quality_self_check.viable_model = 4
    concept.value_proposition.quality_self_check.hard_to_copy = 3
    assert of(value_checks.findings(concept), "V-08") == []


def test_v08_a_low_average_without_a_low_score():
    concept = Concept(name="Testi")
    concept.value_proposition.key_promise = "Rauhaa"
    check = concept.value_proposition.quality_self_check
    check.viable_model = check.hard_to_copy = 3
    check.outperforms = 2
    assert [f.message_key for f in of(value_checks.findings(concept), "V-08")] == [
        "value.check.v08_weak"]
    check.outperforms = 3
    assert of(value_checks.findings(concept), "V-08") == []


# --- across steps -----------------------------------------------------------------------------


def test_x07_open_question_touching_the_value_proposition():
    concept = Concept(name="Testi", profiles=[CustomerProfile(name="A")])
    pain = Pain(text="Wifi katkeilee")
    concept.profiles[0].pains = [pain]
    concept.value_proposition.pain_relievers = [PainReliever(text="Oma verkko",
                                                             pain_ids=[pain.id])]
    concept.parking_lot = [ParkingLotItem(text="Riittääkö wifin kaista?"),
                           ParkingLotItem(text="Kuka siivoaa?")]
    found = of(all_findings(concept), "X-07")
    assert [f.params["item"] for f in found] == ["Riittääkö wifin kaista?"]
    assert found[0].step == "parking" and found[0].severity == "warn"
    messages(found[0])
    concept.parking_lot[0].status = "resolved"
    assert open_items_on_value(concept) == []


def test_x07_an_item_raised_in_the_value_step_touches_it():
    concept = Concept(name="Testi")
    concept.parking_lot = [ParkingLotItem(text="Hinta?", raised_in_step="value")]
    assert [i.text for i in open_items_on_value(concept)] == ["Hinta?"]
    concept.parking_lot[0].raised_in_step = "profiles"
    assert open_items_on_value(concept) == []


def test_x05_retention_readiness_combines_three_parts():
    concept = journey_concept(("Käy", 1, False, [tp("Kassa", purchase_stage_keys=["decide"])]))
    concept.relationship.duration = "long"
    readiness = retention_readiness(concept)
    assert readiness.relevant and readiness.score == 0
    touchpoint = concept.journeys[0].touchpoints[0]
    touchpoint.purchase_stage_keys = ["decide", "post"]
    concept.experience.horizons[2].essentials = ["Tuntee henkilökunnan"]
    readiness = retention_readiness(concept)
    assert readiness.parts == {"after_purchase": True, "later_periods": True,
                               "post_share": True}
    assert readiness.score == 3
    concept.relationship.duration = "one_off"
    assert not retention_readiness(concept).relevant


def test_j12_the_chart_marks_the_lowest_point_and_the_end():
    from concept.ui.journey import emotion_chart_spec

    concept = journey_concept(("Etsii", 1, False, []), ("Jonottaa", -2, False, []),
                              ("Ei tunnetta", None, False, []), ("Lähtee", 0, False, []))
    spec = emotion_chart_spec(concept.journeys[0])
    notes = {row["stage"]: row["note"] for row in spec["data"]["values"]}
    assert notes == {"1. Etsii": "", "2. Jonottaa": "Lowest", "4. Lähtee": "End"}
    marked = [layer for layer in spec["layer"] if layer.get("transform")]
    assert {layer["mark"]["type"] for layer in marked} == {"point", "text"}


def test_j05_advice_does_not_lead_into_j03_a_stage_beyond_the_concept_may_be_alone():
    concept = journey_concept(("Etsii", 0, True, []), ("Käy", 1, False, [tp("Kassa")]),
                              ("Suosittelee", 1, True, []))
    ids = [f.check_id for f in journey_checks.findings(concept)]
    assert "J-05" not in ids and "J-03" not in ids
