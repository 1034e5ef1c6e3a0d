"""Recovery files: an unsaved version kept beside the store, or in the temp folder when the
data folder cannot take it either, found again after a reload and removed once saved."""

from concept import recovery
from concept.model import Concept
from tests.helpers import refuse_writes_under


def test_kept_version_is_found_and_discarded(tmp_path):
    concept = Concept(name="Kesken")
    concept.idea.who = "tallentamaton"
    path = recovery.keep(tmp_path, concept)
    assert path is not None and path.parent == tmp_path / "recovery"
    kept = recovery.find(tmp_path, concept.id)
    assert kept is not None and kept.concept == concept
    recovery.discard(tmp_path, concept.id)
    assert recovery.find(tmp_path, concept.id) is None


def test_a_data_folder_that_refuses_writes_keeps_it_in_the_temp_folder(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(recovery.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    allow = refuse_writes_under(monkeypatch, data)
    concept = Concept(name="Täysi levy")
    path = recovery.keep(data, concept)
    allow()
    assert path is not None and path.is_relative_to(tmp_path / "tmp")
    assert recovery.find(data, concept.id).concept == concept
    recovery.discard(data, concept.id)
    assert recovery.find(data, concept.id) is None


def test_an_unreadable_or_foreign_name_is_ignored(tmp_path):
    (tmp_path / "recovery").mkdir()
    (tmp_path / "recovery" / "abc.json").write_text("{kesken", encoding="utf-8")
    assert recovery.find(tmp_path, "abc") is None
    assert recovery.find(tmp_path, "../../etc/passwd") is None
