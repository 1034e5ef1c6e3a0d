"""Hostile user text shared by the export tests: what a real user might paste into a field."""

from concept.model import (
    Competitor,
    Concept,
    CustomerProfile,
    Exclusion,
    Journey,
    JourneyStage,
    Pain,
    ParkingLotItem,
    Touchpoint,
)
from concept.samples import cafe_concept

SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "**lihava** _kursiivi_ [linkki](http://example.com) `koodi` # otsikko | a | b |"
CONTROL = "pysty\x0bsarkain kello\x07 nolla\x00merkki"
EMOJI = "Kahvia ☕ ja raketti 🚀 peukku 👍🏽 hymy 😀"
LONG = ("Pitkä teksti ilman loppua. " * 800)[:20_000]
LONG_WORD = "x" * 20_000


def hostile_concept() -> Concept:
    """The café with scripts, Markdown, control characters, emoji and 20,000-character text in
    the name, a heading (profile name), a paragraph, bullets, key-values and table cells."""
    concept = cafe_concept()
    concept.name = f"Kulma {SCRIPT} {EMOJI[:12]}\x07"
    profile = concept.profiles[0]
    profile.name = f"{SCRIPT} {MARKDOWN}"
    profile.summary = LONG
    profile.pains.append(Pain(text=LONG_WORD, severity=5))
    profile.pains.append(Pain(text=f"{CONTROL} {EMOJI}", severity=4))
    concept.description.short_description = f"{MARKDOWN}\n- lista\n1. numero\n{SCRIPT}\n{LONG}"
    concept.description.who = f"{CONTROL}\n{EMOJI}"
    concept.description.exclusions.append(Exclusion(text=f"{SCRIPT}\n{MARKDOWN}"))
    concept.competition.competitors.append(
        Competitor(name=SCRIPT, strengths=[LONG], weaknesses=[MARKDOWN, EMOJI]))
    concept.parking_lot.append(ParkingLotItem(text=LONG_WORD, owner=SCRIPT, due_date="ei päivää"))
    stage = JourneyStage(name=MARKDOWN, customer_goal=LONG)
    concept.profiles.append(CustomerProfile(name=EMOJI))
    concept.journeys.append(Journey(
        profile_id=concept.profiles[-1].id, entry_point=SCRIPT, stages=[stage],
        touchpoints=[Touchpoint(stage_id=stage.id, name=f"{CONTROL}{EMOJI}",
                                purchase_stage_keys=["need", "decide"])]))
    return concept
