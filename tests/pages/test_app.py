"""AppTest: the app starts, a concept is created, Next/Back walk the steps, language switches."""

import pytest

from concept.model import Concept
from concept.steps import STEPS
from concept.store import TinyDBConceptStore
from tests.helpers import button, open_app_with, start_app


def test_app_starts_on_the_start_page_in_english(data_dir):
    at = start_app()
    assert not at.exception
    assert at.title[0].value == "Start"
    assert any("No concepts yet" in i.value for i in at.info)


def test_a_concept_can_be_created_and_is_stored(data_dir):
    at = start_app()
    at.text_input[0].input("Kahvila Kulma")
    at.text_input[1].input("kahvila")
    at.text_input[2].input("etätyöläiset")
    button(at, "Create concept").click().run()
    assert not at.exception
    assert any("Kahvila Kulma" in s.value for s in at.success)
    stored = TinyDBConceptStore(data_dir).list()
    assert [s.name for s in stored] == ["Kahvila Kulma"]
    concept = TinyDBConceptStore(data_dir).load(stored[0].id)
    assert concept.idea.who == "etätyöläiset"
    assert at.query_params["c"] == [concept.id] or at.query_params["c"] == concept.id


def test_creating_without_a_name_is_refused(data_dir):
    at = start_app()
    button(at, "Create concept").click().run()
    assert any("name" in e.value for e in at.error)
    assert TinyDBConceptStore(data_dir).list() == []


def test_next_and_back_walk_every_step_in_order(data_dir):
    at = open_app_with(Concept(name="Polku"), data_dir)
    titles = [at.title[0].value]
    for _ in STEPS[1:]:
        button(at, "Next").click().run()
        assert not at.exception
        titles.append(at.title[0].value)
    from concept.i18n import t
    assert titles == [t(s.title_key, "en") for s in STEPS]
    assert not [b for b in at.button if b.label.startswith("Next")]
    for _ in STEPS[1:]:
        button(at, "Back").click().run()
    assert at.title[0].value == "Start"


def test_language_switch_changes_visible_texts(data_dir):
    at = start_app()
    assert at.title[0].value == "Start"
    at.button_group(key="lang_switch").set_value("fi").run()
    assert at.title[0].value == "Aloitus"
    assert any("Luo konsepti" == b.label for b in at.button)


def test_language_switch_back_to_english(data_dir):
    # The other direction, from a session that starts in Finnish.
    at = start_app(lang="fi")
    assert at.title[0].value == "Aloitus"
    at.button_group(key="lang_switch").set_value("en").run()
    assert at.title[0].value == "Start"


def test_editing_the_idea_saves_at_once_and_survives_a_new_session(data_dir):
    concept = Concept(name="Tallennus")
    at = open_app_with(concept, data_dir)
    who = next(a for a in at.text_area if a.label.startswith("Who"))
    who.input("Naapuruston etätyöläiset").run()
    assert TinyDBConceptStore(data_dir).load(concept.id).idea.who == "Naapuruston etätyöläiset"
    again = open_app_with(concept, data_dir)  # a reload: a new session with ?c=<id>
    who = next(a for a in again.text_area if a.label.startswith("Who"))
    assert who.value == "Naapuruston etätyöläiset"


def test_stale_save_shows_a_clear_message_and_keeps_the_stored_text(data_dir):
    concept = Concept(name="Kaksi välilehteä")
    at = open_app_with(concept, data_dir)
    other_tab = TinyDBConceptStore(data_dir).load(concept.id)
    other_tab.idea.how = "toisesta välilehdestä"
    TinyDBConceptStore(data_dir).save(other_tab)
    who = next(a for a in at.text_area if a.label.startswith("Who"))
    who.input("tästä välilehdestä").run()
    assert any("another browser tab" in e.value for e in at.error)
    stored = TinyDBConceptStore(data_dir).load(concept.id)
    assert stored.idea.how == "toisesta välilehdestä" and stored.idea.who == ""
    button(at, "Keep this version").click().run()
    stored = TinyDBConceptStore(data_dir).load(concept.id)
    assert stored.idea.who == "tästä välilehdestä"


def test_duplicate_and_rename(data_dir):
    concept = Concept(name="Alkuperäinen")
    at = open_app_with(concept, data_dir)
    button(at, "Duplicate").click().run()
    names = sorted(s.name for s in TinyDBConceptStore(data_dir).list())
    assert names == ["Alkuperäinen", "Alkuperäinen (copy)"]
    at.button(key=f"rename_start_{concept.id}").click().run()  # the row shows a name field
    rename_box = at.text_input(key=f"rename_{concept.id}")
    rename_box.input("Uusi nimi")
    at.button(key=f"rename_save_{concept.id}").click().run()
    assert TinyDBConceptStore(data_dir).load(concept.id).name == "Uusi nimi"


def test_step_page_without_an_open_concept_points_to_start(data_dir):
    at = start_app()
    at.switch_page("views/profiles.py").run()
    assert not at.exception
    assert any("No concept is open" in i.value for i in at.info)


def test_coming_back_offers_the_latest_concept(data_dir):
    store = TinyDBConceptStore(data_dir)
    store.create(Concept(name="Vanha"))
    store.create(Concept(name="Uusin"))
    at = start_app()  # a new session without ?c=: the user comes back another day
    assert any("Continue where you left off: **Uusin**" in m.value for m in at.markdown)
    button(at, "Continue").click().run()
    assert any("Open concept: Uusin" in s.value for s in at.header)


def test_chosen_language_is_kept_in_the_address_for_a_reload(data_dir):
    at = start_app()
    at.button_group(key="lang_switch").set_value("fi").run()
    assert at.query_params["lang"] in ("fi", ["fi"])
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_DIR
    reloaded = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=60)
    reloaded.query_params["lang"] = "fi"  # a new session opened from the same address
    reloaded.run()
    assert reloaded.title[0].value == "Aloitus"


def test_every_step_with_checks_heads_its_advice_with_the_same_words(data_dir):
    concept = Concept(name="Neuvot")
    pages = ["profiles", "journey", "purchase", "experience", "relationships", "competition",
             "value"]
    at = open_app_with(concept, data_dir, lang="fi")
    for page in pages:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, page
        headings = [h.value for h in at.header]
        assert headings.count("Vinkit") == 1, (page, headings)


@pytest.mark.parametrize("bad_id", ["a" * 251, "a" * 4000, "../../etc/passwd", "ä" * 30,
                                    "x%00y", "<script>"])
def test_a_long_or_odd_concept_id_in_the_address_is_an_unknown_concept(data_dir, bad_id):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_DIR
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.query_params["c"] = bad_id
    at.run()
    assert not at.exception
    assert at.title[0].value == "Start"
    assert "c" not in at.query_params  # it does not stay in the address
    at.switch_page("views/profiles.py").run()
    assert not at.exception
    assert any("No concept is open" in i.value for i in at.info)
