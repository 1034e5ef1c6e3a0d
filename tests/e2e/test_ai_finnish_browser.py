"""In Chromium, in Finnish, against the fake OpenAI-compatible server: a suggestion (with its AI
mark), a critique, and a streamed draft stopped half-way (the server sees the stream closed
within a second of Stop) and then one used.

Each helper acts once and then waits for the app to be idle."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from tests.browser import start_streamlit, stop_streamlit, wait_for_app_idle
from tests.fake_openai import DEMO_DRAFT, FakeOpenAI, json_reply, stream_reply

KEY = "sk-browser-fi-SECRET-5c1d2e"


def click(page, locator) -> None:
    """Click once, then wait for the app to be idle again."""
    locator.click()
    wait_for_app_idle(page)


@pytest.fixture(scope="module", name="fake_openai")
def module_fake_openai() -> Iterator[FakeOpenAI]:
    """One fake server for the module (its tests read only the requests they caused)."""
    server = FakeOpenAI()
    yield server
    server.close()


@pytest.fixture(scope="module")
def ai_server(tmp_path_factory, fake_openai):
    """One app server for the module, talking to the fake AI server."""
    app = start_streamlit(tmp_path_factory.mktemp("data"), extra_env={
        "KONSEPTIKONE_AI_BASE_URL": fake_openai.base_url,
        "KONSEPTIKONE_AI_API_KEY": KEY,
        "KONSEPTIKONE_AI_MODEL": "fake-model",
        "KONSEPTIKONE_AI_TIMEOUT": "30",
    })
    yield app
    stop_streamlit(app)


@pytest.fixture
def ai_app(ai_server):
    """A fresh café concept for each test, in the module's app."""
    concept = cafe_concept()
    concept.description.short_description = ""
    TinyDBConceptStore(ai_server.data_dir).create(concept)
    return ai_server, concept


@pytest.fixture
def fi_page(browser, ai_app):
    app, concept = ai_app
    context = browser.new_context(locale="fi-FI", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{app.url}/?c={concept.id}")
    page.get_by_role("heading", name="Aloitus").wait_for()
    wait_for_app_idle(page)
    yield page
    context.close()


def open_step(page, title: str) -> None:
    click(page, page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True))
    page.get_by_role("heading", name=title).first.wait_for()
    click(page, page.get_by_text("Tekoälyavustaja"))


def test_a_finnish_suggestion_is_marked_and_a_critique_is_shown(ai_app, fi_page, fake_openai):
    app, concept = ai_app
    page = fi_page
    open_step(page, "Asiakasprofiilit")
    fake_openai.script(json_reply({"suggestions": [
        {"text": "Hiljaisen pöydän löytäminen", "reason": "Etätyöläiset mainitsevat ruuhkan."}]}))
    click(page, page.get_by_role("button", name="Ehdota", exact=True))
    expect(page.get_by_role("textbox", name="Ehdotus 1")).to_have_value(
        "Hiljaisen pöydän löytäminen")
    expect(page.get_by_text("Tokeneita: lähetetty", exact=False)).to_be_visible()
    click(page, page.get_by_role("button", name="Lisää", exact=True))
    expect(page.get_by_text("Lisätty: Hiljaisen pöydän löytäminen")).to_be_visible()
    expect(page.get_by_text("Hiljaisen pöydän löytäminen (fake-model,", exact=False)) \
        .to_be_visible()
    saved = TinyDBConceptStore(app.data_dir).load(concept.id)
    assert [(m.source, m.model) for m in saved.ai_marks] == [("ai", "fake-model")]
    request = fake_openai.chat_requests()[-1].prompt_text()
    assert "Pahimmat murheet" in request or "Tärkeimmät hyödyt" in request

    click(page, page.get_by_role("tab", name="Haasta oletukseni"))
    fake_openai.script(json_reply({"questions": ["Mistä tiedät, että pöytä kiinnostaa?"],
                                   "risks": ["Lounasruuhka vie tilan."]}))
    click(page, page.get_by_role("button", name="Haasta oletukseni"))
    expect(page.get_by_text("Mistä tiedät, että pöytä kiinnostaa?")).to_be_visible()
    expect(page.get_by_text("Lounasruuhka vie tilan.")).to_be_visible()


def test_a_streamed_draft_stops_at_once_and_a_finished_one_is_used(ai_app, fi_page,
                                                                   fake_openai):
    app, concept = ai_app
    page = fi_page
    open_step(page, "Arvolupaus")
    click(page, page.get_by_role("tab", name="Luonnokset"))
    fake_openai.script(stream_reply([f"sana{n} " for n in range(400)], chunk_delay=0.05))
    page.get_by_role("button", name="Luonnostele lyhyt konseptikuvaus").click()
    expect(page.get_by_text("sana3", exact=False)).to_be_visible()
    stop = page.get_by_role("button", name="Pysäytä")
    stop.click()
    # Taken when Playwright reports the click delivered (on a loaded machine the click itself
    # can take over a second to be dispatched).
    clicked = time.monotonic()
    wait_for_app_idle(page)
    expect(page.get_by_text("Luonnoksen kirjoitus pysäytettiin.")).to_be_visible()
    assert fake_openai.stream_closed.is_set()
    assert fake_openai.closed_streams[0] - clicked < 1.0
    assert TinyDBConceptStore(app.data_dir).load(concept.id).description \
        .short_description == ""

    # The next draft streams to its end and is used.
    click(page, page.get_by_role("button", name="Luonnostele lyhyt konseptikuvaus"))
    click(page, page.get_by_role("button", name="Käytä tätä luonnosta"))
    saved = TinyDBConceptStore(app.data_dir).load(concept.id)
    assert saved.description.short_description == DEMO_DRAFT["fi"]
    assert [m.target for m in saved.ai_marks] == ["value.description"]
