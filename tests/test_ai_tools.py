"""The extended tools (channels, operating environment, positioning map) have AI targets and an
AI context like the steps: their lists name their owners and take accepted suggestions, the
prompts carry the tools' notes, and what the AI wrote there is marked until edited."""

from __future__ import annotations

import pytest

from concept import ai
from concept.ai.prompts import guidance
from concept.ai.provenance import marks_for_step
from concept.i18n import LANGUAGES, catalog
from concept.model import ChannelRole, Concept, EcosystemActor, PositioningMap, PositionPoint
from concept.samples import cafe_concept
from tests.fake_openai import json_reply
from tests.test_ai import settings_for, suggestions

TOOL_TARGETS = {"channels": ["channels.strengths"],
                "ecosystem": ["ecosystem.actors", "ecosystem.roles"],
                "positioning": ["positioning.points"]}


def with_tools() -> Concept:
    concept = cafe_concept()
    concept.toolbox.channel_roles = [
        ChannelRole(channel="web", role="Pöytävaraukset", business_importance=5,
                    strengths=["Auki ympäri vuorokauden"]),
        ChannelRole(role="Kanta-asiakkaiden viestit"),
    ]
    concept.toolbox.ecosystem = [EcosystemActor(name="Taloyhtiö", roles=["Vuokranantaja"],
                                                is_new=True)]
    concept.toolbox.positioning = PositioningMap(
        x_label="Hinta", y_label="Työrauha",
        points=[PositionPoint(name="Kulma tavoitteena", kind="us_target", x=0.6, y=0.9)])
    return concept


@pytest.mark.parametrize("tool", TOOL_TARGETS)
def test_each_extended_tool_has_its_targets_with_guidance_and_labels(tool):
    assert [x.key for x in ai.targets_for(tool)] == TOOL_TARGETS[tool]
    for tgt in ai.targets_for(tool):
        assert guidance()["target"][tgt.key]
        for lang in LANGUAGES:
            assert catalog(lang).get(tgt.label_key), f"{lang}: {tgt.label_key}"
            if tgt.owner_kind:
                assert catalog(lang).get(f"ai.owner.{tgt.owner_kind}")
                assert catalog(lang).get(f"ai.owner_missing.{tgt.owner_kind}")
    assert guidance()["step"][tool]


def test_channel_and_actor_targets_list_their_owners():
    concept = with_tools()
    web, unnamed = concept.toolbox.channel_roles
    assert ai.target("channels.strengths").owners(concept, "fi") == [
        (web.id, "Verkkosivusto"), (unnamed.id, "Kanta-asiakkaiden viestit")]
    actor = concept.toolbox.ecosystem[0]
    assert ai.target("ecosystem.roles").owners(concept, "en") == [(actor.id, "Taloyhtiö")]
    assert ai.target("ecosystem.roles").owners(cafe_concept(), "en") == []


def test_accepted_suggestions_land_in_the_tools():
    concept = with_tools()
    web = concept.toolbox.channel_roles[0]
    actor = concept.toolbox.ecosystem[0]
    ai.accept(concept, "channels.strengths", web.id, "Näyttää vapaat pöydät")
    ai.accept(concept, "ecosystem.roles", actor.id, "Naapuruston tapahtumien järjestäjä")
    ai.accept(concept, "ecosystem.actors", "", "Kaupunginkirjasto")
    ai.accept(concept, "positioning.points", "", "Coworking-tila")
    assert web.strengths == ["Auki ympäri vuorokauden", "Näyttää vapaat pöydät"]
    assert actor.roles == ["Vuokranantaja", "Naapuruston tapahtumien järjestäjä"]
    assert [a.name for a in concept.toolbox.ecosystem] == ["Taloyhtiö", "Kaupunginkirjasto"]
    point = concept.toolbox.positioning.points[-1]
    assert (point.name, point.kind, point.x, point.y) == ("Coworking-tila", "competitor", 0.5, 0.5)
    assert ai.target("ecosystem.actors").existing(concept, "") == ["Taloyhtiö",
                                                                   "Kaupunginkirjasto"]


def test_a_suggestion_for_a_removed_actor_is_refused():
    concept = with_tools()
    actor_id = concept.toolbox.ecosystem[0].id
    concept.toolbox.ecosystem = []
    with pytest.raises(ai.AIError) as raised:
        ai.accept(concept, "ecosystem.roles", actor_id, "Vuokranantaja")
    assert raised.value.key == "owner_gone"


def test_a_tools_task_sees_the_concept_and_the_tools_notes_in_full():
    concept = with_tools()
    context = ai.build_context(concept, "ecosystem", "fi")
    assert "## Toimintaympäristö" in context
    assert "Toimija ”Taloyhtiö” (uusi); roolit: Vuokranantaja" in context
    # The whole concept is there too: the start, the value proposition, the other tools.
    for part in ("## Aloitus", "## Arvolupaus", "## Kanavat", "## Positiointi"):
        assert part in context, part
    assert "Verkkosivusto" in context and "Pöytävaraukset" in context
    assert "Hinta / Työrauha" in context and "”Kulma tavoitteena” (Me tavoitteena)" in context


def test_a_steps_task_sees_the_tools_that_belong_with_it_or_earlier_steps():
    concept = with_tools()
    assert "## Kanavat" not in ai.build_context(concept, "profiles", "fi")
    journey = ai.build_context(concept, "journey", "fi")
    assert "## Kanavat" in journey and "## Toimintaympäristö" not in journey
    competition = ai.build_context(concept, "competition", "en")
    assert "## Operating environment" in competition and "## Positioning map" in competition
    assert "Taloyhtiö" in competition and "“Kulma tavoitteena”" in competition


def test_empty_tools_add_nothing_to_a_steps_context():
    concept = cafe_concept()
    assert ai.build_context(concept, "value", "fi") == ai.build_context(
        concept, "value", "fi", sections=ai.SECTION_STEPS)


def test_tool_prompts_name_the_tool_and_describe_the_chosen_actor():
    concept = with_tools()
    actor = concept.toolbox.ecosystem[0]
    user = ai.suggest_messages(concept, "ecosystem.roles", actor.id, "fi")[-1]["content"]
    assert '"Toimijan roolit" of the step "Toimintaympäristö"' in user
    assert "## Tämän tehtävän kohde\nToimija ”Taloyhtiö” (uusi)" in user
    assert user.count("Vuokranantaja") == 1  # only under the items already in the list
    channel = concept.toolbox.channel_roles[0]
    user = ai.suggest_messages(concept, "channels.strengths", channel.id, "en")[-1]["content"]
    assert "Channel “Website” (importance for the business 5/5): Pöytävaraukset" in user
    critique = ai.critique_messages(concept, "positioning", "en")[-1]["content"]
    assert 'the step "Positioning map"' in critique and "Hinta / Työrauha" in critique


def test_what_the_ai_added_to_the_tools_is_marked_until_edited():
    concept = with_tools()
    ai.accept(concept, "ecosystem.actors", "", "Kaupunginkirjasto", model="fake-model")
    ai.accept(concept, "positioning.points", "", "Coworking-tila", model="fake-model")
    ai.accept(concept, "channels.strengths", concept.toolbox.channel_roles[0].id,
              "Näyttää vapaat pöydät", model="fake-model")
    library = concept.toolbox.ecosystem[-1]
    assert ai.is_ai_written(concept, library) is not None
    assert ai.is_ai_written(concept, concept.toolbox.positioning.points[-1]) is not None
    assert [m.text for m in marks_for_step(concept, "ecosystem")] == ["Kaupunginkirjasto"]
    assert [m.text for m in marks_for_step(concept, "channels")] == ["Näyttää vapaat pöydät"]
    library.name = "Kallion kirjasto"
    concept.toolbox.channel_roles[0].strengths[-1] = "Vapaat pöydät näkyvät"
    assert [m.text for m in ai.live_marks(concept)] == ["Coworking-tila"]


def test_an_actor_suggested_by_the_fake_server_is_accepted_into_the_ecosystem(fake_openai):
    concept = with_tools()
    fake_openai.script(json_reply(suggestions("Taloyhtiö", "Kaupunginkirjasto")))
    found = ai.suggest(settings_for(fake_openai), concept, "ecosystem.actors", "", "fi")
    assert [s.text for s in found] == ["Kaupunginkirjasto"]  # the actor already there is dropped
    prompt = fake_openai.chat_requests()[-1].prompt_text()
    assert "Toimintaympäristö" in prompt and "Taloyhtiö" in prompt
    ai.accept(concept, "ecosystem.actors", "", found[0].text, model="fake-model")
    assert [a.name for a in concept.toolbox.ecosystem] == ["Taloyhtiö", "Kaupunginkirjasto"]
    assert [m.text for m in marks_for_step(concept, "ecosystem")] == ["Kaupunginkirjasto"]
