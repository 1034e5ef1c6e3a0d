"""In a real browser: a short workshop from the recipe choice to the downloaded summary.

The recipe is chosen on the start page, the agenda is cut to two activities, the countdown is
started (and seen to tick), paused and moved on, and the closing review's summary is downloaded.
"""

from playwright.sync_api import expect

from concept.store import TinyDBConceptStore
from tests.browser import wait_for_app_idle, wait_until
from tests.e2e.test_concepts_browser import create


def test_a_short_workshop_run(page, app_server):
    create(page, "Kahvila Kulma")
    wait_for_app_idle(page)
    main = page.get_by_test_id("stMainBlockContainer")
    path = main.get_by_role("combobox", name="Path")
    path.scroll_into_view_if_needed()
    path.click()
    page.get_by_role("option", name="Workshop: Customers and service paths").click()
    wait_for_app_idle(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("More tools")).to_be_visible()

    nav.get_by_text("Agenda and pack").click()
    expect(main.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    main.get_by_text("Edit the agenda").click()
    wait_for_app_idle(page)
    store = TinyDBConceptStore(app_server.data_dir)
    [summary] = store.list()
    # Drop the last four activities: a two-activity workshop.
    for left in (5, 4, 3, 2):
        # The icon-only delete button, found by its widget key.
        main.locator("[class*='-drop'] button:visible").last.click()
        wait_for_app_idle(page)
        wait_until(page, lambda n=left: len(store.load(summary.id).workshop.items) == n)

    nav.get_by_text("Run screen").click()
    expect(main.get_by_role("heading", name="Empathy map")).to_be_visible()
    timer = main.locator(".ws-timer")
    expect(timer).to_have_text("30:00")
    main.get_by_role("button", name="Start").click()
    wait_for_app_idle(page)
    expect(main.get_by_text("Running · planned 30 min")).to_be_visible()
    expect(timer).not_to_have_text("30:00")  # the fragment redraws it every second
    main.get_by_role("button", name="Pause").click()
    wait_for_app_idle(page)
    expect(main.get_by_text("Paused · planned 30 min")).to_be_visible()
    main.get_by_role("button", name="Next").click()
    wait_for_app_idle(page)
    expect(main.get_by_role("heading", name="Everyday life")).to_be_visible()
    expect(main.get_by_text("Builds on: Empathy map")).to_be_visible()
    main.get_by_role("button", name="Start").click()
    wait_for_app_idle(page)
    main.get_by_role("button", name="Next").click()
    wait_for_app_idle(page)
    expect(main.get_by_text("Every activity is done")).to_be_visible()

    main.get_by_role("link", name="Closing review").click()
    expect(main.get_by_role("heading", name="Workshop summary")).to_be_visible()
    with page.expect_download() as info:
        main.get_by_role("button", name="Download the summary (Markdown)").click()
    text = info.value.path().read_text(encoding="utf-8")
    assert "# Workshop summary: Kahvila Kulma" in text
    assert "1. Empathy map: planned 30 min, took" in text
    assert "2. Everyday life: planned 30 min, took" in text
    workshop = store.load(summary.id).workshop
    assert workshop.finished_at is not None
    assert all(item.finished_at is not None for item in workshop.items)

