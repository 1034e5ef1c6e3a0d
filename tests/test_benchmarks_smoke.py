"""The benchmark command runs without crashing (no timing is asserted), and the first page
does not import the heavy libraries that only exports and AI need."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks.coldstart import HEAVY, first_page_modules
from tests.conftest import APP_DIR


def test_benchmark_command_quick_run_does_not_crash():
    # The browser cold start is left out here: it starts real servers (seconds each).
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--rounds", "1",
         "--only", "pages,store,list,exports,ai", "--pages", "start"],
        cwd=APP_DIR, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(APP_DIR)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for heading in ("Page rerun", "Saving one concept", "Start page (AppTest) with many",
                    "Export", "AI against"):
        assert heading in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_benchmark_command_refuses_an_unknown_group():
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--only", "nonsense"],
                            cwd=APP_DIR, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "unknown group" in result.stderr


def test_first_page_does_not_import_openai_docx_or_fpdf():
    found = first_page_modules()
    assert not found["exception"]
    assert [name for name in HEAVY if name in found["modules"]] == []
    assert "streamlit" in found["modules"]  # the probe did run the app


def test_server_benchmark_quick_run_checks_the_writers():
    # The `server` group on a throwaway PostgreSQL server: fills, lists, saves, and runs the
    # concurrent writers briefly; it fails when a writer's acknowledged save is not stored.
    from tests.pgserver import missing

    reason = missing()
    if reason:
        pytest.skip(f"PostgreSQL benchmark skipped: {reason}")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--rounds", "1", "--only", "server",
         "--server-seconds", "1"],
        cwd=APP_DIR, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(APP_DIR)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Team server on PostgreSQL" in result.stdout
    assert "nothing lost" in result.stdout and "p95" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
