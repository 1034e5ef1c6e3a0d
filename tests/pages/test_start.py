"""AppTest: the start page's list at scale (search, sort, pages), a read-only data folder, and
saves that fail on a full disk or an unwritable folder (banner, Retry, recovery, deleted elsewhere).

The tests run as root, where chmod stops no write, so refused writes are simulated: the store's
storage write raises ENOSPC, or the os calls under the data folder raise EACCES.
"""

from __future__ import annotations

import errno

import pytest

from concept import recovery
from concept.model import Concept
from concept.store import AtomicJSONStorage, TinyDBConceptStore
from tests.helpers import button, open_app_with, refuse_writes_under, start_app


@pytest.fixture
def full_disk(monkeypatch):
    """`.fill()`: every concept write fails as on a full disk; `.clear()` frees space."""
    real_write = AtomicJSONStorage.write

    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    class Disk:
        def fill(self) -> None:
            monkeypatch.setattr(AtomicJSONStorage, "write", no_space)

        def clear(self) -> None:
            monkeypatch.setattr(AtomicJSONStorage, "write", real_write)

    return Disk()


def _who(at):
    return next(a for a in at.text_area if a.key and a.key.endswith(".idea.who"))


def _rows(at) -> list[str]:
    """The concept names in the list's table, in order."""
    return at.dataframe[0].value["name"].tolist()


def choose(at, name: str):
    """Click the row of `name` in the table (AppTest writes the table's selection state)."""
    position = _rows(at).index(name)
    at.session_state[at.dataframe[0].key] = {
        "selection": {"rows": [position], "columns": [], "cells": []}}
    return at.run()


# --- the list at scale ---------------------------------------------------------------------


def test_the_list_is_one_table_with_search_sort_and_pages(data_dir):
    store = TinyDBConceptStore(data_dir)
    for number in range(30):
        store.create(Concept(name=f"Konsepti {number:02d}", industry="kahvila"))
    store.create(Concept(name="Pyöräkorjaamo", industry="pyörät"))
    at = start_app()
    assert len(at.dataframe) == 1 and len(_rows(at)) == 25  # one page, in one element
    assert not [b for b in at.button if b.key and b.key.startswith("open_")]  # none chosen
    assert any("Page 1 of 2" in c.value for c in at.caption)
    at.text_input(key="concepts_search").input("PYÖRÄ").run()
    assert _rows(at) == ["Pyöräkorjaamo"]
    at.text_input(key="concepts_search").input("").run()
    at.selectbox(key="concepts_sort").set_value("name").run()
    assert _rows(at)[:2] == ["Konsepti 00", "Konsepti 01"]
    at.button(key="concepts_page_next").click().run()
    assert _rows(at) == ["Konsepti 25", "Konsepti 26", "Konsepti 27", "Konsepti 28",
                         "Konsepti 29", "Pyöräkorjaamo"]
    assert at.button(key="concepts_page_next").disabled


def test_the_actions_work_on_the_chosen_row_and_a_changed_list_forgets_the_choice(data_dir):
    store = TinyDBConceptStore(data_dir)
    first, second = Concept(name="Eka"), Concept(name="Toka")
    store.create(first)
    store.create(second)
    at = choose(start_app(), "Eka")
    assert any(m.value == "Chosen: **Eka**" for m in at.markdown)
    at.button(key=f"dup_{first.id}").click().run()
    assert sorted(s.name for s in store.list()) == ["Eka", "Eka (copy)", "Toka"]
    # The rows changed (the copy is on top): the old row position chooses nothing now.
    assert not [b for b in at.button if b.key and b.key.startswith("dup_")]
    at = choose(at, "Toka")
    at.button(key=f"open_{second.id}").click().run()
    assert any("Open concept: Toka" in s.value for s in at.header)


# --- a read-only data folder ---------------------------------------------------------------


@pytest.mark.parametrize("lang, banner", [("en", "Read-only"), ("fi", "Vain luku")])
def test_a_read_only_folder_shows_a_banner_and_lets_the_user_view_and_export(
        data_dir, monkeypatch, lang, banner):
    concept = Concept(name="Lukittu", industry="kahvila")
    concept.idea.who = "etätyöläiset"
    TinyDBConceptStore(data_dir).create(concept)
    refuse_writes_under(monkeypatch, data_dir)
    at = open_app_with(concept, data_dir, lang=lang)  # before the fix: a traceback
    assert not at.exception
    assert any(banner in w.value for w in at.warning)
    assert _who(at).value == "etätyöläiset" and _who(at).disabled  # shown, not editable
    create = [b for b in at.button if b.label in ("Create concept", "Luo konsepti")]
    assert create and create[0].disabled
    assert at.button(key=f"del_{concept.id}").disabled
    assert at.button(key=f"dup_{concept.id}").disabled
    assert at.get("download_button")  # export stays
    at.switch_page("views/profiles.py").run()
    assert not at.exception and any(banner in w.value for w in at.warning)


# --- saving fails while editing ------------------------------------------------------------


def test_a_failed_edit_shows_retry_and_is_saved_by_it(data_dir, full_disk):
    concept = Concept(name="Täysi levy")
    TinyDBConceptStore(data_dir).create(concept)
    at = open_app_with(concept, data_dir)
    full_disk.fill()
    _who(at).input("ei mahdu").run()
    assert not at.exception
    assert any("Saving failed" in e.value for e in at.error)
    full_disk.clear()
    at.button(key="save_retry").click().run()
    assert TinyDBConceptStore(data_dir).load(concept.id).idea.who == "ei mahdu"
    assert not any("Saving failed" in e.value for e in at.error)
    assert recovery.find(data_dir, concept.id) is None


def test_a_failed_edit_survives_a_reload_and_can_be_restored(data_dir, full_disk):
    concept = Concept(name="Täysi levy")
    TinyDBConceptStore(data_dir).create(concept)
    at = open_app_with(concept, data_dir)
    full_disk.fill()
    _who(at).input("tallessa").run()
    assert any("Saving failed" in e.value for e in at.error)
    full_disk.clear()
    reloaded = open_app_with(concept, data_dir)  # a new session from the same address
    assert _who(reloaded).value == ""  # what is stored...
    assert any("could not be saved was kept" in w.value for w in reloaded.warning)
    reloaded.button(key="save_restore").click().run()  # ...and what was kept
    assert not reloaded.exception
    assert _who(reloaded).value == "tallessa"
    assert TinyDBConceptStore(data_dir).load(concept.id).idea.who == "tallessa"
    assert recovery.find(data_dir, concept.id) is None


def test_a_kept_version_can_be_discarded(data_dir, full_disk):
    concept = Concept(name="Täysi levy")
    TinyDBConceptStore(data_dir).create(concept)
    at = open_app_with(concept, data_dir)
    full_disk.fill()
    _who(at).input("hylätään").run()
    full_disk.clear()
    reloaded = open_app_with(concept, data_dir)
    reloaded.button(key="save_discard").click().run()
    assert not any("was kept" in w.value for w in reloaded.warning)
    assert recovery.find(data_dir, concept.id) is None
    assert TinyDBConceptStore(data_dir).load(concept.id).idea.who == ""


def test_a_concept_deleted_in_another_tab_gets_its_own_message_and_can_be_saved_again(data_dir):
    concept = Concept(name="Poistettu muualla")
    at = open_app_with(concept, data_dir)
    TinyDBConceptStore(data_dir).delete(concept.id)  # the other tab
    _who(at).input("tämä ikkuna").run()
    assert not at.exception
    assert any("deleted in another browser tab" in e.value for e in at.error)
    at.button(key="save_again").click().run()
    assert TinyDBConceptStore(data_dir).load(concept.id).idea.who == "tämä ikkuna"


# --- saving fails outside editing ----------------------------------------------------------


def test_creating_on_a_full_disk_shows_a_banner_and_retry_creates_it(data_dir, full_disk):
    at = start_app()
    full_disk.fill()
    at.text_input[0].input("Ei mahdu")  # the first field of the form is its name
    button(at, "Create concept").click().run()
    assert not at.exception  # before the fix: a traceback
    assert any("could not be saved" in e.value for e in at.error)
    assert TinyDBConceptStore(data_dir).list() == []
    full_disk.clear()
    at.button(key="concepts_retry_button").click().run()
    assert [s.name for s in TinyDBConceptStore(data_dir).list()] == ["Ei mahdu"]
    assert any("created" in s.value for s in at.success)
    assert not any("could not be saved" in e.value for e in at.error)


def test_duplicate_rename_and_delete_in_an_unwritable_folder_show_the_banner(
        data_dir, monkeypatch):
    open_one, other = Concept(name="Auki"), Concept(name="Toinen")
    TinyDBConceptStore(data_dir).create(other)
    at = choose(open_app_with(open_one, data_dir), "Toinen")
    allow = refuse_writes_under(monkeypatch, data_dir)  # stops being writable while running
    at.button(key=f"dup_{other.id}").click().run()
    assert not at.exception
    assert any("could not be saved" in e.value for e in at.error)
    at.button(key=f"rename_start_{other.id}").click().run()
    at.text_input(key=f"rename_{other.id}").input("Uusi")
    at.button(key=f"rename_save_{other.id}").click().run()
    assert not at.exception
    assert any("could not be saved" in e.value for e in at.error)
    allow()
    at.button(key="concepts_retry_button").click().run()
    assert TinyDBConceptStore(data_dir).load(other.id).name == "Uusi"


@pytest.mark.parametrize("choice", ["save_keep_mine", "save_reload"])
def test_a_concept_changed_then_deleted_in_another_tab_is_not_a_traceback(data_dir, choice):
    concept = Concept(name="Kaksi välilehteä")
    at = open_app_with(concept, data_dir)
    other_tab = TinyDBConceptStore(data_dir)
    changed = other_tab.load(concept.id)
    changed.idea.how = "toinen välilehti"
    other_tab.save(changed)
    _who(at).input("tämä välilehti").run()
    assert any("another browser tab" in e.value for e in at.error)
    other_tab.delete(concept.id)
    at.button(key=choice).click().run()
    assert not at.exception
    assert any("deleted in another browser tab" in e.value for e in at.error)
