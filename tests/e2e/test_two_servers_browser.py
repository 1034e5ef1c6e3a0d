"""Two app servers (two `streamlit run` processes on two ports, as behind a load balancer)
against one PostgreSQL database: an edit made through one is seen through the other after a
reload, and a save from a copy that the other server has moved on is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from concept.model import Concept
from concept.store import DATABASE_URL_ENV
from tests.browser import RunningApp, start_streamlit, stop_streamlit, wait_for_app_idle

WHO = 'textarea[aria-label="Who is the concept for?"]'
HOW = 'textarea[aria-label="How is the value produced?"]'
STALE = "This concept was changed in another browser tab"


@pytest.fixture(scope="module")
def database(pg_server) -> str:
    return pg_server.new_database("two_servers")


@pytest.fixture(scope="module")
def servers(database, tmp_path_factory) -> Iterator[tuple[RunningApp, RunningApp]]:
    started: list[RunningApp] = []
    try:
        for name in ("one", "two"):
            started.append(start_streamlit(tmp_path_factory.mktemp(name),
                                           extra_env={DATABASE_URL_ENV: database}))
        yield started[0], started[1]
    finally:
        for app in started:
            stop_streamlit(app)


def open_on(browser, app: RunningApp, concept_id: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(f"{app.url}/?c={concept_id}")
    expect(tab.locator(HOW)).to_be_visible()
    wait_for_app_idle(tab)
    return context, tab


def type_into(tab, selector: str, text: str) -> None:
    tab.locator(selector).fill(text)
    tab.locator(selector).press("Tab")
    wait_for_app_idle(tab)


def test_an_edit_on_one_server_is_seen_on_the_other_and_a_stale_save_is_refused(
        browser, servers, database):
    from concept.pgstore import PostgresConceptStore

    one, two = servers
    with PostgresConceptStore(database) as store:
        concept = store.create(Concept(name="Kaksi palvelinta"))
        first_context, first = open_on(browser, one, concept.id)
        second_context, second = open_on(browser, two, concept.id)
        try:
            type_into(first, HOW, "palvelimelta yksi")
            assert store.load(concept.id).idea.how == "palvelimelta yksi"

            type_into(second, WHO, "vanhasta kopiosta")  # server two still holds revision 1
            expect(second.get_by_text(STALE)).to_be_visible()
            stored = store.load(concept.id)
            assert (stored.idea.how, stored.idea.who, stored.revision) == (
                "palvelimelta yksi", "", 2)

            second.goto(f"{two.url}/?c={concept.id}")  # a reload on server two
            expect(second.locator(HOW)).to_have_value("palvelimelta yksi")
            wait_for_app_idle(second)
            type_into(second, WHO, "nyt tallentuu")
            expect(second.get_by_text(STALE)).to_be_hidden()
            assert store.load(concept.id).idea.who == "nyt tallentuu"
        finally:
            first_context.close()
            second_context.close()
    assert "Traceback" not in one.log() + two.log()
