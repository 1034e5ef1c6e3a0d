""""Take into the concept" (concept/live_take.py): chosen notes and clusters become the
concept's items with the workshop's mark; nothing unchosen enters."""

from __future__ import annotations

from datetime import date

import pytest

from concept import live
from concept.live import Activity, LiveStore
from concept.live_take import NEW, Targets, pieces, take
from concept.model import Concept, CustomerProfile, Journey, JourneyStage

TODAY = date(2026, 11, 27)


@pytest.fixture
def concept() -> Concept:
    concept = Concept(name="Kulma")
    stage = JourneyStage(name="Arrival")
    concept.journeys.append(Journey(stages=[stage]))
    concept.profiles.append(CustomerProfile(name="Commuter"))
    from concept import workshop as ws
    from concept.recipes import find

    ws.choose_recipe(concept, find("customers_and_paths"))
    return concept


def item_of(concept: Concept, tool: str) -> str:
    return next(i.id for i in concept.workshop.items if i.tool == tool)


def session_with(tmp_path, concept, tool, notes, mode="pairs_or_groups", stages=()):
    store = LiveStore(tmp_path)
    session = store.open_session(concept.id)
    store.set_activity(session.token, Activity(item_id=item_of(concept, tool), tool=tool,
                                               mode=mode, stages=stages))
    pid = store.join(session.token, session.code, "Anna", "")
    made = [store.add_note(session.token, pid, text, area) for area, text in notes]
    return store, store.session(session.token), made


def tools(concept: Concept) -> dict[str, str]:
    return {i.id: i.tool for i in concept.workshop.items}


def test_chosen_empathy_notes_go_to_their_areas_with_the_mark_and_the_rest_stays_out(
        tmp_path, concept):
    _, session, notes = session_with(tmp_path, concept, "empathy_map", [
        ("pain_points", "Queues"), ("experiences", "Rushed mornings"), ("pain_points", "Noise"),
        ("park", "Opening hours?"), ("stop", "Home delivery")])
    chosen = pieces(session, [notes[0].id, notes[1].id, notes[3].id, notes[4].id], [],
                    tools(concept))
    taken = take(concept, session, chosen, Targets(empathy_map=NEW), tools(concept), TODAY)
    assert len(taken) == 4
    [made] = concept.toolbox.empathy_maps
    assert made.pain_points == ["Queues"] and made.experiences == ["Rushed mornings"]
    assert "Noise" not in made.pain_points  # not chosen
    assert [p.text for p in concept.parking_lot] == ["Opening hours?"]
    assert concept.parking_lot[0].raised_in_step == "empathy_map"
    assert [s.text for s in concept.stop_list] == ["Home delivery"]
    marks = concept.workshop.live_marks
    assert {(m.target, m.text) for m in marks} == {
        ("empathy_map.pain_points", "Queues"), ("empathy_map.experiences", "Rushed mornings"),
        ("parking_lot", "Opening hours?"), ("stop_list", "Home delivery")}
    assert all(m.session == session.code and m.date == "2026-11-27" for m in marks)


def test_an_image_cluster_keeps_its_name_as_the_answers_group(tmp_path, concept):
    store, session, notes = session_with(tmp_path, concept, "image_goal", [
        ("always", "Answers within a day"), ("always", "Same person every time"),
        ("never", "Hidden fees")], mode="individual")
    token = session.token
    cluster = store.add_cluster(token, item_of(concept, "image_goal"), "always", "Reachable")
    store.assign(token, notes[0].id, cluster.id)
    store.assign(token, notes[1].id, cluster.id)
    session = store.session(token)
    chosen = pieces(session, [notes[2].id], [cluster.id], tools(concept))
    take(concept, session, chosen, Targets(), tools(concept), TODAY)
    answers = {(r.kind, r.text, r.group) for r in concept.toolbox.image_goal.responses}
    assert answers == {("always", "Answers within a day", "Reachable"),
                       ("always", "Same person every time", "Reachable"),
                       ("never", "Hidden fees", "")}


def test_journey_notes_become_touchpoints_on_their_stage(tmp_path, concept):
    stage = concept.journeys[0].stages[0]
    _, session, notes = session_with(tmp_path, concept, "journey",
                                     [(f"{live.STAGE}{stage.id}", "Door sign")],
                                     stages=((stage.id, "Arrival"),))
    take(concept, session, pieces(session, [notes[0].id], [], tools(concept)), Targets(),
         tools(concept), TODAY)
    [touchpoint] = concept.journeys[0].touchpoints
    assert touchpoint.stage_id == stage.id and touchpoint.name == "Door sign"
    assert concept.workshop.live_marks[0].item_id == touchpoint.id


def test_a_cluster_of_another_tool_enters_as_one_item_by_its_name(tmp_path, concept):
    store, session, notes = session_with(tmp_path, concept, "everyday_life", [
        ("habits", "Coffee at 7"), ("habits", "Bus at 7.30")])
    cluster = store.add_cluster(session.token, item_of(concept, "everyday_life"), "habits",
                                "Tight mornings")
    store.assign(session.token, notes[0].id, cluster.id)
    session = store.session(session.token)
    take(concept, session, pieces(session, [], [cluster.id], tools(concept)), Targets(),
         tools(concept), TODAY)
    [entry] = concept.toolbox.everyday_life
    assert entry.habits == ["Tight mornings"]


def test_removed_notes_and_pains_without_a_profile_do_not_enter(tmp_path, concept):
    store, session, notes = session_with(tmp_path, concept, "empathy_map",
                                         [("pain_points", "Personal data")])
    store.remove_note(session.token, notes[0].id)
    session = store.session(session.token)
    assert pieces(session, [notes[0].id], [], tools(concept)) == []
    concept.workshop.items[0].tool = "profiles"
    store.set_activity(session.token, Activity(item_id=concept.workshop.items[0].id,
                                               tool="profiles"))
    pid = next(iter(session.participants))
    pain = store.add_note(session.token, pid, "Too slow", "pains")
    session = store.session(session.token)
    chosen = pieces(session, [pain.id], [], tools(concept))
    assert take(concept, session, chosen, Targets(profile=""), tools(concept), TODAY) == []
    profile = concept.profiles[0]
    take(concept, session, chosen, Targets(profile=profile.id), tools(concept), TODAY)
    assert [p.text for p in profile.pains] == ["Too slow"]


HOSTILE = "<script>alert(1)</script> **lihava** [linkki](http://example.com)"


def test_hostile_notes_taken_into_the_concept_stay_text_in_the_exports(tmp_path, concept):
    from concept.export import export
    from tests.test_export_formats import parse_html

    _, session, notes = session_with(tmp_path, concept, "empathy_map", [
        ("pain_points", HOSTILE), ("park", HOSTILE)])
    take(concept, session, pieces(session, [n.id for n in notes], [], tools(concept)),
         Targets(), tools(concept), TODAY)
    raw = export(concept, "html", "fi")
    page = parse_html(raw)
    assert "script" not in page.tags and "a" not in page.tags
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    text = export(concept, "md", "fi").decode("utf-8")
    assert "<script>" not in text and "**lihava**" not in text and "[linkki](" not in text
    assert r"\<script\>alert\(1\)\</script\>" in text


def test_the_workshop_summary_lists_what_was_taken_with_its_mark_escaped(tmp_path, concept):
    from concept import workshop as ws

    _, session, notes = session_with(tmp_path, concept, "empathy_map",
                                     [("park", HOSTILE)])
    take(concept, session, pieces(session, [notes[0].id], [], tools(concept)), Targets(),
         tools(concept), TODAY)
    summary = ws.summary_markdown(concept, "en")
    assert "## Taken from the live workshop" in summary
    assert f"(session {session.code}, 2026-11-27)" in summary
    taken = summary.split("## Taken from the live workshop")[1]
    assert "<script>" not in taken and "[linkki](" not in taken
