"""Real-browser tests: `streamlit run app.py` on 127.0.0.1 and Debian's Chromium via Playwright.

Without /usr/bin/chromium (or the playwright package) these tests are skipped with a message
saying how to enable them. Each test gets its own server and data folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, SKIP_REASON, browser_available, free_port

APP_DIR = Path(__file__).resolve().parents[2]

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
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


@dataclass
class RunningApp:
    url: str
    data_dir: Path
    process: subprocess.Popen


def start_streamlit(data_dir: Path, extra_env: dict[str, str] | None = None,
                    timeout: float = 60.0) -> RunningApp:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}  # no real key leaks in
    env.update({"KONSEPTIKONE_DATA_DIR": str(data_dir), **(extra_env or {})})
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=APP_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("streamlit exited before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return RunningApp(url, data_dir, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not become healthy in time")


def stop_streamlit(app: RunningApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[RunningApp]:
    app = start_streamlit(tmp_path / "data")
    yield app
    stop_streamlit(app)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
    yield page
    context.close()


def wait_for_rerun(page) -> None:
    """Wait until Streamlit has finished running the script after an interaction."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=20_000)


def saved_after(page, store, concept_id: str, action: Callable[[], object]) -> None:
    """Do `action` and wait until the page shows the save it causes (the next revision)."""
    revision = store.load(concept_id).revision + 1
    action()
    expect(page.get_by_text(f"All changes saved (version {revision}).")).to_be_visible()


def click_grid_toolbar(page, grid, name: str) -> None:
    """Click a button of a data editor's toolbar ("Add row", "Delete row(s)").

    The toolbar appears above the grid only while the mouse is over it, and may still be
    sliding into place when first shown; a click landing on the grid instead is retried.
    """
    for attempt in range(3):
        # In the middle of the window, so the toolbar above the grid is on screen.
        grid.evaluate("element => element.scrollIntoView({block: 'center'})")
        grid.hover()
        try:
            grid.get_by_role("button", name=name).click(timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.mouse.move(0, 0)  # leave the grid so the next hover shows the toolbar again


ROW = 35  # a data editor's header and row height in pixels


def type_into_new_row(page, grid, row_number: int, text: str, saved: Callable[[], list[str]],
                      pick_in_last_column: bool = False) -> None:
    """Add a row to a data editor with its toolbar button and type into its first cell.

    `saved` reads the column back from the store: the canvas grid may be redrawn by a rerun
    just as a cell is clicked, so typing is retried (at most three times) until the text has
    arrived there.
    """
    click_grid_toolbar(page, grid, "Add row")
    wait_for_rerun(page)
    for _ in range(3):
        grid.evaluate("element => element.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(200)
        box = grid.bounding_box()
        # Open the cell's editor with a double click, type, commit with Enter.
        page.mouse.dblclick(box["x"] + 150, box["y"] + ROW * row_number + ROW // 2)
        editor = page.locator("textarea.gdg-input")  # the grid's cell editor
        try:
            editor.wait_for(timeout=3_000)
        except PlaywrightTimeout:  # the grid was being redrawn: try the cell again
            page.keyboard.press("Escape")
            continue
        editor.fill(text)
        editor.press("Enter")
        wait_for_rerun(page)
        if text in saved():
            return
        if pick_in_last_column:
            # A required choice (e.g. the stage): open the last cell, take the first option.
            box = grid.bounding_box()
            page.mouse.click(box["x"] + box["width"] - 30, box["y"] + ROW * row_number + ROW // 2)
            page.wait_for_timeout(200)
            page.keyboard.press("Enter")
            page.get_by_role("option").first.wait_for()
            page.keyboard.press("Enter")
            wait_for_rerun(page)
        if text in saved():
            return
    assert text in saved(), f"{text!r} did not reach the store: {saved()}"
