"""In a real browser: a live workshop with the facilitator and three participants (one on a
390 px phone that reaches the app from another address, one in Finnish): an empathy map, a
three-year-image round with reveal and grouping, a dot vote, and chosen notes taken into the
concept. Screenshots of the wall and the phone are kept in the test's temporary folder.

The phone's browser reaches the app through a relay that connects from 127.0.0.2, so the app
sees another machine: the room gate lets it reach the participant page and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from concept import workshop as ws
from concept.live import LiveStore, shown_code
from concept.model import Concept
from concept.recipes import find
from concept.store import TinyDBConceptStore
from tests.browser import wait_for_app_idle, wait_until
from tests.relay import Relay

# Five pages, four of them redrawing every second, on a shared 2-core machine: following the
# facilitator can take long there (each action still happens once; nothing is timed).
WAIT = 60_000


@pytest.fixture
def relay(app_server) -> Iterator[Relay]:
    port = int(app_server.url.rsplit(":", 1)[1])
    relay = Relay(port)
    yield relay
    relay.close()


def act(page, action) -> None:
    """Do one thing on a page, once, and wait until its app run is over."""
    action()
    wait_for_app_idle(page)


def join(page, url: str, code: str, nick: str, label_code: str, label_join: str) -> None:
    page.goto(url)
    wait_for_app_idle(page)
    page.get_by_label(label_code).fill(code)
    if nick:
        page.get_by_role("textbox").first.fill(nick)
    act(page, lambda: page.get_by_role("button", name=label_join).click())


def send(page, area: str, text: str, note_label: str = "Your note",
         button: str = "Add the note") -> None:
    form = page.get_by_test_id("stForm").last
    if area:
        act(page, lambda: form.get_by_text(area, exact=True).click())
    form.get_by_label(note_label).fill(text)
    act(page, lambda: form.get_by_role("button", name=button).click())


def test_a_live_workshop_with_three_participants(browser, app_server, relay, tmp_path):
    concept = Concept(name="Kahvila Kulma")
    ws.choose_recipe(concept, find("customers_and_paths"))
    store = TinyDBConceptStore(app_server.data_dir)
    store.create(concept)
    live = LiveStore(app_server.data_dir)

    def context(locale: str, width: int, height: int):
        made = browser.new_context(locale=locale, viewport={"width": width, "height": height})
        page = made.new_page()
        page.set_default_timeout(WAIT)
        return page

    wall = context("en-GB", 1400, 2400)
    wall.goto(f"{app_server.url}/run?c={concept.id}")
    wait_for_app_idle(wall)
    main = wall.get_by_test_id("stMainBlockContainer")
    act(wall, lambda: main.get_by_role("button", name="Open a live session").click())
    wait_until(wall, lambda: store.load(concept.id).workshop.live_session != "")
    token = store.load(concept.id).workshop.live_session
    code = live.session(token).code
    expect(main.get_by_text(shown_code(code))).to_be_visible(timeout=WAIT)
    expect(main.get_by_role("img").first).to_be_visible(timeout=WAIT)  # the QR code

    anna = context("en-GB", 1000, 800)
    ben = context("fi-FI", 1000, 800)
    phone = context("en-GB", 390, 844)
    # Through the relay the app's scripts come over one more hop: a busy machine needs longer.
    phone.set_default_navigation_timeout(90_000)
    join(anna, f"{app_server.url}/join?s={token}", code, "Anna", "Join code", "Join")
    join(ben, f"{app_server.url}/join?s={token}", shown_code(code).lower(), "Ben",
         "Liittymiskoodi", "Liity")
    remote = f"http://127.0.0.1:{relay.port}"
    # The phone is another machine: the concept's pages are closed to it ...
    phone.goto(f"{remote}/profiles?c={concept.id}")
    wait_for_app_idle(phone)
    gate = phone.get_by_text("This page opens only on the computer running")
    expect(gate).to_be_visible(timeout=WAIT)
    expect(phone.get_by_text("Kahvila Kulma")).to_have_count(0, timeout=WAIT)
    # ... and the participant page is open.
    join(phone, f"{remote}/join?s={token}", code, "", "Join code", "Join")
    for page, heading in ((anna, "Empathy map"), (ben, "Empatiakartta"),
                          (phone, "Empathy map")):
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=WAIT)
    phone.screenshot(path=str(tmp_path / "phone-empathy.png"))

    # The empathy map: notes by area fill the wall.
    send(anna, "Pain points", "Queues at the counter")
    send(ben, "Kipupisteet", "Melu aamulla", "Lappusi", "Lisää lappu")
    send(phone, "What the customer experiences", "Rushed mornings")
    send(phone, "", "Opening hours on Sundays?", button="Park this")
    for text in ("Queues at the counter", "Melu aamulla", "Rushed mornings",
                 "Opening hours on Sundays?"):
        expect(main.get_by_text(text)).to_be_visible(timeout=WAIT)
    wall.screenshot(path=str(tmp_path / "wall-empathy.png"), full_page=True)

    # On to the three-year image: the participants' pages follow.
    act(wall, lambda: main.get_by_role("button", name="Next").click())
    act(wall, lambda: main.get_by_role("button", name="Next").click())
    for page, heading in ((anna, "Three-year image"), (ben, "Mielikuva"),
                          (phone, "Three-year image")):
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=WAIT)
    send(anna, "Always", "Answers within a day")
    send(ben, "Aina", "Sama ihminen joka kerta", "Lappusi", "Lisää lappu")
    send(phone, "Never", "Hidden fees")
    # An individual round: hidden on the wall and on the phones until the reveal.
    expect(main.get_by_text("Notes hidden until you reveal them: 3")).to_be_visible(timeout=WAIT)
    expect(main.get_by_text("Answers within a day")).to_have_count(0, timeout=WAIT)
    expect(phone.get_by_text("Answers within a day")).to_have_count(0, timeout=WAIT)
    act(wall, lambda: main.get_by_role("button", name="Reveal the notes").click())
    expect(main.get_by_text("Answers within a day")).to_be_visible(timeout=WAIT)
    expect(phone.get_by_text("Answers within a day")).to_be_visible(timeout=WAIT)

    # Grouping: a named group, and two notes put in it.
    act(wall, lambda: main.get_by_text("Group and name").click())
    main.get_by_label("New group's name").fill("Reachable")
    main.get_by_label("New group's name").press("Tab")
    wait_for_app_idle(wall)
    act(wall, lambda: main.get_by_role("button", name="Add the group").click())
    sid = lambda: live.session(token)  # noqa: E731
    wait_until(wall, lambda: len(sid().clusters) == 1)
    cluster = next(iter(sid().clusters.values()))
    for note in ("Answers within a day", "Sama ihminen joka kerta"):
        box = main.get_by_label(f"Group of the note: {note}")
        box.scroll_into_view_if_needed()
        box.click()  # opens the list; typing picks the group, Enter chooses it
        wall.keyboard.type("Reachable")
        act(wall, lambda: wall.keyboard.press("Enter"))
    wait_until(wall, lambda: len(sid().cluster_notes(cluster.id)) == 2)
    expect(phone.get_by_text("Reachable")).to_be_visible(timeout=WAIT)

    # The dot vote: two dots each.
    dots = main.get_by_label("Dots each")
    dots.fill("2")
    dots.press("Enter")
    wait_for_app_idle(wall)
    act(wall, lambda: main.get_by_role("button", name="Start a dot vote").click())
    expect(phone.get_by_text("Dots left: 2 of 2")).to_be_visible(timeout=WAIT)
    expect(ben.get_by_text("Pisteitä jäljellä: 2/2")).to_be_visible(timeout=WAIT)
    for page, name in ((anna, "Dot"), (phone, "Dot"), (ben, "Piste")):
        act(page, lambda p=page, n=name: p.get_by_role("button", name=n).first.click())
    act(phone, lambda: phone.get_by_role("button", name="Dot").last.click())
    expect(phone.get_by_text("Dots left: 0 of 2")).to_be_visible(timeout=WAIT)
    wait_until(wall, lambda: sum(sid().open_vote().counts().values()) == 4)
    expect(main.get_by_text("●●● 3")).to_be_visible(timeout=WAIT)  # three dots on the group
    phone.screenshot(path=str(tmp_path / "phone-vote.png"), full_page=True)
    wall.screenshot(path=str(tmp_path / "wall-vote.png"), full_page=True)
    act(wall, lambda: main.get_by_role("button", name="Close the vote").click())
    expect(main.get_by_text("Dot vote closed, dots each: 2")).to_be_visible(timeout=WAIT)

    # Take the group and the parked question into the concept; nothing else enters.
    act(wall, lambda: main.get_by_text("Take into the concept", exact=True).click())
    for label, typed in (("Groups to take", "Reachable"),
                         ("Notes to take", "Opening hours on Sundays")):
        box = main.get_by_label(label)
        box.scroll_into_view_if_needed()
        box.click()  # opens the list; typing narrows it to the one, Enter chooses it
        wall.keyboard.type(typed)
        act(wall, lambda: wall.keyboard.press("Enter"))
        wall.keyboard.press("Escape")
    act(wall, lambda: main.get_by_role("button", name="Take the chosen into the concept")
        .click())
    wait_until(wall, lambda: len(store.load(concept.id).workshop.live_marks) == 3)
    saved = store.load(concept.id)
    assert {(r.text, r.group) for r in saved.toolbox.image_goal.responses} == {
        ("Answers within a day", "Reachable"), ("Sama ihminen joka kerta", "Reachable")}
    assert [p.text for p in saved.parking_lot] == ["Opening hours on Sundays?"]
    assert all(m.session == code for m in saved.workshop.live_marks)
    assert not saved.toolbox.empathy_maps  # the empathy notes were not chosen

    # Closing the session ends every participant's access at once.
    act(wall, lambda: main.get_by_role("button", name="Close the session").click())
    for page, closed in ((phone, "The facilitator has closed this session."),
                         (ben, "Fasilitaattori on sulkenut tämän istunnon.")):
        expect(page.get_by_text(closed)).to_be_visible(timeout=WAIT)
    for page in (wall, anna, ben, phone):
        page.context.close()
