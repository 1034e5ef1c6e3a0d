"""Data-editor grids hold the labels the screen shows, never stored codes or ids (issue 20,
point 10): the grid's table for screen readers reads the cells' data. An edit made with a label
is stored as its code."""

from __future__ import annotations

from concept.model import Job, Touchpoint
from concept.samples import cafe_concept
from concept.ui.bind import Column, apply_table_changes, display_labels
from tests.helpers import open_app_with, stored
from tests.pages.test_ai_marks import send_edits
from tests.pages.test_journey import open_stages

PAGE = "views/journey.py"
LABELS = {"functional": "Toiminnallinen", "social": "Sosiaalinen", "emotional": "Tunneperäinen"}


def test_repeated_labels_get_a_number_so_each_leads_back_to_one_value():
    names = {"a1": "Tiedonhaku", "b2": "Tiedonhaku", "c3": "", "d4": "Tiedonhaku (2)"}
    labels = display_labels(list(names), names.get)
    assert labels == {"a1": "Tiedonhaku", "b2": "Tiedonhaku (2)", "c3": "?",
                      "d4": "Tiedonhaku (2) (2)"}
    assert len(set(labels.values())) == len(labels)


def test_choice_cells_hold_labels_and_edits_are_stored_as_codes():
    select = Column("type", "Tyyppi", "select", options=list(LABELS), format_func=LABELS.get,
                    default="functional")
    assert select.to_cell("social") == "Sosiaalinen"
    assert select.config()["type_config"]["options"] == list(LABELS.values())
    assert select.config()["default"] == "Toiminnallinen"  # a new row shows the label too
    multi = Column("ids", "Linkit", "multi", options=["x1", "y2"],
                   format_func={"x1": "Kassa", "y2": "Sovellus"}.get)
    assert multi.to_cell(["y2", "x1"]) == ["Sovellus", "Kassa"]
    assert multi.to_model(["Kassa"]) == ["x1"]
    jobs = [Job(text="Tuntea kuuluvansa", type="functional")]
    changes = {"edited_rows": {0: {"type": "Sosiaalinen"}},
               "added_rows": [{"text": "Uusi", "type": "Tunneperäinen"}]}
    new, _, refused = apply_table_changes(jobs, changes, [Column("text", "Teksti"), select], Job)
    assert refused == 0
    assert [j.type for j in new] == ["social", "emotional"]


def test_touchpoint_grid_shows_labels_and_saves_an_edit_as_codes(data_dir):
    # English: AppTest formats the page's other select boxes outside the session, in English,
    # when it sends a widget state. (The browser test checks the Finnish grid.)
    concept = cafe_concept()
    journey = concept.journeys[0]
    at = open_app_with(concept, data_dir, page=PAGE)
    open_stages(at, journey)
    assert not at.exception
    editor = at.data_editor[2]  # the third stage's touchpoints
    cells = editor.value
    ids = {s.id for s in journey.stages} | {tp.id for tp in journey.touchpoints}
    # No stored code or id in any cell, and the labels the screen shows.
    shown = {str(v) for column in cells for v in cells[column]}
    assert not shown & (ids | {"keep", "develop", "new", "remove", "social", "service"})
    assert list(cells["dev_status"]) == ["Fine as is"]
    assert list(cells["stage_id"]) == [f"3. {journey.stages[2].name}"]
    send_edits(at, editor, {"edited_rows": {"0": {"dev_status": "To be developed",
                                                  "stage_id": f"4. {journey.stages[3].name}"}},
                            "added_rows": [], "deleted_rows": []})
    assert not at.exception
    saved = stored(data_dir, concept.id).journeys[0]
    moved: Touchpoint = next(tp for tp in saved.touchpoints
                             if tp.name == "Tervetulotoivotus tiskillä")
    assert moved.dev_status == "develop"
    assert moved.stage_id == journey.stages[3].id
