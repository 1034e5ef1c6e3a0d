"""Cold start: `streamlit run app.py` to the first rendered page in headless Chromium, against a
hello-world Streamlit script started the same way. And which heavy modules the first page
imports (openai, python-docx and fpdf2 must wait until they are used)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

from benchmarks.common import Comparison, print_comparison, print_header, print_note
from tests.browser import (
    browser_available,
    launch_chromium,
    start_streamlit,
    stop_streamlit,
)

APP_DIR = Path(__file__).resolve().parent.parent
HEAVY = ("openai", "docx", "fpdf", "vl_convert", "pptx")
ALSO_WATCHED = ("httpx2", "httpx", "pypdf", "jinja2", "pandas", "altair", "babel")
HELLO = 'import streamlit as st\n\nst.title("Hello")\n'


def _one_start(script: str, cwd: Path, heading: str,
               browser) -> tuple[float, float, float]:
    """Seconds: to /_stcore/health, to the first page rendered (or fetched), and from opening
    the page in the browser (server already healthy) to the page rendered."""
    with tempfile.TemporaryDirectory(prefix="bench-start-") as data:
        start = time.perf_counter()
        app = start_streamlit(Path(data), script=script, cwd=cwd)
        try:
            healthy = time.perf_counter() - start
            if browser is not None:
                context = browser.new_context(locale="en-GB")
                try:
                    page = context.new_page()
                    opened = time.perf_counter()
                    page.goto(app.url)
                    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
                finally:
                    context.close()
            else:
                opened = time.perf_counter()
                with urllib.request.urlopen(app.url, timeout=30) as response:
                    response.read()
            done = time.perf_counter()
        finally:
            stop_streamlit(app)
    return healthy, done - start, done - opened


def measure_start(rounds: int) -> list[Comparison]:
    use_browser = browser_available()
    what = ("first page rendered in headless Chromium" if use_browser
            else "first page fetched over HTTP (no Chromium: the page is not rendered)")
    print_header(f"Cold start: `streamlit run` to {what}; app vs hello world")
    to_health = Comparison("to /_stcore/health", "app.py", "hello world")
    to_page = Comparison("to first page", "app.py (Start page)", "hello world")
    in_browser = Comparison("page opened to rendered", "app.py (Start page)", "hello world")
    with tempfile.TemporaryDirectory(prefix="bench-hello-") as hello_dir:
        hello = Path(hello_dir) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        playwright_manager = browser = None
        if use_browser:
            from playwright.sync_api import sync_playwright

            playwright_manager = sync_playwright().start()
            browser = launch_chromium(playwright_manager)
        try:
            _one_start("app.py", APP_DIR, "Start", browser)  # warm the OS file cache once
            for index in range(rounds):
                runs = [("app", "app.py", APP_DIR, "Start"),
                        ("hello", str(hello), Path(hello_dir), "Hello")]
                for kind, script, cwd, heading in runs if index % 2 == 0 else runs[::-1]:
                    healthy, rendered, shown = _one_start(script, cwd, heading, browser)
                    side = "a" if kind == "app" else "b"
                    getattr(to_health, f"times_{side}").append(healthy)
                    getattr(to_page, f"times_{side}").append(rendered)
                    getattr(in_browser, f"times_{side}").append(shown)
        finally:
            if browser is not None:
                browser.close()
                playwright_manager.stop()
    print_comparison(to_page)
    print_comparison(to_health)
    print_comparison(in_browser)
    return [to_page, to_health, in_browser]


FIRST_PAGE_PROBE = textwrap.dedent("""
    import json, os, sys, tempfile
    os.environ["KONSEPTIKONE_DATA_DIR"] = tempfile.mkdtemp()
    from streamlit.testing.v1 import AppTest
    before = set(sys.modules)
    at = AppTest.from_file(sys.argv[1], default_timeout=120)
    at.session_state["lang"] = "fi"
    at.run()
    names = sorted({name.split(".")[0] for name in sys.modules})
    print(json.dumps({"modules": names, "exception": bool(at.exception)}))
""")


def first_page_modules() -> dict[str, object]:
    """Top-level modules loaded after the start page's first run, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAGE_PROBE, str(APP_DIR / "app.py")],
        cwd=APP_DIR, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(APP_DIR)},
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr else "failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report_modules() -> list[str]:
    print_header("Modules imported by the first page (Start, AppTest run in a fresh process)")
    found = first_page_modules()
    loaded = set(found["modules"])
    heavy = [name for name in HEAVY if name in loaded]
    verdict = "ok" if not heavy else "NOT OK: " + ", ".join(heavy)
    print(f"  openai / docx (python-docx) / fpdf (fpdf2) imported: "
          f"{', '.join(heavy) or 'none'}  ({verdict})")
    also = [name for name in ALSO_WATCHED if name in loaded]
    print(f"  also loaded (for information): {', '.join(also) or 'none'}")
    if found["exception"]:
        print_note("the start page raised an exception in this run")
    return heavy


def run(rounds: int) -> list[Comparison]:
    results = measure_start(rounds)
    report_modules()
    return results
