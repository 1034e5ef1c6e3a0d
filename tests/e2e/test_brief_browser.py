"""In Chromium, in Finnish, against the fake OpenAI-compatible server: a concept drafted from the
café brief, two steps accepted whole and one item by item (one edited first), found in the
concept with their AI marks. Each helper acts once and then waits for the app to be idle."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from concept.ai.provenance import live_marks
from concept.model import Concept
from concept.store import TinyDBConceptStore
from concept.ui import ai_marks
from tests.brief_answers import CAFE_BRIEF, brief_responder
from tests.browser import start_streamlit, stop_streamlit, wait_for_app_idle, wait_until
from tests.fake_openai import FakeOpenAI

PROMISE = "Oma pöytä ja hyvä kahvi korttelin olohuoneessa"


def click(page, locator) -> None:
    """Click once, then wait for the app to be idle again."""
    locator.click()
    wait_for_app_idle(page)


@pytest.fixture(scope="module", name="fake_openai")
def module_fake_openai() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    server.responder = brief_responder
    yield server
    server.close()


@pytest.fixture(scope="module")
def brief_server(tmp_path_factory, fake_openai):
    """One app server for the module, talking to the fake AI server."""
    app = start_streamlit(tmp_path_factory.mktemp("data"), extra_env={
        "KONSEPTIKONE_AI_BASE_URL": fake_openai.base_url,
        "KONSEPTIKONE_AI_API_KEY": "sk-browser-brief-5c1d2e",
        "KONSEPTIKONE_AI_MODEL": "fake-model",
        "KONSEPTIKONE_AI_TIMEOUT": "30",
    })
    yield app
    stop_streamlit(app)


def test_a_finnish_draft_from_a_brief_is_reviewed_into_the_concept(browser, brief_server):
    concept = Concept(name="Korttelikahvila Kulma")
    store = TinyDBConceptStore(brief_server.data_dir)
    store.create(concept)
    context = browser.new_context(locale="fi-FI", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{brief_server.url}/?c={concept.id}")
        page.get_by_role("heading", name="Aloitus").wait_for()
        wait_for_app_idle(page)
        click(page, page.get_by_text("Luonnos lähtötiedoista"))
        page.get_by_role("textbox", name="Lähtötiedot").fill(CAFE_BRIEF)
        click(page, page.get_by_role("button", name="Luonnostele"))
        expect(page.get_by_role("heading", name="Luonnos: Arvolupaus")).to_be_visible()
        expect(page.get_by_text("Pyyntöjä: 8.")).to_be_visible()
        assert not store.load(concept.id).profiles  # drafted, not entered

        # Two steps whole.
        click(page, page.locator(".st-key-brief_step_start").get_by_role(
            "button", name="Hyväksy koko vaihe"))
        click(page, page.locator(".st-key-brief_step_profiles").get_by_role(
            "button", name="Hyväksy koko vaihe"))
        # One item by item: the key promise edited first, then one reason to believe.
        promise = page.locator(".st-key-brief_edit_value-0").get_by_role("textbox")
        promise.fill(PROMISE)
        promise.press("Enter")
        wait_for_app_idle(page)
        click(page, page.locator(".st-key-brief_accept_value-0").get_by_role("button"))
        click(page, page.locator(".st-key-brief_accept_value-1").get_by_role("button"))
        wait_until(page, lambda: store.load(concept.id).value_proposition.key_promise == PROMISE)

        kept = store.load(concept.id)
        assert kept.idea.who == "Korttelin etätyöläiset ja lapsiperheet iltapäivisin"
        assert [p.name for p in kept.profiles][0] == "Keskittyvä etätyöläinen"
        assert kept.value_proposition.reasons_to_believe == ["Varmistettu nopea verkko"]
        assert not kept.value_proposition.statement  # not accepted, so not in the concept
        assert not kept.journeys
        marked = {m.text: m for m in live_marks(kept)}
        for text in (kept.idea.who, "Keskittyvä etätyöläinen", "Wifi katkeilee", PROMISE,
                     "Varmistettu nopea verkko"):
            assert marked[text].model == "fake-model"
        assert kept.brief.text.startswith("# Korttelikahvila Kulma")

        # The profiles page shows the drafted pains with the AI mark.
        click(page, page.get_by_test_id("stSidebarNav").get_by_text("Asiakasprofiilit",
                                                                     exact=True))
        page.get_by_role("heading", name="Asiakasprofiilit").first.wait_for()
        wait_for_app_idle(page)
        pains = page.get_by_test_id("stDataFrame").nth(1)
        expect(pains.locator("table")).to_contain_text("Wifi katkeilee")
        assert pains.locator("table").inner_text().count(ai_marks.ICON) == 3
    finally:
        context.close()


def test_stop_ends_the_drafting_at_once_and_keeps_the_drafted_step(browser, brief_server,
                                                                    fake_openai):
    from tests.brief_answers import answer_reply

    concept = Concept(name="Corner Café")
    store = TinyDBConceptStore(brief_server.data_dir)
    store.create(concept)
    fake_openai.stream_closed.clear()
    before = len(fake_openai.chat_requests())
    # The second step streams slowly, so Stop comes while its answer is being written.
    fake_openai.script(answer_reply("start", "en"),
                       answer_reply("profiles", "en", chunk_delay=0.5))
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{brief_server.url}/?c={concept.id}")
        page.get_by_role("heading", name="Start").wait_for()
        wait_for_app_idle(page)
        click(page, page.get_by_text("Draft from a brief"))
        page.get_by_role("textbox", name="Brief").fill(CAFE_BRIEF)
        page.get_by_role("button", name="Draft").click()
        page.get_by_text("Drafting: Customer profiles").wait_for()
        wait_until(page, lambda: len(fake_openai.chat_requests()) == before + 2)
        expect(page.get_by_text("Drafted: Start")).to_be_visible()
        click(page, page.get_by_role("button", name="Stop"))
        assert fake_openai.stream_closed.wait(10)  # the server saw the connection closed
        expect(page.get_by_text("Drafting stopped. Steps drafted: 1/8.")).to_be_visible()
        expect(page.get_by_role("heading", name="Draft: Start")).to_be_visible()
        expect(page.get_by_role("button", name="Draft the rest")).to_be_visible()
        assert not store.load(concept.id).idea.who
    finally:
        context.close()
