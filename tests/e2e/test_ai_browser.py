"""In a real browser against the fake OpenAI-compatible server: ask, edit, accept one suggestion."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from tests.browser import start_streamlit, stop_streamlit, wait_for_app_idle
from tests.fake_openai import json_reply

KEY = "sk-browser-SECRET-77aa01"


@pytest.fixture
def ai_app(tmp_path, fake_openai):
    concept = cafe_concept()
    TinyDBConceptStore(tmp_path / "data").create(concept)
    app = start_streamlit(tmp_path / "data", extra_env={
        "KONSEPTIKONE_AI_BASE_URL": fake_openai.base_url,
        "KONSEPTIKONE_AI_API_KEY": KEY,
        "KONSEPTIKONE_AI_MODEL": "fake-model",
        "KONSEPTIKONE_AI_TIMEOUT": "10",
    })
    yield app, concept
    stop_streamlit(app)


@pytest.fixture
def ai_page(browser, ai_app):
    app, concept = ai_app
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    # Through the start page and the sidebar, as a user goes (a deep link as the very first
    # request bypasses app.py's st.navigation in Streamlit 1.67).
    page.goto(f"{app.url}/?c={concept.id}")
    page.get_by_role("heading", name="Start").wait_for()
    page.get_by_test_id("stSidebarNav").get_by_text("Customer profiles").click()
    page.get_by_role("heading", name="Customer profiles").wait_for()
    wait_for_app_idle(page)  # a click while the page is still being drawn can be lost
    yield page
    context.close()


def test_a_suggestion_is_asked_edited_and_accepted_into_the_concept(ai_app, ai_page,
                                                                    fake_openai):
    app, concept = ai_app
    page = ai_page
    profile = concept.profiles[0]
    fake_openai.script(json_reply({"suggestions": [
        {"text": "Tavata muita etätyöläisiä", "reason": "Yhteisöllisyys mainittiin."},
        {"text": "Pitää taukoja", "reason": "Pitkät istunnot väsyttävät."}]}))

    page.get_by_text("AI assistant").click()
    suggest = page.get_by_role("button", name="Suggest")
    expect(suggest).to_be_visible()
    wait_for_app_idle(page)
    suggest.click()
    first = page.get_by_role("textbox", name="Suggestion 1")
    expect(first).to_have_value("Tavata muita etätyöläisiä")
    expect(page.get_by_text("Why: Pitkät istunnot väsyttävät.")).to_be_visible()

    first.fill("Tavata muita etätyöläisiä viikoittain")
    first.press("Tab")
    wait_for_app_idle(page)
    page.get_by_role("button", name="Add", exact=True).first.click()
    expect(page.get_by_text("Added: Tavata muita etätyöläisiä viikoittain")).to_be_visible()
    expect(page.get_by_role("textbox", name="Suggestion 1")).to_have_value("Pitää taukoja")

    saved = TinyDBConceptStore(app.data_dir).load(concept.id)
    jobs = [job.text for job in saved.profile(profile.id).jobs]
    assert jobs == [job.text for job in profile.jobs] + ["Tavata muita etätyöläisiä viikoittain"]
    assert "Pitää taukoja" not in jobs
    for path in app.data_dir.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes()
