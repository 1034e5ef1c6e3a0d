"""In a real browser: park and stop items from the sidebar of a tool page, see them on the list
page with the page they came from, and turn a stopped item into an exclusion once."""

from playwright.sync_api import expect

from concept.store import TinyDBConceptStore
from tests.browser import wait_for_app_idle
from tests.e2e.test_concepts_browser import create


def open_panel(page):
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").filter(has_text="Parking lot & stop").locator(
        "summary").click()
    return sidebar


def test_items_parked_and_stopped_from_the_sidebar_reach_the_list_and_exclusions(page,
                                                                                 app_server):
    create(page, "Kahvila Kulma")
    page.get_by_test_id("stSidebarNav").get_by_text("Stakeholder map").click()
    expect(page.get_by_role("heading", name="Stakeholder map")).to_be_visible()

    sidebar = open_panel(page)
    sidebar.get_by_label("What needs to wait?").fill("Keitä kaupungilta haastatellaan?")
    sidebar.get_by_label("Who finds out? (optional)").fill("Maija")
    sidebar.get_by_role("button", name="Park it").click()
    wait_for_app_idle(page)
    expect(page.get_by_text("Parked: Keitä kaupungilta haastatellaan?")).to_be_visible()

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("tab", name="Stop").click()
    sidebar.get_by_label("What is stopped?").fill("Olutlista")
    sidebar.get_by_role("button", name="Stop it").click()
    wait_for_app_idle(page)
    expect(page.get_by_text("Stopped: Olutlista")).to_be_visible()

    page.get_by_test_id("stSidebar").get_by_text("Open the list").click()
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main.get_by_role("heading", name="Parking lot & stop")).to_be_visible()
    expect(main.locator("textarea").first).to_have_value("Keitä kaupungilta haastatellaan?")
    expect(main.get_by_text("Raised in: Stakeholder map").first).to_be_visible()

    main.get_by_role("button", name="Make it an exclusion").click()
    wait_for_app_idle(page)
    expect(main.get_by_text("Among the concept's exclusions")).to_be_visible()
    expect(main.get_by_role("button", name="Make it an exclusion")).to_have_count(0)

    store = TinyDBConceptStore(app_server.data_dir)
    [summary] = store.list()
    concept = store.load(summary.id)
    assert [(i.text, i.owner, i.raised_in_step) for i in concept.parking_lot] == [
        ("Keitä kaupungilta haastatellaan?", "Maija", "stakeholders")]
    [stop] = concept.stop_list
    assert stop.raised_in_step == "stakeholders"
    assert [(e.text, e.from_stop_item_id) for e in concept.description.exclusions] == [
        ("Olutlista", stop.id)]


def test_health_page_links_lead_to_the_step_or_tool_that_fixes_a_finding(page):
    create(page, "Kahvila Kulma")
    page.get_by_test_id("stSidebarNav").get_by_text("Empathy map").click()
    sidebar = open_panel(page)
    sidebar.get_by_label("What needs to wait?").fill("Riittääkö kaista?")
    sidebar.get_by_role("button", name="Park it").click()
    wait_for_app_idle(page)

    page.get_by_test_id("stSidebarNav").get_by_text("Concept health").click()
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main.get_by_text("Nobody is following up the parked item “Riittääkö kaista?”")
           ).to_be_visible()
    main.get_by_role("link", name="Go to Parking lot & stop").click()
    expect(main.get_by_role("heading", name="Parking lot & stop")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text("Concept health").click()
    main.get_by_role("link", name="Go to Customer profiles").first.click()
    expect(main.get_by_role("heading", name="Customer profiles").first).to_be_visible()
