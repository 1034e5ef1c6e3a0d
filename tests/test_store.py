"""The stores. The tests taking `contract_store` / `store_place` are the contract every
`ConceptStore` keeps and run on TinyDB and on PostgreSQL (tests/stores.py); the others are about
the TinyDB store's files (atomic writes, layout, index, corrupt files)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from concept.model import Concept
from concept.store import ConceptNotFound, StaleRevisionError, TinyDBConceptStore

REPO = Path(__file__).resolve().parent.parent


def test_create_load_save_round_trip(contract_store, cafe):
    contract_store.create(cafe)
    assert cafe.revision == 1
    loaded = contract_store.load(cafe.id)
    assert loaded == cafe
    loaded.name = "Uusi nimi"
    contract_store.save(loaded)
    assert loaded.revision == 2
    assert contract_store.load(cafe.id).name == "Uusi nimi"


def test_stale_revision_save_is_refused(contract_store, cafe):
    contract_store.create(cafe)
    tab_one, tab_two = contract_store.load(cafe.id), contract_store.load(cafe.id)
    tab_one.name = "Tab one"
    contract_store.save(tab_one)
    tab_two.name = "Tab two"
    with pytest.raises(StaleRevisionError):
        contract_store.save(tab_two)
    assert tab_two.revision == 1  # the refused copy is left as it was
    assert contract_store.load(cafe.id).name == "Tab one"


def test_saving_one_concept_leaves_the_others_files_untouched(store):
    first, second = Concept(name="A"), Concept(name="B")
    store.create(first)
    store.create(second)
    other_file = store.concepts_dir / f"{second.id}.json"
    before = (other_file.stat().st_mtime_ns, other_file.read_bytes())
    first.name = "A2"
    store.save(first)
    assert (other_file.stat().st_mtime_ns, other_file.read_bytes()) == before


def test_list_and_delete(contract_store):
    for name in ("A", "B", "C"):
        contract_store.create(Concept(name=name))
    assert sorted(s.name for s in contract_store.list()) == ["A", "B", "C"]
    victim = contract_store.list()[0]
    contract_store.delete(victim.id)
    assert victim.id not in {s.id for s in contract_store.list()}
    with pytest.raises(ConceptNotFound):
        contract_store.load(victim.id)


def test_hostile_ids_are_not_paths(contract_store):
    with pytest.raises(ConceptNotFound):
        contract_store.load("../../etc/passwd")


def test_corrupt_file_is_set_aside_and_reported(tmp_path, cafe):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    store.create(cafe)
    good = Concept(name="Ehjä")
    store.create(good)
    broken = store.concepts_dir / f"{cafe.id}.json"
    broken.write_text('{"concept": {"1": {"name": "kesken', encoding="utf-8")
    original_bytes = broken.read_bytes()

    reopened = TinyDBConceptStore(data)  # the app starting up
    problems = reopened.problems()
    assert len(problems) == 1 and problems[0].original == broken.name
    kept = Path(problems[0].moved_to)
    assert kept.read_bytes() == original_bytes  # kept as it was, never overwritten
    assert not broken.exists()
    assert [s.name for s in reopened.list()] == ["Ehjä"]


def test_sixteen_threads_saving_different_concepts_lose_nothing(contract_store):
    concepts = [Concept(name=f"c{i}") for i in range(16)]
    for concept in concepts:
        contract_store.create(concept)
    deadline = time.monotonic() + 2.0
    errors: list[BaseException] = []
    counts = [0] * 16

    def work(index: int) -> None:
        concept = concepts[index]
        try:
            while time.monotonic() < deadline:
                counts[index] += 1
                concept.description.short_description = f"save {counts[index]}"
                contract_store.save(concept)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for index, concept in enumerate(concepts):
        stored = contract_store.load(concept.id)
        assert stored.description.short_description == f"save {counts[index]}"
        assert stored.revision == counts[index] + 1


WRITER = textwrap.dedent("""
    import sys
    from concept.store import TinyDBConceptStore
    store = TinyDBConceptStore(sys.argv[1])
    concept = store.load(sys.argv[2])
    while True:
        concept.description.short_description = "x" * (concept.revision * 997 % 50000)
        concept.description.how = str(concept.revision + 1)
        store.save(concept)
""")


def test_process_killed_mid_write_leaves_a_loadable_previous_or_new_revision(tmp_path):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    concept = Concept(name="kill me")
    store.create(concept)
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    last_seen = 1
    for _ in range(8):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(data), concept.id],
                                   env=env, cwd=REPO)
        time.sleep(0.4 + rng.random() * 0.4)
        process.send_signal(signal.SIGKILL)
        process.wait()
        loaded = TinyDBConceptStore(data).load(concept.id)
        # The content always matches its own revision: never a mix of two writes.
        assert loaded.description.how in ("", str(loaded.revision))
        assert loaded.revision >= last_seen
        last_seen = loaded.revision
    TinyDBConceptStore(data)
    assert not list((data / "concepts").glob(".*.tmp"))


def test_stored_file_is_plain_json(store, cafe):
    store.create(cafe)
    raw = json.loads((store.concepts_dir / f"{cafe.id}.json").read_text(encoding="utf-8"))
    assert raw["concept"]["1"]["name"] == "Kahvila Kulma"


def test_a_stored_version_1_concept_loads_with_its_preselected_stop_reason_unchosen(
        store_place):
    from concept.model import StopItem

    store = store_place.open()
    concept = store.create(Concept(name="Kulma", stop_list=[
        StopItem(text="Olutlista", reason="off_topic"),
        StopItem(text="Bingo", reason="impossible")]))

    def as_version_1(document):  # as written before stop reasons could be left empty
        document["schema_version"] = 1

    store_place.edit_stored(concept.id, as_version_1)
    loaded = store_place.open().load(concept.id)
    assert [i.reason for i in loaded.stop_list] == [None, "impossible"]


@pytest.mark.parametrize("bad_id", ["a" * 251, "a" * 65, "ä" * 10, "a b", "a.b", "", "\x00",
                                    "abc\n", "..", "a/b", "a\\b", "%2e%2e"])
def test_long_or_odd_ids_are_unknown_concepts_and_never_paths(contract_store, bad_id):
    # A 251-character id made the file name too long for the file system: an OSError on every
    # page. Any id that new_id() could not have made is simply not found.
    for action in (contract_store.load, contract_store.delete):
        with pytest.raises(ConceptNotFound):
            action(bad_id)
    assert contract_store.list() == []


def test_a_stored_concept_with_duplicate_ids_is_still_shown_not_moved_aside(store_place, cafe):
    # Imports refuse duplicate ids; a concept stored before that (or by a bug) stays readable.
    store_place.open().create(cafe)
    first_stage = cafe.journeys[0].stages[0].id

    def duplicate_a_stage_id(document):
        stages = document["journeys"][0]["stages"]
        stages[1]["id"] = stages[0]["id"]

    store_place.edit_stored(cafe.id, duplicate_a_stage_id)
    reopened = store_place.open()
    assert reopened.load(cafe.id).journeys[0].stages[1].id == first_stage
    assert reopened.problems() == []


def test_a_stored_concept_that_no_longer_validates_is_set_aside_and_reported(store_place, cafe):
    store = store_place.open()
    store.create(cafe)
    good = store.create(Concept(name="Ehjä"))

    def break_it(document):
        document["journeys"] = "ei lista"

    store_place.edit_stored(cafe.id, break_it)
    reopened = store_place.open()  # another app process, or this one after a restart
    with pytest.raises(ConceptNotFound):
        reopened.load(cafe.id)
    assert [s.name for s in reopened.list()] == [good.name]
    (problem,) = reopened.problems()
    assert cafe.id in problem.original and problem.moved_to
    if store_place.kind == "postgresql":  # set aside in a table: every app process reports it
        assert store_place.open().problems() == [problem]


def test_creating_an_id_that_exists_is_refused_and_changes_nothing(contract_store, cafe):
    from concept.store import StoreError

    contract_store.create(cafe)
    twin = Concept(name="Kaksonen")
    twin.id = cafe.id
    with pytest.raises(StoreError):
        contract_store.create(twin)
    assert twin.revision == 0
    assert contract_store.load(cafe.id).name == cafe.name


def test_another_process_sees_saves_and_deletes_and_its_stale_save_is_refused(store_place):
    here, there = store_place.open(), store_place.open()
    first, second = Concept(name="Eka"), Concept(name="Toka")
    here.create(first)
    here.create(second)
    assert len(there.list()) == 2
    copy = there.load(first.id)
    copy.name = "Eka muutettu"
    there.save(copy)
    there.delete(second.id)
    assert [(s.name, s.revision) for s in here.list()] == [("Eka muutettu", 2)]
    assert here.load(first.id).name == "Eka muutettu"
    first.name = "vanhasta kopiosta"  # still at revision 1 here
    with pytest.raises(StaleRevisionError) as refused:
        here.save(first)
    assert (refused.value.expected, refused.value.actual) == (1, 2)
    assert there.load(first.id).name == "Eka muutettu"


EDITOR_PROCESS = textwrap.dedent("""
    import sys
    from concept.store import StaleRevisionError, open_store
    store = open_store(sys.argv[1] or None, sys.argv[2] or None)
    concept = store.load(sys.argv[3])
    print("loaded", concept.revision, flush=True)
    sys.stdin.readline()  # the test changes the concept elsewhere meanwhile, or not
    concept.name = sys.argv[4]
    try:
        store.save(concept)
    except StaleRevisionError as refused:
        print("stale", refused.actual, flush=True)
        sys.exit(3)
    print("saved", concept.revision, flush=True)
""")


def test_two_processes_see_each_others_saves_and_a_stale_save_is_refused(store_place, cafe):
    store = store_place.open()
    store.create(cafe)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def editor(name: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", EDITOR_PROCESS, *store_place.process_args(), cafe.id, name],
            env=env, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().split() == ["loaded", str(store.load(cafe.id).revision)]
        return process

    first = editor("Toisesta prosessista")
    first.communicate("\n", timeout=60)
    assert first.returncode == 0
    seen = store.load(cafe.id)  # this process, reloading
    assert (seen.name, seen.revision) == ("Toisesta prosessista", 2)

    late = editor("Vanhentunut")  # loads revision 2 ...
    seen.name = "Tästä prosessista"
    store.save(seen)  # ... which this process moves on to 3 first
    out, _ = late.communicate("\n", timeout=60)
    assert late.returncode == 3 and out.split() == ["stale", "3"]
    assert store_place.open().load(cafe.id).name == "Tästä prosessista"


# --- the summary index ---------------------------------------------------------------------


def _count_reads(monkeypatch) -> list[Path]:
    reads: list[Path] = []
    real = TinyDBConceptStore._read_document

    def counting(self, path):
        reads.append(path)
        return real(self, path)

    monkeypatch.setattr(TinyDBConceptStore, "_read_document", counting)
    return reads


def test_opening_and_listing_read_no_concept_file_when_the_index_is_current(tmp_path,
                                                                            monkeypatch):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    concepts = [Concept(name=f"k{i}", industry="kahvila") for i in range(30)]
    for concept in concepts:
        store.create(concept)
    concepts[3].name = "vaihdettu"
    store.save(concepts[3])
    store.delete(concepts[4].id)
    reads = _count_reads(monkeypatch)
    reopened = TinyDBConceptStore(data)  # the app starting up
    listed = reopened.list()
    assert reads == []
    assert len(listed) == 29 and concepts[4].id not in {s.id for s in listed}
    assert listed[0].name == "vaihdettu" and listed[0].revision == 2


def test_a_missing_or_stale_index_is_rebuilt_from_the_files(tmp_path, cafe):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    store.create(cafe)
    kept = Concept(name="Pysyvä")
    store.create(kept)
    # Stale: a concept file put in by hand (a restored backup), and a log line torn by a crash.
    restored = Concept(name="Palautettu")
    TinyDBConceptStore(tmp_path / "backup").create(restored)
    (tmp_path / "backup" / "concepts" / f"{restored.id}.json").rename(
        store.concepts_dir / f"{restored.id}.json")
    with open(store.index_log_path, "a", encoding="utf-8") as log_file:
        log_file.write('{"put": {"id": "x", "na')
    assert sorted(s.name for s in TinyDBConceptStore(data).list()) == [
        cafe.name, "Palautettu", "Pysyvä"]
    # Missing: both index files gone.
    store.index_path.unlink(missing_ok=True)
    store.index_log_path.unlink(missing_ok=True)
    assert sorted(s.name for s in TinyDBConceptStore(data).list()) == [
        cafe.name, "Palautettu", "Pysyvä"]
    assert store.index_path.exists()  # written again


def test_a_save_does_not_rewrite_the_whole_index(tmp_path):
    store = TinyDBConceptStore(tmp_path / "data")
    concepts = [Concept(name=f"k{i}") for i in range(5)]
    for concept in concepts:
        store.create(concept)
    store = TinyDBConceptStore(tmp_path / "data")  # a restart writes the snapshot
    snapshot = store.index_path.stat()
    concepts[0].name = "uusi"
    store.save(concepts[0])
    assert store.index_path.stat().st_ino == snapshot.st_ino  # only a line appended to the log
    assert store.list()[0].name == "uusi"


# --- a read-only data folder ---------------------------------------------------------------


def test_a_read_only_place_opens_read_only_lists_and_loads_and_refuses_writes(
        store_place, cafe, monkeypatch):
    # TinyDB: a data folder the app may not write; PostgreSQL: a role with only SELECT rights.
    from concept.store import ReadOnlyStoreError

    store_place.open().create(cafe)
    store = store_place.open_read_only(monkeypatch)  # before the fix (TinyDB): PermissionError
    assert store.read_only
    assert [s.name for s in store.list()] == [cafe.name]
    loaded = store.load(cafe.id)
    loaded.name = "ei tallennu"
    with pytest.raises(ReadOnlyStoreError):
        store.save(loaded)
    with pytest.raises(ReadOnlyStoreError):
        store.create(Concept(name="uusi"))
    with pytest.raises(ReadOnlyStoreError):
        store.delete(cafe.id)
    assert store.load(cafe.id).name == cafe.name
    assert store.problems() == []


def test_a_data_folder_that_cannot_be_created_opens_empty_and_read_only(tmp_path, monkeypatch):
    from tests.helpers import refuse_writes_under

    refuse_writes_under(monkeypatch, tmp_path)
    store = TinyDBConceptStore(tmp_path / "never" / "made")
    assert store.read_only and store.list() == []


def test_a_file_the_app_may_not_read_is_skipped_not_set_aside(tmp_path, monkeypatch):
    data = tmp_path / "data"
    store = TinyDBConceptStore(data)
    theirs, mine = Concept(name="Toisen käyttäjän"), Concept(name="Oma")
    store.create(theirs)
    store.create(mine)
    store.index_path.unlink(missing_ok=True)
    store.index_log_path.unlink(missing_ok=True)
    real = TinyDBConceptStore._read_document

    def refuse_theirs(self, path):
        if path.stem == theirs.id:
            raise PermissionError(13, "Permission denied", str(path))
        return real(self, path)

    monkeypatch.setattr(TinyDBConceptStore, "_read_document", refuse_theirs)
    reopened = TinyDBConceptStore(data)
    assert [s.name for s in reopened.list()] == ["Oma"]
    assert reopened.problems() == [] and (store.concepts_dir / f"{theirs.id}.json").exists()
