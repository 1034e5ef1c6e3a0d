"""AppTest: an item the AI wrote shows a small mark in its grid until the user edits its text
(issue 12, point 10); tables without such items do not change."""

import json

from streamlit.proto.WidgetStates_pb2 import WidgetState

from concept.ai.provenance import mark_draft
from concept.ai.targets import accept
from concept.samples import cafe_concept
from concept.ui import ai_marks
from tests.helpers import open_app_with, stored
from tests.pages.test_journey import open_stages

PAGE = "views/profiles.py"
AI_PAIN = "Ei löydä vapaata pistorasiaa"


def _columns(editor) -> dict:
    return json.loads(editor.proto.columns)


def send_edits(at, editor, changes: dict) -> None:
    """Rerun with `changes` in `editor`'s widget state, as the browser sends an edit.

    AppTest's data editors take no edits (assigning the edit state only seeds it, without the
    editor's on_change), so the widget state is added to the run's states directly."""
    states = at._tree.get_widget_states()
    # The editor sends its changes as a JSON string.
    states.widgets.append(WidgetState(id=editor.proto.id, string_value=json.dumps(changes)))
    at._run(widget_state=states)


def _marked_cafe():
    concept = cafe_concept()
    profile = concept.profiles[0]
    accept(concept, "profiles.pains", profile.id, AI_PAIN, model="fake-model")
    return concept, profile


def test_an_ai_written_pain_shows_the_mark_in_the_pains_grid_only(data_dir):
    concept, profile = _marked_cafe()
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    jobs, pains, gains = at.data_editor
    config = _columns(pains)[ai_marks.COLUMN]
    assert config["label"] == ai_marks.ICON and config["disabled"] is True
    shown = config["help"].replace("\\", "")  # the help is Markdown: the model is escaped
    assert shown.startswith("Written by AI (fake-model, ")
    assert "Edit the text to make it yours" in shown
    table = pains.value
    assert list(table["text"])[-1] == AI_PAIN
    assert list(table[ai_marks.COLUMN]) == ["", "", "", ai_marks.ICON]
    # Tables without AI-written rows look as before.
    for editor in (jobs, gains):
        assert ai_marks.COLUMN not in _columns(editor)
        assert ai_marks.COLUMN not in editor.value.columns


def test_the_mark_help_is_finnish_in_finnish(data_dir):
    concept, _ = _marked_cafe()
    at = open_app_with(concept, data_dir, page=PAGE, lang="fi")
    assert not at.exception
    help_text = _columns(at.data_editor[1])[ai_marks.COLUMN]["help"].replace("\\", "")
    assert help_text.startswith("Tekoälyn kirjoittama (fake-model, ")


def test_editing_the_text_in_the_grid_makes_the_mark_go_away(data_dir):
    concept, profile = _marked_cafe()
    accept(concept, "profiles.pains", profile.id, "Jonottaa kassalle", model="fake-model")
    at = open_app_with(concept, data_dir, page=PAGE)
    pains = at.data_editor[1]
    assert list(pains.value[ai_marks.COLUMN]) == ["", "", "", ai_marks.ICON, ai_marks.ICON]
    send_edits(at, pains, {"edited_rows": {"3": {"text": AI_PAIN + " läheltä"}},
                           "added_rows": [], "deleted_rows": []})
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert saved.profiles[0].pains[3].text == AI_PAIN + " läheltä"
    pains = at.data_editor[1]
    assert list(pains.value["text"])[3:] == [AI_PAIN + " läheltä", "Jonottaa kassalle"]
    # The edited pain is the user's own now; the other one is still the AI's.
    assert list(pains.value[ai_marks.COLUMN]) == ["", "", "", "", ai_marks.ICON]

    send_edits(at, pains, {"edited_rows": {"4": {"text": "Jonottaa kassalle pitkään"}},
                           "added_rows": [], "deleted_rows": []})
    assert not at.exception
    pains = at.data_editor[1]  # no AI-written rows left: the table is an ordinary one again
    assert ai_marks.COLUMN not in _columns(pains)
    assert ai_marks.COLUMN not in pains.value.columns


def _captions(at) -> list[str]:
    return [c.value.replace("\\", "") for c in at.caption]


def test_ai_written_lines_and_a_drafted_statement_get_a_caption_until_edited(data_dir):
    concept = cafe_concept()
    accept(concept, "value.reasons_to_believe", "", "Hiljainen sali", model="fake-model")
    drafted = "Etätyöläisille rauhallinen työpiste kahvilassa."
    concept.value_proposition.statement = drafted
    mark_draft(concept, "statement", drafted, "fake-model")
    at = open_app_with(concept, data_dir, page="views/value.py")
    assert not at.exception
    shown = _captions(at)
    assert any(c.startswith(f"{ai_marks.ICON} Written by AI: Hiljainen sali (fake-model, ")
               for c in shown), shown
    assert any(c.startswith(f"{ai_marks.ICON} Written by AI (fake-model, ") and
               c.endswith("not yet edited by you.") for c in shown), shown
    assert drafted not in " ".join(shown)  # the draft is in its text area, not repeated

    statement = next(w for w in at.text_area if w.key.endswith(".value.statement"))
    statement.input(drafted + " Oma lisäys.").run()
    assert not at.exception
    shown = _captions(at)
    assert not any("not yet edited by you." in c for c in shown), shown
    assert any("Hiljainen sali (fake-model" in c for c in shown), shown


def test_ai_written_weaknesses_are_named_under_the_competitors_table(data_dir):
    concept = cafe_concept()
    competitor = concept.competition.competitors[0]
    accept(concept, "competition.weaknesses", competitor.id, "Ei pistorasioita",
           model="fake-model")
    accept(concept, "competition.attributes", "", "Pistorasiat", model="fake-model")
    at = open_app_with(concept, data_dir, page="views/competition.py", lang="fi")
    assert not at.exception
    shown = _captions(at)
    assert any(c.startswith(f"{ai_marks.ICON} Tekoälyn kirjoittama, kohde ”{competitor.name}”: "
                            "Ei pistorasioita (fake-model, ") for c in shown), shown

    # The attributes table (with a score column per competitor) marks its AI-written row.
    attributes = at.data_editor[1]
    assert not at.exception
    assert list(attributes.value["name"])[-1] == "Pistorasiat"
    assert list(attributes.value[ai_marks.COLUMN])[-1] == ai_marks.ICON
    assert set(attributes.value[ai_marks.COLUMN][:-1]) == {""}


def test_an_ai_written_touchpoint_shows_the_mark_in_its_stage_table(data_dir):
    concept = cafe_concept()
    stage = concept.journeys[0].stages[2]
    accept(concept, "journey.touchpoints", stage.id, "Pistorasiakartta", model="fake-model")
    at = open_app_with(concept, data_dir, page="views/journey.py")
    open_stages(at, concept.journeys[0])
    assert not at.exception
    tables = list(at.data_editor)
    marked = [e for e in tables if ai_marks.COLUMN in _columns(e)]
    assert len(marked) == 1  # only the stage with the AI-written touchpoint
    assert list(marked[0].value["name"]) == ["Tervetulotoivotus tiskillä", "Pistorasiakartta"]
    assert list(marked[0].value[ai_marks.COLUMN]) == ["", ai_marks.ICON]
