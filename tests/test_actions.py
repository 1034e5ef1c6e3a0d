"""Development actions (methodology §6.3): made from findings once, sorted, filtered, and listed
in the document in both variants."""

from datetime import UTC, datetime

import pytest

from concept.actions import (
    action_for,
    add_action,
    filtered,
    for_document,
    owners,
    remove_action,
    sorted_actions,
)
from concept.checks.base import Finding
from concept.document import build_document
from concept.model import Concept, DevelopmentAction

GAP = Finding("V-03", "gap", "value", "value.check.v03")
NOTE = Finding("P-04", "info", "profiles", "profiles.check.underserved",
               {"profile": "Etätyöläinen", "jobs": "Keskittyä"})


def test_a_finding_becomes_an_action_in_the_users_language_once():
    concept = Concept()
    action = add_action(concept, GAP, "fi")
    assert action.text == GAP.message("fi")
    assert (action.source_check_id, action.source_step, action.priority) == ("V-03", "value", 5)
    assert add_action(concept, GAP, "en") is action
    assert len(concept.actions) == 1
    assert action_for(concept, NOTE) is None
    assert add_action(concept, NOTE, "en").priority == 3
    remove_action(concept, action.id)
    assert action_for(concept, GAP) is None


def test_the_same_check_with_other_details_is_another_action():
    concept = Concept()
    other = Finding("P-04", "info", "profiles", "profiles.check.underserved",
                    {"profile": "Perhe", "jobs": "Syödä"})
    add_action(concept, NOTE, "en")
    add_action(concept, other, "en")
    assert len(concept.actions) == 2


def actions() -> list[DevelopmentAction]:
    day = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        DevelopmentAction(text="a", owner="Maija", priority=2, created_at=day.replace(day=1)),
        DevelopmentAction(text="b", owner="", priority=5, created_at=day.replace(day=3)),
        DevelopmentAction(text="c", owner="kalle", priority=4, status="done",
                          created_at=day.replace(day=2)),
        DevelopmentAction(text="d", owner="Maija", priority=5, status="dropped",
                          created_at=day.replace(day=4)),
    ]


@pytest.mark.parametrize(("by", "order"), [
    ("priority", "bdca"), ("status", "bacd"), ("owner", "cdab"), ("newest", "dbca")])
def test_actions_sort_by_the_users_choice(by, order):
    assert "".join(a.text for a in sorted_actions(actions(), by)) == order


def test_actions_filter_by_status_and_owner():
    items = actions()
    assert [a.text for a in filtered(items, ["open"])] == ["a", "b"]
    assert [a.text for a in filtered(items, None, "Maija")] == ["a", "d"]
    assert [a.text for a in filtered(items, ["open", "dropped"], "Maija")] == ["a", "d"]
    assert owners(items) == ["kalle", "Maija"]


def test_the_document_lists_actions_in_draft_and_final_without_dropped_ones():
    concept = Concept(name="Kulma", actions=actions())
    assert [a.text for a in for_document(concept)] == ["b", "a", "c"]
    for variant in ("draft", "final"):
        for lang, title in (("fi", "Kehitystoimenpiteet"), ("en", "Development actions")):
            section = build_document(concept, lang, variant=variant).section("actions")
            assert section is not None and section.title == title
            rows = section.blocks[0].rows
            assert [row[0] for row in rows] == ["b", "a", "c"]
    finnish = build_document(concept, "fi", variant="final").section("actions").blocks[0]
    assert finnish.rows[2][-1] == "Tehty" and finnish.rows[0][2] == "5/5"


def test_no_actions_no_section():
    assert build_document(Concept(name="Kulma"), "en").section("actions") is None


def test_the_value_section_shows_the_scored_quality_self_check():
    concept = Concept(name="Kulma")
    concept.value_proposition.key_promise = "Rauhaa"
    concept.value_proposition.quality_self_check.hard_to_copy = 2
    section = build_document(concept, "en").section("value")
    tables = [b for b in section.blocks if hasattr(b, "rows")]
    assert tables[-1].rows == [["Is difficult to copy", "2/5"]]
    assert build_document(Concept(name="Kulma"), "en").section("value") is None
