"""Sample concepts built through the model: a rich Finnish café and a large generated one.

Shared by the unit tests, the export tests and the benchmarks, so all of them exercise the same
realistic data. The café follows the examples shown on the step pages.
"""

from __future__ import annotations

from collections.abc import Callable

from concept.model import (
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    ConceptDescription,
    CustomerProfile,
    EmpathyMap,
    Exclusion,
    Gain,
    GainCreator,
    Hypothesis,
    ImageResponse,
    Interview,
    Job,
    Journey,
    JourneyStage,
    Pain,
    PainReliever,
    ParkingLotItem,
    PersonInvolved,
    ProductService,
    Quote,
    Relationship,
    Stakeholder,
    StopItem,
    Touchpoint,
    ValueProposition,
)


def cafe_concept() -> Concept:
    """Kahvila Kulma: every step filled in, in Finnish, with links between the steps."""
    remote = CustomerProfile(
        name="Keskittyvä etätyöläinen",
        summary="Tekee töitä kotoa käsin ja kaipaa rauhallista paikkaa muutamaksi tunniksi.",
        experience_essentials=["Rauha", "Varma istumapaikka", "Nopea verkko"],
        jobs=[
            Job(text="Saada keskittynyttä työtä tehdyksi kodin ulkopuolella",
                type="functional", importance=5, current_satisfaction=2),
            Job(text="Tuntea kuuluvansa yhteisöön", type="social", importance=4),
            Job(text="Tuntea olonsa tervetulleeksi pitkänkin istunnon ajan",
                type="emotional", importance=4),
        ],
        pains=[
            Pain(text="Meluisa ympäristö katkaisee keskittymisen", type="obstacle", severity=5),
            Pain(text="Pistorasiaa ei löydy", type="obstacle", severity=4),
            Pain(text="Huono omatunto pitkästä istumisesta", type="negative_emotion",
                 severity=3),
        ],
        gains=[
            Gain(text="Varattu paikka odottaa", type="desired", relevance=5),
            Gain(text="Henkilökunta tuntee nimeltä", type="unexpected", relevance=4),
            Gain(text="Lounas ilman että läppäriä tarvitsee jättää", type="desired",
                 relevance=4),
        ],
        business_importance=5,
        service_difficulty=3,
        is_primary=True,
    )
    family = CustomerProfile(
        name="Lapsiperheen vanhempi",
        summary="Pistäytyy päiväkotimatkalla; arvostaa sujuvuutta ja lapsiystävällisyyttä.",
        jobs=[Job(text="Hakea aamukahvi nopeasti", type="functional", importance=4)],
        pains=[Pain(text="Rattaille ei ole tilaa", severity=4)],
        gains=[Gain(text="Lapselle on jotain puuhaa", relevance=3)],
        business_importance=3,
        service_difficulty=2,
    )
    stages = [
        JourneyStage(name="Kuulee kahvilasta", emotion=0, is_beyond_concept=True),
        JourneyStage(name="Tarkistaa aukioloajat ja verkon", emotion=0),
        JourneyStage(name="Ensimmäinen käynti", emotion=1,
                     successes=["Lämmin vastaanotto"], failures=["Pistorasia puuttui"]),
        JourneyStage(name="Varaa vakiopöydän", emotion=1),
        JourneyStage(name="Liittyy lounastilaukseen", emotion=2),
    ]
    touchpoints = [
        Touchpoint(stage_id=stages[0].id, name="Suositus Facebook-ryhmässä",
                   channel="social", kind="communication", owner="external", importance=4,
                   dev_status="develop", purchase_stage_keys=["need"]),
        Touchpoint(stage_id=stages[1].id, name="Verkkosivut – aukiolot & wifi",
                   channel="web", kind="digital", importance=4, dev_status="develop",
                   purchase_stage_keys=["search"]),
        Touchpoint(stage_id=stages[2].id, name="Tervetulotoivotus tiskillä", channel="store",
                   kind="human", importance=5, dev_status="keep", is_moment_of_truth=True,
                   purchase_stage_keys=["evaluate"]),
        Touchpoint(stage_id=stages[3].id, name="Pöytävaraus verkossa", channel="web",
                   kind="digital", importance=5, dev_status="new",
                   purchase_stage_keys=["decide"]),
        Touchpoint(stage_id=stages[4].id, name="Lounastilauksen kuukausiviesti",
                   channel="email", kind="communication", importance=3, dev_status="new",
                   purchase_stage_keys=["post"]),
    ]
    journey = Journey(profile_id=remote.id, entry_point="Naapuruston Facebook-ryhmä",
                      scope_start="Etsii paikkaa tehdä töitä", scope_end="Vakioasiakkuus",
                      stages=stages, touchpoints=touchpoints)
    chain = Competitor(name="Ketjukahvila pääkadulla", type="direct",
                       strengths=["Tunnettu brändi", "Pitkät aukioloajat"],
                       weaknesses=["Meluisa", "Ei paikkavarausta"])
    library = Competitor(name="Kirjaston lukusali", type="substitute",
                         strengths=["Ilmainen", "Hiljainen"], weaknesses=["Ei kahvia"])
    home = Competitor(name="Kotona työskentely", type="do_nothing",
                      strengths=["Ei matkaa"], weaknesses=["Yksinäistä"])
    attributes = [
        CompetitiveAttribute(name="Hyvä kahvi", customer_importance=4, our_score=4,
                             competitor_scores=[CompetitorScore(competitor_id=chain.id, score=4),
                                                CompetitorScore(competitor_id=library.id,
                                                                score=1)]),
        CompetitiveAttribute(name="Varattava paikka", customer_importance=5, our_score=5,
                             deliverability=4, defensibility=3,
                             linked_gain_ids=[remote.gains[0].id],
                             competitor_scores=[CompetitorScore(competitor_id=chain.id, score=1),
                                                CompetitorScore(competitor_id=library.id,
                                                                score=2)],
                             proof_points=["Varausjärjestelmä verkossa"]),
    ]
    concept = Concept(
        name="Kahvila Kulma",
        industry="Kahvila- ja lounaspalvelut",
        author="Maija Meikäläinen",
        organisation="Kulma Oy",
        background="Aamupäivisin kahvila on puolityhjä, vaikka naapurustossa tehdään yhä "
                   "enemmän etätöitä.",
        objective="Täyttää aamupäivien hiljaiset tunnit vakioasiakkailla ja kasvattaa "
                  "lounasmyyntiä.",
        idea=Hypothesis(who="Naapuruston etätyöläiset",
                        what_value="Rauhallinen paikka tehdä töitä hyvän kahvin äärellä",
                        how="Varattavat pöydät, nopea verkko ja lounastilaus"),
        profiles=[remote, family],
        journeys=[journey],
    )
    concept.competition.frame_of_reference = "Kahvilat ja etätyöpaikat Kalliossa"
    concept.competition.competitors = [chain, library, home]
    concept.competition.attributes = attributes
    concept.relationship = Relationship(
        types=["personal", "self_service"], closeness=4, duration="continuous",
        contact_frequency="weekly",
        rationale_for_value_proposition="Vakioasiakkaan tunteminen tekee lupauksesta totta.",
        people=[PersonInvolved(role="payer", description="Työnantaja maksaa tilauksen",
                               influence=4, needs_own_touchpoints=True)],
    )
    concept.experience.intended_pattern = "deepening"
    first, month, year, long_term = concept.experience.horizons
    first.essentials = ["Lämmin vastaanotto", "Pöytä valmiina"]
    first.target_experience = "Tunnen olevani odotettu."
    first.target_rating = 1
    month.essentials = ["Henkilökunta oppii nimet"]
    month.target_rating = 1
    year.essentials = ["Tilaajat vaikuttavat sesonkimenuun"]
    year.target_rating = 2
    year.delight_moments = ["Syntymäpäiväkahvi"]
    long_term.churn_risks = ["Ruuhka vie vakiopaikan"]
    long_term.target_rating = 2
    concept.value_proposition = ValueProposition(
        profile_id=remote.id,
        products_services=[ProductService(name="Lounastilaus", job_ids=[remote.jobs[0].id])],
        pain_relievers=[PainReliever(text="Hiljainen työskentelynurkkaus",
                                     pain_ids=[remote.pains[0].id],
                                     touchpoint_ids=[touchpoints[2].id])],
        gain_creators=[GainCreator(text="Pöytävaraus verkossa",
                                   gain_ids=[remote.gains[0].id],
                                   touchpoint_ids=[touchpoints[3].id])],
        key_promise="Paikkasi ja lounaasi odottavat sinua.",
        reasons_to_believe=["Varausjärjestelmä", "Vakioasiakkaiden nimet tiedossa"],
    )
    concept.description = ConceptDescription(
        category="työskentelykahvila",
        who="Naapuruston etätyöläiset",
        what_value="Varma, rauhallinen paikka tehdä töitä – kahvi ja lounas samasta paikasta",
        how="Verkkovaraus, hiljainen nurkkaus ja kuukausittainen lounastilaus",
        differentiation="Ainoa kahvila, jossa paikan voi varata etukäteen.",
        exclusions=[Exclusion(text="Iltatapahtumat"), Exclusion(text="Alkoholi")],
        short_description=(
            "Kahvila Kulma on työskentelykahvila naapuruston etätyöläisille, jotka haluavat "
            "saada keskittynyttä työtä tehdyksi kodin ulkopuolella. Varattu paikka odottaa, "
            "ja hiljainen nurkkaus poistaa melun murheen. Hinta: 89 € / kk."
        ),
    )
    concept.parking_lot = [ParkingLotItem(text="Riittääkö verkon kaista 30 käyttäjälle?",
                                          raised_in_step="journey", owner="Maija",
                                          due_date="2026-12-15")]
    concept.stop_list = [StopItem(text="Olutlista", raised_in_step="value",
                                  reason="against_strategy",
                                  rationale="Ei sovi päiväkonseptiin")]
    concept.toolbox.empathy_maps = [EmpathyMap(
        profile_id=remote.id, persona_label="Etätyöläinen Eero",
        experiences=["Yksinäisyys kotona"], pain_points=["Keskeytykset"],
        success_feelings=["Valmis raportti ennen lounasta"],
    )]
    concept.toolbox.image_goal.responses = [
        ImageResponse(kind="always", text="Paikka odottaa aina"),
        ImageResponse(kind="never", text="Liian meluisa"),
    ]
    concept.toolbox.stakeholders = [Stakeholder(name="Vakioasiakkaat", importance=5,
                                                influence=4, interview_candidate=True,
                                                planned_interviews=10)]
    return concept


def large_concept(profiles: int = 5, touchpoints: int = 60, competitors: int = 10) -> Concept:
    """A concept at the upper end of real use, every field filled: for benchmarks and limits."""
    words = "asiakas palvelu kokemus arvo hyöty murhe tehtävä polku kanava lupaus".split()

    def sentence(seed: int, length: int = 12) -> str:
        return " ".join(words[(seed + i) % len(words)] for i in range(length)).capitalize() + "."

    concept = Concept(name="Iso konsepti", industry="Palvelut", author="Testi",
                      idea=Hypothesis(who=sentence(1), what_value=sentence(2), how=sentence(3)))
    for p in range(profiles):
        concept.profiles.append(CustomerProfile(
            name=f"Profiili {p + 1}", summary=sentence(p, 40),
            experience_essentials=[sentence(p + i, 5) for i in range(4)],
            jobs=[Job(text=sentence(p + i), type=("functional", "social", "emotional")[i % 3],
                      importance=1 + (p + i) % 5, current_satisfaction=1 + i % 5)
                  for i in range(8)],
            pains=[Pain(text=sentence(p + i + 1), severity=1 + (p + i) % 5) for i in range(8)],
            gains=[Gain(text=sentence(p + i + 2), relevance=1 + (p + i) % 5) for i in range(8)],
            business_importance=1 + p % 5, service_difficulty=1 + (p * 2) % 5,
            is_primary=(p == 0),
        ))
    per_profile = max(1, touchpoints // profiles)
    channels = ("web", "app", "email", "phone", "store", "social")
    for p, profile in enumerate(concept.profiles):
        stages = [JourneyStage(name=f"Vaihe {s + 1}", customer_goal=sentence(s, 10),
                               emotion=(s % 5) - 2, successes=[sentence(s, 6)],
                               failures=[sentence(s + 1, 6)])
                  for s in range(6)]
        journey = Journey(profile_id=profile.id, entry_point=sentence(p), stages=stages)
        for i in range(per_profile):
            journey.touchpoints.append(Touchpoint(
                stage_id=stages[i % len(stages)].id, name=f"Kohtaamispiste {p + 1}.{i + 1}",
                description=sentence(i, 25), channel=channels[i % len(channels)],
                kind=("human", "digital", "physical", "communication")[i % 4],
                importance=1 + i % 5, dev_status=("keep", "develop", "new", "remove")[i % 4],
                purchase_stage_keys=[("need", "search", "evaluate", "decide", "post")[i % 5]],
            ))
        concept.journeys.append(journey)
    for c in range(competitors):
        concept.competition.competitors.append(Competitor(
            name=f"Kilpailija {c + 1}",
            type=("direct", "indirect", "substitute", "do_nothing")[c % 4],
            summary=sentence(c, 20), strengths=[sentence(c, 6), sentence(c + 1, 6)],
            weaknesses=[sentence(c + 2, 6)],
        ))
    primary = concept.profiles[0]
    for a in range(12):
        concept.competition.attributes.append(CompetitiveAttribute(
            name=f"Ominaisuus {a + 1}", customer_importance=1 + a % 5, our_score=1 + (a + 2) % 5,
            competitor_scores=[CompetitorScore(competitor_id=comp.id, score=1 + (a + i) % 5)
                               for i, comp in enumerate(concept.competition.competitors)],
            linked_gain_ids=[primary.gains[a % len(primary.gains)].id],
            proof_points=[sentence(a, 5)],
        ))
    concept.competition.frame_of_reference = sentence(4, 15)
    for horizon in concept.experience.horizons:
        horizon.essentials = [sentence(1, 6), sentence(2, 6)]
        horizon.target_experience = sentence(3, 20)
        horizon.delight_moments = [sentence(4, 6)]
        horizon.churn_risks = [sentence(5, 6)]
        horizon.target_rating = 1
    concept.experience.intended_pattern = "deepening"
    concept.relationship = Relationship(
        types=["personal", "community"], closeness=4, duration="long", contact_frequency="weekly",
        rationale_for_value_proposition=sentence(6, 30), honesty_note=sentence(7, 20),
        people=[PersonInvolved(role=role, description=sentence(i, 8), influence=1 + i % 5)
                for i, role in enumerate(("payer", "decider", "influencer", "user"))],
        impact_on_journey=sentence(8, 30), impact_on_purchase=sentence(9, 30),
    )
    all_touchpoints = concept.all_touchpoints()
    concept.value_proposition = ValueProposition(
        profile_id=primary.id,
        products_services=[ProductService(name=f"Palvelu {i + 1}", description=sentence(i, 15),
                                          job_ids=[primary.jobs[i].id]) for i in range(5)],
        pain_relievers=[PainReliever(text=sentence(i, 10), pain_ids=[primary.pains[i].id],
                                     touchpoint_ids=[all_touchpoints[i].id]) for i in range(6)],
        gain_creators=[GainCreator(text=sentence(i + 3, 10), gain_ids=[primary.gains[i].id],
                                   touchpoint_ids=[all_touchpoints[i + 6].id]) for i in range(6)],
        key_promise=sentence(10, 12), reasons_to_believe=[sentence(i, 8) for i in range(4)],
        statement=sentence(11, 40),
    )
    concept.description = ConceptDescription(
        tagline=sentence(12, 6), category="Palvelu", who=sentence(13, 20),
        what_value=sentence(14, 20), how=sentence(15, 20), differentiation=sentence(16, 20),
        exclusions=[Exclusion(text=sentence(i, 6)) for i in range(5)],
        short_description=" ".join(sentence(i, 15) for i in range(10)),
    )
    concept.parking_lot = [ParkingLotItem(text=sentence(i, 10), raised_in_step="journey",
                                          owner="Testi") for i in range(10)]
    concept.stop_list = [StopItem(text=sentence(i, 8), raised_in_step="value",
                                  rationale=sentence(i + 1, 8)) for i in range(5)]
    _add_interviews(concept, sentence)
    return concept


def large_transcript(words: int = 20_000) -> str:
    """A two-hour interview's captions as a Teams .vtt file (about `words` words)."""
    vocabulary = ("aamulla jonotan kahvia koska juna lähtee pian ja sovellus ei toimi aina "
                  "mutta myyjä on ystävällinen ja hinta on kohtuullinen").split()
    cues, said, second = ["WEBVTT", ""], 0, 0
    while said < words:
        speaker = "Haastattelija" if (second // 8) % 4 == 0 else "Pekka Korhonen"
        text = " ".join(vocabulary[(second + i) % len(vocabulary)] for i in range(12))
        cues += [f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000 --> "
                 f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.900",
                 f"<v {speaker}>{text}.</v>", ""]
        said += 12
        second += 1
    return "\n".join(cues)


def _add_interviews(concept: Concept, sentence: Callable[[int, int], str]) -> None:
    """Ten interviews, the first with a two-hour transcript, quotes linked to primary pains."""
    from concept.transcripts import parse_captions

    group = Stakeholder(name="Asiakkaat", importance=5, influence=4, interview_candidate=True,
                        planned_interviews=10)
    concept.toolbox.stakeholders.append(group)
    primary = concept.profiles[0]
    for number in range(10):
        transcript = parse_captions(large_transcript()) if number == 0 else \
            " ".join(sentence(number + i, 12) for i in range(40))
        quotes = [Quote(text=transcript[i * 200:i * 200 + 80].strip()) for i in range(5)]
        concept.toolbox.interviews.append(Interview(
            pseudonym=f"Haastateltava {number + 1}", stakeholder_id=group.id,
            date=f"2026-10-{number + 1:02d}", interviewer="Testi", consent=True,
            transcript=transcript, quotes=quotes))
        for index, quote in enumerate(quotes):
            pain = primary.pains[index % len(primary.pains)]
            pain.quote_ids = [*pain.quote_ids, quote.id]
