"""AppTest: a finding becomes a development action with one click, is edited on the actions page
and reaches the Markdown export (Draft and Final) under "Development actions"."""

from __future__ import annotations

from concept.export import export
from concept.model import Concept, CustomerProfile, DevelopmentAction
from tests.helpers import button, open_app_with, stored

VALUE_PAGE = "views/value.py"
ACTIONS_PAGE = "views/actions.py"
HEALTH_PAGE = "views/health.py"
EXCLUSIONS_ADVICE = ("Nothing is excluded yet. Saying what does not belong to the concept makes "
                     "it clearer.")


def concept_with_advice() -> Concept:
    concept = Concept(name="Kulma", profiles=[CustomerProfile(
        name="Etätyöläinen", is_primary=True)])
    concept.value_proposition.key_promise = "Paikkasi odottaa."
    return concept


def widget(elements, suffix: str):
    matches = [w for w in elements if w.key and w.key.endswith(suffix)]
    assert matches, f"no widget with key ending {suffix!r}"
    return matches[0]


def test_a_finding_becomes_an_action_and_reaches_the_markdown_export(data_dir):
    concept = concept_with_advice()
    at = open_app_with(concept, data_dir, page=VALUE_PAGE)
    assert not at.exception
    assert EXCLUSIONS_ADVICE in [box.value for box in at.info]
    before = len([b for b in at.button if b.label == "Make an action"])
    assert before >= 1
    # The V-03 advice is the first on the page's list (gaps come first).
    button(at, "Make an action").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert [a.text for a in saved.actions] == [EXCLUSIONS_ADVICE]
    action = saved.actions[0]
    assert (action.source_check_id, action.source_step, action.priority, action.status) == (
        "V-03", "value", 5, "open")
    # Made once: the finding now says where it went instead of offering it again.
    assert len([b for b in at.button if b.label == "Make an action"]) == before - 1
    assert any("In development actions" in c.value for c in at.caption)

    # On the actions page: edit the text, name an owner.
    at.switch_page(ACTIONS_PAGE).run()
    assert not at.exception
    widget(at.text_area, f"action.{action.id}.text").input(
        "Kirjoita rajaukset: ei olutlistaa").run()
    widget(at.text_input, f"action.{action.id}.owner").input("Maija").run()
    saved = stored(data_dir, concept.id)
    assert (saved.actions[0].text, saved.actions[0].owner) == (
        "Kirjoita rajaukset: ei olutlistaa", "Maija")

    for variant in ("draft", "final"):
        markdown = export(saved, "md", "en", variant=variant).decode("utf-8")
        assert "## Development actions" in markdown, variant
        assert "Kirjoita rajaukset: ei olutlistaa" in markdown and "Maija" in markdown
    finnish = export(saved, "md", "fi", variant="final").decode("utf-8")
    assert "## Kehitystoimenpiteet" in finnish and "Avoin" in finnish


def test_actions_from_concept_health_too(data_dir):
    concept = concept_with_advice()
    at = open_app_with(concept, data_dir, page=HEALTH_PAGE)
    assert not at.exception
    made = [b for b in at.button if b.label == "Make an action"]
    assert made
    made[0].click().run()
    assert not at.exception
    assert len(stored(data_dir, concept.id).actions) == 1


def test_the_list_sorts_filters_and_takes_typed_actions(data_dir):
    concept = Concept(name="Kulma", actions=[
        DevelopmentAction(text="Soita Kallelle", owner="Kalle", priority=2),
        DevelopmentAction(text="Tilaa kyltti", owner="Maija", priority=5),
        DevelopmentAction(text="Valmis jo", priority=4, status="done"),
    ])
    at = open_app_with(concept, data_dir, page=ACTIONS_PAGE)
    assert not at.exception

    def shown() -> list[str]:
        return [a.value for a in at.text_area if a.key and a.key.endswith(".text")]

    # Open and in-progress ones, most urgent first.
    assert shown() == ["Tilaa kyltti", "Soita Kallelle"]
    at.segmented_control(key="actions_sort").set_value("owner").run()
    assert shown() == ["Soita Kallelle", "Tilaa kyltti"]
    at.multiselect(key="actions_status_filter").set_value(["done"]).run()
    assert shown() == ["Valmis jo"]
    at.multiselect(key="actions_status_filter").set_value(["open", "done"]).run()
    at.selectbox(key="actions_owner_filter").set_value("Maija").run()
    assert shown() == ["Tilaa kyltti"]

    at.text_input(key="actions_new_text").input("Kysy hintaa")
    button(at, "Add").click().run()
    assert not at.exception
    assert [a.text for a in stored(data_dir, concept.id).actions][-1] == "Kysy hintaa"


def test_each_make_an_action_button_is_named_after_its_advice(data_dir):
    """Several "Make an action" buttons on one page: each gets its advice in its accessible name
    (the visible label first), so a screen reader's list of buttons tells them apart."""
    at = open_app_with(concept_with_advice(), data_dir, page=HEALTH_PAGE)
    assert not at.exception
    keys = [b.key for b in at.button if b.label == "Make an action"]
    assert len(keys) >= 2
    script = "".join(h.proto.body for h in at.get("html"))
    names = [name for name in script.split('"') if name.startswith("Make an action: ")]
    assert len(set(names)) == len(keys)
    assert f"Make an action: {EXCLUSIONS_ADVICE[:60]}" in script
