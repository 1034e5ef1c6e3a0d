"""The AI service against servers that answer oddly: structured-output refusals in each server's
words, 400s about other things, a 200 that is not a completion, streams closed by the user,
timeouts, and the wording of what the user then reads."""

from __future__ import annotations

import pytest

from concept import ai
from concept.ai import client as ai_client
from concept.ai_settings import AISettings
from concept.samples import cafe_concept
from tests.fake_openai import (
    OTHER_400S,
    STRUCTURED_OUTPUT_REFUSALS,
    FakeOpenAI,
    html_reply,
    json_reply,
    raw_reply,
    refusal_reply,
    status_reply,
    stream_reply,
    unknown_model_reply,
)

KEY = "sk-test-SECRET-77ab90cd12"


@pytest.fixture(autouse=True)
def _forget_refusals():
    ai_client._NO_STRUCTURED_OUTPUT.clear()
    yield
    ai_client._NO_STRUCTURED_OUTPUT.clear()


def settings_for(fake: FakeOpenAI, **overrides) -> AISettings:
    values = dict(base_url=fake.base_url, api_key=KEY, model="fake-model", timeout=2.0,
                  max_retries=0)
    values.update(overrides)
    return AISettings(**values)


def suggestions(*texts: str) -> dict:
    return {"suggestions": [{"text": text, "reason": "koska"} for text in texts]}


def ask(fake: FakeOpenAI, **overrides):
    concept = cafe_concept()
    return ai.suggest(settings_for(fake, **overrides), concept, "profiles.pains",
                      concept.profiles[0].id, "fi")


# --- bug 1: the fallback is remembered only for a real refusal ----------------------------------


@pytest.mark.parametrize("server", sorted(STRUCTURED_OUTPUT_REFUSALS))
def test_each_servers_structured_output_refusal_switches_to_the_fallback(fake_openai, server):
    fake_openai.script(refusal_reply(server), json_reply(suggestions("Jonot kassalla")))
    assert [s.text for s in ask(fake_openai)] == ["Jonot kassalla"]
    first, second = fake_openai.chat_requests()
    assert "response_format" in first.body and "response_format" not in second.body
    fake_openai.script(json_reply(suggestions("Toinen")))
    ask(fake_openai)
    assert "response_format" not in fake_openai.chat_requests()[-1].body
    assert len(fake_openai.chat_requests()) == 3


@pytest.mark.parametrize("kind", ["context", "content_filter", "bad_key"])
def test_a_400_about_something_else_is_reported_at_once_and_not_remembered(fake_openai, kind):
    fake_openai.script(status_reply(400, OTHER_400S[kind]))
    with pytest.raises(ai.AIError) as info:
        ask(fake_openai)
    assert info.value.key == "bad_request"
    assert len(fake_openai.chat_requests()) == 1  # no second, larger request
    ask(fake_openai)
    assert "response_format" in fake_openai.chat_requests()[-1].body


def test_a_401_is_never_remembered_as_a_refusal(fake_openai):
    fake_openai.script(status_reply(401))
    with pytest.raises(ai.AIError):
        ask(fake_openai)
    ask(fake_openai)
    assert len(fake_openai.chat_requests()) == 2
    assert "response_format" in fake_openai.chat_requests()[-1].body


def test_an_unclear_400_is_remembered_only_when_the_plain_request_then_works(fake_openai):
    fake_openai.script(status_reply(400, "Bad Request"), status_reply(400, "Bad Request"))
    with pytest.raises(ai.AIError) as info:
        ask(fake_openai)
    assert info.value.key == "bad_request"
    assert ai_client._NO_STRUCTURED_OUTPUT == {}
    fake_openai.script(status_reply(400, "Bad Request"), json_reply(suggestions("Kolmas")))
    assert [s.text for s in ask(fake_openai)] == ["Kolmas"]
    assert list(ai_client._NO_STRUCTURED_OUTPUT) == [(fake_openai.base_url, "fake-model")]


def test_the_remembered_fallback_is_per_model_and_expires(fake_openai, monkeypatch):
    fake_openai.script(refusal_reply("ollama"))
    ask(fake_openai)
    ask(fake_openai, model="other-model")
    assert "response_format" in fake_openai.chat_requests()[-1].body
    monkeypatch.setattr(ai_client, "NO_STRUCTURED_OUTPUT_SECONDS", -1.0)
    ai_client._NO_STRUCTURED_OUTPUT.clear()
    fake_openai.script(refusal_reply("ollama"))
    ask(fake_openai)  # remembered with an expiry already past
    ask(fake_openai)
    assert "response_format" in fake_openai.chat_requests()[-1].body


# --- bug 4: an unknown model answered with 400 (LiteLLM) lists the server's models ----------------


def test_an_unknown_model_answered_with_400_lists_the_servers_models(fake_openai):
    fake_openai.models = ["llama3.1:8b", "qwen2.5:7b"]
    fake_openai.script(unknown_model_reply())
    with pytest.raises(ai.AIError) as info:
        ask(fake_openai, model="gpt-9")
    assert info.value.key == "model_unknown"
    assert "llama3.1:8b, qwen2.5:7b" in info.value.message("fi")
    assert "litellm" not in info.value.message("en")
    assert len(fake_openai.chat_requests()) == 1


def test_check_connection_and_drafts_list_the_models_after_a_400_unknown_model(fake_openai):
    fake_openai.script(unknown_model_reply(), unknown_model_reply())
    with pytest.raises(ai.AIError) as info:
        ai.check_connection(settings_for(fake_openai, model="gpt-9"))
    assert info.value.key == "model_unknown"
    with pytest.raises(ai.AIError) as info:
        list(ai.stream_draft(settings_for(fake_openai, model="gpt-9"), cafe_concept(),
                             "description", "fi"))
    assert info.value.key == "model_unknown"


def test_list_models_gives_the_servers_models_for_the_picker(fake_openai):
    fake_openai.models = ["b-model", "a-model"]
    assert ai.list_models(settings_for(fake_openai)) == ["a-model", "b-model"]
    assert ai.list_models(AISettings()) == []


# --- bug 3: a 200 that is not a completion ------------------------------------------------------


@pytest.mark.parametrize("reply", [html_reply(), raw_reply('{"status": "ok", "data": [1]}'),
                                   raw_reply('{"choices": "none"}')],
                         ids=["html", "other json", "choices of another shape"])
def test_a_200_that_is_not_a_completion_is_named_so(fake_openai, reply):
    for call in (lambda s: ask(fake_openai),
                 lambda s: ai.critique(s, cafe_concept(), "journey", "fi")):
        fake_openai.script(reply)
        with pytest.raises(ai.AIError) as info:
            call(settings_for(fake_openai))
        assert info.value.key == "not_compatible"


# --- bug 2: closing a draft closes its stream ---------------------------------------------------


def test_closing_a_draft_closes_the_stream_within_a_second(fake_openai):
    fake_openai.script(stream_reply([f"sana{i} " for i in range(400)], chunk_delay=0.02))
    draft = ai.stream_draft(settings_for(fake_openai, timeout=10.0), cafe_concept(),
                            "description", "fi")
    assert [next(draft) for _ in range(3)] == ["sana0 ", "sana1 ", "sana2 "]
    draft.close()  # what Stop and leaving the page do
    assert fake_openai.stream_closed.wait(1.0)


def test_a_stream_cut_mid_way_by_the_server_says_so(fake_openai):
    fake_openai.script(stream_reply(["Yksi ", "kaksi ", "kolme ", "neljä"], cut_after=2))
    with pytest.raises(ai.AIError) as info:
        list(ai.stream_draft(settings_for(fake_openai), cafe_concept(), "description", "fi"))
    assert info.value.key == "stream_cut"


# --- bug 5: a timeout is not retried and names the time really waited ---------------------------


def test_a_timeout_is_not_retried_and_says_the_time_waited(fake_openai):
    fake_openai.script(json_reply(suggestions("myöhässä"), delay=3),
                       json_reply(suggestions("myöhässä"), delay=3))
    with pytest.raises(ai.AIError) as info:
        ask(fake_openai, timeout=1.0, max_retries=2)
    assert info.value.key == "timeout"
    assert info.value.params["seconds"] == "1"
    assert len(fake_openai.chat_requests()) == 1


def test_a_busy_server_is_still_retried_up_to_the_setting(fake_openai):
    fake_openai.script(status_reply(429), status_reply(503), json_reply(suggestions("Kolmas")))
    assert [s.text for s in ask(fake_openai, max_retries=2)] == ["Kolmas"]
    assert len(fake_openai.chat_requests()) == 3


# --- bug 6: wording and where the user's text sits ----------------------------------------------


def test_existing_items_sit_inside_the_concept_data_block():
    concept = cafe_concept()
    messages = ai.suggest_messages(concept, "profiles.pains", concept.profiles[0].id, "fi")
    user = messages[-1]["content"]
    existing = concept.profiles[0].pains[0].text
    start, end = user.index("<concept_data>"), user.index("</concept_data>")
    assert start < user.rindex(existing) < end
    assert "<existing_items>" not in user


def test_the_connection_error_shows_the_address_as_code_not_a_link():
    error = ai.AIError("connection", url="http://localhost:11434/v1")
    shown = error.markdown("fi")
    assert "`http://localhost:11434/v1`" in shown
    hostile = ai.AIError("connection", url="http://x/`**y**`").markdown("en")
    assert "`http://x/**y**`" in hostile and hostile.count("`") == 2


@pytest.mark.parametrize("key", ["malformed", "schema"])
def test_a_failed_critique_says_nothing_was_changed(fake_openai, key):
    fake_openai.script(json_reply('{"questions": [' if key == "malformed" else {"x": 1}))
    with pytest.raises(ai.AIError) as info:
        ai.critique(settings_for(fake_openai), cafe_concept(), "journey", "en")
    assert info.value.key == key
    assert "nothing was changed" in info.value.message("en").lower()
    assert "mitään ei muutettu" in info.value.message("fi").lower()
    assert "added" not in info.value.message("en")


# --- 9: usage -----------------------------------------------------------------------------------


def test_a_suggestion_reports_its_tokens_and_the_proxys_cost(fake_openai):
    fake_openai.cost_header = "0.00042"
    seen: list[ai.Usage] = []
    concept = cafe_concept()
    ai.suggest(settings_for(fake_openai), concept, "profiles.pains", concept.profiles[0].id,
               "fi", on_usage=seen.append)
    (used,) = seen
    assert used.prompt_tokens > 100 and used.completion_tokens > 0
    assert used.cost == pytest.approx(0.00042)
    assert (used + used).prompt_tokens == 2 * used.prompt_tokens


def test_a_stream_asks_for_usage_and_reports_it(fake_openai):
    seen: list[ai.Usage] = []
    fake_openai.script(stream_reply(["Yksi ", "kaksi"]))
    text = "".join(ai.stream_draft(settings_for(fake_openai), cafe_concept(), "description",
                                   "fi", on_usage=seen.append))
    assert text == "Yksi kaksi"
    assert fake_openai.chat_requests()[-1].body["stream_options"] == {"include_usage": True}
    assert [u.completion_tokens for u in seen] == [2]


def test_a_server_without_stream_options_still_streams(fake_openai):
    fake_openai.reject_stream_options = True
    fake_openai.script(stream_reply(["Yksi ", "kaksi"]))
    assert "".join(ai.stream_draft(settings_for(fake_openai), cafe_concept(), "description",
                                   "fi")) == "Yksi kaksi"
    assert "stream_options" not in fake_openai.chat_requests()[-1].body


def test_the_benchmark_counts_one_request_after_a_400_about_the_context(fake_openai):
    from benchmarks.ai import requests_after_other_400

    concept = cafe_concept()
    assert requests_after_other_400(ai, fake_openai, settings_for(fake_openai), concept) == 1
