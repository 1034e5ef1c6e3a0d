"""Accessibility in the browser: axe-core (WCAG 2.0/2.1 A and AA) on every page in both
languages, the page's language and title, and the journey page by keyboard alone.

One Streamlit server for the module (a started server costs seconds on a shared machine); every
helper acts once and then waits for the app to be idle, as Streamlit's own e2e tests do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from concept.samples import cafe_concept
from concept.steps import STEPS
from concept.store import TinyDBConceptStore
from concept.toolbox import ACTIONS, HEALTH, TOOLS
from tests.e2e.conftest import RunningApp, start_streamlit, stop_streamlit

try:
    from playwright.sync_api import expect
except ImportError:  # skipped then (see tests/e2e/conftest.py)
    pass

PAGES = ([s.url_path for s in STEPS] + [tool.url_path for tool in TOOLS]
         + [HEALTH.url_path, ACTIONS.url_path, "settings", "about"])
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Violations that come from Streamlit's own markup, which the app cannot change; each with why.
# (rule id, the data-testid of the Streamlit element the violating node sits in)
STREAMLIT_OWN = {
    # The sidebar navigation wraps each <li> in a <div> inside its <ul>: the list's children are
    # not list items, and the items have no list parent. Streamlit's markup, not the app's.
    ("list", "stSidebarNav"),
    ("listitem", "stSidebarNav"),
}
INSIDE = """([selector, testid]) => {
    const element = document.querySelector(selector);
    return !!(element && element.closest(`[data-testid="${testid}"]`));
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[RunningApp, str]]:
    data_dir: Path = tmp_path_factory.mktemp("a11y") / "data"
    concept = cafe_concept()
    TinyDBConceptStore(data_dir).create(concept)
    app = start_streamlit(data_dir)
    yield app, concept.id
    stop_streamlit(app)


def wait_for_idle(page) -> None:
    """Wait until the script run has finished and nothing is still being laid out."""
    page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()


def open_page(page, app: RunningApp, path: str, concept_id: str, lang: str) -> None:
    page.goto(f"{app.url}/{path}?c={concept_id}&lang={lang}")
    wait_for_idle(page)


def fit_window_to_page(page) -> None:
    """axe skips what is scrolled out of Streamlit's main area: make the window as tall as it."""
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
                 ...[...document.querySelectorAll('[data-testid="stMain"], section')]
                      .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 100, 30_000)})
    wait_for_idle(page)


OUTLINE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const headings = [...main.querySelectorAll(':is(h1,h2,h3,h4,h5,h6)')];
    const problems = [];
    let previous = 0;
    for (const h of headings) {
        const level = Number(h.tagName[1]);
        if (level > previous + 1)
            problems.push(`${h.tagName} after h${previous}: ${h.textContent}`);
        if (level <= 3 && h.querySelector('a[href^="#"]'))
            problems.push(`${h.tagName} with a link anchor (a Tab stop): ${h.textContent}`);
        previous = level;
    }
    return problems;
}"""


def app_caused(page, violations: list[dict]) -> list[str]:
    found = []
    for violation in violations:
        if violation["impact"] not in ("critical", "serious"):
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            html = node.get("html", "")
            if any(rule == violation["id"] and len(node["target"]) == 1
                   and page.evaluate(INSIDE, [node["target"][0], testid])
                   for rule, testid in STREAMLIT_OWN):
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {target}\n"
                         f"    {html[:200]}\n    {node.get('failureSummary', '')[:300]}")
    return found


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_page_passes_axe(browser, server, lang):
    from axe_playwright_python.sync_playwright import Axe

    app, concept_id = server
    axe = Axe()
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: dict[str, list[str]] = {}
    titles = set()
    try:
        for path in PAGES:
            open_page(page, app, path, concept_id, lang)
            fit_window_to_page(page)
            assert page.evaluate("document.documentElement.lang") == lang, path
            titles.add(page.title())
            # The sample concept has advice on most pages and no failure: nothing is an alert.
            alerts = page.locator('[data-testid="stMain"] [role="alert"]').all_inner_texts()
            if alerts:
                problems[f"{path} (advice announced as alerts)"] = alerts
            if path == "start" and lang == "en":  # the chosen concept's buttons say which
                expect(page.get_by_role("button", name="Delete: “Kahvila Kulma”")).to_have_count(1)
            outline = page.evaluate(OUTLINE)
            if outline:
                problems[f"{path} (heading outline)"] = outline
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG},
                                             "resultTypes": ["violations"]})
            found = app_caused(page, results.response["violations"])
            if found:
                problems[path] = found
    finally:
        context.close()
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(found)
                                   for path, found in problems.items())
    # Every page has its own title, with the concept's name and the app's.
    assert len(titles) == len(PAGES), titles
    assert all(title.endswith(" · Kahvila Kulma · Konseptikone") for title in titles), titles


ACTIVE = """() => {
    const a = document.activeElement;
    if (!a || a === document.body) return null;
    return {tag: a.tagName, text: (a.innerText || '').slice(0, 60),
            visible: a.matches(':focus-visible'),
            label: a.getAttribute('aria-label') || '',
            testids: [...(function* () { let e = a; while (e) { if (e.dataset && e.dataset.testid)
                yield e.dataset.testid; e = e.parentElement; } })()]};
}"""


def press(page, key: str) -> dict | None:
    """Press one key once, wait for the app to be idle, and say where the focus is."""
    page.keyboard.press(key)
    wait_for_idle(page)
    return page.evaluate(ACTIVE)


def test_journey_page_by_keyboard_keeps_focus_visible(browser, server):
    app, concept_id = server
    store = TinyDBConceptStore(app.data_dir)
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, app, "journey", concept_id, "en")
        journey = store.load(concept_id).journeys[0]
        first = journey.touchpoints[0]  # a stage with a touchpoint to edit
        stage = next(s for s in journey.stages if s.id == first.stage_id)
        summary = page.locator('[data-testid="stExpander"] summary',
                               has_text=stage.name).first
        summary.focus()
        # Open the stage with Enter: the section is drawn by a rerun, and focus stays on it.
        active = press(page, "Enter")
        assert active and active["tag"] == "SUMMARY" and stage.name in active["text"], active
        assert active["visible"], "the focused stage title shows no focus ring"
        # The icon-only buttons of the open stage say what they do and to what.
        expect(page.get_by_role("button", name=f"Move stage “{stage.name}” up")).to_have_count(1)
        # Tab into the stage's touchpoint grid; every stop on the way shows its focus.
        for _ in range(40):
            active = press(page, "Tab")
            assert active is not None, "focus was lost to the page"
            assert active["visible"] or "stDataFrame" in active["testids"], active
            if "stDataFrame" in active["testids"]:
                break
        assert "stDataFrame" in active["testids"], active
        # Next: the button is reached and pressed by keyboard, and opens the next step.
        next_button = page.get_by_role("button", name="Next:")
        next_button.focus()
        assert page.evaluate(ACTIVE)["visible"]
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1, name="Purchase process")).to_be_visible()
    finally:
        context.close()
