"""AI extraction from one interview: personal data never reaches the server, proposals come
back with it restored, and a proposal whose quote is not in the transcript is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from concept.ai.errors import AIError
from concept.ai.extract import (
    Proposal,
    accept,
    extract,
    extraction_preview,
)
from concept.evidence import evidence_of, quote_index
from concept.model import Concept, CustomerProfile, Interview
from concept.scrub import scrub
from tests.fake_openai import json_reply, status_reply
from tests.test_ai import settings_for

TRANSCRIPT = (Path(__file__).parent / "data" / "personal_interview.txt").read_text("utf-8")
PERSONAL = ["Pekka", "Korhonen", "Korhosen", "Pekalla", "Laura", "Mäkinen", "Aino", "Sari",
            "pekka.korhonen@example.fi", "040 123 4567", "+358 9 310 1691", "+46 8 123 456 78",
            "Mannerheimintie", "00100", "131052-308T"]


def _concept() -> tuple[Concept, Interview]:
    interview = Interview(pseudonym="H1", interviewer="Laura Mäkinen",
                          names_to_hide=["Aino", "Sari Korhonen"], transcript=TRANSCRIPT)
    concept = Concept(name="Kahvila", profiles=[CustomerProfile(name="Kiireinen",
                                                                is_primary=True)])
    concept.toolbox.interviews.append(interview)
    return concept, interview


# --- the scrubber -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "hidden"), [
    ("Soita 040 123 4567 tai 0401234567.", ["040 123 4567", "0401234567"]),
    ("Numero +358 40 123 4567, Lontoo +44 20 7946 0958.", ["+358 40 123 4567",
                                                          "+44 20 7946 0958"]),
    ("Lankapuhelin (09) 310 1691.", ["310 1691"]),
    ("Hetu 010203A123B ja 131052-308T.", ["010203A123B", "131052-308T"]),
    ("Asun Hämeenkatu 5 A 3:ssa ja kesät Rantatie 7, 21600 Parainen.",
     ["Hämeenkatu 5 A 3", "Rantatie 7", "21600 Parainen"]),
    ("Office at 221 Baker Street, London.", ["221 Baker Street"]),
    ("Kirjoita osoitteeseen anna-liisa.virtanen+kahvi@posti.example.com.",
     ["anna-liisa.virtanen+kahvi@posti.example.com"]),
])
def test_personal_data_is_replaced(text: str, hidden: list[str]) -> None:
    scrubbed = scrub(text)
    for value in hidden:
        assert value not in scrubbed.text, (value, scrubbed.text)
    assert scrubbed.restore(scrubbed.text) == text


def test_ordinary_numbers_and_words_stay() -> None:
    text = "Kahvi maksaa 3,50 euroa, jonossa on 12 ihmistä vuonna 2024 kello 7.45."
    assert scrub(text).text == text


def test_names_are_hidden_in_their_finnish_forms() -> None:
    scrubbed = scrub("Pekka sanoi, että Pekan ja Pekalle; Korhosen perhe; Virtasella.",
                     ["Pekka Korhonen", "Matti Virtanen"])
    for word in ("Pekka", "Pekan", "Pekalle", "Korhosen", "Virtasella"):
        assert word not in scrubbed.text
    assert "perhe" in scrubbed.text and scrubbed.counts()["PERSON"] == 5


# --- the request ------------------------------------------------------------------------------


def test_preview_is_exactly_what_is_sent_and_holds_no_personal_data(fake_openai) -> None:
    concept, interview = _concept()
    preview = extraction_preview(concept, interview, "fi")
    fake_openai.script(json_reply({"items": []}))
    extract(settings_for(fake_openai), concept, interview, "fi")
    sent = fake_openai.chat_requests()[0]
    assert sent.body["messages"] == preview.messages
    raw = sent.raw.decode("utf-8")
    import json
    wire = json.dumps(sent.body, ensure_ascii=False)
    for value in PERSONAL:
        assert value not in raw and value not in wire, value
    assert "jos jonotan, myöhästyn junasta" in wire  # the content itself does go


def test_answers_are_restored_and_unfound_quotes_dropped(fake_openai) -> None:
    concept, interview = _concept()
    preview = extraction_preview(concept, interview, "fi")
    person = next(p for p, v in preview.scrubbed.originals.items() if v == "Pekalla")
    fake_openai.script(json_reply({"items": [
        {"kind": "pain", "text": "Jonot asemalla saavat myöhästymään junasta",
         "quote": "Asemalla on aina jono,\n ja jos jonotan, myöhästyn junasta."},
        {"kind": "job", "text": "Tilata kahvi etukäteen",
         "quote": "Että voisin tilata sovelluksella etukäteen"},
        {"kind": "pain", "text": "Aina kiire",
         "quote": f"sanoo, että {person} on aina kiire"},
        {"kind": "gain", "text": "Ilmainen kahvi", "quote": "Kahvi on aina ilmaista"},
        {"kind": "gain", "text": "Nopea palvelu", "quote": "palvelu on nopeaa ja ystävällistä"},
    ]}))
    result = extract(settings_for(fake_openai), concept, interview, "fi")
    assert result.dropped == 2
    assert [(p.kind, p.text) for p in result.proposals] == [
        ("pain", "Jonot asemalla saavat myöhästymään junasta"),
        ("job", "Tilata kahvi etukäteen"), ("pain", "Aina kiire")]
    assert result.proposals[2].quote == "sanoo, että Pekalla on aina kiire"


def test_accepted_proposal_is_linked_to_its_quote() -> None:
    concept, interview = _concept()
    profile = concept.profiles[0]
    accept(concept, interview, Proposal("pain", "Jonot", "Asemalla on aina jono"), profile.id)
    accept(concept, interview, Proposal("context_theme", "Aamukiire",
                                        "Herään kuudelta"), profile.id)
    assert interview.quotes[0].text == "Asemalla on aina jono"
    assert evidence_of(profile.pains[0], quote_index(concept)).level == "seen"
    theme = concept.toolbox.context_themes[0]
    assert theme.detail_evidence[0].quote_ids == [interview.quotes[1].id]


def test_a_server_error_is_an_ai_error(fake_openai) -> None:
    concept, interview = _concept()
    fake_openai.script(status_reply(500))
    with pytest.raises(AIError):
        extract(settings_for(fake_openai), concept, interview, "en")


def test_step_suggestions_never_carry_interview_text() -> None:
    from concept.ai.context import build_context
    from concept.steps import STEPS

    concept, _ = _concept()
    for step in STEPS:
        context = build_context(concept, step.key, "fi")
        for value in PERSONAL:
            assert value not in context, (step.key, value)


def test_still_a_guess_asks_about_the_unbacked_key_items(fake_openai) -> None:
    from concept.ai.extract import still_a_guess_questions
    from concept.model import Job, Pain

    concept, interview = _concept()
    concept.profiles[0].jobs = [Job(text="Saada kahvi junaan", importance=5)]
    concept.profiles[0].pains = [Pain(text="Jonot", severity=4)]
    fake_openai.script(json_reply({"questions": ["Kerro, milloin viimeksi jonotit kahvia?",
                                                 "  "]}))
    questions = still_a_guess_questions(settings_for(fake_openai), concept, "fi")
    assert questions == ["Kerro, milloin viimeksi jonotit kahvia?"]
    prompt = fake_openai.chat_requests()[0].prompt_text()
    assert "- job: Saada kahvi junaan" in prompt and "- pain: Jonot" in prompt
    assert "Pekka" not in prompt and "040 123 4567" not in prompt


def test_still_a_guess_sends_nothing_when_everything_key_is_backed(fake_openai) -> None:
    from concept.ai.extract import still_a_guess_questions

    concept, _ = _concept()
    assert still_a_guess_questions(settings_for(fake_openai), concept, "fi") == []
    assert fake_openai.chat_requests() == []
