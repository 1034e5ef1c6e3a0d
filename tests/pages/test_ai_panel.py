"""AppTest: the AI assistant on the step pages, against the fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from concept.samples import cafe_concept
from tests.fake_openai import (
    FakeOpenAI,
    json_reply,
    status_reply,
    stream_reply,
)
from tests.helpers import open_app_with, stored

KEY = "sk-apptest-SECRET-81c3f0"
pytestmark = pytest.mark.usefixtures("no_ai_from_outside")


def use_fake(monkeypatch, fake: FakeOpenAI) -> None:
    monkeypatch.setenv("KONSEPTIKONE_AI_BASE_URL", fake.base_url)
    monkeypatch.setenv("KONSEPTIKONE_AI_API_KEY", KEY)
    monkeypatch.setenv("KONSEPTIKONE_AI_MODEL", "fake-model")
    monkeypatch.setenv("KONSEPTIKONE_AI_TIMEOUT", "1")
    monkeypatch.setenv("KONSEPTIKONE_AI_MAX_RETRIES", "0")


def suggestions(*texts: str) -> dict:
    return {"suggestions": [{"text": text, "reason": f"Syy: {text}"} for text in texts]}


def proposal_inputs(at):
    return [w for w in at.text_input if str(w.key or "").startswith("ai_prop_")]


def all_text(at) -> str:
    parts = [str(getattr(e, "value", "")) for kind in ("markdown", "caption", "error", "success",
                                                       "info", "warning", "text")
             for e in getattr(at, kind)]
    parts += [str(w.value) for w in at.text_input] + [str(w.value) for w in at.text_area]
    return "\n".join(parts)


def test_without_ai_settings_the_step_shows_only_a_hint_to_settings(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page="views/profiles.py")
    assert not at.exception
    assert not [e for e in at.expander if e.label == "AI assistant"]
    assert not [b for b in at.button if str(b.key or "").startswith("ai_")]
    assert any("AI assistance is off" in c.value and "Settings" in c.value for c in at.caption)


def test_suggestions_are_shown_and_only_the_accepted_one_enters_the_concept(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    profile = concept.profiles[0]
    before_jobs = [j.text for j in profile.jobs]
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    assert [e for e in at.expander if e.label == "AI assistant"]
    fake_openai.script(json_reply(suggestions("Tavata muita etätyöläisiä", "Pitää taukoja")))
    at.button(key="ai_suggest_profiles").click().run()
    assert not at.exception
    inputs = proposal_inputs(at)
    assert [w.value for w in inputs] == ["Tavata muita etätyöläisiä", "Pitää taukoja"]
    assert any("Syy: Pitää taukoja" in c.value.replace("\\", "") for c in at.caption)
    # Nothing is stored before the user clicks Add.
    assert [j.text for j in stored(data_dir, concept.id).profiles[0].jobs] == before_jobs

    inputs[1].input("Pitää lyhyitä taukoja").run()
    pid = inputs[1].key.removeprefix("ai_prop_")
    at.button(key=f"ai_accept_{pid}").click().run()
    assert not at.exception
    jobs = [j.text for j in stored(data_dir, concept.id).profiles[0].jobs]
    assert jobs == [*before_jobs, "Pitää lyhyitä taukoja"]
    assert [w.value for w in proposal_inputs(at)] == ["Tavata muita etätyöläisiä"]
    assert any("Pitää lyhyitä taukoja" in s.value.replace("\\", "") for s in at.success)


def test_discarded_suggestions_leave_the_concept_unchanged(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    revision = stored(data_dir, concept.id).revision
    fake_openai.script(json_reply(suggestions("Yksi", "Kaksi")))
    at.button(key="ai_suggest_profiles").click().run()
    for widget in proposal_inputs(at):
        at.button(key=f"ai_discard_{widget.key.removeprefix('ai_prop_')}").click().run()
    assert not proposal_inputs(at)
    assert stored(data_dir, concept.id).revision == revision


@pytest.mark.parametrize(("reply", "expected"), [
    (status_reply(401), "refused the API key (401)"),
    (status_reply(429), "busy or the usage limit is reached (429)"),
    (status_reply(500), "internal problem (HTTP 500)"),
    (json_reply("this is not json"), "not valid JSON"),
    (json_reply({"ideas": []}), "did not have the expected shape"),
    (json_reply(suggestions("late"), delay=3), "did not answer within 1 seconds"),
], ids=["401", "429", "500", "malformed", "schema", "timeout"])
def test_a_failed_request_shows_a_clear_error_and_stores_nothing(
        data_dir, monkeypatch, fake_openai, reply, expected):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    before = stored(data_dir, concept.id).model_dump()
    fake_openai.script(reply)
    at.button(key="ai_suggest_profiles").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any(expected in e for e in errors), errors
    assert not proposal_inputs(at)
    assert stored(data_dir, concept.id).model_dump() == before
    assert KEY not in all_text(at)


def test_suggestions_are_asked_in_finnish_when_the_ui_is_finnish(data_dir, monkeypatch,
                                                                  fake_openai):
    use_fake(monkeypatch, fake_openai)
    at = open_app_with(cafe_concept(), data_dir, page="views/profiles.py", lang="fi")
    assert [e for e in at.expander if e.label == "Tekoälyavustaja"]
    at.button(key="ai_suggest_profiles").click().run()
    assert "in Finnish" in fake_openai.chat_requests()[-1].prompt_text()
    assert [w.value for w in proposal_inputs(at)][0] == "Hiljaisen pöydän löytäminen lounasaikaan"


def test_touchpoint_suggestion_goes_to_the_chosen_stage(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    journey = concept.journeys[0]
    stage = journey.stages[-1]
    at = open_app_with(concept, data_dir, page="views/journey.py")
    at.selectbox(key="ai_owner_journey_journey.touchpoints").set_value(stage.id).run()
    fake_openai.script(json_reply(suggestions("Palautekysely sähköpostilla")))
    at.button(key="ai_suggest_journey").click().run()
    pid = proposal_inputs(at)[0].key.removeprefix("ai_prop_")
    at.button(key=f"ai_accept_{pid}").click().run()
    assert not at.exception
    added = stored(data_dir, concept.id).journeys[0].touchpoints[-1]
    assert (added.name, added.stage_id) == ("Palautekysely sähköpostilla", stage.id)


def test_critique_is_shown_as_plain_text_never_as_markup(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    at = open_app_with(cafe_concept(), data_dir, page="views/journey.py")
    fake_openai.script(json_reply({
        "questions": ["Is **this** <b>real</b>? [click](http://evil.example)"],
        "risks": ["# Big risk"]}))
    at.button(key="ai_critique_journey").click().run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert r"\*\*this\*\*" in shown and r"\<b\>real\</b\>" in shown
    assert r"\[click\]\(http\:" in shown and r"\# Big risk" in shown


def test_draft_is_streamed_and_used_only_after_confirming_the_replacement(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    old = concept.description.short_description
    assert old
    at = open_app_with(concept, data_dir, page="views/value.py")
    fake_openai.script(stream_reply(["Kulma on ", "työskentelykahvila ", "etätyöläisille."]))
    at.button(key="ai_draft_description").click().run()
    assert not at.exception
    draft = at.text_area(key="ai_draft_edit_description")
    assert draft.value == "Kulma on työskentelykahvila etätyöläisille."
    draft.input("Kulma on rauhallinen työskentelykahvila.").run()
    at.button(key="ai_draft_use_description").click().run()
    assert any("replaces the text you already have" in w.value for w in at.warning)
    assert stored(data_dir, concept.id).description.short_description == old
    at.button(key="ai_draft_replace_description").click().run()
    assert not at.exception
    assert stored(data_dir, concept.id).description.short_description == \
        "Kulma on rauhallinen työskentelykahvila."
    assert any("The draft is now your Short concept description" in s.value for s in at.success)


def test_a_draft_for_an_empty_field_is_used_without_asking(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    concept.value_proposition.statement = ""
    at = open_app_with(concept, data_dir, page="views/value.py", lang="fi")
    fake_openai.script(stream_reply(["Kulma auttaa ", "etätyöläisiä keskittymään."]))
    at.button(key="ai_draft_statement").click().run()
    at.button(key="ai_draft_use_statement").click().run()
    assert not at.exception
    assert not at.warning or not any("korvaa" in w.value for w in at.warning)
    assert stored(data_dir, concept.id).value_proposition.statement == \
        "Kulma auttaa etätyöläisiä keskittymään."


def test_a_draft_cut_off_half_way_shows_an_error_and_offers_nothing_to_use(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page="views/value.py")
    before = stored(data_dir, concept.id).model_dump()
    fake_openai.script(stream_reply(["Kulma ", "on ", "työ", "skentely", "kahvila."],
                                    cut_after=3))
    at.button(key="ai_draft_statement").click().run()
    assert not at.exception
    assert any("stopped half-way" in e.value.replace("\\", "") for e in at.error)
    assert not [b for b in at.button if b.key == "ai_draft_use_statement"]
    assert stored(data_dir, concept.id).model_dump() == before


def test_every_step_page_has_the_assistant_when_ai_is_on(data_dir, monkeypatch, fake_openai):
    from concept.steps import STEPS

    use_fake(monkeypatch, fake_openai)
    at = open_app_with(cafe_concept(), data_dir)
    for step in STEPS:
        at.switch_page(step.page).run()
        assert not at.exception, step.key
        assert [b for b in at.button if b.key == f"ai_critique_{step.key}"], step.key


def test_asking_again_replaces_the_open_suggestions(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    at = open_app_with(cafe_concept(), data_dir, page="views/competition.py")
    at.selectbox(key="ai_target_competition").set_value("competition.attributes").run()
    fake_openai.script(json_reply(suggestions("Hinta", "Sijainti")),
                       json_reply(suggestions("Aukioloajat")))
    at.button(key="ai_suggest_competition").click().run()
    assert [w.value for w in proposal_inputs(at)] == ["Hinta", "Sijainti"]
    at.button(key="ai_suggest_competition").click().run()
    assert not at.exception
    assert [w.value for w in proposal_inputs(at)] == ["Aukioloajat"]


def test_an_error_on_a_step_never_shows_the_servers_address(data_dir, monkeypatch, fake_openai):
    # The server's settings are the operator's: a visitor reads "the address set on the server".
    use_fake(monkeypatch, fake_openai)
    fake_openai.script(status_reply(404))
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    at.button(key="ai_suggest_profiles").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("the address set on the server" in e for e in errors), errors
    address = fake_openai.base_url.split("//", 1)[1]
    assert address not in all_text(at).replace("\\", "")


def test_an_accepted_suggestion_is_marked_as_written_by_ai_until_edited(data_dir, monkeypatch,
                                                                      fake_openai):
    use_fake(monkeypatch, fake_openai)
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    fake_openai.script(json_reply(suggestions("Tavata muita etätyöläisiä")))
    at.button(key="ai_suggest_profiles").click().run()
    pid = proposal_inputs(at)[0].key.removeprefix("ai_prop_")
    at.button(key=f"ai_accept_{pid}").click().run()
    assert not at.exception
    marks = stored(data_dir, concept.id).ai_marks
    assert [(m.source, m.model, m.text) for m in marks] == [
        ("ai", "fake-model", "Tavata muita etätyöläisiä")]
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert any("Tavata muita etätyöläisiä (fake-model," in c for c in shown), shown


def test_usage_is_shown_under_the_answer_and_totalled_on_the_settings_page(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    fake_openai.cost_header = "0.0021"
    at = open_app_with(cafe_concept(), data_dir, page="views/profiles.py")
    fake_openai.script(json_reply(suggestions("Tavata muita")))
    at.button(key="ai_suggest_profiles").click().run()
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Tokens: ") and "cost 0.0021" in c for c in captions), captions
    at.switch_page("views/settings.py").run()
    assert any("AI requests in this session: 1." in c.value for c in at.caption)
