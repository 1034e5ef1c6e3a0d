"""The workshop's logic: recipe order in the navigation, agenda arithmetic, gates, the timer."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from concept import workshop as ws
from concept.model import Concept, ContextTheme, CustomerProfile, ParkingLotItem, Stakeholder
from concept.recipes import find
from concept.steps import STEP_KEYS
from concept.toolbox import TOOL_KEYS

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def planned(key: str) -> Concept:
    concept = Concept(name="Kulma")
    ws.choose_recipe(concept, find(key))
    return concept


def test_the_recipe_orders_the_pages_and_leaves_the_rest_as_more_tools():
    known = [*STEP_KEYS, *TOOL_KEYS]
    ordered, rest = ws.page_order(find("customers_and_paths"), known)
    assert ordered == ["empathy_map", "everyday_life", "image_goal", "journey", "purchase",
                       "relationships", "parking"]  # "stop" leads to the parking page
    assert rest == [k for k in known if k not in ordered]
    # The business guide puts relationships after the value proposition (§2.1 observation 3).
    ordered, _ = ws.page_order(find("business_concept"), known)
    assert ordered.index("relationships") > ordered.index("value")


def test_without_a_recipe_the_full_path_stays():
    known = [*STEP_KEYS, *TOOL_KEYS]
    assert ws.page_order(None, known) == (known, [])


def test_customers_and_paths_with_four_groups_is_about_four_hours_net():
    workshop = planned("customers_and_paths").workshop
    assert workshop.groups == 4
    totals = ws.totals(workshop)
    assert totals.work == 200
    assert totals.presentations == 3 * 4 * 4  # three rounds, 4 groups × 4 min
    assert 225 <= totals.net <= 255  # §8.1: "≈ 4 h net"
    # §8.1: "about 4.5–5 h with breaks"
    assert 270 <= totals.total <= 300
    assert totals.breaks == 10 * sum(1 for s in ws.schedule(workshop) if s.kind == "break")


def test_groups_change_the_presentation_rounds():
    workshop = planned("customers_and_paths").workshop
    workshop.groups = 2
    assert ws.totals(workshop).presentations == 3 * 2 * 4


def test_no_stretch_runs_past_the_break_rule_unless_one_activity_does():
    workshop = planned("customers_and_paths").workshop
    since = 0
    for slot in ws.schedule(workshop):
        since = 0 if slot.kind == "break" else since + slot.minutes
        assert since <= workshop.break_every or slot.minutes > workshop.break_every


def test_a_break_can_be_moved():
    workshop = planned("customers_and_paths").workshop
    before = [s.item.tool for s in _before_breaks(workshop)]
    workshop.items[0].break_after = "yes"
    workshop.items[1].break_after = "no"
    after = [s.item.tool for s in _before_breaks(workshop)]
    assert before[0] == "everyday_life" and after[0] == "empathy_map"
    assert "everyday_life" not in after


def _before_breaks(workshop):
    slots = ws.schedule(workshop)
    return [slots[i - 1] for i, s in enumerate(slots) if s.kind == "break"]


def test_clock_times_follow_the_start_time():
    workshop = planned("customers_and_paths").workshop
    workshop.start_time = "08:30"
    slots = ws.schedule(workshop)
    assert ws.clock_time(workshop, slots[0].start) == "08:30"
    assert ws.clock_time(workshop, slots[1].start) == "09:00"  # the empathy map takes 30 min
    workshop.start_time = "kahdeksan"
    assert ws.clock_time(workshop, 0) == "09:00"


def test_reorder_and_drop_and_the_edited_recipe():
    concept = planned("customers_and_paths")
    workshop = concept.workshop
    first = workshop.items[0]
    ws.move(workshop, first.id, 1)
    assert workshop.items[1].id == first.id
    ws.drop(workshop, first.id)
    workshop.items[0].minutes = 40
    edited = ws.edited_recipe(find("customers_and_paths"), workshop)
    timed = [a for a in edited.activities if not a.throughout]
    assert [a.tool for a in timed][:2] == ["everyday_life", "image_goal"]
    assert timed[0].work_range == (40, 40)
    assert timed[1].rounds == 2  # untouched: still two rounds of ten minutes
    assert [a.tool for a in edited.activities if a.throughout] == ["parking", "stop"]


def test_gates_of_the_value_proposition_workshop():
    concept = planned("value_proposition")
    recipe = find("value_proposition")
    assert [(g.what, g.met) for g in ws.gates(concept, recipe)] == [
        ("profiles", False), ("context_themes", False)]
    concept.profiles.append(CustomerProfile(name="Etätyöläinen"))
    concept.toolbox.context_themes.append(ContextTheme(name="Työrauha"))
    assert all(g.met for g in ws.gates(concept, recipe))


def test_gate_of_the_insight_guide_counts_planned_interviews():
    concept = planned("customer_insight")
    recipe = find("customer_insight")
    concept.toolbox.stakeholders.append(Stakeholder(name="Asiakkaat", planned_interviews=6))
    assert [(g.needed, g.have, g.met) for g in ws.gates(concept, recipe)] == [(10, 6, False)]
    concept.toolbox.stakeholders.append(Stakeholder(name="Kumppanit", planned_interviews=4))
    assert ws.gates(concept, recipe)[0].met


def test_the_timer_counts_down_pauses_and_moves_on():
    concept = planned("customers_and_paths")
    workshop = concept.workshop
    ws.start(workshop, concept, T0)
    assert ws.is_running(workshop) and workshop.started_at == T0
    assert ws.remaining_seconds(workshop, T0 + timedelta(minutes=5)) == 25 * 60
    ws.pause(workshop, T0 + timedelta(minutes=5))
    # Paused: time passing does not count.
    assert ws.remaining_seconds(workshop, T0 + timedelta(hours=1)) == 25 * 60
    ws.add_minutes(workshop, 5)
    ws.start(workshop, concept, T0 + timedelta(hours=1))
    assert ws.remaining_seconds(workshop, T0 + timedelta(hours=1, minutes=10)) == 20 * 60
    ws.next_activity(workshop, T0 + timedelta(hours=1, minutes=10))
    first = workshop.items[0]
    assert first.elapsed_seconds == 15 * 60 and ws.actual_minutes(first) == 15
    assert workshop.current == 1 and not ws.is_running(workshop)
    assert workshop.timer_extra_minutes == 0 and workshop.timer_banked == 0
    assert ws.remaining_seconds(workshop, T0 + timedelta(hours=2)) == 30 * 60


def test_running_over_shows_a_negative_countdown():
    assert ws.countdown_text(-75) == "-01:15"
    assert ws.countdown_text(30 * 60) == "30:00"


def test_the_last_next_closes_the_workshop():
    concept = planned("customers_and_paths")
    workshop = concept.workshop
    for _ in workshop.items:
        ws.next_activity(workshop, T0)
    assert workshop.finished_at == T0 and ws.current_item(workshop) is None


def test_the_summary_lists_times_parked_items_and_changes():
    concept = planned("customers_and_paths")
    workshop = concept.workshop
    ws.start(workshop, concept, T0)
    ws.add_note(workshop, workshop.items[0].id, "  Asiakas haluaa rauhaa  ", "facilitator")
    concept.parking_lot.append(ParkingLotItem(text="Hinnoittelu?", owner="Sari",
                                              due_date="2026-04-01"))
    concept.profiles.append(CustomerProfile(name="Eero"))
    ws.next_activity(workshop, T0 + timedelta(minutes=28))
    text = ws.summary_markdown(concept, "fi")
    assert "Empatiakartta: suunniteltu 30 min, kesto 28 min" in text
    assert "Asiakas haluaa rauhaa" in text
    assert "Hinnoittelu? (vastuuhenkilö: Sari, määräpäivä: 2026-04-01)" in text
    assert "Asiakasprofiilit: 0 → 1" in text
    assert "Arkipäivä: suunniteltu 30 min, ei tehty" in text


def test_an_empty_note_is_not_added():
    workshop = planned("customers_and_paths").workshop
    assert ws.add_note(workshop, workshop.items[0].id, "   ", "facilitator") is None
    assert workshop.notes == []


def test_choosing_the_full_path_empties_the_agenda():
    concept = planned("customers_and_paths")
    ws.choose_recipe(concept, None)
    assert concept.workshop.recipe == "" and concept.workshop.items == []


def test_a_file_from_before_workshops_loads_unchanged():
    from concept.transfer import concept_from_json, concept_to_json

    data = json.loads(concept_to_json(Concept(name="Vanha")))
    del data["workshop"]
    for name in ("channel_roles", "ecosystem", "positioning"):
        del data["toolbox"][name]
    loaded = concept_from_json(json.dumps(data).encode(), "fi")
    assert loaded.workshop.recipe == "" and loaded.workshop.items == []
    assert loaded.toolbox.channel_roles == [] and loaded.toolbox.positioning.points == []
