"""In the real browser (Chromium): what a user waits for in the app with the large sample
concept, each against the same action in a minimal Streamlit app with the same widget and no app
code (benchmarks/minimal/), interleaved. Every action ends when its visible outcome is shown and
the app is idle (tests/browser.py `wait_for_app_idle`, with no fixed wait inside the timing).

- switching to each step page (sidebar link to the page's title drawn);
- typing into a text area until the saved line shows the next version;
- adding a row to a table and typing its first cell until saved;
- ticking a tick cell (the purchase mapping's stage ticks) until saved.

Target: every one within 2x its minimal twin.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Comparison, compare, print_comparison, print_header, print_note
from tests.browser import (
    ROW,
    _tick_boxes,
    browser_available,
    cell_point,
    grid_into_view,
    launch_chromium,
    start_streamlit,
    stop_streamlit,
    type_into_new_row,
    wait_for_app_idle,
)

MINIMAL = Path(__file__).resolve().parent / "minimal"
TARGET = 2.0
SAVED = "All changes saved (version {revision})."


class Side:
    """One browser page on one server, with the number of saves it has shown."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(locale="en-GB", viewport={"width": 1400,
                                                                     "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.url = url
        self.saves = 0

    def open(self, path: str = "") -> None:
        self.page.goto(self.url + path)
        wait_for_app_idle(self.page)

    def main(self):
        return self.page.get_by_test_id("stMainBlockContainer")

    def link(self, title: str):
        return self.page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True)

    def heading(self, title: str):
        return self.main().get_by_role("heading", name=title, exact=True).first

    def go(self, title: str) -> None:
        self.link(title).click()
        self.heading(title).wait_for()
        wait_for_app_idle(self.page, settle=0)

    def switch(self, title: str, away: str) -> float:
        """Seconds from a click on the sidebar link of `title` to its page drawn, idle."""
        self.go(away)
        start = time.perf_counter()
        self.go(title)
        return time.perf_counter() - start

    def until_saved(self, action) -> float:
        """Seconds from `action` to the saved line showing the next version, idle."""
        self.saves += 1
        line = self.page.get_by_text(SAVED.format(revision=self.saves), exact=True)
        start = time.perf_counter()
        action()
        line.wait_for()
        wait_for_app_idle(self.page, settle=0)
        return time.perf_counter() - start


def _type_and_save(side: Side, box, texts: list[str]) -> float:
    text = texts.pop()
    return side.until_saved(lambda: (box.fill(text), box.press("Tab")))


def _add_row(side: Side, grid, counter: list[int], saves_per_row: int) -> float:
    """Add a row with the toolbar and type its first cell: `saves_per_row` saves (the added
    empty row, then its text)."""
    counter[0] += 1
    row = counter[0]
    side.saves += saves_per_row - 1

    def act() -> None:
        type_into_new_row(side.page, grid, row, f"Rivi {row}")

    return side.until_saved(act)


def _tick(side: Side, grid, round_: list[int]) -> float:
    round_[0] += 1
    row, tick = 1 + round_[0] % 5, round_[0] % 5
    grid_into_view(grid)
    x = _tick_boxes(side.page, grid, row)[-5:][tick]
    return side.until_saved(lambda: side.page.mouse.click(x, cell_point(grid, row, 0)[1]))


def measure(rounds: int) -> list[Comparison]:
    from playwright.sync_api import sync_playwright

    from concept.i18n import t
    from concept.samples import large_concept
    from concept.steps import STEPS
    from concept.store import TinyDBConceptStore

    results: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
        store = TinyDBConceptStore(Path(folder) / "app")
        concept = store.create(large_concept())
        app = start_streamlit(Path(folder) / "app")
        pages = start_streamlit(Path(folder) / "pages", script="pages.py", cwd=MINIMAL)
        widgets = start_streamlit(Path(folder) / "widgets", script="widgets.py", cwd=MINIMAL)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                ours, twin = Side(browser, app.url), Side(browser, pages.url)
                ours.open(f"/?c={concept.id}")
                twin.open()
                titles = [t(f"step.{step.key}.title", "en") for step in STEPS]
                for index, title in enumerate(titles):
                    away = titles[1] if index == 0 else titles[0]
                    result = compare(f"switch to {STEPS[index].key}", "app (large concept)",
                                     lambda title=title, away=away: ours.switch(title, away),
                                     "minimal app", lambda title=title, away=away:
                                     twin.switch(title, away), rounds, target=TARGET)
                    print_comparison(result)
                    results.append(result)

                twin = Side(browser, widgets.url)
                twin.open()
                ours.go(titles[0])
                ours.saves = store.load(concept.id).revision
                label = 'textarea[aria-label="How is the value produced?"]'
                ours_texts = [f"Arvo syntyy {n}" for n in range(rounds + 2)]
                twin_texts = list(ours_texts)
                result = compare(
                    "text area until saved", "app (large concept)",
                    lambda: _type_and_save(ours, ours.page.locator(label), ours_texts),
                    "minimal app",
                    lambda: _type_and_save(twin, twin.page.locator(label), twin_texts),
                    rounds, target=TARGET)
                print_comparison(result)
                results.append(result)

                # A new row in the first open stage's touchpoint table (the journey page).
                ours.go(titles[2])
                firsts = {f"1. {j.stages[0].name}" for j in concept.journeys if j.stages}
                expanders = ours.main().get_by_test_id("stExpander")
                [opened] = [name for name in firsts
                            if expanders.get_by_text(name, exact=True).count()]
                expanders.get_by_text(opened, exact=True).first.click()
                wait_for_app_idle(ours.page)
                journey_grid = ours.main().get_by_test_id("stDataFrame").first
                shown = round((journey_grid.bounding_box()["height"] - 2) / ROW) - 2
                ours.saves = store.load(concept.id).revision
                twin_grid = twin.main().get_by_test_id("stDataFrame").first
                rows_in_app, rows_in_twin = [shown], [2]
                result = compare(
                    "add a table row until saved", "app (large concept)",
                    lambda: _add_row(ours, journey_grid, rows_in_app, 2),
                    "minimal app", lambda: _add_row(twin, twin_grid, rows_in_twin, 2),
                    min(rounds, 3), target=TARGET)
                print_comparison(result)
                results.append(result)

                ours.go(titles[3])
                ours.saves = store.load(concept.id).revision
                mapping = ours.main().get_by_test_id("stDataFrame").first
                ticks = twin.main().get_by_test_id("stDataFrame").nth(1)
                result = compare(
                    "tick a cell until saved", "app (large concept)",
                    lambda counter=[0]: _tick(ours, mapping, counter),
                    "minimal app", lambda counter=[0]: _tick(twin, ticks, counter),
                    rounds, target=TARGET)
                print_comparison(result)
                results.append(result)
                browser.close()
        finally:
            for server in (app, pages, widgets):
                stop_streamlit(server)
    return results


def run(rounds: int) -> list[Comparison]:
    print_header("Browser (Chromium): app with the large concept vs a minimal Streamlit app")
    if not browser_available():
        print_note("not measured: " + "Chromium or playwright is missing")
        return []
    results = measure(rounds)
    over = [r.name for r in results if r.verdict() == "OVER TARGET"]
    print_note(f"over the {TARGET:g}x target: {', '.join(over) or 'none'}")
    return results
