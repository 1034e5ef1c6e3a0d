"""In a real browser: AI-written pains show the AI mark in the pains grid, and typing over one's
text in the grid makes its mark go away (a fresh editor shows the rows as they are now)."""

from concept.ai.targets import accept
from concept.model import Concept, CustomerProfile
from concept.store import TinyDBConceptStore
from concept.ui import ai_marks
from tests.browser import type_into_cell, wait_until
from tests.e2e.test_profiles_browser import open_profiles

AI_PAIN = "Ei löydä vapaata pistorasiaa"


def grid_text(grid) -> str:
    """The text of the grid's cells, as its accessible table gives them."""
    return grid.locator("table").inner_text()


def test_an_ai_written_pain_loses_its_mark_when_its_text_is_edited(page, app_server):
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True)
    concept = Concept(name="Selain", profiles=[profile])
    accept(concept, "profiles.pains", profile.id, AI_PAIN, model="fake-model")
    accept(concept, "profiles.pains", profile.id, "Jonottaa kassalle", model="fake-model")
    open_profiles(page, app_server, concept)
    pains = page.get_by_test_id("stDataFrame").nth(1)
    assert grid_text(pains).count(ai_marks.ICON) == 3  # the column's header and two rows
    store = TinyDBConceptStore(app_server.data_dir)

    type_into_cell(page, pains, 1, AI_PAIN + " läheltä", x=150)
    wait_until(page, lambda: store.load(concept.id).profiles[0].pains[0].text
               == AI_PAIN + " läheltä")
    pains = page.get_by_test_id("stDataFrame").nth(1)
    wait_until(page, lambda: AI_PAIN + " läheltä" in grid_text(pains))
    assert grid_text(pains).count(ai_marks.ICON) == 2  # the other pain is still the AI's
