"""The live workshop's note store (concept/live.py): joining, limits, concurrent writers,
reveal, clusters and dot votes."""

from __future__ import annotations

import threading

import pytest

from concept import live
from concept.live import Activity, LiveError, LiveStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> LiveStore:
    return LiveStore(tmp_path, clock=clock)


EMPATHY = Activity(item_id="a1", tool="empathy_map", mode="pairs_or_groups")
IMAGE = Activity(item_id="a2", tool="image_goal", mode="individual")


def opened(store: LiveStore, activity: Activity = EMPATHY) -> live.Session:
    session = store.open_session("c1")
    store.set_activity(session.token, activity)
    return session


def test_join_needs_the_token_and_its_code(store):
    session = opened(store)
    pid = store.join(session.token, live.shown_code(session.code).lower(), "Anna", "10.0.0.5")
    assert store.participant(session.token, pid).participants[pid] == "Anna"
    other = opened(store)
    with pytest.raises(LiveError) as refused:
        store.join(other.token, session.code, "", "10.0.0.6")  # the code of another session
    assert refused.value.kind == "bad_code"


def test_codes_are_long_and_tokens_random(store):
    session = opened(store)
    assert len(session.code) == live.CODE_LENGTH
    assert len(live.CODE_ALPHABET) ** live.CODE_LENGTH > 10**11
    assert len(session.token) >= 32 and live.is_token(session.token)
    assert not live.is_token("../../etc/passwd")


def test_guessed_codes_are_rate_limited_even_the_right_one_after(store, clock):
    session = opened(store)
    for guess in range(live.ATTEMPTS_PER_CLIENT):
        with pytest.raises(LiveError):
            store.join(session.token, f"AAAA{guess:04d}", "", "10.0.0.9")
    with pytest.raises(LiveError) as refused:
        store.join(session.token, session.code, "", "10.0.0.9")
    assert refused.value.kind == "too_many_attempts"
    clock.now += 61
    assert store.join(session.token, session.code, "", "10.0.0.9")


def test_guesses_from_many_addresses_lock_the_session_for_a_minute(store):
    session = opened(store)
    for guess in range(live.ATTEMPTS_PER_SESSION):
        with pytest.raises(LiveError):
            store.join(session.token, "WRONGCOD", "", f"10.0.1.{guess}")
    with pytest.raises(LiveError) as refused:
        store.join(session.token, session.code, "", "10.0.2.1")
    assert refused.value.kind == "too_many_attempts"


def test_unknown_or_malformed_token_is_refused(store):
    for token in ("x" * 40, "../live/whatever-token-here", ""):
        with pytest.raises(LiveError) as refused:
            store.join(token, "ABCDEFGH", "", "10.0.0.1")
        assert refused.value.kind == "unknown"


def test_closing_ends_every_participants_access(store):
    session = opened(store)
    pid = store.join(session.token, session.code, "", "")
    store.close(session.token)
    for action in (lambda: store.participant(session.token, pid),
                   lambda: store.add_note(session.token, pid, "late"),
                   lambda: store.join(session.token, session.code, "", "")):
        with pytest.raises(LiveError) as refused:
            action()
        assert refused.value.kind == "closed"


def test_note_limits_have_their_own_messages(store, clock):
    session = opened(store)
    pid = store.join(session.token, session.code, "", "")
    with pytest.raises(LiveError) as refused:
        store.add_note(session.token, pid, "x" * (live.MAX_NOTE + 1))
    assert refused.value.kind == "too_long"
    with pytest.raises(LiveError) as refused:
        store.add_note(session.token, pid, " \n\t ")
    assert refused.value.kind == "empty"
    for number in range(live.NOTES_PER_MINUTE):
        store.add_note(session.token, pid, f"note {number}", "experiences")
    with pytest.raises(LiveError) as refused:
        store.add_note(session.token, pid, "one more")
    assert refused.value.kind == "too_fast"
    clock.now += 61
    store.add_note(session.token, pid, "one more")
    with pytest.raises(LiveError) as refused:
        store.add_note(session.token, pid, "somewhere", "no_such_area")
    assert refused.value.kind == "bad_area"


def test_participants_per_session_are_limited(store, monkeypatch):
    monkeypatch.setattr(live, "MAX_PARTICIPANTS", 3)
    session = opened(store)
    for _ in range(3):
        store.join(session.token, session.code, "", "")
    with pytest.raises(LiveError) as refused:
        store.join(session.token, session.code, "", "")
    assert refused.value.kind == "full"


def test_a_locked_board_takes_no_notes(store):
    session = opened(store)
    pid = store.join(session.token, session.code, "", "")
    store.lock(session.token, True)
    with pytest.raises(LiveError) as refused:
        store.add_note(session.token, pid, "x")
    assert refused.value.kind == "locked"
    store.lock(session.token, False)
    assert store.add_note(session.token, pid, "x").text == "x"


def test_concurrent_writers_lose_nothing(tmp_path, monkeypatch):
    """Thirty participants in threads, through two store objects (as two server processes
    would be), each adding notes at once: every note is in the log, once."""
    monkeypatch.setattr(live, "NOTES_PER_MINUTE", 100)
    first, second = LiveStore(tmp_path), LiveStore(tmp_path)
    session = opened(first)
    pids = [first.join(session.token, session.code, f"p{n}", "") for n in range(30)]
    start = threading.Barrier(len(pids))
    errors: list[BaseException] = []

    def write(number: int, pid: str) -> None:
        store = first if number % 2 else second
        start.wait()
        try:
            for index in range(10):
                store.add_note(session.token, pid, f"{number}-{index}", "pain_points")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n, pid)) for n, pid in enumerate(pids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    again = LiveStore(tmp_path).session(session.token)  # as after a server restart
    texts = sorted(n.text for n in again.notes.values())
    assert texts == sorted(f"{n}-{i}" for n in range(30) for i in range(10))
    assert len(first.session(session.token).notes) == 300


def test_a_torn_last_line_is_skipped_and_cut_off(store, tmp_path):
    session = opened(store)
    pid = store.join(session.token, session.code, "", "")
    store.add_note(session.token, pid, "kept")
    path = tmp_path / live.LIVE_DIR / f"{session.token}.log"
    with open(path, "ab") as handle:
        handle.write(b'{"e": "note", "id": "torn", "te')  # a crash mid-write
    fresh = LiveStore(tmp_path)
    assert [n.text for n in fresh.session(session.token).notes.values()] == ["kept"]
    fresh.add_note(session.token, pid, "after")
    assert [n.text for n in LiveStore(tmp_path).session(session.token).notes.values()] == [
        "kept", "after"]


def test_individual_round_stays_hidden_until_revealed(store):
    session = opened(store, IMAGE)
    anna = store.join(session.token, session.code, "Anna", "")
    ben = store.join(session.token, session.code, "Ben", "")
    store.add_note(session.token, anna, "fast answers", "always")
    store.add_note(session.token, ben, "queues", "never")
    state = store.participant(session.token, ben)
    assert state.hidden("a2")
    assert [n.text for n in state.own_notes(ben)] == ["queues"]
    assert state.wall_for_participant() == []
    state = store.reveal(session.token, "a2")
    assert not state.hidden("a2")
    assert {n.text for n in state.wall_for_participant()} == {"fast answers", "queues"}


def test_closing_an_unrevealed_round_leaves_its_notes_reachable_to_the_facilitator(store):
    session = opened(store, IMAGE)
    pid = store.join(session.token, session.code, "", "")
    store.add_note(session.token, pid, "fast answers", "always")
    assert store.session(session.token).hidden("a2")
    closed = store.close(session.token)
    assert not closed.hidden("a2")  # to be taken into the concept, not lost behind the reveal
    assert closed.wall_for_participant() == []  # still nothing for the participants


def test_clusters_votes_and_removal(store):
    session = opened(store, IMAGE)
    pid = store.join(session.token, session.code, "", "")
    note = store.add_note(session.token, pid, "personal data here", "always")
    kept = store.add_note(session.token, pid, "fast", "always")
    store.remove_note(session.token, note.id)
    cluster = store.add_cluster(session.token, "a2", "always", "  Speed \n ")
    assert cluster.name == "Speed"
    state = store.assign(session.token, kept.id, cluster.id)
    assert [n.text for n in state.cluster_notes(cluster.id)] == ["fast"]
    assert [n.text for n in state.live_notes("a2")] == ["fast"]
    vote = store.start_vote(session.token, 2)
    store.place_dot(session.token, pid, cluster.id)
    store.place_dot(session.token, pid, kept.id)
    with pytest.raises(LiveError) as refused:
        store.place_dot(session.token, pid, kept.id)
    assert refused.value.kind == "no_dots"
    other = store.join(session.token, session.code, "", "")
    with pytest.raises(LiveError) as refused:
        store.place_dot(session.token, other, note.id)  # a removed note takes no dots
    assert refused.value.kind == "unknown_note"
    state = store.close_vote(session.token, vote.id)
    assert state.open_vote() is None
    assert state.last_vote("a2").counts() == {cluster.id: 1, kept.id: 1}


def test_notes_belong_to_the_activity_current_when_written(store):
    session = opened(store)
    pid = store.join(session.token, session.code, "", "")
    store.add_note(session.token, pid, "in the map", "experiences")
    store.set_activity(session.token, IMAGE)
    note = store.add_note(session.token, pid, "always open", "always")
    assert note.item_id == "a2"
    assert [n.text for n in store.session(session.token).own_notes(pid)] == ["always open"]
