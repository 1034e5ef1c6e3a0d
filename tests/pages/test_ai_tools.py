"""AppTest: the AI assistant on the extended tools' pages, against the fake OpenAI-compatible
server (never a mocked client)."""

from __future__ import annotations

import pytest

from concept.model import EcosystemActor
from concept.samples import cafe_concept
from tests.fake_openai import json_reply
from tests.helpers import open_app_with, stored
from tests.pages.test_ai_panel import proposal_inputs, suggestions, use_fake

pytestmark = pytest.mark.usefixtures("no_ai_from_outside")
TOOL_PAGES = {"channels": "views/tools/channels.py", "ecosystem": "views/tools/ecosystem.py",
              "positioning": "views/tools/positioning.py"}


def test_each_extended_tool_page_has_the_assistant_when_ai_is_on(data_dir, monkeypatch,
                                                                 fake_openai):
    use_fake(monkeypatch, fake_openai)
    at = open_app_with(cafe_concept(), data_dir)
    for key, page in TOOL_PAGES.items():
        at.switch_page(page).run()
        assert not at.exception, key
        assert [e for e in at.expander if e.label == "AI assistant"], key
        assert at.button(key=f"ai_suggest_{key}"), key
        assert at.button(key=f"ai_critique_{key}"), key


def test_without_ai_settings_a_tool_page_shows_only_the_hint(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page=TOOL_PAGES["ecosystem"])
    assert not at.exception
    assert not [b for b in at.button if str(b.key or "").startswith("ai_")]
    assert any("AI assistance is off" in c.value for c in at.caption)


def test_an_actor_suggested_on_the_ecosystem_page_is_added_and_marked(data_dir, monkeypatch,
                                                                      fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    concept.toolbox.ecosystem = [EcosystemActor(name="Taloyhtiö", roles=["Vuokranantaja"])]
    at = open_app_with(concept, data_dir, page=TOOL_PAGES["ecosystem"])
    assert at.selectbox(key="ai_target_ecosystem").value == "ecosystem.actors"
    fake_openai.script(json_reply(suggestions("Kaupunginkirjasto", "Coworking-verkosto")))
    at.button(key="ai_suggest_ecosystem").click().run()
    assert not at.exception
    inputs = proposal_inputs(at)
    assert [w.value for w in inputs] == ["Kaupunginkirjasto", "Coworking-verkosto"]
    assert [a.name for a in stored(data_dir, concept.id).toolbox.ecosystem] == ["Taloyhtiö"]
    pid = inputs[0].key.removeprefix("ai_prop_")
    at.button(key=f"ai_accept_{pid}").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert [a.name for a in saved.toolbox.ecosystem] == ["Taloyhtiö", "Kaupunginkirjasto"]
    assert [(m.target, m.model, m.text) for m in saved.ai_marks] == [
        ("ecosystem.actors", "fake-model", "Kaupunginkirjasto")]
    # The new actor's editor shows it at once, and the panel lists it as written by the AI.
    assert "Kaupunginkirjasto" in [w.value for w in at.text_input
                                   if not str(w.key or "").startswith("ai_")]
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert any("Kaupunginkirjasto (fake-model," in c for c in shown), shown
