"""The real browser, shared by the browser tests (tests/e2e) and the benchmarks: Debian's
Chromium for Playwright, a Streamlit server started and stopped, and the user's hands.

Every helper acts once and then waits until the app is idle (`wait_for_app_idle`, the way
Streamlit's own Playwright harness waits). Nothing here repeats a click, a keystroke or a form
submit: an action lost to a redraw is an app bug to fix, not something to paper over.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

APP_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KONSEPTIKONE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SKIP_REASON = (
    "browser tests need Debian's Chromium at /usr/bin/chromium "
    "(install it with: sudo apt-get install chromium) and the playwright package "
    "(pip install -e '.[test]')"
)
IDLE_TIMEOUT = 25_000  # ms: a rerun of a heavy page on a busy shared machine


def browser_available() -> bool:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the Streamlit server ----------------------------------------------------------------------


@dataclass
class RunningApp:
    url: str
    data_dir: Path
    process: subprocess.Popen
    output: tempfile._TemporaryFileWrapper  # the server's stdout and stderr

    def log(self) -> str:
        self.output.flush()
        self.output.seek(0)
        return self.output.read().decode("utf-8", "replace")


def start_streamlit(data_dir: Path, script: str = "app.py", cwd: Path = APP_DIR,
                    extra_env: dict[str, str] | None = None,
                    timeout: float = 60.0, port: int | None = None) -> RunningApp:
    """`streamlit run <script>` on a free port of 127.0.0.1 (or on `port`, to restart a server
    where its pages look for it), returned once it is healthy.

    The server's output goes to a temporary file (a pipe could fill up and block the server);
    if the server dies or never becomes healthy, the error shows that output.
    """
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}  # no real key leaks in
    env.update({"KONSEPTIKONE_DATA_DIR": str(data_dir), **(extra_env or {})})
    output = tempfile.TemporaryFile(prefix="streamlit-")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
    )
    app = RunningApp(f"http://127.0.0.1:{port}", Path(data_dir), process, output)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}) before it was healthy:\n"
                               f"{app.log()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return app
        except OSError:
            time.sleep(0.05)
    stop_streamlit(app)
    raise RuntimeError(f"streamlit was not healthy after {timeout:.0f} s:\n{app.log()[-4000:]}")


def stop_streamlit(app: RunningApp) -> str:
    """Stop the server; its output."""
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
        app.process.wait()
    log = app.log()
    app.output.close()
    return log


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# --- waiting ------------------------------------------------------------------------------------


def wait_for_app_idle(page, settle: int = 200, timeout: int = IDLE_TIMEOUT) -> None:
    """Wait until the app has finished the run an action started.

    As Streamlit's own harness (`e2e_playwright/conftest.py`, `wait_for_app_run`) does: give
    the action a moment to reach the server, then wait for the connection to be up, the script
    state to be "notRunning" and no element skeleton to be left.
    """
    from playwright.sync_api import expect

    if settle:
        page.wait_for_timeout(settle)
    page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(
        state="attached", timeout=timeout)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def wait_until(page, condition, timeout: int = IDLE_TIMEOUT, interval: int = 100) -> None:
    """Poll `condition()` (e.g. the store holds a value) until it is true; fail after `timeout`."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition still false after {timeout} ms")
        page.wait_for_timeout(interval)


# --- data editor grids --------------------------------------------------------------------------

ROW = 35  # a data editor's header and row height in pixels


def grid_into_view(grid) -> dict[str, float]:
    """Scroll a grid to the middle of the window (so its toolbar is on screen); its box."""
    # Instantly: a smooth scroll still under way would move the grid under the next click.
    grid.evaluate("element => element.scrollIntoView({block: 'center', behavior: 'instant'})")
    return grid.bounding_box()


def cell_point(grid, row: int, x: float) -> tuple[float, float]:
    """Page coordinates of row `row` (1 = the first data row) at `x` pixels from the grid's
    left edge (from its right edge when `x` is negative)."""
    box = grid.bounding_box()
    left = box["x"] + (x if x >= 0 else box["width"] + x)
    return left, box["y"] + ROW * row + ROW // 2


def click_grid_toolbar(page, grid, name: str) -> None:
    """Click a button of a data editor's toolbar ("Add row", "Delete row(s)") once.

    The toolbar shows while the mouse is over the grid. It slides up after a delay and only then
    rises above the grid (Streamlit's CSS: `top` moves after 100 ms, `z-index` after 200 ms);
    a click during the delay lands on the grid under it. So the click waits until the toolbar
    has finished showing.
    """
    grid_into_view(grid)
    grid.hover()
    toolbar = grid.get_by_test_id("stElementToolbar").element_handle()
    page.wait_for_function("""toolbar => {
        const style = getComputedStyle(toolbar);
        return style.opacity === "1" && style.zIndex !== "0";
    }""", arg=toolbar)
    grid.get_by_role("button", name=name).click()
    wait_for_app_idle(page)


def type_into_new_row(page, grid, row_number: int, text: str, x: float = 150) -> None:
    """Add a row with the toolbar, open its cell at `x` with a double click, type, Enter."""
    click_grid_toolbar(page, grid, "Add row")
    type_into_cell(page, grid, row_number, text, x)


def type_into_cell(page, grid, row_number: int, text: str, x: float = 150) -> None:
    """Open a text cell's editor with a double click, type `text`, commit with Enter."""
    grid_into_view(grid)
    page.mouse.dblclick(*cell_point(grid, row_number, x))
    editor = page.locator("textarea.gdg-input")  # the grid's cell editor
    editor.fill(text)
    editor.press("Enter")
    wait_for_app_idle(page)


def _tick_boxes(page, grid, row_number: int) -> list[float]:
    """Page x of the centre of each tick box drawn in a row, left to right.

    The grid is a canvas with no element per cell, so the boxes are found in a picture of the
    row: a box is a run of 10 to 24 pixel columns with dark pixels (text runs are told apart
    by taking the last boxes of the row).
    """
    import io

    from PIL import Image

    box = grid.bounding_box()
    top = box["y"] + ROW * row_number + 8
    clip = {"x": box["x"], "y": top, "width": box["width"], "height": ROW - 16}
    picture = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("L")
    scale = picture.width / box["width"]  # device pixels per CSS pixel
    dark = [any(picture.getpixel((x, y)) < 200 for y in range(picture.height))
            for x in range(picture.width)]
    runs, start = [], None
    for x, is_dark in enumerate([*dark, False]):
        if is_dark and start is None:
            start = x
        elif not is_dark and start is not None:
            if 10 * scale <= x - start <= 24 * scale:
                runs.append(box["x"] + (start + x) / 2 / scale)
            start = None
    return runs


def tick_in_cell(page, grid, row_number: int, tick: int, ticks: int) -> None:
    """Click the `tick`-th (from 0) of the last `ticks` tick boxes of a row, once."""
    grid_into_view(grid)
    boxes = _tick_boxes(page, grid, row_number)[-ticks:]
    assert len(boxes) == ticks, f"found {len(boxes)} tick boxes in row {row_number}"
    page.mouse.click(boxes[tick], cell_point(grid, row_number, 0)[1])
    wait_for_app_idle(page)
