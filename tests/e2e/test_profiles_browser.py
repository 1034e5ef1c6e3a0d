"""In a real browser: rows typed into the profile tables are saved and shown after a reload;
deleting a profile that other steps use asks first and then cleans the links."""

from playwright.sync_api import expect

from concept.model import Concept, CustomerProfile, Journey, JourneyStage
from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from tests.browser import (
    ROW,
    click_grid_toolbar,
    grid_into_view,
    type_into_new_row,
    wait_for_app_idle,
    wait_until,
)

WAIT = 20_000  # ms: a save and rerun can be slow on a busy machine


def open_profiles(page, app_server, concept: Concept) -> None:
    TinyDBConceptStore(app_server.data_dir).create(concept)
    page.goto(f"{app_server.url}/?c={concept.id}")
    page.get_by_role("heading", name="Start").wait_for()
    page.get_by_test_id("stSidebarNav").get_by_text("Customer profiles", exact=True).click()
    page.get_by_role("heading", name="Customer profiles").wait_for()
    wait_for_app_idle(page)


def test_rows_typed_into_the_jobs_table_are_saved_and_survive_a_reload(page, app_server):
    concept = Concept(name="Selain", profiles=[CustomerProfile(name="Etätyöläinen",
                                                               is_primary=True)])
    open_profiles(page, app_server, concept)
    jobs = page.get_by_test_id("stDataFrame").first
    store = TinyDBConceptStore(app_server.data_dir)

    def texts() -> list[str]:
        return [job.text for job in store.load(concept.id).profiles[0].jobs]

    type_into_new_row(page, jobs, 1, "Saada töitä tehdyksi")
    wait_until(page, lambda: texts() == ["Saada töitä tehdyksi"])
    type_into_new_row(page, jobs, 2, "Kuulua joukkoon")
    wait_until(page, lambda: texts() == ["Saada töitä tehdyksi", "Kuulua joukkoon"])
    expect(page.get_by_text("“Etätyöläinen” has 2 job(s).")).to_be_visible(timeout=WAIT)
    saved = store.load(concept.id).profiles[0].jobs
    assert [job.text for job in saved] == ["Saada töitä tehdyksi", "Kuulua joukkoon"]
    assert [(job.type, job.importance) for job in saved] == [("functional", 3)] * 2
    ids = [job.id for job in saved]

    page.reload()
    page.get_by_role("heading", name="Customer profiles").wait_for()
    expect(page.get_by_text("“Etätyöläinen” has 2 job(s).")).to_be_visible(timeout=WAIT)
    again = TinyDBConceptStore(app_server.data_dir).load(concept.id).profiles[0].jobs
    assert [job.id for job in again] == ids  # the reload kept the rows and their ids


def test_deleting_a_used_profile_asks_then_removes_it_with_its_links(page, app_server):
    concept = cafe_concept()
    remote = concept.profiles[0]
    open_profiles(page, app_server, concept)
    page.get_by_role("button", name="Delete this profile").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("is used elsewhere in the concept")).to_be_visible(timeout=WAIT)
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_be_hidden(timeout=WAIT)
    assert len(TinyDBConceptStore(app_server.data_dir).load(concept.id).profiles) == 2

    page.get_by_role("button", name="Delete this profile").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete the profile").click()
    deleted = page.get_by_text("Profile “Keskittyvä etätyöläinen” deleted.")
    expect(deleted).to_be_visible(timeout=WAIT)
    saved = TinyDBConceptStore(app_server.data_dir).load(concept.id)
    assert [p.name for p in saved.profiles] == ["Lapsiperheen vanhempi"]
    assert saved.profiles[0].is_primary
    assert saved.journey_for(remote.id) is None
    assert saved.value_proposition.profile_id == ""
    assert saved.value_proposition.pain_relievers[0].pain_ids == []
    assert saved.toolbox.empathy_maps[0].profile_id == ""


def test_deleting_a_linked_touchpoint_row_asks_then_cleans_the_value_proposition(page,
                                                                                 app_server):
    concept = cafe_concept()
    linked = concept.journeys[0].touchpoints[2]  # named by a pain reliever
    store = TinyDBConceptStore(app_server.data_dir)
    open_profiles(page, app_server, concept)
    page.get_by_test_id("stSidebarNav").get_by_text("Customer journey", exact=True).click()
    page.get_by_role("heading", name="Customer journey").wait_for()
    wait_for_app_idle(page)
    stage = concept.journeys[0].stages[2]
    # Stages open on demand (the same words are on the emotion chart's axis too).
    page.get_by_test_id("stExpander").get_by_text(f"3. {stage.name}", exact=True).click()
    wait_for_app_idle(page)
    grid = page.get_by_test_id("stDataFrame").first  # the third stage's touchpoints
    box = grid_into_view(grid)
    page.mouse.click(box["x"] + 15, box["y"] + ROW + ROW // 2)  # the row's selection box
    click_grid_toolbar(page, grid, "Delete row(s)")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("is linked from 1 pain reliever(s)")).to_be_visible(timeout=WAIT)
    assert linked.id in [tp.id for tp in store.load(concept.id).journeys[0].touchpoints]
    dialog.get_by_role("button", name="Delete the touchpoint").click()
    expect(page.get_by_role("dialog")).to_be_hidden(timeout=WAIT)
    saved = TinyDBConceptStore(app_server.data_dir).load(concept.id)
    assert linked.id not in [tp.id for tp in saved.journeys[0].touchpoints]
    assert saved.value_proposition.pain_relievers[0].touchpoint_ids == []


def test_a_touchpoint_typed_into_a_stage_table_lands_in_that_stage(page, app_server):
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True)
    first, second = JourneyStage(name="Kuulee"), JourneyStage(name="Käy")
    concept = Concept(name="Polku", profiles=[profile], journeys=[
        Journey(profile_id=profile.id, entry_point="Facebook", stages=[first, second])])
    store = TinyDBConceptStore(app_server.data_dir)
    open_profiles(page, app_server, concept)
    page.get_by_test_id("stSidebarNav").get_by_text("Customer journey", exact=True).click()
    page.get_by_role("heading", name="Customer journey").wait_for()
    wait_for_app_idle(page)
    page.get_by_test_id("stExpander").get_by_text("2. Käy", exact=True).click()  # on demand
    wait_for_app_idle(page)
    grid = page.get_by_test_id("stDataFrame").first  # the second stage's touchpoints
    type_into_new_row(page, grid, 1, "Tervetulotoivotus")
    wait_until(page, lambda: store.load(concept.id).journeys[0].touchpoints)
    [touchpoint] = store.load(concept.id).journeys[0].touchpoints
    assert (touchpoint.name, touchpoint.stage_id) == ("Tervetulotoivotus", second.id)
    assert (touchpoint.dev_status, touchpoint.importance) == ("keep", 3)
