"""Properties of the prompts and of how model output is shown: user text stays inside its
delimiters whatever it contains, and escaped model output reads back as the original text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from concept import ai
from concept.formatting import plain
from concept.samples import cafe_concept

hostile = st.text(alphabet=st.sampled_from(list("<>/_abc $*[](){}#`\\:\n")) |
                  st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=60, deadline=None)
@given(text=hostile)
def test_user_text_never_opens_or_closes_the_data_block(text):
    concept = cafe_concept()
    profile = concept.profiles[0]
    profile.summary = text
    profile.pains[0].text = text
    for messages in (ai.suggest_messages(concept, "profiles.pains", profile.id, "en"),
                     ai.critique_messages(concept, "profiles", "fi")):
        user = messages[-1]["content"]
        assert user.count("<concept_data>") == 1
        assert user.count("</concept_data>") == 1


@settings(max_examples=60, deadline=None)
@given(text=hostile)
def test_escaped_model_output_reads_back_as_the_original_text(text):
    escaped = plain(text)
    # Every Markdown-special character is preceded by a backslash...
    assert not re.search(r"(?<!\\)[*_`\[\]<>#|~$]", escaped.replace("\\\\", ""))
    # ...and removing the escapes gives the text back.
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text


def test_a_long_list_is_capped_in_the_prompt():
    concept = cafe_concept()
    profile = concept.profiles[0]
    ai.accept(concept, "profiles.pains", profile.id, "x")
    profile.pains = [*profile.pains, *[type(profile.pains[0])(text=f"murhe {n} " * 20)
                                       for n in range(300)]]
    user = ai.suggest_messages(concept, "profiles.pains", profile.id, "fi")[-1]["content"]
    existing = user.split("## Listassa jo olevat")[1].split("</concept_data>")[0]
    existing = existing.split("\n", 1)[1]
    assert len(existing) <= ai.EXISTING_CHARS + 10
    assert len(user) < 9000


RAW_KEYS = ("deepening", "self_service", "do_nothing", "Top pains", "Profile ", "touchpoints",
            "Competitor ", "Stage ", "Relationship types", "(primary)", "1.0")


def test_finnish_prompts_carry_finnish_data_labels_and_no_raw_keys():
    from concept.samples import large_concept

    concept = large_concept()
    for messages in (ai.suggest_messages(concept, "profiles.pains", concept.profiles[0].id, "fi"),
                     ai.suggest_messages(concept, "journey.touchpoints",
                                         concept.journeys[0].stages[0].id, "fi"),
                     ai.critique_messages(concept, "competition", "fi"),
                     ai.critique_messages(concept, "relationships", "fi"),
                     ai.draft_messages(concept, "description", "fi")):
        data = messages[-1]["content"].split("<concept_data>")[1].split("</concept_data>")[0]
        leaked = [k for k in RAW_KEYS if k in data]
        assert not leaked, (leaked, data[:400])
    critique = ai.critique_messages(concept, "competition", "fi")[-1]["content"]
    assert "Kilpailija ”" in critique and "Asiakasprofiili ”" in critique


def test_each_item_of_the_list_is_sent_once_and_an_example_is_in_the_answers_language():
    concept = cafe_concept()
    profile = concept.profiles[0]
    user = ai.suggest_messages(concept, "profiles.pains", profile.id, "fi")[-1]["content"]
    for pain in profile.pains:
        assert user.count(pain.text) == 1
    assert '"suggestions": [{"text": "Jonottaminen' in user
    english = ai.suggest_messages(concept, "profiles.pains", profile.id, "en")[-1]["content"]
    assert '"text": "Queueing' in english


def test_every_task_sets_max_tokens_and_a_modest_temperature(fake_openai):
    from concept.ai_settings import AISettings

    settings = AISettings(base_url=fake_openai.base_url, model="fake-model", timeout=2,
                          max_retries=0)
    concept = cafe_concept()
    ai.suggest(settings, concept, "profiles.pains", concept.profiles[0].id, "fi")
    ai.critique(settings, concept, "journey", "fi")
    list(ai.stream_draft(settings, concept, "description", "fi"))
    ai.check_connection(settings)
    for request in fake_openai.chat_requests():
        assert 0 < request.body["max_tokens"] <= 1000
        assert 0 <= request.body["temperature"] <= 0.6
