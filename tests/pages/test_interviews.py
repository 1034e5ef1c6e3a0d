"""AppTest: the interviews page records interviews and quotes, links quotes to items, counts
progress toward ten; the profiles page shows the evidence."""

from __future__ import annotations

import pytest

from concept.model import (
    Concept,
    CustomerProfile,
    Interview,
    Pain,
    Quote,
    Stakeholder,
)
from tests.helpers import button, open_app_with, stored
from tests.pages.test_tools import keyed

PAGE = "views/tools/interviews.py"
pytestmark = pytest.mark.usefixtures("no_ai_from_outside")


def _concept() -> Concept:
    return Concept(name="Kahvila", profiles=[CustomerProfile(
        name="Kiireinen", is_primary=True, pains=[Pain(text="Jonot ovat pitkiä", severity=5)])],
        toolbox={"stakeholders": [Stakeholder(name="Työmatkalaiset", planned_interviews=8)]})


def test_an_interview_is_recorded_with_a_quote_linked_to_a_pain(data_dir):
    concept = _concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    button(at, "Add an interview").click().run()
    interview = stored(data_dir, concept.id).toolbox.interviews[0]
    iid = interview.id
    keyed(at.text_input, f"interview.{iid}.pseudonym").input("H1").run()
    keyed(at.text_area, f"interview.{iid}.transcript").input(
        "Pekka: Asemalla on aina jono,\nja myöhästyn junasta.").run()
    keyed(at.text_area, f"interview.{iid}.new_quote").input(
        "Asemalla on aina jono, ja myöhästyn junasta.").run()
    button(at, "Add the quote").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    quote = saved.toolbox.interviews[0].quotes[0]
    assert saved.toolbox.interviews[0].pseudonym == "H1"
    # The quote spans a line break of the transcript: still found, no warning.
    assert not [c for c in at.caption if "not found in the transcript" in c.value]
    pain_id = saved.profiles[0].pains[0].id
    keyed(at.multiselect, f"quote.{quote.id}.links").select(pain_id).run()
    assert not at.exception
    assert stored(data_dir, concept.id).profiles[0].pains[0].quote_ids == [quote.id]


def test_progress_shows_held_against_ten_and_planned_on_the_map(data_dir):
    concept = _concept()
    concept.toolbox.interviews = [Interview(pseudonym=f"H{n}", date="2026-11-0" + str(n))
                                  for n in range(1, 4)]
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    progress = at.get("progress")[0].proto.text
    assert "Interviews held: 3/10 · planned on the stakeholder map: 8" in progress
    at.switch_page("views/tools/stakeholders.py").run()
    assert not at.exception
    assert any("Interviews held: 3/10" in p.proto.text for p in at.get("progress"))


def test_removing_an_interview_removes_its_quotes_links(data_dir):
    concept = _concept()
    quote = Quote(text="jono")
    concept.toolbox.interviews = [Interview(pseudonym="H1", quotes=[quote])]
    concept.profiles[0].pains[0].quote_ids = [quote.id]
    at = open_app_with(concept, data_dir, page=PAGE)
    iid = concept.toolbox.interviews[0].id
    [b for b in at.button if b.key == f"remove.interview.{iid}"][0].click().run()
    saved = stored(data_dir, concept.id)
    assert saved.toolbox.interviews == [] and saved.profiles[0].pains[0].quote_ids == []


def test_profiles_page_shows_evidence_badges_and_the_share(data_dir):
    concept = _concept()
    quote = Quote(text="Asemalla on aina jono")
    concept.toolbox.interviews = [Interview(pseudonym="H1", quotes=[quote])]
    concept.profiles[0].pains[0].quote_ids = [quote.id]
    concept.profiles[0].pains.append(Pain(text="Hinta"))
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    assert not at.exception
    text = " ".join([*(m.value for m in [*at.markdown, *at.caption]),
                     *(p.proto.text for p in at.get("progress"))])
    assert "1 rest on interviews or data (50\u00a0%)" in text
    assert "Seen in interviews: 1" in text and "Assumption" in text
    assert "“Asemalla on aina jono” (H1)" in text


def test_journey_page_starts_the_target_from_the_current_and_shows_both(data_dir):
    from concept.model import Journey, JourneyStage

    concept = _concept()
    profile_id = concept.profiles[0].id
    concept.journeys = [Journey(profile_id=profile_id, kind="current", stages=[
        JourneyStage(name="Jonotus", emotion=-2), JourneyStage(name="Maksu", emotion=-1)])]
    at = open_app_with(concept, data_dir, page="views/journey.py")
    assert not at.exception
    button(at, "Start the target journey from the current one").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    target = saved.journey_for(profile_id)
    assert [s.name for s in target.stages] == ["Jonotus", "Maksu"]
    assert target.based_on_id == saved.journey_for(profile_id, "current").id
    assert any(s.value == "Current and target side by side" for s in at.subheader)
    assert len(at.get("vega_lite_chart")) >= 3  # the journey's own curve, then both


def test_ai_proposals_from_an_interview_are_accepted_with_their_quote(
        data_dir, monkeypatch, fake_openai):
    from pathlib import Path

    from tests.fake_openai import json_reply
    from tests.pages.test_ai_panel import use_fake

    use_fake(monkeypatch, fake_openai)
    transcript = (Path(__file__).parents[1] / "data" / "personal_interview.txt").read_text("utf-8")
    concept = _concept()
    concept.toolbox.interviews = [Interview(pseudonym="H1", transcript=transcript,
                                            names_to_hide=["Aino", "Sari Korhonen"])]
    at = open_app_with(concept, data_dir, page=PAGE)
    at.session_state["open.interviews"] = {concept.toolbox.interviews[0].id}
    at.run()
    assert not at.code  # nothing is scrubbed until the user asks to see it
    keyed(at.toggle, "preview").set_value(True).run()
    assert any("131052-308T" not in c.value and "[ID_1]" in c.value for c in at.code)
    fake_openai.script(json_reply({"items": [
        {"kind": "pain", "text": "Jonossa myöhästyy junasta",
         "quote": "jos jonotan, myöhästyn junasta"},
        {"kind": "gain", "text": "Keksitty", "quote": "ei sanottu näin"}]}))
    button(at, "Propose items from this interview").click().run()
    assert not at.exception
    assert any("left out because their quote is not in the text: 1" in c.value
               for c in at.caption)
    assert "Pekka" not in fake_openai.chat_requests()[-1].prompt_text()
    button(at, "Accept").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    pain = saved.profiles[0].pains[-1]
    assert pain.text == "Jonossa myöhästyy junasta"
    assert [q.text for q in saved.toolbox.interviews[0].quotes] == [
        "jos jonotan, myöhästyn junasta"]
    assert pain.quote_ids == [saved.toolbox.interviews[0].quotes[0].id]


def test_profiles_page_suggests_a_profile_from_shared_items(data_dir):
    from tests.test_grouping import _concept as grouped

    concept = grouped()
    at = open_app_with(concept, data_dir, page="views/profiles.py")
    assert any(m.value == "Interviewees: H1, H2, H3" for m in at.markdown)
    button(at, "Ignore").click().run()
    assert not any(m.value == "Interviewees: H1, H2, H3" for m in at.markdown)
    button(at, "Add as a profile").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert [p.name for p in saved.profiles] == ["Kaikki", "Profile 2"]
    assert [j.text for j in saved.profiles[1].jobs] == ["tehtävä 1", "tehtävä 2"]


def test_editing_a_context_detail_away_drops_its_evidence(data_dir):
    from concept.model import ContextTheme, DetailEvidence

    concept = _concept()
    quote = Quote(text="Aamuisin on kiire")
    concept.toolbox.interviews = [Interview(pseudonym="H1", quotes=[quote])]
    theme = ContextTheme(name="Aamut", details=["Kiire", "Juna"], detail_evidence=[
        DetailEvidence(detail="Kiire", quote_ids=[quote.id])])
    concept.toolbox.context_themes = [theme]
    at = open_app_with(concept, data_dir, page="views/tools/context.py")
    keyed(at.text_area, f"theme.{theme.id}.details").input("Juna").run()
    assert not at.exception
    assert stored(data_dir, concept.id).toolbox.context_themes[0].detail_evidence == []


def test_storyboard_frames_and_context_details_show_their_evidence(data_dir):
    from concept.model import ContextTheme, DetailEvidence, Storyboard, StoryboardFrame

    concept = _concept()
    quotes = [Quote(text="a"), Quote(text="b")]
    concept.toolbox.interviews = [Interview(pseudonym="H1", quotes=quotes)]
    concept.toolbox.storyboards = [Storyboard(title="Hyvä aamu", frames=[
        StoryboardFrame(caption="Tilaus", quote_ids=[quotes[0].id])])]
    concept.toolbox.context_themes = [ContextTheme(name="Aamut", details=["Kiire"],
                                                   detail_evidence=[DetailEvidence(
                                                       detail="Kiire", data_source="Kysely")])]
    at = open_app_with(concept, data_dir, page="views/tools/storyboard.py")
    assert any("Seen in interviews: 1" in m.value for m in at.markdown)
    at.switch_page("views/tools/context.py").run()
    assert any("Data: Kysely" in m.value and "Kiire" in m.value for m in at.markdown)


def test_journey_page_shows_the_touchpoints_evidence(data_dir):
    from concept.model import Journey, JourneyStage, Touchpoint

    concept = _concept()
    quote = Quote(text="Kassalla jonotetaan")
    concept.toolbox.interviews = [Interview(pseudonym="H2", quotes=[quote])]
    stage = JourneyStage(name="Maksu")
    concept.journeys = [Journey(profile_id=concept.profiles[0].id, stages=[stage], touchpoints=[
        Touchpoint(stage_id=stage.id, name="Kassa", quote_ids=[quote.id])])]
    at = open_app_with(concept, data_dir, page="views/journey.py")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Seen in interviews: 1" in text and "“Kassalla jonotetaan” (H2)" in text


def test_the_ai_suggests_questions_about_what_is_still_a_guess(data_dir, monkeypatch,
                                                                fake_openai):
    from tests.fake_openai import json_reply
    from tests.pages.test_ai_panel import use_fake

    use_fake(monkeypatch, fake_openai)
    at = open_app_with(_concept(), data_dir, page=PAGE)
    assert any("Ask about the pain “Jonot ovat pitkiä”" in m.value for m in at.markdown)
    fake_openai.script(json_reply({"questions": ["When did you last queue for coffee?"]}))
    button(at, "Ask the AI what to ask next").click().run()
    assert not at.exception
    assert any("When did you last queue for coffee?" in m.value for m in at.markdown)
