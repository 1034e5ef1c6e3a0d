"""Accessibility in the browser: axe-core (WCAG 2.0/2.1 A and AA) on every page in both
languages, the page's language and title, the grids' table for screen readers, and the journey
page by keyboard alone.

One Streamlit server for the module (a started server costs seconds on a shared machine); every
helper acts once and then waits for the app to be idle, as Streamlit's own e2e tests do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from concept import workshop as ws
from concept.recipes import find
from concept.samples import cafe_concept
from concept.steps import STEPS
from concept.store import TinyDBConceptStore
from concept.toolbox import ACTIONS, HEALTH, TOOLS, WORKSHOP_PAGES
from tests.e2e.conftest import RunningApp, start_streamlit, stop_streamlit

try:
    from playwright.sync_api import expect
except ImportError:  # skipped then (see tests/e2e/conftest.py)
    pass

PAGES = ([s.url_path for s in STEPS] + [tool.url_path for tool in TOOLS]
         + [page.key for page in WORKSHOP_PAGES]  # their url_path is their key (app.py)
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
    # A recipe, so the workshop pages show an agenda, an activity and a review (not only the
    # hint to choose one).
    ws.choose_recipe(concept, find("customers_and_paths"))
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


GRID_ROWS = """() => [...document.querySelectorAll(
    '[data-testid="stDataFrame"] canvas table tr')].map(
        row => [...row.children].map(cell => cell.textContent))"""


def open_stage_of_first_touchpoint(page, store, concept_id: str):
    """Open, by keyboard, the journey stage of the first touchpoint; the stage and the
    touchpoint. Enter on the stage's title: focus stays on it, visibly."""
    journey = store.load(concept_id).journeys[0]
    first = journey.touchpoints[0]
    stage = next(s for s in journey.stages if s.id == first.stage_id)
    page.locator('[data-testid="stExpander"] summary', has_text=stage.name).first.focus()
    active = press(page, "Enter")
    assert active and active["tag"] == "SUMMARY" and stage.name in active["text"], active
    assert active["visible"], "the focused stage title shows no focus ring"
    return journey, stage, first


def test_the_grids_table_for_screen_readers_reads_finnish_labels_not_codes(browser, server):
    app, concept_id = server
    store = TinyDBConceptStore(app.data_dir)
    context = browser.new_context(locale="fi-FI", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, app, "journey", concept_id, "fi")
        journey, stage, first = open_stage_of_first_touchpoint(page, store, concept_id)
        # The grid draws its table for screen readers (inside the canvas) once it is drawn.
        page.locator('[data-testid="stDataFrame"] canvas table td').first.wait_for(
            state="attached")
        rows = page.evaluate(GRID_ROWS)
        assert rows[0][:2] == ["Nimi", "Kanava"], rows[0]
        row = next(r for r in rows if first.name in r)
        assert "Sosiaalinen media" in row and "Kehitettävä" in row, row
        text = " ".join(" ".join(r) for r in rows)
        codes = {first.channel, first.kind, first.dev_status, *(s.id for s in journey.stages),
                 *(tp.id for tp in journey.touchpoints)}
        assert not {cell for r in rows for cell in r} & codes, text
    finally:
        context.close()


def test_journey_page_by_keyboard_keeps_focus_visible(browser, server):
    """Open a stage, edit a touchpoint's name in the grid, go on with Next: by keyboard alone,
    every stop showing its focus and the focus never lost to the page."""
    app, concept_id = server
    store = TinyDBConceptStore(app.data_dir)
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, app, "journey", concept_id, "en")
        journey, stage, first = open_stage_of_first_touchpoint(page, store, concept_id)
        # The icon-only buttons of the open stage say what they do and to what.
        expect(page.get_by_role("button", name=f"Move stage “{stage.name}” up")).to_have_count(1)
        # Tab into the stage's touchpoint grid: its toolbar first, then the grid itself (its
        # canvas, or the first cell of its table for screen readers once that is drawn).
        for _ in range(40):
            active = press(page, "Tab")
            assert active is not None, "focus was lost to the page"
            assert active["visible"], active
            if active["tag"] in ("CANVAS", "TD") and "stDataFrame" in active["testids"]:
                break
        assert active["tag"] in ("CANVAS", "TD") and "stDataFrame" in active["testids"], active
        # Down and up again: the first row's name cell is the grid's selected cell.
        press(page, "ArrowDown")
        active = press(page, "ArrowUp")
        assert active and "stDataFrame" in active["testids"] and active["visible"], active
        expect(page.locator('[data-testid="stDataFrame"] td[aria-selected="true"]')).to_have_text(
            first.name)
        # Typing starts the cell's editor with that letter; the rest goes into the editor.
        page.keyboard.press("K")
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'")
        page.keyboard.type("ahvilan Instagram")
        # Enter as a person presses it: once the editor shows the text and the page has drawn
        # it (two animation frames). The grid commits what its editor has drawn; an Enter in
        # the same instant as the last key dropped the edit (seen in CI).
        expect(page.locator("textarea.gdg-input")).to_have_value("Kahvilan Instagram")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                      "requestAnimationFrame(done)))")
        revision = store.load(concept_id).revision + 1
        active = press(page, "Enter")  # saves the edit; focus is back in the grid
        assert active and "stDataFrame" in active["testids"] and active["visible"], active
        expect(page.get_by_text(f"All changes saved (version {revision}).")).to_be_visible()
        saved = store.load(concept_id).journeys[0].touchpoints
        assert next(tp.name for tp in saved if tp.id == first.id) == "Kahvilan Instagram"
        # On to Next by Tab: every stop visible, none the page itself.
        for _ in range(80):
            active = press(page, "Tab")
            assert active is not None, "focus was lost to the page"
            assert active["visible"], active
            if active["tag"] == "BUTTON" and active["text"].strip().startswith("Next:"):
                break
        assert active["text"].strip().startswith("Next:"), active
        title = active["text"].strip().removeprefix("Next:").split("\n")[0].strip()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        wait_for_idle(page)
    finally:
        context.close()

