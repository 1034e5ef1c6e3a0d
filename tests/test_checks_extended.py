"""Checks of the extended tools (methodology §5.9): channels, operating environment, positioning."""

from __future__ import annotations

from datetime import date

from concept.checks import all_findings
from concept.checks.extended import (
    channel_findings,
    ecosystem_findings,
    empty_quadrants,
    positioning_findings,
)
from concept.document import build_document
from concept.model import (
    ChannelRole,
    Competitor,
    Concept,
    EcosystemActor,
    Journey,
    PositionPoint,
    Touchpoint,
)


def with_touchpoints(*touchpoints: Touchpoint) -> Concept:
    return Concept(journeys=[Journey(touchpoints=list(touchpoints))])


def ids(found) -> list[str]:
    return [f.check_id for f in found]


def test_unused_tools_say_nothing():
    concept = with_touchpoints(Touchpoint(channel="web"))
    assert channel_findings(concept) == [] and ecosystem_findings(concept) == []
    assert positioning_findings(concept) == []


def test_a_channel_with_touchpoints_but_no_role():
    concept = with_touchpoints(Touchpoint(channel="web"), Touchpoint(channel="store"))
    concept.toolbox.channel_roles = [ChannelRole(channel="web", role="Tieto ja varaus")]
    found = channel_findings(concept)
    assert ids(found) == ["CH-01"]
    assert found[0].message("fi") == (
        "Tällä kanavalla on kohtaamispisteitä, mutta tehtävää ei ole kuvattu: Myymälä, toimipiste")
    assert not found[0].message("en").endswith(": store")  # a label, not the key


def test_two_channels_doing_the_same_and_an_important_one_on_one_stage():
    concept = with_touchpoints(
        Touchpoint(channel="web", purchase_stage_keys=["search"]),
        Touchpoint(channel="app", purchase_stage_keys=["search"]))
    concept.toolbox.channel_roles = [
        ChannelRole(channel="web", role="a", business_importance=5),
        ChannelRole(channel="app", role="b", business_importance=2)]
    assert ids(channel_findings(concept)) == ["CH-02", "CH-03"]


def test_multi_role_and_new_actors():
    concept = Concept(toolbox={"ecosystem": [
        EcosystemActor(name="Kauppa", roles=["myyjä", "kumppani"]),
        EcosystemActor(name="Alusta", roles=["välittäjä"], is_new=True),
        EcosystemActor(name="Kilpailija Oy", is_new=True)]},
        competition={"competitors": [Competitor(name="kilpailija oy")]})
    found = ecosystem_findings(concept)
    assert ids(found) == ["EC-01", "EC-02"]
    assert found[0].params["names"] == "Kauppa"
    assert found[1].params["names"] == "Alusta"


def test_target_too_close_to_a_competitor_and_white_space():
    concept = Concept()
    concept.toolbox.positioning.points = [
        PositionPoint(name="Me", kind="us_target", x=0.8, y=0.8),
        PositionPoint(name="Kahvila X", kind="competitor", x=0.85, y=0.75),
        PositionPoint(name="Kioski", kind="competitor", x=0.2, y=0.9)]
    found = positioning_findings(concept)
    assert ids(found) == ["PO-01", "PO-02"]
    assert found[0].params["names"] == "Kahvila X"
    assert empty_quadrants(concept.toolbox.positioning) == ["low_low", "high_low"]


def test_the_extended_tools_reach_the_document_and_the_overview():
    concept = with_touchpoints(Touchpoint(channel="web"))
    concept.name = "Kulma"
    concept.toolbox.channel_roles = [ChannelRole(channel="web", role="Varaukset",
                                                 strengths=["aina auki"])]
    concept.toolbox.ecosystem = [EcosystemActor(name="Kauppa", roles=["myyjä"])]
    concept.toolbox.positioning.x_label = "Hinta"
    concept.toolbox.positioning.points = [PositionPoint(name="Me", kind="us_current")]
    document = build_document(concept, "fi", today=date(2026, 3, 2))
    keys = [s.key for s in document.sections]
    assert keys.index("ecosystem") < keys.index("positioning") < keys.index("channels")
    assert document.section("channels").title == "Kanavat"
    assert "PO-02" not in ids(all_findings(concept))  # one point: no white space to speak of
