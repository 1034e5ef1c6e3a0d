"""Sign-in end to end in Chromium: st.login against a real OIDC provider on 127.0.0.1
(oidc-provider-mock, started here), a team server with an `[auth]` section, two users.

Alice signs in and sees only her concepts, shares one with Bob as a viewer and makes a client
link; Bob sees it under "shared with me" and cannot change it; the client link opens the preview
and downloads without an account and reaches no other page; signing out ends access. The key
screens again in Finnish.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator

import pytest

from concept.access import User, take_ownership
from concept.model import Concept
from concept.store import TinyDBConceptStore
from tests.browser import RunningApp, free_port, stop_streamlit, wait_for_app_idle
from tests.conftest import APP_DIR

try:
    from playwright.sync_api import expect
except ImportError:  # skipped then (tests/e2e/conftest.py)
    pass

USERS = {"alice": "alice@example.com", "bob": "bob@example.com"}


def _wait_for(url: str, process: subprocess.Popen, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}) before it answered")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not answer at {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1 with Alice and Bob; its issuer URL."""
    port = free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1",
               "--port", str(port)]
    for sub, email in USERS.items():
        command += ["--user-claims", json.dumps({"sub": sub, "email": email,
                                                 "name": sub.capitalize()})]
    output = tempfile.TemporaryFile(prefix="oidc-")
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/.well-known/openid-configuration", process, "oidc-provider-mock")
        with urllib.request.urlopen(f"{url}/.well-known/openid-configuration") as response:
            yield json.loads(response.read())["issuer"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output.close()


@pytest.fixture(scope="module")
def team_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The app with an `[auth]` section, run from a folder whose .streamlit/secrets.toml holds
    it (the repository's own folder never gets a secrets file)."""
    port = free_port()
    here = tmp_path_factory.mktemp("team")
    (here / ".streamlit").mkdir()
    (here / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "konseptikone"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    data_dir = here / "data"
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env["KONSEPTIKONE_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(APP_DIR), env.get("PYTHONPATH")]))
    output = tempfile.TemporaryFile(prefix="streamlit-")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP_DIR / "app.py"),
         "--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=here, env=env, stdout=output, stderr=subprocess.STDOUT)
    app = RunningApp(f"http://127.0.0.1:{port}", data_dir, process, output)
    try:
        _wait_for(f"{app.url}/_stcore/health", process, "streamlit")
    except RuntimeError as problem:
        raise RuntimeError(f"{problem}\n{stop_streamlit(app)[-4000:]}") from None
    yield app
    stop_streamlit(app)


@pytest.fixture
def concepts(team_app: RunningApp, provider: str) -> dict[str, Concept]:
    """Alice's café and Bob's bakery, and nothing else."""
    store = TinyDBConceptStore(team_app.data_dir)
    for summary in store.list():
        store.delete(summary.id)
    (team_app.data_dir / "access.json").unlink(missing_ok=True)
    made = {}
    for sub, name in (("alice", "Alice café"), ("bob", "Bob bakery")):
        owner = User(provider, sub, USERS[sub], sub.capitalize())
        made[sub] = store.create(take_ownership(Concept(name=name, industry="x"), owner))
    return made


@pytest.fixture
def new_context(browser):
    contexts = []

    def make(locale: str = "en-GB"):
        context = browser.new_context(locale=locale, accept_downloads=True,
                                      viewport={"width": 1400, "height": 1000})
        # The provider's pages load a stylesheet from a CDN; there is no internet here.
        context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in(page, app: RunningApp, sub: str, button: str = "Sign in",
            heading: str = "Start") -> None:
    page.goto(app.url)
    wait_for_app_idle(page)
    page.get_by_role("button", name=button).click()
    # The provider's login page: one button per predefined user.
    page.get_by_role("button", name=sub, exact=True).click()
    page.get_by_role("heading", name=heading).first.wait_for()
    wait_for_app_idle(page)


def sign_out(page, button: str = "Sign out", sign_in_button: str = "Sign in") -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name=button).click()
    page.get_by_role("button", name="End session").click()  # the provider's end-session page
    page.get_by_role("button", name=sign_in_button).wait_for()
    wait_for_app_idle(page)


def test_sign_in_share_client_link_and_sign_out(team_app, concepts, new_context):
    alice_cafe = concepts["alice"]
    alice = new_context()
    sign_in(alice, team_app, "alice")
    expect(alice.get_by_text("Signed in as alice@example.com")).to_be_visible()
    expect(alice.get_by_text("Mine (1)")).to_be_visible()
    expect(alice.get_by_text("Shared with me (0)")).to_be_visible()
    expect(alice.get_by_text("Alice café").first).to_be_visible()
    expect(alice.get_by_text("Bob bakery")).to_have_count(0)
    # Bob's concept by its address: not opened, nothing of it shown.
    alice.goto(f"{team_app.url}/?c={concepts['bob'].id}")
    wait_for_app_idle(alice)
    expect(alice.get_by_text("Bob bakery")).to_have_count(0)

    # Share with Bob as a viewer, and make a client link.
    alice.goto(f"{team_app.url}/sharing?c={alice_cafe.id}")
    alice.get_by_role("heading", name="Sharing").first.wait_for()
    wait_for_app_idle(alice)
    alice.get_by_label("Colleague's e-mail address").fill("bob@example.com")
    alice.get_by_text("viewer", exact=True).click()
    alice.get_by_role("button", name="Share", exact=True).click()
    expect(alice.get_by_text("Shared with bob@example.com as viewer.")).to_be_visible()
    wait_for_app_idle(alice)
    alice.get_by_role("button", name="Make a client link").click()
    expect(alice.get_by_text("Client link made.")).to_be_visible()
    wait_for_app_idle(alice)
    link = alice.get_by_test_id("stCode").first.inner_text().strip()
    assert link.startswith(f"{team_app.url}/?link=")

    # Signing out ends access: the address of her concept shows the sign-in page only.
    sign_out(alice)
    alice.goto(f"{team_app.url}/?c={alice_cafe.id}")
    wait_for_app_idle(alice)
    expect(alice.get_by_role("button", name="Sign in")).to_be_visible()
    expect(alice.get_by_text("Alice café")).to_have_count(0)

    # Bob sees it under "shared with me", read-only.
    bob = new_context()
    sign_in(bob, team_app, "bob")
    expect(bob.get_by_text("Mine (1)")).to_be_visible()
    expect(bob.get_by_text("Shared with me (1)")).to_be_visible()
    bob.goto(f"{team_app.url}/?c={alice_cafe.id}")
    wait_for_app_idle(bob)
    expect(bob.get_by_text("shared it with you as a viewer")).to_be_visible()
    expect(bob.get_by_label("Name", exact=True)).to_be_disabled()

    # The client: no account, the preview and the downloads, nothing else.
    client = new_context()
    client.goto(link)
    client.get_by_role("heading", name="Concept description: “Alice café”").wait_for()
    wait_for_app_idle(client)
    expect(client.get_by_role("button", name="PDF").first).to_be_visible()
    expect(client.get_by_role("button", name="JSON")).to_have_count(0)
    expect(client.get_by_test_id("stSidebarNav")).to_have_count(0)
    client.goto(link.replace("/?link=", "/profiles?link="))
    client.get_by_role("heading", name="Concept description: “Alice café”").wait_for()
    expect(client.get_by_text("Customer profiles")).to_have_count(0)


def test_key_screens_in_finnish(team_app, concepts, new_context):
    bob = new_context("fi-FI")
    bob.goto(team_app.url)
    wait_for_app_idle(bob)
    expect(bob.get_by_text("Kirjaudu työtunnuksellasi")).to_be_visible()
    # The sign-in page has no sidebar, and still says its language and names its tab.
    expect(bob.locator("html")).to_have_attribute("lang", "fi")
    expect(bob).to_have_title("Kirjaudu · Konseptikone")
    sign_in(bob, team_app, "bob", button="Kirjaudu sisään", heading="Aloitus")
    expect(bob.get_by_text("Omat (1)")).to_be_visible()
    expect(bob.get_by_text("Minulle jaetut (0)")).to_be_visible()
    bob.goto(f"{team_app.url}/sharing?c={concepts['bob'].id}")
    bob.get_by_role("heading", name="Jakaminen").first.wait_for()
    wait_for_app_idle(bob)
    bob.get_by_role("button", name="Tee asiakaslinkki").click()
    expect(bob.get_by_text("Asiakaslinkki tehty.")).to_be_visible()
    wait_for_app_idle(bob)
    link = bob.get_by_test_id("stCode").first.inner_text().strip()
    sign_out(bob, button="Kirjaudu ulos", sign_in_button="Kirjaudu sisään")
    client = new_context("fi-FI")
    client.goto(link)
    client.get_by_role("heading", name="Konseptikuvaus: ”Bob bakery”").wait_for()
    expect(client.locator("html")).to_have_attribute("lang", "fi")
    client.goto(f"{team_app.url}/?link={'x' * 43}")
    expect(client.get_by_text("Linkki on vanhentunut, peruttu tai vajaa.")).to_be_visible()
