"""AppTest: an important lead over every competitor that is linked to nothing is not called
"no edge": the page says the real reason and offers the link right there (issue 11, point 4)."""

from __future__ import annotations

from concept.checks.competition import effective_class
from concept.model import (
    CompetitiveAnalysis,
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    CustomerProfile,
    Pain,
)
from tests.helpers import open_app_with, stored

PAGE = "views/competition.py"


def unlinked_lead() -> Concept:
    one, two = Competitor(name="Kahvila A"), Competitor(name="Kirjasto")
    attribute = CompetitiveAttribute(
        name="Hiljaisuus", customer_importance=5, our_score=5,
        competitor_scores=[CompetitorScore(competitor_id=one.id, score=1),
                           CompetitorScore(competitor_id=two.id, score=2)])
    profile = CustomerProfile(name="Etätyöläinen", pains=[Pain(text="Melu")])
    return Concept(name="Kulma", profiles=[profile],
                   competition=CompetitiveAnalysis(competitors=[one, two],
                                                   attributes=[attribute]))


def test_an_unlinked_lead_says_to_link_it_and_links_it_on_the_spot(data_dir):
    concept = unlinked_lead()
    attribute = concept.competition.attributes[0]
    at = open_app_with(concept, data_dir, page=PAGE, lang="fi")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "ette ole kaikkia kilpailijoita parempia" not in text
    assert "Selvää kilpailuetua ei vielä ole" not in text
    assert "”Hiljaisuus” voi olla erottautumistekijäsi (paras kilpailija 2, sinä 5)" in text
    assert not any("Erottautumistekijää ei vielä ole" in w.value for w in at.warning)
    link = [w for w in at.multiselect
            if w.key and w.key.endswith(f"edge.{attribute.id}.linked_pain_ids")]
    assert link, [w.key for w in at.multiselect]
    link[0].set_value([concept.profiles[0].pains[0].id]).run()
    assert not at.exception
    saved = stored(data_dir, concept.id).competition
    assert saved.attributes[0].linked_pain_ids == [concept.profiles[0].pains[0].id]
    assert effective_class(saved.attributes[0], saved) == "pod"
    assert "**Hiljaisuus** (" in " ".join(m.value for m in at.markdown)
