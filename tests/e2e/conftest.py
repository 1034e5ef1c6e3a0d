"""Real-browser tests: `streamlit run app.py` on 127.0.0.1 and Debian's Chromium via Playwright.

Without /usr/bin/chromium (or the playwright package) these tests are skipped with a message
saying how to enable them. One app server runs per test module; each test starts with an empty
store and its own browser context (a new session). The user's hands (act once, wait until the
app is idle) are in tests/browser.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from concept.store import TinyDBConceptStore
from tests.browser import (
    SKIP_REASON,
    RunningApp,
    browser_available,
    launch_chromium,
    start_streamlit,
    stop_streamlit,
    wait_for_app_idle,
)

try:
    from playwright.sync_api import expect
except ImportError:  # the tests are skipped then (see SKIP_REASON)
    pass
else:
    # Shared CI machines are slow at times: assertions wait as long as page actions do.
    expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=SKIP_REASON)
    available = browser_available()
    for item in items:
        if "tests/e2e" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not available:
                item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keeps each phase's report on the test item: fixtures read `rep_call` to see whether the
    test failed (and keep screenshots for it)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="module")
def module_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """One app server for the test module."""
    app = start_streamlit(tmp_path_factory.mktemp("data"))
    yield app
    stop_streamlit(app)


@pytest.fixture
def app_server(module_app: RunningApp) -> RunningApp:
    """The module's app server with an empty store: each test starts from no concepts."""
    store = TinyDBConceptStore(module_app.data_dir)
    for summary in store.list():
        store.delete(summary.id)
    return module_app


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_server: RunningApp):
    """A fresh browser page (English UI) on the app's start page, ready to use."""
    context = browser.new_context(locale="en-GB", accept_downloads=True,
                                  viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(app_server.url)
    page.get_by_role("heading", name="Start").wait_for()
    wait_for_app_idle(page)
    yield page
    context.close()


def saved_after(page, store, concept_id: str, action: Callable[[], object]) -> None:
    """Do `action` and wait until the page shows the save it causes (the next revision)."""
    revision = store.load(concept_id).revision + 1
    action()
    expect(page.get_by_text(f"All changes saved (version {revision}).")).to_be_visible()
    wait_for_app_idle(page)


def open_step(page, app_server: RunningApp, concept, link: str) -> TinyDBConceptStore:
    """Store `concept`, open it, go to the step or tool `link` through the sidebar, wait until
    the page is drawn; the store it saves to."""
    store = TinyDBConceptStore(app_server.data_dir)
    store.create(concept)
    page.goto(f"{app_server.url}/?c={concept.id}")
    wait_for_app_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text(link, exact=True).click()
    page.get_by_role("heading", name=link).first.wait_for()
    wait_for_app_idle(page)
    return store


