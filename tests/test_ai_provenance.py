"""Marks on what the AI wrote: added with the model and date, gone once the user edits the
text, listed in the draft document's appendix, and old files load without them."""

from __future__ import annotations

from concept import ai
from concept.document import Table, build_document
from concept.model import Concept
from concept.samples import cafe_concept
from concept.transfer import concept_from_json, concept_to_json


def _rows(document, key: str = "findings") -> list[list[str]]:
    section = next((s for s in document.sections if s.key == key), None)
    return [row for block in (section.blocks if section else []) if isinstance(block, Table)
            for row in block.rows]


def test_an_accepted_suggestion_carries_the_ai_mark_with_model_and_date():
    concept = cafe_concept()
    profile = concept.profiles[0]
    ai.accept(concept, "profiles.pains", profile.id, "Jonot kassalla", model="llama3.1:8b")
    pain = profile.pains[-1]
    found = ai.is_ai_written(concept, pain)
    assert found is not None
    assert (found.source, found.model, found.text) == ("ai", "llama3.1:8b", "Jonot kassalla")
    assert found.added.date() is not None


def test_editing_the_text_makes_the_item_the_users_own():
    concept = cafe_concept()
    profile = concept.profiles[0]
    ai.accept(concept, "profiles.pains", profile.id, "Jonot kassalla", model="m")
    profile.pains[-1].text = "Jonot kassalla aamuisin"
    assert ai.is_ai_written(concept, profile.pains[-1]) is None
    assert ai.live_marks(concept) == []
    assert ai.prune(concept) and concept.ai_marks == []


def test_a_plain_line_and_a_drafted_field_are_marked_until_edited():
    concept = cafe_concept()
    horizon = concept.experience.horizons[0]
    ai.accept(concept, "experience.delight_moments", horizon.id, "Nimellä tervehtiminen",
              model="m")
    concept.description.short_description = "Kahvila etätyöläisille."
    ai.mark_draft(concept, "description", "Kahvila etätyöläisille.", "m")
    assert {m.target for m in ai.live_marks(concept)} == {"experience.delight_moments",
                                                          "value.description"}
    horizon.delight_moments = ["Nimellä tervehtiminen ja hymy"]
    concept.description.short_description = "Oma teksti."
    assert ai.live_marks(concept) == []


def test_suggestions_without_a_model_add_no_mark():
    concept = cafe_concept()
    ai.accept(concept, "value.reasons_to_believe", "", "Oma leipomo")
    assert concept.ai_marks == []


def test_the_draft_documents_appendix_lists_ai_written_items_and_the_final_does_not():
    concept = cafe_concept()
    ai.accept(concept, "profiles.gains", concept.profiles[0].id, "Rauhallinen nurkka",
              model="qwen2.5:7b")
    rows = _rows(build_document(concept, "fi", variant="draft"))
    assert any("Rauhallinen nurkka" in row and "qwen2.5:7b" in row[2] for row in rows)
    assert not any("Rauhallinen nurkka" in row
                   for row in _rows(build_document(concept, "fi", variant="final")))
    concept.profiles[0].gains[-1].text = "Rauhallinen nurkka ikkunan vieressä"
    assert not any("Rauhallinen nurkka" in row
                   for row in _rows(build_document(concept, "fi", variant="draft")))


def test_marks_survive_export_and_old_files_load_without_them():
    concept = cafe_concept()
    ai.accept(concept, "profiles.jobs", concept.profiles[0].id, "Keskittyä", model="m")
    again = concept_from_json(concept_to_json(concept))
    assert [m.text for m in again.ai_marks] == ["Keskittyä"]
    old = Concept.model_validate({"name": "Vanha"})
    assert old.ai_marks == []
