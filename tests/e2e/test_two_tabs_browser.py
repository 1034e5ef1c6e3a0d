"""In a real browser: the same concept open in two tabs. The older tab's save is refused with a
clear message; the user can load the latest version or keep their own, and nothing is lost
silently."""

from __future__ import annotations

from playwright.sync_api import expect

from concept.model import Concept
from concept.store import TinyDBConceptStore
from tests.browser import wait_for_app_idle

WHO = 'textarea[aria-label="Who is the concept for?"]'
HOW = 'textarea[aria-label="How is the value produced?"]'
STALE = "This concept was changed in another browser tab"


def open_tab(browser, app_server, concept_id: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(f"{app_server.url}/?c={concept_id}")
    expect(tab.locator(HOW)).to_be_visible()
    return context, tab


def type_into(tab, selector: str, text: str) -> None:
    tab.locator(selector).fill(text)
    tab.locator(selector).press("Tab")
    wait_for_app_idle(tab)


def test_older_tab_is_refused_then_loads_the_latest_version(browser, app_server):
    concept = Concept(name="Kaksi välilehteä")
    TinyDBConceptStore(app_server.data_dir).create(concept)
    first_context, first = open_tab(browser, app_server, concept.id)
    second_context, second = open_tab(browser, app_server, concept.id)
    try:
        type_into(first, HOW, "ensimmäisestä välilehdestä")
        type_into(second, WHO, "toisesta välilehdestä")
        expect(second.get_by_text(STALE)).to_be_visible()
        stored = TinyDBConceptStore(app_server.data_dir).load(concept.id)
        assert (stored.idea.how, stored.idea.who) == ("ensimmäisestä välilehdestä", "")

        second.get_by_role("button", name="Load the latest version").click()
        wait_for_app_idle(second)
        expect(second.get_by_text(STALE)).to_be_hidden()
        # The reloaded widgets are new ones: wait until the old one has left the page.
        expect(second.locator(HOW)).to_have_count(1)
        expect(second.locator(HOW)).to_have_value("ensimmäisestä välilehdestä")
        type_into(second, WHO, "nyt tallentuu")
        expect(second.get_by_text(STALE)).to_be_hidden()
        stored = TinyDBConceptStore(app_server.data_dir).load(concept.id)
        assert (stored.idea.how, stored.idea.who) == ("ensimmäisestä välilehdestä",
                                                      "nyt tallentuu")
    finally:
        first_context.close()
        second_context.close()


def test_older_tab_can_keep_its_own_version(browser, app_server):
    concept = Concept(name="Oma versio")
    TinyDBConceptStore(app_server.data_dir).create(concept)
    first_context, first = open_tab(browser, app_server, concept.id)
    second_context, second = open_tab(browser, app_server, concept.id)
    try:
        type_into(first, HOW, "ensimmäinen")
        type_into(second, WHO, "toinen")
        expect(second.get_by_text(STALE)).to_be_visible()
        second.get_by_role("button", name="Keep this version and save it").click()
        wait_for_app_idle(second)
        expect(second.get_by_text(STALE)).to_be_hidden()
        stored = TinyDBConceptStore(app_server.data_dir).load(concept.id)
        assert stored.idea.who == "toinen" and stored.idea.how == ""
        # Now the first tab is the older one: its next change is refused in turn.
        type_into(first, WHO, "ensimmäinen taas")
        expect(first.get_by_text(STALE)).to_be_visible()
        assert TinyDBConceptStore(app_server.data_dir).load(concept.id).idea.who == "toinen"
    finally:
        first_context.close()
        second_context.close()
