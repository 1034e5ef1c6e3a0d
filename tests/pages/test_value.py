"""AppTest: the value-proposition step is filled in, survives reruns, page switches and the
store; the statement is filled from a template without overwriting the user's text."""

from concept.model import Concept, CustomerProfile, Gain, Pain, StopItem
from tests.helpers import open_app_with, stored

PAGE = "views/value.py"


def widget(elements, suffix: str):
    matches = [w for w in elements if w.key and w.key.endswith(suffix)]
    assert matches, f"no widget with key ending {suffix!r}"
    return matches[0]


def simple_concept() -> Concept:
    profile = CustomerProfile(name="Etätyöläinen", is_primary=True,
                              pains=[Pain(text="Melu", severity=5)],
                              gains=[Gain(text="Varattu paikka", relevance=5)])
    concept = Concept(name="Kulma", profiles=[profile])
    concept.idea.who = "Naapuruston etätyöläiset"
    concept.stop_list = [StopItem(text="Olutlista")]
    return concept


def test_fields_save_and_survive_rerun_switch_and_reload(data_dir):
    concept = simple_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    widget(at.text_input, "value.promise").input("Paikkasi odottaa.")
    widget(at.text_area, "value.reasons").input("Varausjärjestelmä\nNimet tiedossa")
    widget(at.text_area, "value.final.who").input("Etätyöläiset Kalliossa")
    widget(at.text_area, "value.final.how").input("Pöytävaraus verkossa")
    widget(at.text_input, "value.category").input("työskentelykahvila")
    widget(at.text_area, "value.differentiation").input("Ainoa varattava kahvila")
    widget(at.text_area, "value.short_description").input("Lyhyt kuvaus.")
    at.run()
    widget(at.radio, "value.template").set_value("moore").run()
    widget(at.button, "value.stop." + concept.stop_list[0].id).click().run()
    assert not at.exception

    saved = stored(data_dir, concept.id)
    assert saved.value_proposition.key_promise == "Paikkasi odottaa."
    assert saved.value_proposition.reasons_to_believe == ["Varausjärjestelmä", "Nimet tiedossa"]
    assert saved.value_proposition.statement_template == "moore"
    assert saved.description.who == "Etätyöläiset Kalliossa"
    assert saved.description.how == "Pöytävaraus verkossa"
    assert saved.description.category == "työskentelykahvila"
    assert saved.description.differentiation == "Ainoa varattava kahvila"
    assert saved.description.short_description == "Lyhyt kuvaus."
    assert [(e.text, e.from_stop_item_id) for e in saved.description.exclusions] == [
        ("Olutlista", concept.stop_list[0].id)]

    # The starting idea of step 0 is shown beside the final answer.
    assert any("Naapuruston etätyöläiset" in c.value for c in at.caption)
    at.run()
    assert widget(at.text_input, "value.promise").value == "Paikkasi odottaa."
    at.switch_page("views/start.py").run()
    at.switch_page(PAGE).run()
    assert widget(at.text_area, "value.final.who").value == "Etätyöläiset Kalliossa"
    again = open_app_with(concept, data_dir, page=PAGE)
    assert widget(again.radio, "value.template").value == "moore"
    assert widget(again.text_area, "value.reasons").value == "Varausjärjestelmä\nNimet tiedossa"


def test_fill_from_template_fills_an_empty_statement_in_finnish(data_dir, cafe):
    cafe.value_proposition.statement = ""
    cafe.value_proposition.statement_template = "moore"
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    widget(at.button, "value.fill_statement").click().run()
    assert not at.exception
    text = stored(data_dir, cafe.id).value_proposition.statement
    assert text.startswith("Kahvila Kulma on työskentelykahvila kohderyhmälle")
    assert widget(at.text_area, "value.statement").value == text


def test_fill_from_template_asks_before_replacing_the_users_text(data_dir, cafe):
    cafe.value_proposition.statement = "Oma muotoiluni."
    at = open_app_with(cafe, data_dir, page=PAGE)
    widget(at.button, "value.fill_statement").click().run()
    assert not at.exception
    assert any("Replace it with this draft?" in m.value for m in at.markdown)
    assert stored(data_dir, cafe.id).value_proposition.statement == "Oma muotoiluni."
    assert widget(at.text_area, "value.statement").value == "Oma muotoiluni."


def test_fit_figure_and_advice_are_shown(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE)
    assert at.metric[0].value == "40 %"
    assert any("Only 2 of 5 top pains and gains (40 %)" in w.value for w in at.info)
    assert any("Olutlista" in b.label for b in at.button)


def test_profile_chooser_defaults_to_the_primary_and_switches(data_dir, cafe):
    family = cafe.profiles[1]
    at = open_app_with(cafe, data_dir, page=PAGE)
    chooser = widget(at.selectbox, "value.profile")
    assert chooser.value == cafe.profiles[0].id
    chooser.set_value(family.id).run()
    assert stored(data_dir, cafe.id).value_proposition.profile_id == family.id
    assert at.metric[0].value == "0 %"


def test_quality_self_check_scores_are_stored_and_low_ones_advised(data_dir):
    concept = simple_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    widget(at.segmented_control, "value.quality.hard_to_copy").set_value(1).run()
    assert not at.exception
    assert stored(data_dir, concept.id).value_proposition.quality_self_check.hard_to_copy == 1
    advice = [box.value for box in at.info]
    assert any("Is difficult to copy" in text for text in advice), advice
