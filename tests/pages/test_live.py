"""AppTest: the live workshop's pages. The facilitator opens a session on the run screen; a
participant joins on the participant page and adds notes; the room gate keeps every other page
(and every concept) from a browser on another machine; closed sessions and guessed codes are
refused; hostile note text stays inert on the wall."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from concept import live
from concept import workshop as ws
from concept.live import LiveStore
from concept.model import Concept
from concept.recipes import find
from concept.steps import STEPS
from concept.toolbox import ACTIONS, HEALTH, TOOLS, WORKSHOP_PAGES
from concept.ui import live as live_ui
from tests.conftest import APP_DIR
from tests.helpers import TIMEOUT, button, open_app_with, stored
from tests.pages.test_markdown_safety import RENDERER, tree_texts

RUN = "views/workshop/run.py"
JOIN = "views/join.py"
HOSTILE = ("<img src=x onerror=alert(1)> **bold** [link](http://host/a) ![i](http://host/i.png) "
           "<script>x</script> http://host/y")
SECRET = "Kulman salainen konsepti"
ALL_PAGES = [s.page for s in STEPS] + [t.page for t in (*TOOLS, *WORKSHOP_PAGES, HEALTH, ACTIONS)
                                       ] + ["views/settings.py", "views/about.py"]


@pytest.fixture(autouse=True)
def fresh_live_store():
    live_ui._store_for.clear()  # one store object per test's data folder
    yield
    live_ui._store_for.clear()


def planned() -> Concept:
    concept = Concept(name=SECRET)
    ws.choose_recipe(concept, find("customers_and_paths"))
    return concept


def running(data_dir) -> tuple[AppTest, Concept, live.Session]:
    """The run screen with a live session opened from it (the empathy map is current)."""
    concept = planned()
    at = open_app_with(concept, data_dir, RUN)
    button(at, "Open a live session").click().run()
    assert not at.exception
    token = stored(data_dir, concept.id).workshop.live_session
    session = LiveStore(data_dir).session(token)
    return at, concept, session


def participant(token: str | None, lang: str = "en", pid: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    if token is not None:
        at.query_params["s"] = token
    if pid is not None:
        at.query_params["p"] = pid
    at.switch_page(JOIN)
    return at.run()


def join(at: AppTest, code: str, nick: str = "") -> AppTest:
    at.text_input(key="live.nick").input(nick)
    at.text_input(key="live.code").input(code)
    return next(b for b in at.button if b.key == "FormSubmitter:live.join-"
                + b.label).click().run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.caption, *at.info, *at.warning, *at.error,
                               *at.header, *at.title, *at.subheader)]
    parts += [w.label for w in (*at.button, *at.text_input, *at.selectbox)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def remote(monkeypatch):
    """The browser is on another machine of the room's network."""
    monkeypatch.setattr(live_ui, "client_address", lambda: "192.168.1.50")


def test_the_run_screen_opens_a_session_with_code_qr_and_the_current_activity(data_dir):
    at, concept, session = running(data_dir)
    assert session.activity.tool == "empathy_map"
    assert session.activity.item_id == concept.workshop.items[0].id
    assert live.shown_code(session.code) in texts(at)
    assert at.get("image"), "the QR code is shown"
    assert any(f"/join?s={session.token}" in c.value for c in at.code)
    # Next activity: the session follows the run screen.
    button(at, "Next").click().run()
    assert LiveStore(data_dir).session(session.token).activity.tool == "everyday_life"


def test_a_participant_joins_sees_the_activity_and_adds_notes_by_area(data_dir):
    _, concept, session = running(data_dir)
    at = participant(session.token)
    at = join(at, live.shown_code(session.code).lower(), "Anna")
    assert not at.exception
    shown = texts(at)
    assert "Empathy map" in shown and "You are: Anna" in shown
    assert SECRET not in shown  # nothing of the concept
    at.radio(key="live.area").set_value("pain_points")
    at.text_area(key="live.text").input("Queues at the counter")
    button(at, "Add the note").click().run()
    notes = list(LiveStore(data_dir).session(session.token).notes.values())
    assert [(n.area, n.text) for n in notes] == [("pain_points", "Queues at the counter")]
    assert "Queues at the counter" in texts(at)
    at.text_area(key="live.text").input("Opening hours?")
    button(at, "Park this").click().run()
    areas = [n.area for n in LiveStore(data_dir).session(session.token).notes.values()]
    assert areas == ["pain_points", "park"]


def test_the_participant_page_is_finnish_for_a_finnish_phone(data_dir):
    _, _, session = running(data_dir)
    at = join(participant(session.token, "fi"), session.code)
    shown = texts(at)
    assert "Empatiakartta" in shown and "Lisää lappu" in shown


def test_notes_over_the_rate_limit_get_its_message_and_the_text_stays(data_dir):
    _, _, session = running(data_dir)
    at = join(participant(session.token), session.code)
    for number in range(live.NOTES_PER_MINUTE + 1):
        at.text_area(key="live.text").input(f"note {number}")
        button(at, "Add the note").click().run()
    assert f"at most {live.NOTES_PER_MINUTE} notes a minute" in texts(at)
    assert at.text_area(key="live.text").value == f"note {live.NOTES_PER_MINUTE}"
    assert len(LiveStore(data_dir).session(session.token).notes) == live.NOTES_PER_MINUTE


# --- security ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ALL_PAGES)
def test_another_machine_reaches_no_other_page_and_no_concept(data_dir, remote, page):
    """Every page's address, with the concept's id and a participant's token and id: the gate's
    message and nothing else."""
    concept = planned()
    from concept.store import TinyDBConceptStore

    TinyDBConceptStore(data_dir).create(concept)
    store = LiveStore(data_dir)
    session = store.open_session(concept.id)
    pid = store.join(session.token, session.code, "", "")
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params.update({"c": concept.id, "s": session.token, "p": pid})
    at.switch_page(page).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "This page opens only on the computer running Konseptikone. From another device you "
        "can join a live workshop: open the address the facilitator shows."]
    assert SECRET not in texts(at)
    assert not at.sidebar.children or not any(True for _ in at.sidebar.button)
    assert "concept" not in at.session_state  # the concept was never even opened


def test_another_machine_reaches_the_participant_page(data_dir, monkeypatch):
    _, _, session = running(data_dir)
    monkeypatch.setattr(live_ui, "client_address", lambda: "192.168.1.50")
    at = join(participant(session.token), session.code, "Ben")
    assert not at.exception
    assert "You are: Ben" in texts(at) and not at.warning


def test_a_closed_sessions_token_is_refused(data_dir):
    at, _, session = running(data_dir)
    joined = join(participant(session.token), session.code)
    pid = joined.query_params["p"]
    pid = pid[0] if isinstance(pid, list) else pid
    close(at)
    again = participant(session.token, pid=pid)
    assert "The facilitator has closed this session." in texts(again)
    assert not any(w.key == "live.text" for w in again.text_area)
    fresh = participant(session.token)
    assert "The facilitator has closed this session." in texts(fresh)
    assert not any(w.key == "live.code" for w in fresh.text_input)


def close(at: AppTest) -> AppTest:
    """Close the session: the button opens a popover that says what closing does; its yes
    closes it."""
    popover = next(p for p in at.get("popover") if p.proto.popover.label == "Close the session")
    assert "Everyone in the session loses access at once" in popover.children[0].value
    return button(at, "Yes, close it now").click().run()


def test_closing_asks_first_and_the_closed_sessions_notes_can_still_be_taken(data_dir):
    at, concept, session = running(data_dir)
    store = LiveStore(data_dir)
    pid = store.join(session.token, session.code, "", "")
    note = store.add_note(session.token, pid, "Rushed mornings", "experiences")
    store.add_note(session.token, pid, "Opening hours?", "park")
    at.run()
    assert not LiveStore(data_dir).session(session.token).closed  # the popover alone
    close(at)
    assert LiveStore(data_dir).session(session.token).closed
    assert "The session is closed" in texts(at) and "Notes not taken yet: 2" in texts(at)
    at.multiselect(key="live.take_notes").set_value([note.id]).run()
    button(at, "Take the chosen into the concept").click().run()
    saved = stored(data_dir, concept.id)
    assert [m.experiences for m in saved.toolbox.empathy_maps] == [["Rushed mornings"]]
    assert [m.text for m in saved.workshop.live_marks] == ["Rushed mornings"]
    assert "Notes not taken yet: 1" in texts(at)
    button(at, "Open a new live session").click().run()
    fresh = stored(data_dir, concept.id).workshop.live_session
    assert fresh != session.token and not LiveStore(data_dir).session(fresh).closed


def test_an_earlier_activitys_notes_can_be_taken_after_moving_on(data_dir):
    at, concept, session = running(data_dir)
    store = LiveStore(data_dir)
    pid = store.join(session.token, session.code, "", "")
    note = store.add_note(session.token, pid, "Queues at the counter", "pain_points")
    button(at, "Next").click().run()  # on to everyday life
    assert LiveStore(data_dir).session(session.token).activity.tool == "everyday_life"
    options = at.multiselect(key="live.take_notes").options
    assert options == ["Empathy map · Pain points: Queues at the counter"]
    at.multiselect(key="live.take_notes").set_value([note.id]).run()
    at.selectbox(key="live.into_map")  # the empathy map's target is offered for its note
    button(at, "Take the chosen into the concept").click().run()
    saved = stored(data_dir, concept.id)
    assert [m.pain_points for m in saved.toolbox.empathy_maps] == [["Queues at the counter"]]


def test_a_guessed_code_is_refused_and_guessing_is_rate_limited(data_dir):
    _, _, session = running(data_dir)
    at = participant(session.token)
    for _ in range(live.ATTEMPTS_PER_CLIENT):
        at = join(at, "AAAA-2222")
        assert "not right for this session" in texts(at)
    at = join(at, session.code)  # even the right code waits now
    assert "Too many wrong codes" in texts(at)
    assert not any(w.key == "live.text" for w in at.text_area)


def test_a_made_up_participant_id_or_token_opens_nothing(data_dir):
    _, _, session = running(data_dir)
    at = participant(session.token, pid="made-up-participant")
    assert "No such workshop session" in texts(at)
    assert not any(w.key == "live.text" for w in at.text_area)
    at = participant("x" * 32)
    assert not any(w.key == "live.text" for w in at.text_area)
    at = participant(None)
    assert "Open the address the facilitator shows" in texts(at)


def test_hostile_note_text_stays_inert_on_the_wall_and_the_participant_page(data_dir):
    at, _, session = running(data_dir)
    store = LiveStore(data_dir)
    pid = store.join(session.token, session.code, "<b>nick</b>", "")
    store.add_note(session.token, pid, HOSTILE, "experiences")
    store.reveal(session.token, session.activity.item_id)
    at.run()
    phone = participant(session.token, pid=pid)
    for page in (at, phone):
        shown = [text for _, text in tree_texts(page._tree) if "onerror" in text]
        assert shown, "the note is on the wall"
        for text in shown:
            html = RENDERER.render(text)
            for made in ("<img", "<script", "<a ", "<strong>bold"):
                assert made not in html, (made, text)


def test_a_participant_page_reconnects_after_a_server_restart(data_dir):
    """The join address keeps the participant's id: a new server process (a fresh store object
    reading the log) opens the same participant's page with their notes."""
    _, _, session = running(data_dir)
    at = join(participant(session.token), session.code, "Anna")
    at.radio(key="live.area").set_value("success_feelings")
    at.text_area(key="live.text").input("Got it done before nine")
    button(at, "Add the note").click().run()
    pid = at.query_params["p"]
    pid = pid[0] if isinstance(pid, list) else pid
    live_ui._store_for.clear()  # as after a restart: nothing of the session in memory
    again = participant(session.token, pid=pid)
    shown = texts(again)
    assert "You are: Anna" in shown and "Got it done before nine" in shown
    assert any(w.key == "live.text" for w in again.text_area)


def test_an_individual_rounds_notes_stay_off_the_facilitators_screen_until_the_reveal(data_dir):
    at, concept, session = running(data_dir)
    button(at, "Next").click().run()
    button(at, "Next").click().run()  # the three-year image: an individual round
    store = LiveStore(data_dir)
    assert store.session(session.token).activity.tool == "image_goal"
    pid = store.join(session.token, session.code, "", "")
    store.add_note(session.token, pid, "Answers within a day", "always")
    at.run()
    assert "Notes hidden until you reveal them: 1" in texts(at)
    everywhere = texts(at) + "".join(str(o) for m in at.multiselect for o in m.options)
    assert "Answers within a day" not in everywhere
    button(at, "Reveal the notes").click().run()
    assert "Answers within a day" in texts(at)


def test_the_facilitator_removes_a_note_from_the_wall_and_the_phones(data_dir):
    at, _, session = running(data_dir)
    store = LiveStore(data_dir)
    pid = store.join(session.token, session.code, "", "")
    store.add_note(session.token, pid, "Call Matti at 040 123 4567", "experiences")
    store.add_note(session.token, pid, "Queues", "pain_points")
    store.reveal(session.token, session.activity.item_id)
    at.run()
    assert "Call Matti at 040 123 4567" in texts(at)
    note = next(n for n in store.session(session.token).notes.values() if "Matti" in n.text)
    at.selectbox(key="live.remove_which").select(note.id).run()
    button(at, "Remove the note").click().run()
    assert note.id in LiveStore(data_dir).session(session.token).removed
    assert "Matti" not in texts(at) and "Queues" in texts(at)
    phone = participant(session.token, pid=pid)
    assert "Matti" not in texts(phone) and "Queues" in texts(phone)
