"""Debian's Chromium for Playwright: where it is, how it is started, whether it is there.

Shared by the browser tests (tests/e2e) and the benchmarks' cold-start figure.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

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
