"""AppTest: the sidebar parks and stops items from any page; the list page edits them.

AppTest runs a top-level page script whose url path equals its file name (pages/start.py at
"start") without app.py after the first run, so its sidebar is gone; pages under pages/tools/
always run through app.py, so the sidebar forms are tested there.
"""

from __future__ import annotations

from datetime import date

from concept.model import Concept, ParkingLotItem, StopItem
from concept.promotion import make_exclusion
from tests.helpers import open_app_with, start_app, stored
from tests.pages.test_tools import keyed


def submit(at, label: str):
    matches = [b for b in at.sidebar.button if b.label == label]
    assert matches, [b.label for b in at.sidebar.button]
    return matches[0].click().run()


def test_an_item_is_parked_from_the_sidebar_with_owner_and_due_date(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/empathy_map.py")
    at.sidebar.text_area(key="park_text").input("Riittääkö verkon kaista?")
    at.sidebar.selectbox(key="park_reason").set_value("unsolvable_now")
    at.sidebar.text_input(key="park_owner").input("Maija")
    at.sidebar.date_input(key="park_due").set_value(date(2026, 12, 15))
    submit(at, "Park it")
    assert not at.exception
    [item] = stored(data_dir, concept.id).parking_lot
    assert (item.text, item.reason, item.owner, item.due_date, item.status,
            item.raised_in_step) == ("Riittääkö verkon kaista?", "unsolvable_now", "Maija",
                                     "2026-12-15", "open", "empathy_map")


def test_an_item_is_stopped_from_the_sidebar_with_a_reason(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/context.py", lang="fi")
    at.sidebar.text_area(key="stop_text").input("Olutlista")
    at.sidebar.selectbox(key="stop_reason").set_value("against_strategy")
    at.sidebar.text_area(key="stop_rationale").input("Ei sovi päiväkonseptiin")
    submit(at, "Pysäytä")
    assert not at.exception
    [item] = stored(data_dir, concept.id).stop_list
    assert (item.text, item.reason, item.rationale, item.status, item.raised_in_step) == (
        "Olutlista", "against_strategy", "Ei sovi päiväkonseptiin", "stopped", "context")


def test_a_stop_item_without_a_chosen_reason_has_none_and_says_so(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/context.py", lang="fi")
    reason = at.sidebar.selectbox(key="stop_reason")
    assert reason.value is None and reason.format_func(None) == "Syytä ei ole valittu"
    at.sidebar.text_area(key="stop_text").input("Olutlista")
    submit(at, "Pysäytä")
    assert not at.exception
    [item] = stored(data_dir, concept.id).stop_list
    assert item.reason is None
    at.switch_page("views/facilitation.py").run()
    assert not at.exception
    shown = keyed(at.selectbox, f"stop.{item.id}.reason")
    assert shown.value is None and shown.format_func(shown.value) == "Syytä ei ole valittu"


def test_an_item_remembers_the_tool_it_was_raised_in(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/stakeholders.py")
    at.sidebar.text_area(key="park_text").input("Keitä kaupungilta haastatellaan?")
    submit(at, "Park it")
    [item] = stored(data_dir, concept.id).parking_lot
    assert item.raised_in_step == "stakeholders" and item.owner == "" and item.due_date == ""


def test_an_empty_item_is_refused_and_nothing_is_stored(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/storyboard.py")
    submit(at, "Park it")
    assert any("Write the item first" in e.value for e in at.error)
    assert stored(data_dir, concept.id).parking_lot == []


def test_the_sidebar_panel_counts_open_items(data_dir):
    concept = Concept(name="Kulma", parking_lot=[ParkingLotItem(text="a"),
                                                 ParkingLotItem(text="b", status="dropped")])
    at = open_app_with(concept, data_dir)
    assert [e.label for e in at.sidebar.expander] == ["Parking lot & stop (1 open)"]


def test_a_parked_item_is_edited_and_resolved_on_the_list_page(data_dir):
    item = ParkingLotItem(text="Kaista?", raised_in_step="journey")
    concept = Concept(name="Kulma", parking_lot=[item])
    at = open_app_with(concept, data_dir, page="views/facilitation.py")
    assert any("Raised in: Customer journey" in c.value for c in at.caption)
    keyed(at.text_input, f"park.{item.id}.owner").input("Maija").run()
    keyed(at.date_input, f"park.{item.id}.due").set_value(date(2027, 1, 31)).run()
    keyed(at.selectbox, f"park.{item.id}.status").set_value("resolved").run()
    keyed(at.text_area, f"park.{item.id}.resolution").input("Kaista riittää 40:lle").run()
    assert not at.exception
    saved = stored(data_dir, concept.id).parking_lot[0]
    assert (saved.owner, saved.due_date, saved.status, saved.resolution) == (
        "Maija", "2027-01-31", "resolved", "Kaista riittää 40:lle")
    assert any(e.label.startswith("Resolved and dropped (1)") for e in at.expander)


def test_parked_and_stopped_items_are_removed_after_a_confirmation(data_dir):
    parked, kept = ParkingLotItem(text="Kaista?"), ParkingLotItem(text="Hinnat?")
    stopped = StopItem(text="Olutlista", reason="against_strategy")
    concept = Concept(name="Kulma", parking_lot=[parked, kept], stop_list=[stopped])
    make_exclusion(concept, stopped)
    at = open_app_with(concept, data_dir, page="views/facilitation.py")
    assert not at.exception
    # The remove buttons sit in "Remove" pop-overs that ask once more.
    at.button(key=f"remove.park.{parked.id}").click().run()
    at.button(key=f"remove.stop.{stopped.id}").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert [i.text for i in saved.parking_lot] == ["Hinnat?"]
    assert saved.stop_list == []
    assert [e.text for e in saved.description.exclusions] == ["Olutlista"]  # stays
    assert not [b for b in at.button if b.key == f"remove.park.{parked.id}"]


def test_the_list_page_without_items_says_how_to_add_them(data_dir):
    at = open_app_with(Concept(name="Kulma"), data_dir, page="views/facilitation.py")
    assert not at.exception
    assert any("Nothing is parked" in i.value for i in at.info)
    assert any("Nothing is stopped" in i.value for i in at.info)


def test_without_an_open_concept_the_sidebar_has_no_parking_panel(data_dir):
    at = start_app()
    assert not at.exception
    assert not [e for e in at.sidebar.expander if "Parking lot" in e.label]
