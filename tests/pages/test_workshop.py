"""AppTest: choosing a recipe orders the navigation; the agenda's arithmetic and gates; the run
screen's timer keeps its state across reruns and reloads; the closing review."""

from __future__ import annotations

import pytest
import streamlit as st

from concept import workshop as ws
from concept.model import Concept, ContextTheme, CustomerProfile, StopItem
from concept.recipes import find
from concept.toolbox import WORKSHOP_PAGES
from tests.helpers import button, open_app_with, stored

AGENDA = "views/workshop/agenda.py"
RUN = "views/workshop/run.py"
REVIEW = "views/workshop/review.py"


def keyed(widgets, name: str):
    matches = [w for w in widgets if w.key and w.key.endswith(name)]
    assert matches, f"no widget key ending {name!r}: {[w.key for w in widgets]}"
    return matches[0]


def planned(key: str, concept: Concept | None = None) -> Concept:
    concept = concept or Concept(name="Kulma")
    ws.choose_recipe(concept, find(key))
    return concept


@pytest.fixture
def sections(monkeypatch):
    """The sections of the last st.navigation call, as {title: [url paths]}."""
    seen: dict[str, list[str]] = {}
    original = st.navigation

    def recording(pages, **kwargs):
        seen.clear()
        seen.update({title: [p.url_path for p in group] for title, group in pages.items()})
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return seen


def test_the_full_path_is_the_default(data_dir, sections):
    open_app_with(Concept(name="Kulma"), data_dir)
    assert list(sections) == ["Concept steps", "Toolbox", "Workshop", "More"]
    assert sections["Concept steps"][:3] == ["", "profiles", "journey"]  # "": the start page


def test_choosing_a_recipe_orders_the_sidebar_and_plans_the_agenda(data_dir, sections):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir)
    keyed(at.selectbox, "workshop.recipe").select("customers_and_paths").run()
    assert not at.exception
    assert list(sections) == ["Workshop: Customers and service paths", "More tools",
                              "Workshop", "More"]
    assert sections["Workshop: Customers and service paths"] == [
        "", "empathy_map", "everyday_life", "image_goal", "journey", "purchase",
        "relationships", "parking"]
    assert "profiles" in sections["More tools"] and "value" in sections["More tools"]
    saved = stored(data_dir, concept.id).workshop
    assert saved.recipe == "customers_and_paths"
    assert [i.tool for i in saved.items] == ["empathy_map", "everyday_life", "image_goal",
                                            "journey", "purchase", "relationships"]
    # Changeable later: back to the full path.
    keyed(at.selectbox, "workshop.recipe").select("").run()
    assert "Concept steps" in sections and stored(data_dir, concept.id).workshop.recipe == ""


@pytest.mark.parametrize("key", ["customers_and_paths", "value_proposition", "service_concept",
                                 "business_concept", "customer_insight"])
def test_every_recipe_can_be_picked_and_its_pages_open(data_dir, sections, key):
    concept = planned(key, Concept(name="Kulma"))
    at = open_app_with(concept, data_dir)
    path = next(iter(sections.values()))
    assert path[0] == "" and len(path) > 1  # the start page first, where the path is changed
    for page in (AGENDA, RUN):
        at.switch_page(page).run()
        assert not at.exception, page


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_agenda_arithmetic_groups_breaks_and_total(data_dir):
    concept = planned("customers_and_paths")
    at = open_app_with(concept, data_dir, page=AGENDA)
    assert not at.exception
    assert metric(at, "Work") == "3 h 20 min"
    assert metric(at, "Presentations") == "48 min"
    assert metric(at, "Net") == "4 h 8 min"
    assert metric(at, "Breaks") == "40 min"
    assert metric(at, "Total") == "4 h 48 min"
    keyed(at.number_input, "ws.groups").set_value(2).run()
    assert metric(at, "Presentations") == "24 min"
    assert stored(data_dir, concept.id).workshop.groups == 2
    first = concept.workshop.items[0].id
    at.toggle(key="ws.edit").set_value(True).run()
    keyed(at.selectbox, f"ws.{first}.break").select("yes").run()
    assert stored(data_dir, concept.id).workshop.items[0].break_after == "yes"
    table = at.dataframe[0].value
    assert list(table["Activity"][:3]) == ["Empathy map", "Break", "Everyday life"]
    assert table["Time"][0] == "09:00" and table["Time"][2] == "09:40"


def test_agenda_items_can_be_reordered_retimed_and_saved_as_own(data_dir):
    concept = planned("customers_and_paths")
    at = open_app_with(concept, data_dir, page=AGENDA)
    second = concept.workshop.items[1].id
    at.toggle(key="ws.edit").set_value(True).run()
    keyed(at.button, f"ws.{second}.up").click().run()
    keyed(at.number_input, f"ws.{second}.minutes").set_value(20).run()
    saved = stored(data_dir, concept.id).workshop
    assert saved.items[0].tool == "everyday_life" and saved.items[0].minutes == 20
    keyed(at.text_input, "ws.own_name").input("Oulun päivä").run()
    button(at, "Save as my recipe").click().run()
    assert not at.exception
    own = stored(data_dir, concept.id).workshop.recipe
    assert own.startswith("own_")
    recipe = find(own, data_dir)
    assert recipe.activities[0].tool == "everyday_life"
    assert recipe.activities[0].work_range == (20, 20)
    assert "Oulun päivä" in keyed(at.selectbox, "workshop.recipe").options


def test_gates_show_what_is_missing_before_the_day(data_dir):
    concept = planned("value_proposition")
    at = open_app_with(concept, data_dir, page=AGENDA)
    # Something to prepare, not an alarm: a status box (st.info), never role="alert".
    assert not at.warning
    missing = [i.value for i in at.info]
    assert any("customer profile" in w for w in missing)
    assert any("context analysis" in w for w in missing)
    ready = planned("value_proposition", Concept(
        name="Valmis", profiles=[CustomerProfile(name="Eero")],
        toolbox={"context_themes": [ContextTheme(name="Työrauha")]}))
    at = open_app_with(ready, data_dir, page=AGENDA)
    assert not at.warning
    assert len(at.success) == 2


def test_the_timer_keeps_its_state_across_reruns_and_reloads(data_dir):
    concept = planned("customers_and_paths")
    at = open_app_with(concept, data_dir, page=RUN)
    assert not at.exception
    assert at.header[0].value == "Empathy map"
    button(at, "Start").click().run()
    running = stored(data_dir, concept.id).workshop
    assert running.timer_started_at is not None and running.started_at is not None
    at.run()  # a rerun keeps it running
    assert button(at, "Pause") and stored(data_dir, concept.id).workshop.timer_started_at
    button(at, "+5 min").click().run()
    button(at, "Pause").click().run()
    paused = stored(data_dir, concept.id).workshop
    assert paused.timer_started_at is None and paused.timer_extra_minutes == 5
    # A reload: a new session opens the concept from the address, the timer still paused.
    again = open_app_with(concept, data_dir, page=RUN)
    assert button(again, "Start")
    assert any("Paused · planned 35 min" in c.value for c in again.caption)
    button(again, "Next").click().run()
    moved = stored(data_dir, concept.id).workshop
    assert moved.current == 1 and moved.items[0].finished_at is not None
    assert again.header[0].value == "Everyday life"
    # The empathy map it builds on is shown read-only.
    assert any("Builds on: Empathy map" in e.label for e in again.expander)


def test_planned_and_actual_times_on_the_agenda(data_dir):
    concept = planned("customers_and_paths")
    at = open_app_with(concept, data_dir, page=RUN)
    button(at, "Start").click().run()
    button(at, "Next").click().run()
    at.switch_page(AGENDA).run()
    table = at.dataframe[0].value
    assert table["Actual"][0].endswith("min") and table["Actual"][1] == ""


def test_the_run_screen_takes_notes(data_dir):
    concept = planned("customers_and_paths")
    at = open_app_with(concept, data_dir, page=RUN)
    item = concept.workshop.items[0].id
    keyed(at.text_input, f"ws.note.{item}").input("Rauha on tärkeää").run()
    button(at, "Add").click().run()
    notes = stored(data_dir, concept.id).workshop.notes
    assert [(n.text, n.item_id) for n in notes] == [("Rauha on tärkeää", item)]


def test_closing_review_confirms_stops_and_offers_the_summary(data_dir):
    concept = planned("customers_and_paths")
    concept.stop_list.append(StopItem(text="Alkoholi", reason="against_strategy"))
    at = open_app_with(concept, data_dir, page=REVIEW)
    assert not at.exception
    button(at, "Make it an exclusion").click().run()
    assert [e.text for e in stored(data_dir, concept.id).description.exclusions] == [
        "Alkoholi"]
    at.run()
    assert any("Every stopped item" in s.value for s in at.success)
    assert any(b.label.startswith("Download the summary") for b in at.get("download_button"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_workshop_pages_open_with_the_cafe_sample(data_dir, cafe, lang):
    planned("customers_and_paths", cafe)
    at = open_app_with(cafe, data_dir, lang=lang)
    for page in WORKSHOP_PAGES:
        at.switch_page(page.page).run()
        assert not at.exception, page.key
        assert not [m for m in at.markdown if m.value.startswith(("tool.", "workshop."))]


# --- the extended tools the recipes need (methodology §5.9) -----------------------------------


def test_channels_page_saves_a_role(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/channels.py")
    button(at, "Add a channel").click().run()
    role = stored(data_dir, concept.id).toolbox.channel_roles[0]
    keyed(at.selectbox, f"channel.{role.id}.channel").select("web").run()
    keyed(at.text_area, f"channel.{role.id}.role").input("Varaukset").run()
    assert not at.exception
    saved = stored(data_dir, concept.id).toolbox.channel_roles[0]
    assert (saved.channel, saved.role) == ("web", "Varaukset")


def test_ecosystem_page_saves_an_actor_and_says_when_it_has_two_roles(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/ecosystem.py")
    button(at, "Add an actor").click().run()
    actor = stored(data_dir, concept.id).toolbox.ecosystem[0]
    keyed(at.text_input, f"actor.{actor.id}.name").input("Kauppa").run()
    keyed(at.text_area, f"actor.{actor.id}.roles").input("myyjä\nkumppani").run()
    assert stored(data_dir, concept.id).toolbox.ecosystem[0].roles == ["myyjä", "kumppani"]
    assert any("more than one role" in i.value for i in at.info)


def test_positioning_page_places_points_and_draws_the_map(data_dir):
    concept = Concept(name="Kulma")
    at = open_app_with(concept, data_dir, page="views/tools/positioning.py")
    keyed(at.text_input, "position.x_label").input("Hinta").run()
    button(at, "Add to the map").click().run()
    point = stored(data_dir, concept.id).toolbox.positioning.points[0]
    keyed(at.slider, f"point.{point.id}.x").set_value(0.8).run()
    assert not at.exception
    saved = stored(data_dir, concept.id).toolbox.positioning
    assert saved.x_label == "Hinta" and saved.points[0].x == 0.8
    assert at.get("vega_lite_chart")


def test_the_value_workshop_links_its_extended_activities_to_their_pages(data_dir):
    concept = planned("value_proposition")
    concept.workshop.current = 4  # the operating environment
    at = open_app_with(concept, data_dir, page=RUN)
    assert at.header[0].value == "Operating environment"
    links = {p.proto.label: p.proto.page for p in at.get("page_link")}
    assert links["Write the results: Operating environment"] == "ecosystem"
