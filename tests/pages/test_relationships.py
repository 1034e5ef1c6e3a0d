"""AppTest: the relationships step is filled in, survives reruns, page switches and the store."""

from concept.model import Concept, Journey, PersonInvolved, Relationship, Touchpoint
from tests.helpers import open_app_with, stored

PAGE = "views/relationships.py"


def widget(elements, suffix: str):
    matches = [w for w in elements if w.key and w.key.endswith(suffix)]
    assert matches, f"no widget with key ending {suffix!r}"
    return matches[0]


def test_relationship_fields_save_and_survive_rerun_switch_and_reload(data_dir):
    concept = Concept(name="Suhde")
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    widget(at.multiselect, "relationships.types").set_value(["personal", "community"]).run()
    widget(at.button_group, "relationships.closeness").set_value(4).run()
    widget(at.selectbox, "relationships.duration").set_value("continuous").run()
    widget(at.selectbox, "relationships.frequency").set_value("weekly").run()
    widget(at.text_area, "relationships.rationale").input("Tunnemme vakioasiakkaat.")
    widget(at.text_area, "relationships.honesty").input("Kaksi työntekijää.")
    widget(at.text_area, "relationships.impact_journey").input("Vastaanotto joka kerta.")
    widget(at.text_area, "relationships.impact_purchase").input("Työnantajalle lasku.")
    at.run()
    assert not at.exception

    rel = stored(data_dir, concept.id).relationship
    assert rel.types == ["personal", "community"]
    assert (rel.closeness, rel.duration, rel.contact_frequency) == (4, "continuous", "weekly")
    assert rel.rationale_for_value_proposition == "Tunnemme vakioasiakkaat."
    assert rel.honesty_note == "Kaksi työntekijää."
    assert rel.impact_on_journey == "Vastaanotto joka kerta."
    assert rel.impact_on_purchase == "Työnantajalle lasku."

    at.run()
    assert widget(at.button_group, "relationships.closeness").value == 4
    at.switch_page("views/start.py").run()
    at.switch_page(PAGE).run()
    assert widget(at.multiselect, "relationships.types").value == ["personal", "community"]
    assert widget(at.text_area, "relationships.rationale").value == "Tunnemme vakioasiakkaat."

    again = open_app_with(concept, data_dir, page=PAGE)
    assert widget(again.selectbox, "relationships.duration").value == "continuous"
    # A community with no social channel in the journey: gentle advice, not a blocker.
    assert any("community" in i.value for i in again.info)


def test_important_person_is_marked_in_journey_touchpoints(data_dir):
    tp = Touchpoint(name="Lasku työnantajalle", purchase_stage_keys=["decide"])
    concept = Concept(name="Ihmiset", journeys=[Journey(profile_id="p", touchpoints=[tp])])
    concept.relationship = Relationship(
        types=["personal"], closeness=3, duration="medium", rationale_for_value_proposition="x",
        people=[PersonInvolved(role="payer", description="Työnantaja", influence=5)])
    at = open_app_with(concept, data_dir, page=PAGE)
    assert any("Työnantaja" in w.value for w in at.info)
    widget(at.multiselect, "relationships.role.payer.touchpoints").set_value([tp.id]).run()
    assert stored(data_dir, concept.id).all_touchpoints()[0].involved_roles == ["payer"]
    assert not any("Työnantaja" in w.value for w in at.info)


def test_page_reads_in_finnish_with_closeness_anchors(data_dir):
    at = open_app_with(Concept(name="Kieli"), data_dir, page=PAGE, lang="fi")
    assert at.title[0].value == "Asiakassuhteet"
    closeness = widget(at.button_group, "relationships.closeness")
    assert closeness.label == "Tiiviys"
