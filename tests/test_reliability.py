"""Reliability of the store under crashes and concurrent sessions.

- Crash safety: writer processes are killed with SIGKILL at random moments while saving, more than
  50 times, while a reader process keeps loading the same concepts; after every kill the store
  opens cleanly and holds, for each concept, either the last revision the writer reported as
  saved or the one it was writing, with content that matches that revision exactly (never a mix
  of two writes, never a half-written file), and the reader never saw anything else either.
- Concurrency: 16 sessions (threads, each with its own loaded copy, as Streamlit sessions have)
  edit different concepts while 2 sessions edit the same one, and the same with OS processes
  (several app processes on one data folder, where only the file lock keeps them apart): no
  saved change is lost and the stale writer is refused with `StaleRevisionError`.
"""

from __future__ import annotations

import multiprocessing
import random
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from concept.model import Concept, ParkingLotItem
from concept.store import StaleRevisionError, TinyDBConceptStore

KILLS = 60
WRITER_CONCEPTS = 3


def payload(revision: int) -> str:
    """The text a writer stores at `revision`: its length and content depend on the revision."""
    unit = f"r{revision}·äö€😀<b>&\n"
    return unit * (1 + (revision * 7919) % 4000)


def _writer(data_dir: str, concept_ids: list[str], committed, ready) -> None:
    """Save the concepts round-robin forever; `committed[i]` is the last revision saved."""
    store = TinyDBConceptStore(data_dir)
    concepts = [store.load(concept_id) for concept_id in concept_ids]
    ready.set()
    while True:
        for index, concept in enumerate(concepts):
            upcoming = concept.revision + 1
            concept.description.how = str(upcoming)
            concept.description.short_description = payload(upcoming)
            store.save(concept)
            committed[index] = concept.revision


def _creator(data_dir: str, ready) -> None:
    """Create new concepts forever: each must exist completely or not at all after a kill."""
    store = TinyDBConceptStore(data_dir)
    ready.set()
    number = 0
    while True:
        number += 1
        concept = Concept(name=f"new {number}")
        concept.description.short_description = payload(number)
        concept.description.how = str(number)
        store.create(concept)


def _reader(data_dir: str, concept_ids: list[str], stop, reads, failures, ready) -> None:
    """Load every concept and list the store, over and over, until `stop`: each load must be a
    whole revision, never older than one seen before. The first failure goes to `failures`."""
    store = TinyDBConceptStore(data_dir)
    seen = dict.fromkeys(concept_ids, 0)
    ready.set()
    try:
        while not stop.is_set():
            for concept_id in concept_ids:
                loaded = assert_consistent(store, concept_id)
                assert loaded.revision >= seen[concept_id], "a revision went backwards"
                seen[concept_id] = loaded.revision
            assert len(store.list()) == len(concept_ids)
            assert store.problems() == []
            reads.value += 1
            time.sleep(0.005)  # a page's pace: the writers get the lock between reads too
    except BaseException as exc:  # reported to the test, which fails on it
        failures.put(f"{type(exc).__name__}: {exc}"[:500])


def _process_session(data_dir: str, own_id: str, shared_id: str, index: int, rounds: int,
                     results, start) -> None:
    """One app process's session: `rounds` edits of its own concept and of the shared one, each
    saved at once; a stale save of the shared one is reloaded and redone, as the app offers."""
    store = TinyDBConceptStore(data_dir)
    own, shared = store.load(own_id), store.load(shared_id)
    saved, stale = [], 0
    start.wait()
    for number in range(rounds):
        own.parking_lot.append(ParkingLotItem(text=f"{index}:{number}"))
        store.save(own)
        text = f"p{index}:{number}"
        while True:
            shared.parking_lot.append(ParkingLotItem(text=text))
            try:
                store.save(shared)
            except StaleRevisionError:
                stale += 1
                shared = store.load(shared_id)
                continue
            saved.append(text)
            break
    results.put((index, saved, stale))


def assert_consistent(store: TinyDBConceptStore, concept_id: str) -> Concept:
    loaded = store.load(concept_id)
    if loaded.revision == 1:  # as created
        assert loaded.description.how == ""
    else:
        assert loaded.description.how == str(loaded.revision)
        assert loaded.description.short_description == payload(loaded.revision)
    return loaded


@pytest.fixture(scope="module")
def spawner():
    # A fork server that has the store imported already: children start in milliseconds, and
    # they are forked from a clean single-threaded process rather than from pytest.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["concept.store", "tests.test_reliability"])
    # An earlier AppTest leaves Streamlit's stand-in `__main__` (the app script) in sys.modules,
    # and multiprocessing re-runs the parent's `__main__` in every child: the children then ran
    # app.py and died before they were ready. They get an empty `__main__` instead.
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
        yield context


def wait_ready(process, ready) -> None:
    """Wait until a child says it is ready; a child that died says so at once, with its code."""
    deadline = time.monotonic() + 60
    while not ready.wait(timeout=0.1):
        assert process.is_alive(), f"the child process died at start (exit {process.exitcode})"
        assert time.monotonic() < deadline, "the child process did not start in 60 s"


def start_and_kill(spawner, target, args: tuple, delay: float) -> None:
    """Start a child, wait until it is ready to write, let it run `delay` seconds, SIGKILL it."""
    ready = spawner.Event()
    process = spawner.Process(target=target, args=(*args, ready))
    process.start()
    try:
        # The kill delay counts from the moment the child is ready, however slow its start was.
        wait_ready(process, ready)
        time.sleep(delay)
    finally:
        process.kill()
        process.join()


def test_writers_killed_at_random_moments_always_leave_old_or_new_revision(tmp_path, spawner):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    concepts = [Concept(name=f"kill {i}") for i in range(WRITER_CONCEPTS)]
    for concept in concepts:
        store.create(concept)
    ids = [c.id for c in concepts]
    known = {concept.id: 1 for concept in concepts}  # last revision known to be on disk
    rng = random.Random(20261124)
    stop, reader_ready = spawner.Event(), spawner.Event()
    reads, failures = spawner.Value("q", 0), spawner.Queue()
    reader = spawner.Process(target=_reader,
                             args=(str(data), ids, stop, reads, failures, reader_ready))
    reader.start()
    try:
        wait_ready(reader, reader_ready)
        for _ in range(KILLS):
            committed = spawner.Array("q", [known[i] for i in ids], lock=False)
            start_and_kill(spawner, _writer, (str(data), ids, committed),
                           rng.uniform(0.02, 0.2))
            reopened = TinyDBConceptStore(data)
            assert reopened.problems() == []
            assert not list(reopened.concepts_dir.glob(".*.tmp"))
            for index, concept_id in enumerate(ids):
                loaded = assert_consistent(reopened, concept_id)
                # Either what the writer reported as saved, or the save it was in the middle of.
                assert loaded.revision in (committed[index], committed[index] + 1)
                assert loaded.revision >= known[concept_id]
                known[concept_id] = loaded.revision
            assert reader.is_alive(), failures.get(timeout=5)
    finally:
        stop.set()
        reader.join(timeout=30)
        if reader.is_alive():
            reader.kill()
            reader.join()
    assert failures.empty(), failures.get()
    assert reader.exitcode == 0
    assert reads.value > KILLS, "the reader hardly ran during the kills"
    assert sum(known.values()) > 3 * WRITER_CONCEPTS, "the writers never got to save"


def test_creator_killed_at_random_moments_leaves_only_whole_concepts(tmp_path, spawner):
    data = tmp_path / "data"
    rng = random.Random(7)
    for _ in range(12):
        start_and_kill(spawner, _creator, (str(data),), rng.uniform(0.02, 0.2))
    reopened = TinyDBConceptStore(data)
    assert reopened.problems() == []
    summaries = reopened.list()
    assert summaries, "the creators never got to create"
    for summary in summaries:
        loaded = reopened.load(summary.id)
        number = int(loaded.description.how)
        assert loaded.name == f"new {number}"
        assert loaded.description.short_description == payload(number)


def test_sixteen_sessions_on_different_concepts_and_two_on_one_lose_nothing(tmp_path):
    store = TinyDBConceptStore(tmp_path / "data")  # one store per app process, as in the app
    own = [Concept(name=f"oma {i}") for i in range(16)]
    shared = Concept(name="yhteinen")
    for concept in [*own, shared]:
        store.create(concept)
    rounds = 25
    errors: list[BaseException] = []
    stale_refusals = [0, 0]
    saved_by_shared: list[list[str]] = [[], []]
    start = threading.Barrier(18)

    def own_session(index: int) -> None:
        try:
            copy = store.load(own[index].id)  # each session holds its own loaded copy
            start.wait()
            for number in range(rounds):
                copy.parking_lot.append(ParkingLotItem(text=f"{index}:{number}"))
                store.save(copy)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def shared_session(writer: int) -> None:
        try:
            copy = store.load(shared.id)
            start.wait()
            for number in range(rounds):
                text = f"w{writer}:{number}"
                while True:
                    copy.parking_lot.append(ParkingLotItem(text=text))
                    try:
                        store.save(copy)
                    except StaleRevisionError:
                        # What the app offers: reload the stored version, then redo the edit.
                        stale_refusals[writer] += 1
                        copy = store.load(shared.id)
                        continue
                    saved_by_shared[writer].append(text)
                    break
                time.sleep(0)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=own_session, args=(i,)) for i in range(16)]
    threads += [threading.Thread(target=shared_session, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    fresh = TinyDBConceptStore(tmp_path / "data")
    for index, concept in enumerate(own):
        stored = fresh.load(concept.id)
        assert [item.text for item in stored.parking_lot] == [
            f"{index}:{number}" for number in range(rounds)]
        assert stored.revision == 1 + rounds
    stored_shared = fresh.load(shared.id)
    texts = [item.text for item in stored_shared.parking_lot]
    # Every edit a session was told was saved is there exactly once; nothing was overwritten.
    assert sorted(texts) == sorted(saved_by_shared[0] + saved_by_shared[1])
    assert len(texts) == 2 * rounds
    assert stored_shared.revision == 1 + 2 * rounds


def test_app_processes_on_own_concepts_and_on_one_shared_concept_lose_nothing(tmp_path,
                                                                            spawner):
    # Six OS processes, as six app processes on one data folder: only the file lock keeps them
    # apart (the thread lock is per process). Each edits its own concept and the shared one.
    processes_count, rounds = 6, 20
    store = TinyDBConceptStore(tmp_path / "data")
    own = [Concept(name=f"prosessi {i}") for i in range(processes_count)]
    shared = Concept(name="yhteinen")
    for concept in [*own, shared]:
        store.create(concept)
    start, results = spawner.Barrier(processes_count), spawner.Queue()
    processes = [spawner.Process(target=_process_session,
                                 args=(str(store.data_dir), own[i].id, shared.id, i, rounds,
                                       results, start))
                 for i in range(processes_count)]
    for process in processes:
        process.start()
    try:
        outcomes = [results.get(timeout=120) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
    assert [process.exitcode for process in processes] == [0] * processes_count
    fresh = TinyDBConceptStore(store.data_dir)
    assert fresh.problems() == []
    for index, concept in enumerate(own):
        stored = fresh.load(concept.id)
        assert [item.text for item in stored.parking_lot] == [
            f"{index}:{number}" for number in range(rounds)]
        assert stored.revision == 1 + rounds
    stored_shared = fresh.load(shared.id)
    texts = [item.text for item in stored_shared.parking_lot]
    saved_by_all = [text for _, saved, _ in outcomes for text in saved]
    # Every edit a process was told was saved is there exactly once; nothing was overwritten.
    assert sorted(texts) == sorted(saved_by_all)
    assert len(texts) == processes_count * rounds
    assert stored_shared.revision == 1 + processes_count * rounds
    assert sum(stale for _, _, stale in outcomes) > 0, "the processes never met on the concept"


def test_the_stale_writer_is_refused_and_its_copy_and_the_stored_one_stay_intact(tmp_path):
    store = TinyDBConceptStore(tmp_path / "data")
    concept = Concept(name="kaksi istuntoa")
    store.create(concept)
    first, second = store.load(concept.id), store.load(concept.id)
    first.idea.who = "ensimmäinen"
    store.save(first)
    second.idea.what_value = "toinen"
    with pytest.raises(StaleRevisionError) as caught:
        store.save(second)
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert second.revision == 1 and second.idea.what_value == "toinen"
    stored = store.load(concept.id)
    assert (stored.idea.who, stored.idea.what_value, stored.revision) == ("ensimmäinen", "", 2)


def test_two_app_processes_sharing_a_folder_refuse_the_stale_save(tmp_path: Path):
    # Two store objects on one folder stand for two app processes: the file lock, not the
    # thread lock, has to keep them apart.
    process_a = TinyDBConceptStore(tmp_path / "data")
    process_b = TinyDBConceptStore(tmp_path / "data")
    concept = Concept(name="kaksi prosessia")
    process_a.create(concept)
    copy_a, copy_b = process_a.load(concept.id), process_b.load(concept.id)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(store: TinyDBConceptStore, copy: Concept, text: str) -> None:
        copy.idea.how = text
        barrier.wait()
        try:
            store.save(copy)
            outcomes.append(text)
        except StaleRevisionError:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(process_a, copy_a, "a")),
               threading.Thread(target=save, args=(process_b, copy_b, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) in (["a", "stale"], ["b", "stale"])
    winner = next(o for o in outcomes if o != "stale")
    assert process_b.load(concept.id).idea.how == winner


def test_a_failed_write_changes_neither_the_stored_concept_nor_the_open_copy(tmp_path, monkeypatch):
    # A full disk: fsync of the temp file fails. The stored file stays as it was, no temp file
    # is left behind, the open copy keeps its revision, and the next save goes through.
    import errno
    import os

    import concept.store as store_module

    store = TinyDBConceptStore(tmp_path / "data")
    concept = Concept(name="täysi levy")
    store.create(concept)
    stored_file = store.concepts_dir / f"{concept.id}.json"
    before = stored_file.read_bytes()

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    real_fsync = os.fsync
    monkeypatch.setattr(store_module.os, "fsync", no_space)
    concept.idea.who = "ei mahdu"
    with pytest.raises(OSError):
        store.save(concept)
    monkeypatch.setattr(store_module.os, "fsync", real_fsync)
    assert stored_file.read_bytes() == before
    assert not list(store.concepts_dir.glob(".*.tmp"))
    assert concept.revision == 1
    store.save(concept)
    assert store.load(concept.id).idea.who == "ei mahdu" and concept.revision == 2
