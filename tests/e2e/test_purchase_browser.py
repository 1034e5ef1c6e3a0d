"""In a real browser: touchpoints mapped to purchase stages one after another, at a user's pace,
each land on the row they were ticked on (a stage once landed on the previous row's
touchpoint when a redraw swallowed the click on the next row)."""

from concept.model import Concept, CustomerProfile, Journey, JourneyStage, Touchpoint
from tests.browser import tick_in_cell, wait_until
from tests.e2e.conftest import open_step


def test_five_touchpoints_mapped_in_a_row_each_get_the_stage_ticked_for_them(page,
                                                                             app_server):
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True)
    stage = JourneyStage(name="Käynti")
    touchpoints = [Touchpoint(name=f"Kohtaamispiste {n}", stage_id=stage.id)
                   for n in range(1, 6)]
    concept = Concept(name="Kartoitus", profiles=[profile], journeys=[
        Journey(profile_id=profile.id, stages=[stage], touchpoints=touchpoints)])
    store = open_step(page, app_server, concept, "Purchase process")
    keys = [s.key for s in concept.purchase_process.stages]
    grid = page.get_by_test_id("stDataFrame").first
    # Bottom row first, as in the report: row 5 gets stage 5, row 4 stage 4, ...
    for row in (5, 4, 3, 2, 1):
        tick_in_cell(page, grid, row, tick=row - 1, ticks=len(keys))

    def mapped() -> list[list[str]]:
        return [tp.purchase_stage_keys for tp in store.load(concept.id).journeys[0].touchpoints]

    wait_until(page, lambda: all(mapped()))
    assert mapped() == [[key] for key in keys]
