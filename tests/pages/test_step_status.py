"""AppTest: a step with nothing entered says it is not started (never that all is well), each
step says what its sidebar tick still waits for, and the sidebar's tooltip says the same."""

from __future__ import annotations

import pytest

from concept.model import Concept, Journey, JourneyStage
from tests.helpers import open_app_with

NOT_STARTED_FI = "Tätä vaihetta ei ole vielä aloitettu"
ALL_WELL = ("Tässä ei ole nyt huomautettavaa.", "Ei huomautettavaa tällä hetkellä.")


def texts(at) -> list[str]:
    return [e.value for e in [*at.success, *at.info, *at.warning, *at.caption, *at.markdown]]


@pytest.mark.parametrize("page", ["competition", "relationships", "experience", "value",
                                  "profiles", "journey", "purchase"])
def test_an_empty_step_says_it_is_not_started_in_finnish(data_dir, page):
    at = open_app_with(Concept(name="Tyhjä"), data_dir, page=f"views/{page}.py", lang="fi")
    assert not at.exception
    shown = texts(at)
    assert any(NOT_STARTED_FI in text for text in shown), shown
    assert not any(text in ALL_WELL for text in shown)
    assert not at.success  # nothing green on an empty step


def test_a_started_step_without_findings_may_say_all_is_well(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page="views/competition.py", lang="fi")
    shown = texts(at)
    assert not any(NOT_STARTED_FI in text for text in shown)
    assert "Tässä ei ole nyt huomautettavaa." in [c.value for c in at.caption]


def test_the_step_says_what_its_tick_waits_for_and_the_sidebar_tooltip_too(data_dir):
    stages = [JourneyStage(name=f"Vaihe {i}") for i in range(5)]
    concept = Concept(name="Polku", journeys=[Journey(stages=stages)])
    at = open_app_with(concept, data_dir, page="views/journey.py", lang="fi")
    line = "Jotta vaihe on valmis, tarvitaan vielä: mistä asiakas tavoitetaan."
    assert any(line in c.value for c in at.caption)
    ticks = [c for c in at.sidebar.caption if "○ Asiakaspolku" in c.value]
    assert ticks and "Asiakaspolku: mistä asiakas tavoitetaan" in ticks[0].proto.help


def test_a_complete_step_has_no_to_complete_line(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page="views/competition.py", lang="en")
    assert not any("To complete this step" in c.value for c in at.caption)


def test_health_of_an_empty_concept_lists_the_steps_not_started_and_no_green(data_dir):
    at = open_app_with(Concept(name="Tyhjä"), data_dir, page="views/health.py", lang="fi")
    assert not at.exception
    assert not at.success
    assert any("Näitä vaiheita ei ole vielä aloitettu:" in i.value and "Kilpailuetu" in i.value
               for i in at.info)


def test_the_start_page_says_what_the_starting_idea_still_needs(data_dir):
    concept = Concept(name="Kulma")
    concept.idea.who = "etätyöläiset"
    at = open_app_with(concept, data_dir, lang="fi")
    assert not at.exception
    line = "Jotta vaihe on valmis, tarvitaan vielä: mitä arvoa se tuottaa, miten arvo tuotetaan."
    assert any(line in c.value for c in at.caption), [c.value for c in at.caption]
