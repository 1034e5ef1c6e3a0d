"""AppTest: Streamlit's own English stays out of the Finnish UI where the app can set the text:
multiselects carry our placeholder and no "Select all", select boxes our placeholder."""

from __future__ import annotations

import pytest

from concept.model import (
    CompetitiveAnalysis,
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    CustomerProfile,
    Journey,
    JourneyStage,
    Pain,
    Touchpoint,
)
from concept.ui import lazy
from concept.ui.competition import DETAILS
from tests.helpers import open_app_with

ENGLISH = {"Choose options", "Choose an option", "Choose or add options", ""}


def filled() -> Concept:
    one = Competitor(name="Kahvila A")
    attribute = CompetitiveAttribute(
        name="Hiljaisuus", customer_importance=5, our_score=5,
        competitor_scores=[CompetitorScore(competitor_id=one.id, score=2)])
    stage = JourneyStage(name="Saapuminen")
    return Concept(
        name="Kulma", profiles=[CustomerProfile(name="Etätyöläinen", pains=[Pain(text="Melu")])],
        journeys=[Journey(stages=[stage],
                          touchpoints=[Touchpoint(name="Tiski", stage_id=stage.id)])],
        competition=CompetitiveAnalysis(competitors=[one], attributes=[attribute]))


@pytest.mark.parametrize("page", ["relationships", "experience", "competition", "purchase"])
def test_multiselects_have_a_finnish_placeholder_and_no_select_all(data_dir, page):
    concept = filled()
    at = open_app_with(concept, data_dir, page=f"views/{page}.py", lang="fi")
    if page == "competition":
        at.session_state[lazy.state_key(DETAILS)] = {concept.competition.attributes[0].id}
        at.run()
    assert not at.exception
    assert at.multiselect, "the page has no multiselect to check"
    for box in at.multiselect:
        assert box.proto.placeholder not in ENGLISH, box.label
        assert box.proto.select_all == 0, box.label


def test_an_unchosen_select_box_says_valitse(data_dir):
    concept = filled()
    at = open_app_with(concept, data_dir, page="views/competition.py", lang="fi")
    at.session_state[lazy.state_key(DETAILS)] = {concept.competition.attributes[0].id}
    at.run()
    boxes = [b for b in at.selectbox if b.proto.placeholder]
    assert boxes and all(b.proto.placeholder == "Valitse" for b in boxes)
