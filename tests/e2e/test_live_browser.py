"""In a real browser: a live workshop with the facilitator and three participants (one on a
390 px phone that reaches the app from another address, one in the other language): an empathy
map, a three-year-image round with reveal and grouping, a dot vote, and chosen notes taken into
the concept. It runs twice: with the facilitator in English and in Finnish. Every label is read
from the catalogs: rewording a text does not break the test, losing a button does. Screenshots of
the wall and the phone are kept in the test's temporary folder.

The phone's browser reaches the app through a relay that connects from 127.0.0.2, so the app
sees another machine: the room gate lets it reach the participant page and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from concept import i18n
from concept import workshop as ws
from concept.live import Activity, LiveStore, shown_code
from concept.model import Concept
from concept.recipes import find
from concept.store import TinyDBConceptStore
from tests.browser import start_streamlit, stop_streamlit, wait_for_app_idle, wait_until
from tests.relay import Relay

# Five pages, four of them redrawing every second, on a shared 2-core machine: following the
# facilitator can take long there (each action still happens once; nothing is timed).
WAIT = 60_000
LOCALES = {"en": "en-GB", "fi": "fi-FI"}


@pytest.fixture
def relay(app_server) -> Iterator[Relay]:
    port = int(app_server.url.rsplit(":", 1)[1])
    relay = Relay(port)
    yield relay
    relay.close()


@pytest.fixture
def new_page(browser, request, tmp_path) -> Iterator[Callable[..., object]]:
    """Pages in contexts of their own (a language, a screen size); closed after the test. When
    the test fails, each page's screenshot is kept in its temporary folder."""
    pages = []

    def make(lang: str, width: int, height: int):
        context = browser.new_context(locale=LOCALES[lang],
                                      viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(WAIT)
        pages.append(page)
        return page

    yield make
    report = getattr(request.node, "rep_call", None)
    for number, page in enumerate(pages):
        if report is not None and report.failed:
            try:
                page.screenshot(path=str(tmp_path / f"failed-page-{number}.png"), full_page=True)
            except Exception:  # noqa: BLE001 - a screenshot is a help, not the test
                pass
        page.context.close()
    if report is not None and report.failed:
        print(f"screenshots of the pages at the failure: {tmp_path}")


def texts(lang: str) -> Callable[..., str]:
    return lambda key, **values: i18n.t(key, lang, **values)


def act(page, action) -> None:
    """Do one thing on a page, once, and wait until its app run is over."""
    action()
    wait_for_app_idle(page)


def join(page, url: str, code: str, nick: str, tr: Callable[..., str]) -> None:
    page.goto(url)
    wait_for_app_idle(page)
    page.get_by_label(tr("live.code")).fill(code)
    if nick:
        page.get_by_role("textbox", name=tr("live.nick")).fill(nick)
    act(page, lambda: page.get_by_role("button", name=tr("live.join")).click())


def send(page, tr: Callable[..., str], area_key: str, text: str, button: str = "live.send") -> None:
    form = page.get_by_test_id("stForm").last
    if area_key:
        act(page, lambda: form.get_by_text(tr(area_key), exact=True).click())
    form.get_by_label(tr("live.note")).fill(text)
    act(page, lambda: form.get_by_role("button", name=tr(button)).click())


def choose(page, box, typed: str) -> None:
    """Open a select box, type to narrow it to one option, and choose it with Enter."""
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(typed)
    act(page, lambda: page.keyboard.press("Enter"))


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_live_workshop_with_three_participants(new_page, app_server, relay, tmp_path, lang):
    other = "fi" if lang == "en" else "en"
    tr, tr_other = texts(lang), texts(other)
    concept = Concept(name="Kahvila Kulma")
    ws.choose_recipe(concept, find("customers_and_paths"))
    store = TinyDBConceptStore(app_server.data_dir)
    store.create(concept)
    live = LiveStore(app_server.data_dir)

    wall = new_page(lang, 1400, 2400)
    wall.goto(f"{app_server.url}/run?c={concept.id}")
    wait_for_app_idle(wall)
    main = wall.get_by_test_id("stMainBlockContainer")
    act(wall, lambda: main.get_by_role("button", name=tr("live.open")).click())
    wait_until(wall, lambda: store.load(concept.id).workshop.live_session != "")
    token = store.load(concept.id).workshop.live_session
    code = live.session(token).code
    expect(main.get_by_text(shown_code(code))).to_be_visible(timeout=WAIT)
    expect(main.get_by_role("img").first).to_be_visible(timeout=WAIT)  # the QR code

    anna = new_page(lang, 1000, 800)
    ben = new_page(other, 1000, 800)
    phone = new_page(lang, 390, 844)
    # Through the relay the app's scripts come over one more hop: a busy machine needs longer.
    phone.set_default_navigation_timeout(90_000)
    join(anna, f"{app_server.url}/join?s={token}", code, "Anna", tr)
    join(ben, f"{app_server.url}/join?s={token}", shown_code(code).lower(), "Ben", tr_other)
    remote = f"http://127.0.0.1:{relay.port}"
    # The phone is another machine: the concept's pages are closed to it ...
    phone.goto(f"{remote}/profiles?c={concept.id}")
    wait_for_app_idle(phone)
    expect(phone.get_by_text(tr("live.gate.local_only"))).to_be_visible(timeout=WAIT)
    expect(phone).to_have_title("Konseptikone")  # not even the refused page's name
    expect(phone.get_by_text("Kahvila Kulma")).to_have_count(0, timeout=WAIT)
    # ... and the participant page is open.
    join(phone, f"{remote}/join?s={token}", code, "", tr)

    def follow_the_activity() -> None:
        activity = live.session(token).activity
        for page, code_ in ((anna, lang), (ben, other), (phone, lang)):
            name = ws.title(activity.tool, code_, activity.part)
            expect(page.get_by_role("heading", name=name)).to_be_visible(timeout=WAIT)

    follow_the_activity()
    # Pages without the sidebar still tell the browser their language and name their tab.
    for page, code_ in ((phone, lang), (ben, other)):
        expect(page.locator("html")).to_have_attribute("lang", code_)
    expect(phone).to_have_title(f"{tr('live.participant_title')} · Konseptikone")
    phone.screenshot(path=str(tmp_path / "phone-empathy.png"))

    # The empathy map: notes by area fill the wall.
    send(anna, tr, "field.pain_points", "Queues at the counter")
    send(ben, tr_other, "field.pain_points", "Melu aamulla")
    send(phone, tr, "field.experiences", "Rushed mornings")
    send(phone, tr, "", "Opening hours on Sundays?", button="live.park")
    for text in ("Queues at the counter", "Melu aamulla", "Rushed mornings",
                 "Opening hours on Sundays?"):
        expect(main.get_by_text(text)).to_be_visible(timeout=WAIT)
    wall.screenshot(path=str(tmp_path / "wall-empathy.png"), full_page=True)

    # On to the three-year image: the participants' pages follow.
    act(wall, lambda: main.get_by_role("button", name=tr("workshop.next")).click())
    act(wall, lambda: main.get_by_role("button", name=tr("workshop.next")).click())
    wait_until(wall, lambda: live.session(token).activity.tool == "image_goal")
    follow_the_activity()
    send(anna, tr, "workshop.image_always", "Answers within a day")
    send(ben, tr_other, "workshop.image_always", "Sama ihminen joka kerta")
    send(phone, tr, "workshop.image_never", "Hidden fees")
    # An individual round: hidden on the wall and on the phones until the reveal.
    expect(main.get_by_text(tr("live.hidden", count=3))).to_be_visible(timeout=WAIT)
    expect(main.get_by_text("Answers within a day")).to_have_count(0, timeout=WAIT)
    expect(phone.get_by_text("Answers within a day")).to_have_count(0, timeout=WAIT)
    act(wall, lambda: main.get_by_role("button", name=tr("live.reveal")).click())
    expect(main.get_by_text("Answers within a day")).to_be_visible(timeout=WAIT)
    expect(phone.get_by_text("Answers within a day")).to_be_visible(timeout=WAIT)

    # Grouping: a named group, and two notes put in it.
    act(wall, lambda: main.get_by_text(tr("live.arrange")).click())
    name_box = main.get_by_label(tr("live.cluster_name"))
    name_box.fill("Reachable")
    act(wall, lambda: name_box.press("Tab"))
    act(wall, lambda: main.get_by_role("button", name=tr("live.cluster_add")).click())
    sid = lambda: live.session(token)  # noqa: E731
    wait_until(wall, lambda: len(sid().clusters) == 1)
    cluster = next(iter(sid().clusters.values()))
    for note in ("Answers within a day", "Sama ihminen joka kerta"):
        choose(wall, main.get_by_label(tr("live.note_in", note=note)), "Reachable")
    wait_until(wall, lambda: len(sid().cluster_notes(cluster.id)) == 2)
    expect(phone.get_by_text("Reachable")).to_be_visible(timeout=WAIT)

    # The dot vote: two dots each.
    dots = main.get_by_label(tr("live.dots"))
    dots.fill("2")
    act(wall, lambda: dots.press("Enter"))
    act(wall, lambda: main.get_by_role("button", name=tr("live.vote_start")).click())
    expect(phone.get_by_text(tr("live.dots_left", left=2, dots=2))).to_be_visible(timeout=WAIT)
    expect(ben.get_by_text(tr_other("live.dots_left", left=2, dots=2))).to_be_visible(
        timeout=WAIT)
    for page, words in ((anna, tr), (phone, tr), (ben, tr_other)):
        act(page, lambda p=page, w=words: p.get_by_role("button", name=w("live.dot"))
            .first.click())
    act(phone, lambda: phone.get_by_role("button", name=tr("live.dot")).last.click())
    expect(phone.get_by_text(tr("live.dots_left", left=0, dots=2))).to_be_visible(timeout=WAIT)
    wait_until(wall, lambda: sum(sid().open_vote().counts().values()) == 4)
    expect(main.get_by_text("●●● 3")).to_be_visible(timeout=WAIT)  # three dots on the group
    phone.screenshot(path=str(tmp_path / "phone-vote.png"), full_page=True)
    wall.screenshot(path=str(tmp_path / "wall-vote.png"), full_page=True)
    act(wall, lambda: main.get_by_role("button", name=tr("live.vote_close")).click())
    expect(main.get_by_text(tr("live.vote_closed", dots=2))).to_be_visible(timeout=WAIT)

    # Take the group and the parked question into the concept; nothing else enters.
    act(wall, lambda: main.get_by_text(tr("live.take"), exact=True).click())
    for label, typed in (("live.take_clusters", "Reachable"),
                         ("live.take_notes", "Opening hours on Sundays")):
        choose(wall, main.get_by_label(tr(label)), typed)
        wall.keyboard.press("Escape")
    act(wall, lambda: main.get_by_role("button", name=tr("live.take_button")).click())
    wait_until(wall, lambda: len(store.load(concept.id).workshop.live_marks) == 3)
    saved = store.load(concept.id)
    assert {(r.text, r.group) for r in saved.toolbox.image_goal.responses} == {
        ("Answers within a day", "Reachable"), ("Sama ihminen joka kerta", "Reachable")}
    assert [p.text for p in saved.parking_lot] == ["Opening hours on Sundays?"]
    assert all(m.session == code for m in saved.workshop.live_marks)
    assert not saved.toolbox.empathy_maps  # the empathy notes were not chosen

    # Closing the session ends every participant's access at once.
    # It asks first (a popover saying what closing does), then closes on the yes.
    main.get_by_role("button", name=tr("live.close")).click()
    act(wall, lambda: wall.get_by_role("button", name=tr("live.close_yes")).click())
    for page, words in ((phone, tr), (ben, tr_other)):
        expect(page.get_by_text(words("live.error.closed"))).to_be_visible(timeout=WAIT)
    # The notes not taken stay with the facilitator, still to be taken.
    expect(main.get_by_text(tr("live.closed_here", count=4))).to_be_visible(timeout=WAIT)


def test_a_server_restart_loses_no_note_and_the_phone_carries_on(new_page, tmp_path):
    """The server is killed mid-session and started again on the same port: the phone's page
    reconnects by itself, as the same participant, with every note kept."""
    tr = texts("fi")
    data_dir = tmp_path / "data"
    concept = Concept(name="Kahvila Kulma")
    ws.choose_recipe(concept, find("customers_and_paths"))
    TinyDBConceptStore(data_dir).create(concept)
    live = LiveStore(data_dir)
    session = live.open_session(concept.id)
    item = concept.workshop.items[0]
    live.set_activity(session.token, Activity(item_id=item.id, tool=item.tool, mode=item.mode))
    app = start_streamlit(data_dir)
    port = int(app.url.rsplit(":", 1)[1])
    phone = new_page("fi", 390, 844)
    try:
        join(phone, f"{app.url}/join?s={session.token}", session.code, "Anna", tr)
        send(phone, tr, "field.pain_points", "Jonot tiskillä")
        wait_until(phone, lambda: len(LiveStore(data_dir).session(session.token).notes) == 1)
    finally:
        app.process.kill()  # as a crash: no clean shutdown
        app.process.wait()
        app.output.close()
    connected = phone.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
    expect(connected).to_have_count(0, timeout=WAIT)  # the page has noticed
    again = start_streamlit(data_dir, port=port)
    try:
        wait_for_app_idle(phone, timeout=WAIT)  # reconnected by itself, nothing reloaded
        expect(phone.get_by_text(tr("live.you_are", nick="Anna"))).to_be_visible(timeout=WAIT)
        send(phone, tr, "field.experiences", "Kiireiset aamut")
        wait_until(phone, lambda: len(LiveStore(data_dir).session(session.token).notes) == 2)
        notes = LiveStore(data_dir).session(session.token).notes.values()
        assert [(n.text, n.area) for n in notes] == [("Jonot tiskillä", "pain_points"),
                                                   ("Kiireiset aamut", "experiences")]
        assert len({n.pid for n in notes}) == 1  # the same participant, not a new one
        expect(phone.get_by_text(tr("live.own_notes", count=2))).to_be_visible(timeout=WAIT)
    finally:
        stop_streamlit(again)
