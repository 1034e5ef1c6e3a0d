"""AppTest: the experience step is filled in, survives reruns, page switches and the store."""

from concept.model import Concept, Journey, Touchpoint
from tests.helpers import open_app_with, stored

PAGE = "views/experience.py"


def widget(elements, suffix: str):
    matches = [w for w in elements if w.key and w.key.endswith(suffix)]
    assert matches, f"no widget with key ending {suffix!r}"
    return matches[0]


def test_horizon_fields_save_at_once_and_survive_rerun_switch_and_reload(data_dir):
    concept = Concept(name="Kokemus")
    first = concept.experience.horizons[0]
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    widget(at.text_area, f"{first.id}.essentials").input("Lämmin vastaanotto\nPöytä valmiina")
    widget(at.text_area, f"{first.id}.target").input("Tunnen olevani odotettu.")
    widget(at.text_input, f"{first.id}.label").input("Ensikäynti")
    at.run()
    widget(at.selectbox, f"{first.id}.rating").set_value(2)
    widget(at.text_area, f"{first.id}.delight").input("Nimi muistetaan")
    widget(at.text_area, f"{first.id}.churn").input("Ei paikkaa")
    at.run()
    widget(at.radio, "experience.pattern").set_value("deepening").run()
    assert not at.exception

    saved = stored(data_dir, concept.id).experience
    assert saved.horizons[0].essentials == ["Lämmin vastaanotto", "Pöytä valmiina"]
    assert saved.horizons[0].target_experience == "Tunnen olevani odotettu."
    assert saved.horizons[0].label == "Ensikäynti"
    assert saved.horizons[0].target_rating == 2
    assert saved.horizons[0].delight_moments == ["Nimi muistetaan"]
    assert saved.horizons[0].churn_risks == ["Ei paikkaa"]
    assert saved.intended_pattern == "deepening"

    at.run()
    assert widget(at.text_area, f"{first.id}.essentials").value == (
        "Lämmin vastaanotto\nPöytä valmiina")
    at.switch_page("views/start.py").run()
    at.switch_page(PAGE).run()
    assert widget(at.text_area, f"{first.id}.target").value == "Tunnen olevani odotettu."
    assert widget(at.selectbox, f"{first.id}.rating").value == 2
    assert any("1. Ensikäynti" in m.value for m in at.markdown)

    again = open_app_with(concept, data_dir, page=PAGE)
    assert widget(again.text_input, f"{first.id}.label").value == "Ensikäynti"
    assert widget(again.radio, "experience.pattern").value == "deepening"


def test_horizons_can_be_added_moved_and_removed(data_dir):
    concept = Concept(name="Jaksot")
    ids = [h.id for h in concept.experience.horizons]
    at = open_app_with(concept, data_dir, page=PAGE)
    widget(at.button, "experience.add").click().run()
    assert len(stored(data_dir, concept.id).experience.horizons) == 5
    widget(at.button, f"{ids[0]}.down").click().run()
    order = [h.id for h in stored(data_dir, concept.id).experience.horizons]
    assert order[:2] == [ids[1], ids[0]]
    widget(at.button, f"{ids[3]}.remove").click().run()
    order = [h.id for h in stored(data_dir, concept.id).experience.horizons]
    assert ids[3] not in order and len(order) == 4
    assert not at.exception


def test_touchpoints_are_linked_to_a_horizon_from_the_journey(data_dir):
    tp = Touchpoint(name="Kuukausiviesti", channel="email")
    concept = Concept(name="Linkit", journeys=[Journey(profile_id="p", touchpoints=[tp])])
    year = concept.experience.horizons[2]
    at = open_app_with(concept, data_dir, page=PAGE)
    widget(at.multiselect, f"{year.id}.touchpoints").set_value([tp.id]).run()
    assert stored(data_dir, concept.id).all_touchpoints()[0].horizon_ids == [year.id]


def test_checks_show_as_advice_in_finnish(data_dir):
    concept = Concept(name="Neuvot")
    concept.experience.horizons[1].target_experience = "Tuttu"
    at = open_app_with(concept, data_dir, page=PAGE, lang="fi")
    assert at.title[0].value == "Asiakaskokemus ajassa"
    assert any("Ensimmäisestä jaksosta" in w.value for w in at.info)
    assert widget(at.text_input, f"{concept.experience.horizons[0].id}.label").placeholder == (
        "Ensimmäiset hetket")


def test_profile_essentials_from_step_one_are_shown_for_reference(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    assert any("Rauha, Varma istumapaikka, Nopea verkko" in c.value for c in at.caption)


def test_removing_a_horizon_also_removes_its_touchpoint_links():
    from concept.ui.experience import move_horizon, remove_horizon

    concept = Concept(name="Siivous")
    first, second = concept.experience.horizons[:2]
    tp = Touchpoint(name="Tervetulo", horizon_ids=[first.id, second.id])
    concept.journeys = [Journey(profile_id="p", touchpoints=[tp])]
    remove_horizon(concept, first.id)
    assert tp.horizon_ids == [second.id]
    assert concept.experience.horizons[0] is second
    move_horizon(concept.experience, second.id, -1)  # already first: nothing moves
    assert concept.experience.horizons[0] is second
