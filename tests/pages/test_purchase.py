"""AppTest: the purchase-process step: stages edited and saved, mapping shown, live advice."""

from concept.model import Concept
from concept.samples import cafe_concept
from tests.helpers import button, open_app_with, stored
from tests.pages.test_profiles import open_in_finnish, widget
from tests.test_checks_purchase import concept_with_counts

PAGE = "views/purchase.py"


def stage_boxes(at):
    return [w for w in at.text_input if w.label.endswith("Name of the stage")]


def test_default_stages_are_offered_and_can_be_renamed_added_moved_and_deleted(data_dir):
    concept = Concept(name="Osto")
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    boxes = stage_boxes(at)
    assert [b.placeholder for b in boxes] == [
        "Need recognition", "Information search", "Evaluation of alternatives",
        "Purchase decision", "After the purchase"]
    assert any("no touchpoints yet" in i.value for i in at.info)

    boxes[3].input("Tilaa kokeilujakson").run()
    widget(at.text_area, "Information the customer needs").input("Hinnat ja aukiolot").run()
    widget(at.multiselect, "Decision makers").select("payer").run()
    widget(at.text_area, "What stops the customer").input("Ei vapaita pöytiä").run()
    button(at, "Add a stage").click().run()
    assert not at.exception
    stages = stored(data_dir, concept.id).purchase_process.stages
    assert stages[3].label == "Tilaa kokeilujakson"
    assert stages[0].info_needs == "Hinnat ja aukiolot"
    assert stages[0].decision_makers == ["payer"]
    assert stages[0].drop_off_risks == "Ei vapaita pöytiä"
    assert [s.label for s in stages][-1] == "New stage" and len(stages) == 6

    new_key = stages[-1].key
    at.button(key=f"{key_prefix(at, new_key)}.up").click().run()
    keys = [s.key for s in stored(data_dir, concept.id).purchase_process.stages]
    assert keys == ["need", "search", "evaluate", "decide", new_key, "post"]

    at.button(key=f"{key_prefix(at, new_key)}.delete").click().run()  # nothing mapped: no question
    keys = [s.key for s in stored(data_dir, concept.id).purchase_process.stages]
    assert keys == ["need", "search", "evaluate", "decide", "post"]

    at.switch_page("views/journey.py").run()
    at.switch_page(PAGE).run()
    assert stage_boxes(at)[3].value == "Tilaa kokeilujakson"
    again = open_app_with(concept, data_dir, page=PAGE)  # a reload
    assert stage_boxes(again)[3].value == "Tilaa kokeilujakson"
    assert widget(again.multiselect, "Decision makers").value == ["payer"]


def key_prefix(at, stage_key: str) -> str:
    return f"purchase.stage.{stage_key}"


def test_deleting_a_stage_that_touchpoints_are_mapped_to_asks_first(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    at.button(key=f"{key_prefix(at, 'decide')}.delete").click().run()
    assert not at.exception
    assert any("1 touchpoint(s) are mapped to **Purchase decision**" in m.value
               for m in at.markdown)
    assert len(stored(data_dir, concept.id).purchase_process.stages) == 5


def test_mapping_table_chart_and_advice_of_the_worked_example(data_dir):
    concept = concept_with_counts([6, 3, 1, 0, 1])
    concept.profiles = []
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    table = at.data_editor[0].value
    # One tick column per purchase stage.
    assert len(table) == 11 and bool(table["stage_need"].iloc[0])
    assert not table["stage_search"].iloc[0]
    assert at.data_editor[0].editing_mode == "fixed"
    assert at.get("vega_lite_chart")
    assert at.metric[0].value == "70 / 100"
    warnings = "\n".join(w.value for w in at.info)
    assert "Gap: no touchpoint serves the stage “Purchase decision”" in warnings
    assert "“Need recognition” holds 55 %" in warnings
    assert "Break in the process: nothing happens at Purchase decision" in warnings
    assert "balance index 70 / 100" in warnings
    assert "After the purchase gets only 9 %" in warnings


def test_advice_follows_the_mapping_live(data_dir):
    concept = concept_with_counts([6, 3, 1, 0, 1])
    at = open_app_with(concept, data_dir, page=PAGE)
    assert any("Purchase decision" in w.value for w in at.info)
    # What the mapping table does when a stage is picked for a touchpoint: change the model.
    live = at.session_state["concept"]
    for touchpoint in live.journeys[0].touchpoints[:2]:
        touchpoint.purchase_stage_keys = ["decide"]
    at.run()
    warnings = "\n".join(w.value for w in at.info)
    assert "Gap" not in warnings and "Break" not in warnings
    assert "Need recognition" not in warnings  # 4 of 11 is no longer over-weighted


def test_the_page_works_in_finnish(data_dir):
    concept = concept_with_counts([6, 3, 1, 0, 1])
    at = open_in_finnish(concept, data_dir, PAGE)
    assert not at.exception
    assert at.title[0].value == "Ostoprosessi"
    assert stage_boxes(at) == [] and len(at.text_input) >= 5
    assert [w.placeholder for w in at.text_input][:5][3] == "Ostopäätös"
    assert any("Aukko" in w.value and "Ostopäätös" in w.value for w in at.info)


def test_mapping_ticks_land_on_their_own_touchpoint_in_the_process_order():
    """The mapping table's tick columns (one per purchase stage) write each tick to the row's
    own touchpoint, keep the stages in the process's order and untick cleanly."""
    from concept.ui import bind
    from concept.ui.purchase import _stage_ticks

    concept = concept_with_counts([1, 1, 0, 0, 0])
    touchpoints = concept.journeys[0].touchpoints
    first, second = touchpoints[0], touchpoints[1]
    changes = {"edited_rows": {1: {"stage_decide": True, "stage_need": True},
                               0: {"stage_need": False}}}
    kept, removed, refused = bind.apply_table_changes(
        list(touchpoints), changes, [], lambda: None, _stage_ticks(concept))
    assert (kept, removed, refused) == (touchpoints, [], 0)
    assert first.purchase_stage_keys == []
    # "search" was there before; the ticks came in as decide, need.
    assert second.purchase_stage_keys == ["need", "search", "decide"]
