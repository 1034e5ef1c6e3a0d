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
    existing = user.split("## Items already in the list")[1].split("</concept_data>")[0]
    existing = existing.split("\n", 1)[1]
    assert len(existing) <= ai.EXISTING_CHARS + 10
    assert len(user) < 9000
