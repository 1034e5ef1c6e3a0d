"""AppTest: Draft from a brief on the start page, against the fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from concept.ai.provenance import live_marks
from concept.model import Concept
from tests.brief_answers import CAFE_BRIEF, brief_responder
from tests.helpers import open_app_with, stored
from tests.pages.test_ai_panel import all_text, use_fake

pytestmark = pytest.mark.usefixtures("no_ai_from_outside")


def _draft(at, text: str = CAFE_BRIEF):
    at.text_area(key="brief_text").input(text)
    at.button(key="FormSubmitter:brief_form-Draft").click().run()
    return at


def test_an_empty_concept_is_drafted_from_a_brief_and_nothing_enters_unreviewed(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    fake_openai.responder = brief_responder
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/start.py")
    assert [e for e in at.expander if e.label == "Draft from a brief"]
    _draft(at)
    assert not at.exception
    assert len(fake_openai.chat_requests()) == 8
    # Drafted, not entered: only the brief itself is kept with the concept.
    kept = stored(data_dir, concept.id)
    assert not kept.profiles and not kept.idea.who
    assert "Korttelikahvila Kulma" in kept.brief.text
    assert "Requests: 8." in all_text(at)

    at.button(key="brief_accept_step_profiles").click().run()
    assert not at.exception
    kept = stored(data_dir, concept.id)
    assert [p.name for p in kept.profiles] == ["Focused remote worker",
                                               "Parent of small children", "Lunch guest"]
    assert kept.profiles[0].is_primary
    marked = {m.text for m in live_marks(kept)}
    assert {"Focused remote worker", "The wifi drops"} <= marked
    assert not kept.journeys and not kept.idea.who  # the other steps wait for review


def test_an_item_edited_before_accepting_enters_as_edited_and_its_parent_comes_along(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    fake_openai.responder = brief_responder
    concept = Concept(name="Kulma")
    at = _draft(open_app_with(concept, data_dir, page="views/start.py"))
    # profiles-1 is the first profile's first job (profile 0, then its jobs).
    at.text_input(key="brief_edit_profiles-1").input("Do focused work three days a week").run()
    at.button(key="brief_accept_profiles-1").click().run()
    assert not at.exception
    kept = stored(data_dir, concept.id)
    assert [p.name for p in kept.profiles] == ["Focused remote worker"]
    assert [j.text for j in kept.profiles[0].jobs] == ["Do focused work three days a week"]


def test_replacing_the_users_own_idea_asks_first(data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    fake_openai.responder = brief_responder
    concept = Concept(name="Kulma")
    at = _draft(open_app_with(concept, data_dir, page="views/start.py"))
    # The user writes their own "who" while the draft waits.
    who = next(w for w in at.text_area if str(w.key).endswith("idea.who"))
    who.input("Only students").run()
    at.button(key="brief_accept_start-0").click().run()
    assert stored(data_dir, concept.id).idea.who == "Only students"
    assert "replace" in all_text(at).lower()
    at.button(key="brief_replace_start-0").click().run()
    assert stored(data_dir, concept.id).idea.who.startswith("Remote workers")


def test_a_step_answering_garbage_is_reported_with_retry_and_keeps_the_drafted_steps(
        data_dir, monkeypatch, fake_openai):
    use_fake(monkeypatch, fake_openai)
    fake_openai.responder = brief_responder
    from tests.brief_answers import answer_reply
    from tests.fake_openai import stream_reply

    fake_openai.script(answer_reply("start"), stream_reply(["<b>not json at all</b>"]))
    concept = Concept(name="Kulma")
    at = _draft(open_app_with(concept, data_dir, page="views/start.py"))
    assert not at.exception
    text = all_text(at)
    assert "failed" in text and "not valid JSON" in text
    assert at.button(key="brief_retry").label == "Retry"
    assert [b for b in at.button if b.key == "brief_accept_step_start"]
    at.button(key="brief_retry").click().run()
    assert not at.exception
    assert [b for b in at.button if b.key == "brief_accept_step_value"]
    assert [b for b in at.button if b.key == "brief_accept_step_start"]


def test_hostile_text_in_the_draft_is_shown_literally(data_dir, monkeypatch, fake_openai):
    from tests.brief_answers import ANSWERS, chunks, step_of
    from tests.fake_openai import stream_reply
    from tests.hostile import HOSTILE

    use_fake(monkeypatch, fake_openai)

    def poison(value):
        if isinstance(value, dict):
            return {k: poison(v) if k not in ("channel", "kind", "type", "role", "period",
                                                "stages", "duration", "contact_frequency",
                                                "types") else v for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v) for v in value]
        return f"{value} {HOSTILE}" if isinstance(value, str) else value

    fake_openai.responder = lambda body: stream_reply(chunks(poison(ANSWERS["en"][
        step_of(body)])))
    concept = Concept(name=HOSTILE)
    at = _draft(open_app_with(concept, data_dir, page="views/start.py"), HOSTILE)
    assert not at.exception
    assert [b for b in at.button if b.key == "brief_accept_step_value"]
    # One profile in: the step's "Already in the concept" column shows its hostile name.
    at.button(key="brief_accept_profiles-0").click().run()
    assert any("host/x" in str(m.value) for m in at.markdown)
    for kind in ("markdown", "caption", "error", "success", "info", "warning"):
        for element in getattr(at, kind):
            body = str(element.value)
            assert "![i](http" not in body and "[ok](http" not in body, body
    assert stored(data_dir, concept.id).profiles[0].name.endswith(HOSTILE)
